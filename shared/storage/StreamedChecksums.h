#pragma once

#include "crypto/Checksum.h"

#include <QMap>
#include <QMutex>
#include <QString>
#include <memory>
#include <optional>

namespace librarian {

class Hasher;

// Checksums of staged files computed while their bytes arrive, so that verifying them (the STAGED
// check, an upload's commit, receive_clone) need not read the bytes again. Process-wide, keyed by
// the staged path (and transfer id), like StagingClaims.
//
// A streamed result is used only if it covers exactly bytes [0, size) of the file as it is on
// disk, written in order: a write at the end of what was hashed continues the hash, one at offset
// 0 starts it over, anything else (a chunk re-sent below the hashed length, a failed write, a
// resume after a restart) leaves the file to be re-read. A re-read's result is remembered too,
// with the file's identity, size and mtime, so a STAGED check and the later receive_clone of the
// same unchanged file hash it once between them. A forgotten entry only costs a re-read.
class StreamedChecksums
{
public:
    static constexpr int kDefaultCapacity = 10000;
    static StreamedChecksums &instance();
    explicit StreamedChecksums(int capacity = kDefaultCapacity);
    ~StreamedChecksums();
    StreamedChecksums(const StreamedChecksums &) = delete;
    StreamedChecksums &operator=(const StreamedChecksums &) = delete;

    // The writer's side, around each block it writes. willWrite() comes before the bytes change:
    // from then on no earlier result is used. It returns a ticket for wrote(), which feeds the
    // bytes that landed at `offset` and counts only if nothing else was written in between.
    // Without an algorithm (an unparsable staged checksum) the file is simply not hashed.
    quint64 willWrite(const QString &stagedPath, qint64 transferId, std::optional<ChecksumAlgorithm> algorithm,
                      qint64 offset);
    void wrote(const QString &stagedPath, quint64 ticket, const char *data, qint64 size);
    // The writer closed the file (after a failed write too: willWrite() alone already spoilt the
    // hash). Records the file's state, so a later change behind the writer's back is noticed.
    void closed(const QString &stagedPath);

    // The checksum of the staged file (or folder) of transfer `transferId`: the streamed one if it
    // covers the file as it is and `expectedSize` bytes, or one remembered for the unchanged file;
    // otherwise reads the bytes (checksumOfPath). Slow then: call off the event loop.
    Result<Checksum> checksumOfStaged(const QString &stagedPath, qint64 transferId, ChecksumAlgorithm algorithm,
                                      qint64 expectedSize);

    // Drops what is known about `stagingFolder` and everything under it (its staging is gone).
    void forgetUnder(const QString &stagingFolder);

    // How many times checksumOfStaged() had to read the bytes (for tests and logs).
    quint64 rereads() const;
    int size() const;

private:
    // What identifies the bytes of a file cheaply: the same inode, size and mtime.
    struct FileState
    {
        quint64 device = 0;
        quint64 inode = 0;
        qint64 size = -1;
        qint64 mtimeNs = 0;
        bool directory = false;
        bool operator==(const FileState &) const = default;
    };
    struct Entry;
    static std::optional<FileState> stateOf(const QString &path);
    // Finds or makes the entry of `stagedPath` for `transferId` (starting over for another id);
    // the oldest entry goes when the registry is full. Called with m_mutex held.
    Entry &entryFor(const QString &stagedPath, qint64 transferId);

    int m_capacity;
    mutable QMutex m_mutex;
    QMap<QString, std::shared_ptr<Entry>> m_entries; // ordered: forgetUnder() takes a range
    quint64 m_serial = 0; // orders entries by last use and versions their contents
    quint64 m_rereads = 0;
};

} // namespace librarian
