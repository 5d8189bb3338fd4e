#pragma once

#include "../AuthLevel.h"
#include "../Result.h"
#include "../User.h"

#include <QJsonObject>
#include <optional>

namespace librarian {

// A new account's name: 1 to 64 of A-Z a-z 0-9 . _ - @. It travels in HTTP Basic credentials
// (no ':'), names a librarian in pairing and shows in logs and tables, so nothing else is allowed.
Status validateUserName(const QString &username);
inline constexpr qsizetype kMaxUserNameLength = 64;

struct UserCreateRequest // /users/create: the user name is validated here
{
    QString username;
    QString password;
    AuthLevel level = AuthLevel::None; // "permission" on the wire (int)
    QJsonObject toJson() const;
    static Result<UserCreateRequest> fromJson(const QJsonObject &json);
};

struct UserUpdateRequest // /users/update
{
    QString username;
    std::optional<QString> password;
    std::optional<AuthLevel> level;
    QJsonObject toJson() const;
    static Result<UserUpdateRequest> fromJson(const QJsonObject &json);
};

struct UserNameRequest // /users/delete, /users/get
{
    QString username;
    QJsonObject toJson() const;
    static Result<UserNameRequest> fromJson(const QJsonObject &json);
};

struct PasswordUpdateRequest // /users/password_update (changes the caller's own password)
{
    QString password; // current
    QString newPassword;
    QJsonObject toJson() const;
    static Result<PasswordUpdateRequest> fromJson(const QJsonObject &json);
};

struct UserResponse // {success, username}
{
    bool success = false;
    QString username;
    QJsonObject toJson() const;
    static Result<UserResponse> fromJson(const QJsonObject &json);
};

// /users/list (ours): {"users": [{username, permission}, ...]}, never a password hash.
QJsonObject usersToJson(const QList<User> &users);
Result<QList<User>> usersFromJson(const QJsonObject &json);

} // namespace librarian
