#pragma once

#include <QHash>
#include <QHostAddress>
#include <QString>

namespace librarian {

// Slows down password guessing: after a few failures from one address, or many against one
// account, further attempts are refused (429 with Retry-After) for a time that doubles with each
// failure, up to a cap, without running scrypt. A success clears the address and the account.
// Only the event loop's thread uses it.
class LoginThrottle
{
public:
    struct Limits
    {
        int freeFailuresPerAddress = 5;
        int freeFailuresPerAccount = 20; // higher, so one guessing address cannot lock a user out
        qint64 firstDelayMs = 1000;
        qint64 maxDelayMs = 60 * 1000;
        qint64 forgetAfterMs = 15 * 60 * 1000;
    };
    LoginThrottle() = default;
    explicit LoginThrottle(Limits limits) : m_limits(limits) {}

    // Milliseconds until `address` may try `account` again; 0 if it may now.
    qint64 waitMs(const QHostAddress &address, const QString &account, qint64 nowMs) const;
    void failed(const QHostAddress &address, const QString &account, qint64 nowMs);
    void succeeded(const QHostAddress &address, const QString &account);

private:
    struct Record
    {
        int failures = 0;
        qint64 lastFailureMs = 0;
    };
    qint64 waitFor(const QHash<QString, Record> &table, const QString &key, int freeFailures, qint64 nowMs) const;
    void prune(qint64 nowMs);

    Limits m_limits;
    QHash<QString, Record> m_byAddress;
    QHash<QString, Record> m_byAccount;
    qint64 m_lastPruneMs = 0;
};

} // namespace librarian
