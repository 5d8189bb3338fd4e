#include "CloneReception.h"

#include "db/FileCatalog.h"
#include "db/IncomingTransfers.h"
#include "db/SqlQuery.h"
#include "db/StoreRegistry.h"
#include "storage/FileName.h"
#include "storage/LocalStore.h"
#include "crypto/Checksum.h"

#include <QCoreApplication>
#include <QLoggingCategory>
#include <QMap>

Q_LOGGING_CATEGORY(lcClone, "librarian.clone")

namespace librarian {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("CloneReception", text);
}
} // namespace

CloneReception::CloneReception(const Database &database) : m_database(database) {}

Result<CloneBatchStageResponse> CloneReception::stageBatch(const CloneBatchStageRequest &request, const QString &caller,
                                                           bool callerIsAdmin)
{
    if (!callerIsAdmin && request.source != caller)
        return ApiError{ErrorKind::Forbidden,
                        tr("Account %1 cannot send files in the name of librarian %2.").arg(caller, request.source),
                        tr("A librarian pushes with the account named after it.")};
    if (request.uploads.isEmpty())
        return ApiError::badRequest(tr("The batch holds no files."));
    qint64 total = 0;
    for (const CloneUpload &u : request.uploads) {
        if (u.uploadSize < 0)
            return ApiError::badRequest(tr("Upload size must be positive."));
        if (auto s = validateFileName(u.destinationLocation); !s)
            return s.error();
        if (auto c = Checksum::parse(u.uploadChecksum); !c)
            return c.error();
        total += u.uploadSize;
    }
    auto db = m_database.connection();
    if (!db)
        return db.error();
    FileCatalog catalog(*db);
    IncomingTransfers transfers(*db);
    QStringList conflicts;
    QStringList clashes; // "name (existing file)"
    QList<IncomingTransfer> replaced;
    QMap<QString, IncomingTransfer> resumable; // by file name
    QStringList names;
    for (const CloneUpload &u : request.uploads)
        names << u.destinationLocation;
    const auto existing = catalog.existing(names);
    if (!existing)
        return existing.error();
    const auto liveByName = transfers.liveFor(names);
    if (!liveByName)
        return liveByName.error();
    const auto clashing = catalog.pathClashes(names);
    if (!clashing)
        return clashing.error();
    for (const CloneUpload &u : request.uploads) {
        if (existing->contains(u.destinationLocation)) {
            conflicts << u.destinationLocation;
            continue;
        }
        if (const auto clash = clashing->constFind(u.destinationLocation); clash != clashing->cend()) {
            clashes << QStringLiteral("%1 (%2)").arg(u.destinationLocation, *clash);
            continue;
        }
        for (const IncomingTransfer &t : liveByName->value(u.destinationLocation)) {
            if (t.source != request.source)
                conflicts << u.destinationLocation;
            else if (t.transferChecksum == Checksum::parse(u.uploadChecksum)->toString() && t.status != TransferStatus::Staged
                     && !resumable.contains(u.destinationLocation))
                resumable.insert(u.destinationLocation, t); // the sender gave up and came back: keep its bytes
            else
                replaced << t;
        }
    }
    if (!conflicts.isEmpty())
        return ApiError::conflict(tr("Already here or arriving from another librarian: %1.")
                                      .arg(conflicts.mid(0, 10).join(QStringLiteral(", "))),
                                  tr("Record these as remote instances instead of sending them."));
    if (!clashes.isEmpty())
        return ApiError::conflict(tr("These cannot be stored beside files already here, one would be a folder of the "
                                     "other: %1.")
                                      .arg(clashes.mid(0, 10).join(QStringLiteral(", "))),
                                  tr("Rename the files at the source, or leave them out of pushes to this librarian."));

    auto stores = StoreRegistry(*db).list();
    if (!stores)
        return stores.error();
    for (const Store &store : *stores) {
        LocalStore local(store);
        if (!store.ingestable || !store.enabled)
            continue;
        qint64 room = local.freeSpace(); // -1: unavailable
        if (room <= total)
            continue;
        Transaction txn(*db);
        for (IncomingTransfer old : replaced) {
            old.status = TransferStatus::Failed;
            old.endTime = QDateTime::currentDateTimeUtc();
            old.error = tr("Replaced by a newer transfer of the same file from %1.").arg(request.source);
            if (auto s = transfers.update(old); !s)
                return s.error();
        }
        CloneBatchStageResponse response;
        response.storeName = store.name;
        response.transferMethods = store.transferMethods;
        QStringList created;
        QList<IncomingTransfer> fresh;
        QList<qsizetype> awaitingId; // fresh's entries in response.uploads
        for (const CloneUpload &u : request.uploads) {
            if (resumable.contains(u.destinationLocation)) {
                IncomingTransfer t = resumable.value(u.destinationLocation);
                auto previous = StoreRegistry(*db).find(t.storeId);
                auto path = previous ? LocalStore(*previous).stagedPath(t.stagingName, t.uploadName) : Result<QString>(previous.error());
                if (path) {
                    t.sourceTransferId = u.sourceTransferId;
                    if (auto s = transfers.update(t); !s)
                        return s.error();
                    CloneStaged staged;
                    staged.sourceTransferId = u.sourceTransferId;
                    staged.destinationTransferId = t.id;
                    staged.stagingName = t.stagingName;
                    staged.stagingLocation = *path;
                    staged.uploadName = t.uploadName;
                    staged.destinationLocation = u.destinationLocation;
                    response.uploads.append(staged);
                    qCInfo(lcClone) << "resuming transfer" << t.id << "of" << t.storePath << "from" << request.source;
                    continue;
                }
                replaced << t;
            }
            auto area = local.stageWithin(u.uploadSize, u.destinationLocation, room);
            if (!area) {
                for (const QString &name : created)
                    local.discardStaging(name);
                return area.error();
            }
            created << area->stagingName;
            IncomingTransfer t;
            t.status = TransferStatus::Initiated;
            t.uploader = u.uploader;
            t.uploadName = u.destinationLocation;
            t.source = request.source;
            t.transferSize = u.uploadSize;
            t.transferChecksum = Checksum::parse(u.uploadChecksum)->toString();
            t.storeId = store.id;
            t.stagingName = area->stagingName;
            t.storePath = u.destinationLocation;
            t.transferMethod = QStringLiteral("http");
            t.startTime = QDateTime::currentDateTimeUtc();
            t.sourceTransferId = u.sourceTransferId;
            awaitingId << response.uploads.size();
            fresh << t;
            CloneStaged staged;
            staged.sourceTransferId = u.sourceTransferId;
            staged.stagingName = area->stagingName;
            staged.stagingLocation = area->stagingLocation;
            staged.uploadName = u.destinationLocation;
            staged.destinationLocation = u.destinationLocation;
            response.uploads.append(staged);
        }
        // The new transfers' rows: a few statements for the batch.
        auto ids = fresh.isEmpty() ? Result<QList<qint64>>(QList<qint64>()) : transfers.createAll(fresh);
        if (!ids) {
            for (const QString &name : created)
                local.discardStaging(name);
            return ids.error();
        }
        for (qsizetype k = 0; k < awaitingId.size(); ++k)
            response.uploads[awaitingId[k]].destinationTransferId = ids->at(k);
        if (auto s = txn.commit(); !s) {
            for (const QString &name : created)
                local.discardStaging(name);
            return s.error();
        }
        for (const IncomingTransfer &old : replaced)
            local.discardStaging(old.stagingName);
        response.availableBytesOnStore = room;
        qCInfo(lcClone) << "staged" << response.uploads.size() << "files from" << request.source << "on" << store.name;
        return response;
    }
    return ApiError{ErrorKind::PayloadTooLarge, tr("No ingestable, enabled store has room for %1 bytes.").arg(total),
                    tr("Free space on a store of the receiving librarian.")};
}

Status CloneReception::fail(const CloneTransferIds &ids, const QString &caller, bool callerIsAdmin)
{
    auto db = m_database.connection();
    if (!db)
        return db.error();
    IncomingTransfers transfers(*db);
    auto t = transfers.find(ids.destinationTransferId);
    if (!t || (!callerIsAdmin && t->source != caller))
        return ApiError::notFound(tr("Incoming transfer %1 does not exist.").arg(ids.destinationTransferId));
    if (t->status == TransferStatus::Completed)
        return ApiError{ErrorKind::NotAcceptable, tr("Transfer %1 is already completed.").arg(t->id), {}};
    t->status = TransferStatus::Failed;
    t->endTime = QDateTime::currentDateTimeUtc();
    t->error = ids.reason.isEmpty() ? tr("Failed by the sender.") : ids.reason;
    if (auto s = transfers.update(*t); !s)
        return s;
    if (auto store = StoreRegistry(*db).find(t->storeId))
        LocalStore(*store).discardStaging(t->stagingName);
    return Ok{};
}

} // namespace librarian
