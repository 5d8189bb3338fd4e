#include "UserMessages.h"

#include "../JsonReader.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QRegularExpression>

namespace librarian {

namespace {
Result<AuthLevel> levelFrom(qint64 permission)
{
    const auto level = authLevelFromInt(int(permission));
    if (!level)
        return ApiError::badRequest(
            QCoreApplication::translate("UserMessages", "Unknown permission level %1.").arg(permission),
            QCoreApplication::translate("UserMessages", "Use 0, 1, 2, 3, 4 or 100."));
    return *level;
}
} // namespace

Status validateUserName(const QString &username)
{
    static const QRegularExpression pattern(
        QRegularExpression::anchoredPattern(QStringLiteral("[A-Za-z0-9._@-]{1,%1}").arg(kMaxUserNameLength)));
    if (!pattern.match(username).hasMatch())
        return ApiError::badRequest(
            QCoreApplication::translate("UserMessages",
                                        "Invalid user name '%1': use 1 to %2 letters, digits, '.', '_', '-' or '@'.")
                .arg(username.left(100))
                .arg(kMaxUserNameLength),
            QCoreApplication::translate("UserMessages", "For example source_librarian or alice@example.org."));
    return Ok{};
}

QJsonObject UserCreateRequest::toJson() const
{
    return {{QStringLiteral("username"), username},
            {QStringLiteral("password"), password},
            {QStringLiteral("permission"), int(level)}};
}

Result<UserCreateRequest> UserCreateRequest::fromJson(const QJsonObject &json)
{
    JsonReader r(json);
    UserCreateRequest q;
    q.username = r.string(QStringLiteral("username"), kMaxNameLength);
    q.password = r.string(QStringLiteral("password"));
    const qint64 permission = r.integer(QStringLiteral("permission"));
    if (!r.ok())
        return r.error();
    if (auto name = validateUserName(q.username); !name)
        return name.error();
    auto level = levelFrom(permission);
    if (!level)
        return level.error();
    q.level = *level;
    return q;
}

QJsonObject UserUpdateRequest::toJson() const
{
    QJsonObject o{{QStringLiteral("username"), username}};
    if (password)
        o.insert(QStringLiteral("password"), *password);
    if (level)
        o.insert(QStringLiteral("permission"), int(*level));
    return o;
}

Result<UserUpdateRequest> UserUpdateRequest::fromJson(const QJsonObject &json)
{
    JsonReader r(json);
    UserUpdateRequest q;
    q.username = r.string(QStringLiteral("username"), kMaxNameLength);
    if (r.has(QStringLiteral("password")))
        q.password = r.string(QStringLiteral("password"));
    const auto permission = r.optionalInteger(QStringLiteral("permission"));
    if (!r.ok())
        return r.error();
    if (permission) {
        auto level = levelFrom(*permission);
        if (!level)
            return level.error();
        q.level = *level;
    }
    return q;
}

QJsonObject UserNameRequest::toJson() const
{
    return {{QStringLiteral("username"), username}};
}

Result<UserNameRequest> UserNameRequest::fromJson(const QJsonObject &json)
{
    JsonReader r(json);
    UserNameRequest q;
    q.username = r.string(QStringLiteral("username"), kMaxNameLength);
    if (!r.ok())
        return r.error();
    return q;
}

QJsonObject PasswordUpdateRequest::toJson() const
{
    return {{QStringLiteral("password"), password}, {QStringLiteral("new_password"), newPassword}};
}

Result<PasswordUpdateRequest> PasswordUpdateRequest::fromJson(const QJsonObject &json)
{
    JsonReader r(json);
    PasswordUpdateRequest q;
    q.password = r.string(QStringLiteral("password"));
    q.newPassword = r.string(QStringLiteral("new_password"));
    if (!r.ok())
        return r.error();
    return q;
}

QJsonObject UserResponse::toJson() const
{
    return {{QStringLiteral("success"), success}, {QStringLiteral("username"), username}};
}

Result<UserResponse> UserResponse::fromJson(const QJsonObject &json)
{
    JsonReader r(json);
    UserResponse q;
    q.success = r.boolean(QStringLiteral("success"));
    q.username = r.optionalString(QStringLiteral("username"));
    if (!r.ok())
        return r.error();
    return q;
}

QJsonObject usersToJson(const QList<User> &users)
{
    QJsonArray list;
    for (const User &u : users)
        list.append(u.toJson());
    return {{QStringLiteral("users"), list}};
}

Result<QList<User>> usersFromJson(const QJsonObject &json)
{
    JsonReader r(json, QStringLiteral("users"));
    const QJsonArray list = r.array(QStringLiteral("users"));
    if (!r.ok())
        return r.error();
    QList<User> users;
    for (const QJsonValue &v : list) {
        auto u = User::fromJson(v.toObject());
        if (!u)
            return u.error();
        users.append(*u);
    }
    return users;
}

} // namespace librarian
