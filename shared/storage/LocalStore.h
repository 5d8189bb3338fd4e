#pragma once

#include "model/Result.h"
#include "model/Store.h"

namespace librarian {

// The file operations of one local store: per-transfer staging folders, atomic publication into
// the store, removal, free space. Every path is checked to stay strictly inside its root.
class LocalStore
{
public:
    explicit LocalStore(Store store);
    const Store &definition() const { return m_store; }

    Status ensureFolders() const;
    bool isAvailable() const;
    // Bytes usable: min over staging and store of free - total * (1 - report_full_fraction), >= 0;
    // -1 when the store is unavailable.
    qint64 freeSpace() const;

    struct StagingArea
    {
        QString stagingName;     // a UUID folder directly under the staging root
        QString stagingLocation; // <staging>/<uuid>/<upload name>
    };
    Result<StagingArea> stage(qint64 size, const QString &uploadName) const;
    Result<QString> stagedPath(const QString &stagingName, const QString &uploadName) const;
    Result<QString> storePathFor(const QString &fileName) const;

    // Publishes the staged file as <store>/<fileName>; never overwrites (Conflict), never shows a
    // half-written file under the final name.
    Status commit(const QString &stagedPath, const QString &fileName) const;
    Status unstage(const QString &stagingName) const;
    Status removeFromStore(const QString &absolutePath) const;

private:
    Store m_store;
};

} // namespace librarian
