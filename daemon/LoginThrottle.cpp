#include "LoginThrottle.h"

#include <algorithm>

namespace librarian {

qint64 LoginThrottle::waitFor(const QHash<QString, Record> &table, const QString &key, int freeFailures,
                              qint64 nowMs) const
{
    const auto found = table.constFind(key);
    if (found == table.cend() || found->failures < freeFailures || nowMs - found->lastFailureMs > m_limits.forgetAfterMs)
        return 0;
    const int doublings = std::min(found->failures - freeFailures, 30);
    const qint64 delay = std::min(m_limits.firstDelayMs << doublings, m_limits.maxDelayMs);
    return std::max<qint64>(0, found->lastFailureMs + delay - nowMs);
}

qint64 LoginThrottle::waitMs(const QHostAddress &address, const QString &account, qint64 nowMs) const
{
    return std::max(waitFor(m_byAddress, address.toString(), m_limits.freeFailuresPerAddress, nowMs),
                    waitFor(m_byAccount, account, m_limits.freeFailuresPerAccount, nowMs));
}

void LoginThrottle::failed(const QHostAddress &address, const QString &account, qint64 nowMs)
{
    prune(nowMs);
    for (auto *record : {&m_byAddress[address.toString()], &m_byAccount[account]}) {
        if (nowMs - record->lastFailureMs > m_limits.forgetAfterMs)
            record->failures = 0;
        ++record->failures;
        record->lastFailureMs = nowMs;
    }
}

void LoginThrottle::succeeded(const QHostAddress &address, const QString &account)
{
    m_byAddress.remove(address.toString());
    m_byAccount.remove(account);
}

// Bounds memory under a flood of made-up account names: old records go once a minute.
void LoginThrottle::prune(qint64 nowMs)
{
    if (nowMs - m_lastPruneMs < 60 * 1000)
        return;
    m_lastPruneMs = nowMs;
    for (auto *table : {&m_byAddress, &m_byAccount})
        table->removeIf([&](const auto &it) { return nowMs - it.value().lastFailureMs > m_limits.forgetAfterMs; });
}

} // namespace librarian
