#include "StagingClaims.h"

namespace librarian {

StagingClaims &StagingClaims::instance()
{
    static StagingClaims claims;
    return claims;
}

StagingClaims::Claim::~Claim()
{
    if (!m_key.isEmpty())
        StagingClaims::instance().release(m_key, m_commit);
}

StagingClaims::Claim &StagingClaims::Claim::operator=(Claim &&other) noexcept
{
    if (this != &other) {
        if (!m_key.isEmpty())
            StagingClaims::instance().release(m_key, m_commit);
        m_key = std::exchange(other.m_key, QString());
        m_commit = other.m_commit;
    }
    return *this;
}

std::optional<StagingClaims::Claim> StagingClaims::claimWrite(const QString &stagedPath)
{
    QMutexLocker lock(&m_mutex);
    Users &users = m_users[stagedPath];
    if (users.committing)
        return std::nullopt;
    ++users.writers;
    return Claim(stagedPath, false);
}

std::optional<StagingClaims::Claim> StagingClaims::claimCommit(const QString &stagedPath)
{
    QMutexLocker lock(&m_mutex);
    Users &users = m_users[stagedPath];
    if (users.committing || users.writers > 0)
        return std::nullopt;
    users.committing = true;
    return Claim(stagedPath, true);
}

int StagingClaims::writers(const QString &stagedPath) const
{
    QMutexLocker lock(&m_mutex);
    return m_users.value(stagedPath).writers;
}

void StagingClaims::release(const QString &key, bool commit)
{
    QMutexLocker lock(&m_mutex);
    auto it = m_users.find(key);
    if (it == m_users.end())
        return;
    if (commit)
        it->committing = false;
    else
        --it->writers;
    if (!it->committing && it->writers <= 0)
        m_users.erase(it);
}

} // namespace librarian
