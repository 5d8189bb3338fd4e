#pragma once

#include <QHash>
#include <QMutex>
#include <QString>
#include <optional>

namespace librarian {

// Who is using a staged object right now, across the threads of this process: any number of
// data-plane writers, or one commit (or receive_clone), never both. A commit renames the staged
// file into the store, so a PUT still streaming into it would write into a published file; and two
// commits of one transfer would race for its row. Keyed by the staged path, which is unique. A
// commit also claims the path it publishes to, so that two transfers of one name never publish at
// once (nor one take the other's bytes there for a killed commit's).
class StagingClaims
{
public:
    static StagingClaims &instance();

    // Released when destroyed; move-only.
    class Claim
    {
    public:
        Claim(Claim &&other) noexcept : m_key(std::exchange(other.m_key, QString())), m_commit(other.m_commit) {}
        Claim &operator=(Claim &&other) noexcept;
        Claim(const Claim &) = delete;
        ~Claim();

    private:
        friend class StagingClaims;
        Claim(QString key, bool commit) : m_key(std::move(key)), m_commit(commit) {}
        QString m_key;
        bool m_commit;
    };

    // Empty while a commit holds `stagedPath`.
    std::optional<Claim> claimWrite(const QString &stagedPath);
    // Empty while a writer or another commit holds `stagedPath`.
    std::optional<Claim> claimCommit(const QString &stagedPath);
    int writers(const QString &stagedPath) const;

private:
    struct Users
    {
        int writers = 0;
        bool committing = false;
    };
    void release(const QString &key, bool commit);

    mutable QMutex m_mutex;
    QHash<QString, Users> m_users;
};

} // namespace librarian
