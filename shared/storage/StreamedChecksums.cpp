#include "StreamedChecksums.h"

#include "crypto/FileChecksum.h"
#include "crypto/Hasher.h"

#include <QFile>
#include <QLoggingCategory>

#include <sys/stat.h>

Q_LOGGING_CATEGORY(lcStreamed, "librarian.checksums")

namespace librarian {

struct StreamedChecksums::Entry
{
    qint64 transferId = -1;
    std::optional<ChecksumAlgorithm> algorithm;
    std::unique_ptr<Hasher> hasher; // covers bytes [0, hashed) while it streams; null once spoilt
    qint64 hashed = 0;
    std::optional<Checksum> digest; // the finished stream or a re-read, valid while the file is `state`
    std::optional<FileState> state; // the file when its writer closed it or it was re-read
    quint64 version = 0;            // changes with every write, so a re-read that overlapped one is not kept
    quint64 used = 0;
};

StreamedChecksums &StreamedChecksums::instance()
{
    static StreamedChecksums registry;
    return registry;
}

StreamedChecksums::StreamedChecksums(int capacity) : m_capacity(std::max(1, capacity)) {}

StreamedChecksums::~StreamedChecksums() = default;

std::optional<StreamedChecksums::FileState> StreamedChecksums::stateOf(const QString &path)
{
    struct stat st;
    if (::stat(QFile::encodeName(path).constData(), &st) != 0)
        return std::nullopt;
    FileState state;
    state.device = quint64(st.st_dev);
    state.inode = quint64(st.st_ino);
    state.size = qint64(st.st_size);
    state.mtimeNs = qint64(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
    state.directory = S_ISDIR(st.st_mode);
    return state;
}

StreamedChecksums::Entry &StreamedChecksums::entryFor(const QString &stagedPath, qint64 transferId)
{
    auto it = m_entries.find(stagedPath);
    if (it == m_entries.end()) {
        if (m_entries.size() >= m_capacity) {
            // Full: the least recently used entry goes. Rare and bounded, so a scan will do.
            auto oldest = m_entries.begin();
            for (auto e = m_entries.begin(); e != m_entries.end(); ++e)
                if ((*e)->used < (*oldest)->used)
                    oldest = e;
            m_entries.erase(oldest);
        }
        it = m_entries.insert(stagedPath, std::make_shared<Entry>());
    }
    Entry &entry = **it;
    if (entry.transferId != transferId) {
        entry = Entry();
        entry.transferId = transferId;
        entry.version = ++m_serial;
    }
    entry.used = ++m_serial;
    return entry;
}

quint64 StreamedChecksums::willWrite(const QString &stagedPath, qint64 transferId,
                                     std::optional<ChecksumAlgorithm> algorithm, qint64 offset)
{
    QMutexLocker lock(&m_mutex);
    Entry &entry = entryFor(stagedPath, transferId);
    // The first write after the writer closed the file: if the file changed since (someone else
    // wrote into it), the hashed prefix may no longer be what is on disk.
    const bool changedBehindOurBack = entry.state && stateOf(stagedPath) != entry.state;
    entry.version = ++m_serial;
    entry.digest.reset();
    entry.state.reset();
    if (!algorithm) {
        entry.hasher.reset();
    } else if (offset == 0) {
        // Bytes from the start in order cover the file again, whatever it held before.
        entry.algorithm = algorithm;
        entry.hasher = std::make_unique<Hasher>(*algorithm);
        entry.hashed = 0;
    } else if (!entry.hasher || offset != entry.hashed || entry.algorithm != algorithm || changedBehindOurBack) {
        if (entry.hasher)
            qCDebug(lcStreamed).noquote() << "write at" << offset << "after" << entry.hashed << "hashed bytes of"
                                          << stagedPath << "breaks the stream: it will be re-read";
        entry.hasher.reset();
    }
    return entry.version;
}

void StreamedChecksums::wrote(const QString &stagedPath, quint64 ticket, const char *data, qint64 size)
{
    QMutexLocker lock(&m_mutex);
    auto it = m_entries.find(stagedPath);
    if (it == m_entries.end())
        return;
    Entry &entry = **it;
    if (!entry.hasher)
        return;
    if (entry.version != ticket) {
        // Another write came between this one's willWrite and now: which bytes landed last is unknown.
        entry.hasher.reset();
        return;
    }
    entry.hasher->addData(data, size);
    entry.hashed += size;
}

void StreamedChecksums::closed(const QString &stagedPath)
{
    const auto state = stateOf(stagedPath);
    QMutexLocker lock(&m_mutex);
    auto it = m_entries.find(stagedPath);
    if (it == m_entries.end() || !(*it)->hasher)
        return;
    (*it)->state = state;
}

Result<Checksum> StreamedChecksums::checksumOfStaged(const QString &stagedPath, qint64 transferId,
                                                     ChecksumAlgorithm algorithm, qint64 expectedSize)
{
    const auto before = stateOf(stagedPath);
    quint64 version = 0;
    if (before && !before->directory) {
        QMutexLocker lock(&m_mutex);
        Entry &entry = entryFor(stagedPath, transferId);
        if (entry.state == before && entry.algorithm == algorithm) {
            if (entry.digest) {
                qCDebug(lcStreamed).noquote() << "checksum of" << stagedPath << "known from before";
                return *entry.digest;
            }
            if (entry.hasher && entry.hashed == before->size && before->size == expectedSize) {
                entry.digest = entry.hasher->result();
                entry.hasher.reset();
                qCDebug(lcStreamed).noquote() << "checksum of" << stagedPath << "computed while its bytes arrived";
                return *entry.digest;
            }
        }
        version = entry.version;
    }
    {
        QMutexLocker lock(&m_mutex);
        ++m_rereads;
    }
    qCDebug(lcStreamed).noquote() << "re-reading" << stagedPath << "to check its checksum";
    auto computed = checksumOfPath(stagedPath, algorithm);
    // A folder's state says nothing about the files inside it, so only a file's result is kept,
    // and only if neither this registry nor the file's state saw a write while it was read.
    if (!computed || !before || before->directory || stateOf(stagedPath) != before)
        return computed;
    QMutexLocker lock(&m_mutex);
    auto it = m_entries.find(stagedPath);
    if (it != m_entries.end() && (*it)->version == version && (*it)->transferId == transferId) {
        (*it)->digest = *computed;
        (*it)->algorithm = algorithm;
        (*it)->state = before;
    }
    return computed;
}

void StreamedChecksums::forgetUnder(const QString &stagingFolder)
{
    // Two ranges of the ordered map, not a walk over every entry: a commit forgets each of its files
    // here while the data plane waits for the same mutex.
    const QString prefix = stagingFolder + QLatin1Char('/');
    QMutexLocker lock(&m_mutex);
    m_entries.remove(stagingFolder);
    for (auto it = m_entries.lowerBound(prefix); it != m_entries.end() && it.key().startsWith(prefix);)
        it = m_entries.erase(it);
}

quint64 StreamedChecksums::rereads() const
{
    QMutexLocker lock(&m_mutex);
    return m_rereads;
}

int StreamedChecksums::size() const
{
    QMutexLocker lock(&m_mutex);
    return int(m_entries.size());
}

} // namespace librarian
