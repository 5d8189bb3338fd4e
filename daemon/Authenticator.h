#pragma once

#include "db/Database.h"
#include "model/Result.h"
#include "model/User.h"

#include <QByteArray>
#include <QHash>

namespace librarian {

// Checks HTTP Basic credentials against the users table. scrypt costs ~0.1 s by design, so a
// successful check is remembered for a few minutes as a salted SHA-256 of the password (never the
// password itself); a chunked upload then pays the KDF once, not once per chunk.
class Authenticator
{
public:
    explicit Authenticator(const Database &database);

    // 401 for missing/wrong credentials, 403 for a level below `required`. With
    // required == NONE anybody passes (as the reference's /ping/) and gets level NONE unless the
    // credentials are valid.
    Result<User> authenticate(const QByteArray &authorizationHeader, AuthLevel required);

    // Called whenever an account changes so a stale cached login cannot outlive it.
    void forget(const QString &username);

private:
    struct Entry
    {
        QByteArray digest;
        User user;
        qint64 expiresMs = 0;
    };
    QByteArray digestOf(const QString &password) const;
    Result<User> verify(const QString &username, const QString &password);

    const Database &m_database;
    QByteArray m_salt;
    QHash<QString, Entry> m_cache;
};

} // namespace librarian
