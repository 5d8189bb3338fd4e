#include "PingMessages.h"

#include "../JsonReader.h"

#include <QCoreApplication>

namespace librarian {

QJsonObject PingResponse::toJson() const
{
    QJsonObject json{{QStringLiteral("name"), name},
                     {QStringLiteral("description"), description},
                     {QStringLiteral("librarian_name"), librarianName}};
    if (!user.isEmpty())
        json.insert(QStringLiteral("user"), user);
    if (userLevel)
        json.insert(QStringLiteral("user_level"), int(*userLevel));
    return json;
}

Result<PingResponse> PingResponse::fromJson(const QJsonObject &json)
{
    JsonReader r(json, QStringLiteral("ping"));
    PingResponse p;
    p.name = r.string(QStringLiteral("name"));
    p.description = r.optionalString(QStringLiteral("description"), {}, kMaxLongTextLength);
    p.librarianName = r.optionalString(QStringLiteral("librarian_name"));
    p.user = r.optionalString(QStringLiteral("user"));
    const auto level = r.optionalInteger(QStringLiteral("user_level"));
    if (!r.ok())
        return r.error();
    if (level) {
        p.userLevel = authLevelFromInt(int(*level));
        if (!p.userLevel)
            return ApiError::badRequest(QCoreApplication::translate("PingResponse", "Unknown user level %1.").arg(*level));
    }
    return p;
}

} // namespace librarian

namespace librarian {

QJsonObject HealthReport::toJson() const
{
    return {{QStringLiteral("status"), healthy ? QStringLiteral("ok") : QStringLiteral("degraded")},
            {QStringLiteral("name"), name},
            {QStringLiteral("version"), version}};
}

} // namespace librarian
