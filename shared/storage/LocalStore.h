#pragma once

#include "model/Result.h"
#include "model/Store.h"

#include <QList>
#include <QSet>

namespace librarian {

// The file operations of one local store: per-transfer staging entries, atomic publication into
// the store, removal, free space. Every path is checked to stay strictly inside its root.
class LocalStore
{
public:
    explicit LocalStore(Store store);
    const Store &definition() const { return m_store; }

    Status ensureFolders() const;
    // Both roots exist, are folders and are writable.
    bool isAvailable() const;
    // Bytes usable: min over staging and store of free - total * (1 - report_full_fraction), >= 0;
    // -1 when the store is unavailable.
    qint64 freeSpace() const;

    struct StagingArea
    {
        QString stagingName;     // "<uuid>-<last part of the upload name>", an entry of the staging root
        QString stagingLocation; // <staging>/<stagingName>, created by whoever writes the bytes
    };
    // InsufficientStorage if `size` exceeds freeSpace(); creates nothing.
    Result<StagingArea> stage(qint64 size, const QString &uploadName) const;
    // stage() against `room`, the free space a batch read once (freeSpace()) and uses up: on
    // success `size` is taken from it. Saves the six system calls of freeSpace() a file.
    Result<StagingArea> stageWithin(qint64 size, const QString &uploadName, qint64 &room) const;
    // `stagingName` must be one plain name, `uploadName` a valid file name (FileName.h). A bare
    // UUID is a transfer staged by an earlier version: <staging>/<uuid>/<last part of the name>.
    Result<QString> stagedPath(const QString &stagingName, const QString &uploadName) const;
    Result<QString> storePathFor(const QString &fileName) const;

    // Publishes the staged file (or folder) as <store>/<fileName>, flushed to disk first; never
    // overwrites (Conflict, nothing changed), never shows a half-written file under the final
    // name. Across file systems it copies to a hidden ".librarian-partial-*" sibling first.
    Status commit(const QString &stagedPath, const QString &fileName) const;
    // Flushes a file (or tree) already published in the store and every folder from its own up to
    // the store's root: for bytes a commit put there before it was killed, which may have left the
    // folders unflushed.
    Status flushPublished(const QString &absolutePath) const;
    static void syncFolders(const QSet<QString> &folders);
    // commit() of many files at once, each one's bytes flushed before its rename as there, but
    // each folder they land in flushed once for the batch, not once per file. Per file, what
    // commit() would have answered.
    struct Publication
    {
        QString stagedPath;
        QString fileName;
    };
    QList<Status> commitBatch(const QList<Publication> &files) const;
    // Removes <staging>/<stagingName> (and everything in it, if a folder); Ok if it is already gone.
    Status unstage(const QString &stagingName) const;
    // unstage() for a staging entry nobody needs any more: a failure leaves only garbage in the
    // staging area, so it is logged rather than returned.
    void discardStaging(const QString &stagingName) const;
    // Deletes a file or tree strictly inside the store (symlinks are removed, not followed), then
    // the parent folders it leaves empty, up to the root. Ok if it is already gone.
    Status removeFromStore(const QString &absolutePath) const;

private:
    // The rename of commitBatch() for bytes already flushed, without flushing folders: those
    // whose entries changed are added to `folders`.
    Status publish(const QString &stagedPath, const QString &fileName, QSet<QString> &folders) const;

    Store m_store;
};

} // namespace librarian
