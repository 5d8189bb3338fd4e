#pragma once

#include "AuthLevel.h"
#include "Result.h"

#include <QJsonObject>

namespace librarian {

// An account on this librarian. Only the salted scrypt hash of the password is ever stored.
struct User
{
    QString username;
    QString passwordHash;
    AuthLevel level = AuthLevel::None;

    QJsonObject toJson() const; // {username, permission}; never the hash
    static Result<User> fromJson(const QJsonObject &json);
};

} // namespace librarian
