#pragma once

#include "LoginThrottle.h"
#include "db/Database.h"
#include "model/Result.h"
#include "model/User.h"

#include <QByteArray>
#include <QHash>
#include <QHostAddress>
#include <QObject>
#include <QPointer>
#include <QThreadPool>
#include <functional>

namespace librarian {

// Checks HTTP Basic credentials against the users table. scrypt costs ~0.1 s by design, so it runs
// off the event loop on a small pool of its own (a flood of guesses cannot starve other work), an
// unknown user costs the same as a wrong password (no account enumeration by timing), repeated
// failures are throttled (LoginThrottle), and a successful check is remembered for a few minutes
// as a salted SHA-256 of the password (never the password itself), so a chunked upload pays the
// KDF once, not once per chunk.
class Authenticator : public QObject
{
    Q_OBJECT
public:
    Authenticator(const Database &database, LoginThrottle::Limits limits, QObject *parent = nullptr);
    ~Authenticator() override;

    using Done = std::function<void(Result<User>)>;
    // 401 for missing/wrong credentials, 403 for a level below `required`, 429 while `from` or the
    // account is throttled. With required == NONE anybody passes (as the reference's /ping/) and
    // gets level NONE unless the credentials are valid. `done` runs on `context`'s thread: at once
    // when no scrypt is needed, else after the check (never if `context` is gone by then).
    void authenticate(const QByteArray &authorizationHeader, AuthLevel required, const QHostAddress &from,
                      QObject *context, Done done);

    // Called whenever an account changes so a stale cached login cannot outlive it.
    void forget(const QString &username);

    // How many password checks (scrypt) were started: concurrent identical logins share one.
    int checksStarted() const { return m_checksStarted; }

private:
    struct Entry
    {
        QByteArray digest;
        User user;
        qint64 expiresMs = 0;
    };
    QByteArray digestOf(const QString &password) const;
    Result<User> checkLevel(Result<User> user, AuthLevel required) const;

    const Database &m_database;
    QByteArray m_salt;
    QHash<QString, Entry> m_cache;
    struct Waiter
    {
        QPointer<QObject> context;
        AuthLevel required;
        QHostAddress from;
        Done done;
    };

    LoginThrottle m_throttle;
    QHash<QByteArray, QList<Waiter>> m_inFlight; // user + salted digest -> callers waiting for one check
    int m_checksStarted = 0;
    quint64 m_accountChanges = 0; // forget() calls, so a check that overlapped one is not cached
    QThreadPool m_pool;
};

} // namespace librarian
