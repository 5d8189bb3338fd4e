#include "User.h"

#include "JsonReader.h"

#include <QCoreApplication>

namespace librarian {

QJsonObject User::toJson() const
{
    return {{QStringLiteral("username"), username}, {QStringLiteral("permission"), int(level)}};
}

Result<User> User::fromJson(const QJsonObject &json)
{
    JsonReader r(json, QStringLiteral("user"));
    User u;
    u.username = r.string(QStringLiteral("username"));
    const qint64 permission = r.integer(QStringLiteral("permission"));
    if (!r.ok())
        return r.error();
    const auto level = authLevelFromInt(int(permission));
    if (!level)
        return ApiError::badRequest(
            QCoreApplication::translate("User", "Unknown permission level %1.").arg(permission));
    u.level = *level;
    return u;
}

} // namespace librarian
