#include "Ingest.h"
#include "model/LogFailure.h"

#include "FileName.h"
#include "LocalStore.h"
#include "StagingClaims.h"
#include "StreamedChecksums.h"
#include "crypto/FileChecksum.h"
#include "db/FileCatalog.h"
#include "db/IncomingTransfers.h"
#include "db/SqlQuery.h"
#include "db/StoreRegistry.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QMap>
#include <QSet>

Q_LOGGING_CATEGORY(lcIngest, "librarian.ingest")

namespace librarian {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("Ingest", text);
}

QString humanBytes(qint64 bytes)
{
    return QLocale::c().formattedDataSize(bytes);
}
} // namespace

Ingest::Ingest(const Database &database, qint64 maximalUploadSize)
    : m_database(database), m_maximalUploadSize(maximalUploadSize)
{
}

Result<UploadStageResponse> Ingest::stage(const UploadStageRequest &request, const QString &caller)
{
    if (request.uploadSize < 0)
        return ApiError::badRequest(tr("Upload size must be positive."),
                                    tr("Make sure you are uploading a file with a positive size."));
    if (request.uploadSize > m_maximalUploadSize)
        return ApiError{ErrorKind::PayloadTooLarge,
                        tr("Upload size %1 is too large; this librarian accepts at most %2.")
                            .arg(humanBytes(request.uploadSize), humanBytes(m_maximalUploadSize)),
                        tr("Split the data or ask the operator to raise maximal_upload_size_bytes.")};
    if (auto name = validateFileName(request.destinationLocation); !name)
        return name.error();
    if (auto name = validateFileName(request.uploadName); !name)
        return name.error();
    auto checksum = Checksum::parse(request.uploadChecksum);
    if (!checksum)
        return checksum.error();

    auto db = m_database.connection();
    if (!db)
        return db.error();
    FileCatalog catalog(*db);
    auto exists = catalog.exists(request.destinationLocation);
    if (!exists)
        return exists.error();
    if (*exists)
        return ApiError::conflict(tr("File %1 already exists.").arg(request.destinationLocation),
                                  tr("File names are permanent; upload under a new name."));
    auto clash = catalog.pathClash(request.destinationLocation);
    if (!clash)
        return clash.error();
    if (*clash)
        return ApiError::conflict(tr("File %1 cannot be stored beside file %2: one would be a folder of the other.")
                                      .arg(request.destinationLocation, **clash),
                                  tr("Upload under a name that is neither inside nor around an existing file."));

    IncomingTransfers transfers(*db);
    StoreRegistry registry(*db);
    auto resumable = transfers.findResumable(checksum->toString(), request.destinationLocation, caller);
    if (resumable) {
        auto store = registry.find(resumable->storeId);
        if (!store)
            return store.error();
        LocalStore local(*store);
        auto staged = local.stagedPath(resumable->stagingName, resumable->uploadName);
        if (staged) {
            UploadStageResponse r;
            r.availableBytesOnStore = local.freeSpace();
            r.storeName = store->name;
            r.stagingName = resumable->stagingName;
            r.stagingLocation = *staged;
            r.uploadName = resumable->uploadName;
            r.destinationLocation = resumable->storePath;
            r.transferId = resumable->id;
            qCInfo(lcIngest) << "resuming upload" << resumable->id << "of" << request.destinationLocation;
            return r;
        }
    } else if (resumable.error().kind != ErrorKind::NotFound) {
        return resumable.error();
    }

    auto stores = registry.list();
    if (!stores)
        return stores.error();
    for (const Store &store : *stores) {
        if (!store.ingestable || !store.enabled)
            continue;
        LocalStore local(store);
        if (!local.isAvailable() || local.freeSpace() <= request.uploadSize)
            continue;
        auto area = local.stage(request.uploadSize, request.uploadName);
        if (!area)
            continue;
        IncomingTransfer t;
        t.status = TransferStatus::Initiated;
        t.uploader = request.uploader.isEmpty() ? caller : request.uploader;
        t.uploadName = request.uploadName;
        t.source = caller;
        t.transferSize = request.uploadSize;
        t.transferChecksum = checksum->toString();
        t.storeId = store.id;
        t.stagingName = area->stagingName;
        t.storePath = request.destinationLocation;
        t.transferMethod = QStringLiteral("http");
        t.startTime = QDateTime::currentDateTimeUtc();
        auto id = transfers.create(t);
        if (!id) {
            local.discardStaging(area->stagingName);
            return id.error();
        }
        UploadStageResponse r;
        r.availableBytesOnStore = local.freeSpace();
        r.storeName = store.name;
        r.stagingName = area->stagingName;
        r.stagingLocation = area->stagingLocation;
        r.uploadName = request.uploadName;
        r.destinationLocation = request.destinationLocation;
        r.transferId = *id;
        qCInfo(lcIngest) << "staged upload" << *id << "of" << request.destinationLocation << "on store" << store.name;
        return r;
    }
    return ApiError{ErrorKind::PayloadTooLarge,
                    tr("No ingestable, enabled store has room for %1.").arg(humanBytes(request.uploadSize)),
                    tr("Free space on a store or enable another one.")};
}

Result<IncomingTransfer> Ingest::ownedTransfer(QSqlDatabase &db, qint64 id, const QString &caller, bool admin)
{
    IncomingTransfers transfers(db);
    auto t = transfers.find(id);
    if (!t)
        return t.error();
    if (!admin && t->source != caller)
        return ApiError{ErrorKind::Forbidden, tr("Transfer %1 belongs to another account.").arg(id),
                        tr("Only the account that staged an upload can send or commit it.")};
    return t;
}

void Ingest::fail(QSqlDatabase &db, IncomingTransfer transfer, bool removeStaging)
{
    transfer.status = TransferStatus::Failed;
    transfer.endTime = QDateTime::currentDateTimeUtc();
    // Only a live transfer fails: a transfer another commit completed meanwhile stays COMPLETED,
    // and its staging (now its published bytes' former place) is not ours to touch.
    auto failed = IncomingTransfers(db).updateIfLive(transfer);
    if (!failed)
        qCWarning(lcIngest) << "cannot mark transfer" << transfer.id << "failed:" << failed.error().reason;
    if (!removeStaging || !failed || !*failed)
        return;
    auto store = StoreRegistry(db).find(transfer.storeId);
    if (store)
        LocalStore(*store).discardStaging(transfer.stagingName);
}

Result<File> Ingest::commit(const UploadCommitRequest &request, const QString &caller, bool callerIsAdmin)
{
    auto db = m_database.connection();
    if (!db)
        return db.error();
    auto transfer = ownedTransfer(*db, request.transferId, caller, callerIsAdmin);
    if (!transfer)
        return transfer.error();
    if (!isLive(transfer->status))
        return ApiError{ErrorKind::NotAcceptable,
                        tr("Transfer %1 is %2 and cannot be committed.")
                            .arg(transfer->id)
                            .arg(transferStatusName(transfer->status)),
                        tr("Stage the upload again.")};
    if (request.destinationLocation != transfer->storePath)
        return ApiError::badRequest(tr("Transfer %1 was staged for %2, not %3.")
                                        .arg(transfer->id)
                                        .arg(transfer->storePath, request.destinationLocation));
    return ingestStaged(*db, *transfer, request.deletionPolicy, true);
}

Result<File> Ingest::receiveClone(const IncomingTransfer &transfer, DeletionPolicy policy)
{
    auto db = m_database.connection();
    if (!db)
        return db.error();
    return ingestStaged(*db, transfer, policy, false);
}

Result<File> Ingest::ingestStaged(QSqlDatabase &db, const IncomingTransfer &transferRow, DeletionPolicy policy,
                                  bool incompleteIsResumable)
{
    const IncomingTransfer *transfer = &transferRow;
    StoreRegistry registry(db);
    auto store = registry.find(transfer->storeId);
    if (!store)
        return store.error();
    if (!store->enabled)
        return ApiError{ErrorKind::NotAcceptable, tr("Store %1 is disabled.").arg(store->name),
                        tr("Enable the store with set-store-state, then commit again.")};
    LocalStore local(*store);
    auto staged = local.stagedPath(transfer->stagingName, transfer->uploadName);
    if (!staged)
        return staged.error();
    // Held to the end: no PUT may write into the bytes while they are verified and published, and
    // a second commit of the same transfer is refused instead of racing this one for its row.
    const auto claim = StagingClaims::instance().claimCommit(*staged);
    if (!claim)
        return ApiError::conflict(
            tr("Transfer %1 is busy: its bytes are still being sent, or it is being committed.").arg(transfer->id),
            tr("Wait until every PUT of the transfer has been answered, then commit again."));
    if (auto now = IncomingTransfers(db).find(transfer->id); !now)
        return now.error();
    else if (!isLive(now->status))
        return ApiError::conflict(
            tr("Transfer %1 is already %2.").arg(transfer->id).arg(transferStatusName(now->status)), {});
    QElapsedTimer took;
    took.start();
    auto expected = verifyStaged(db, *transfer, *staged, incompleteIsResumable);
    if (!expected)
        return expected.error();

    FileCatalog catalog(db);
    auto target = local.storePathFor(transfer->storePath);
    if (!target)
        return target.error();
    // The bytes reach the disk before the write lock is taken: other writers do not wait for it.
    if (auto s = local.flushStaged(*staged); !s)
        return s.error();
    std::optional<Transaction> txn(std::in_place, db);
    auto exists = catalog.exists(transfer->storePath);
    if (!exists)
        return exists.error();
    if (*exists) {
        txn.reset();
        fail(db, *transfer, true);
        return ApiError::conflict(tr("File %1 already exists.").arg(transfer->storePath),
                                  tr("File names are permanent; upload under a new name."));
    }
    const QDateTime now = QDateTime::currentDateTimeUtc();
    File file;
    file.name = transfer->storePath;
    file.size = transfer->transferSize;
    file.checksum = expected->toString();
    file.uploader = transfer->uploader;
    file.source = transfer->source;
    file.createTime = now;
    Instance instance;
    instance.fileName = file.name;
    instance.storeId = store->id;
    instance.path = *target;
    instance.deletionPolicy = policy;
    instance.createdTime = now;
    instance.available = true;
    if (auto s = catalog.insertFile(file); !s) {
        // On PostgreSQL two commits of one name can both pass the check above; the loser meets the
        // unique key here and is refused like the loser of the check.
        if (s.error().kind != ErrorKind::Conflict)
            return s.error();
        txn.reset();
        fail(db, *transfer, true);
        return ApiError::conflict(tr("File %1 already exists.").arg(transfer->storePath),
                                  tr("File names are permanent; upload under a new name."));
    }
    auto instanceId = catalog.insertInstance(instance);
    if (!instanceId)
        return instanceId.error();
    IncomingTransfer done = *transfer;
    done.status = TransferStatus::Completed;
    done.endTime = now;
    auto completed = IncomingTransfers(db).updateIfLive(done);
    if (!completed)
        return completed.error();
    if (!*completed)
        return ApiError::conflict(tr("Transfer %1 is no longer live.").arg(transfer->id), {});
    // Bytes first, then the rows: if the publish fails nothing is committed; if the database commit
    // fails the published bytes are taken back out, so neither ever exists without the other.
    QSet<QString> foldersToSync;
    if (auto s = local.commit(*staged, transfer->storePath, &foldersToSync); !s) {
        txn.reset();
        LocalStore::syncFolders(foldersToSync);
        if (s.error().kind == ErrorKind::Conflict)
            fail(db, *transfer, true);
        return s.error();
    }
    if (auto s = txn->commit(); !s) {
        // Bytes without a row must not stay published; if even that fails, say so loudly.
        if (!logFailure(local.removeFromStore(*target), lcIngest(), QStringLiteral("Taking back %1").arg(*target)))
            qCCritical(lcIngest).noquote() << *target << "is in the store without a catalogue row";
        return s.error();
    }
    LocalStore::syncFolders(foldersToSync); // before the file is reported committed
    local.discardStaging(transfer->stagingName);
    instance.id = *instanceId;
    file.instances.append(instance);
    qCInfo(lcIngest) << "committed" << file.name << file.size << "bytes" << file.checksum
                     << "(verified and published in" << took.elapsed() << "ms)";
    return file;
}

Status Ingest::cancel(qint64 transferId, const QString &caller, bool callerIsAdmin)
{
    auto db = m_database.connection();
    if (!db)
        return db.error();
    auto transfer = ownedTransfer(*db, transferId, caller, callerIsAdmin);
    if (!transfer)
        return transfer.error();
    if (!isLive(transfer->status))
        return ApiError{ErrorKind::NotAcceptable,
                        tr("Transfer %1 is %2 and cannot be cancelled.")
                            .arg(transferId)
                            .arg(transferStatusName(transfer->status)),
                        {}};
    transfer->status = TransferStatus::Cancelled;
    transfer->endTime = QDateTime::currentDateTimeUtc();
    if (auto s = IncomingTransfers(*db).update(*transfer); !s)
        return s;
    auto store = StoreRegistry(*db).find(transfer->storeId);
    if (store)
        LocalStore(*store).discardStaging(transfer->stagingName);
    return Ok{};
}

namespace {
Status takesBytes(qint64 transferId, TransferStatus status)
{
    if (status == TransferStatus::Initiated || status == TransferStatus::Ongoing)
        return Ok{};
    return ApiError::conflict(
        tr("Transfer %1 is %2 and takes no more bytes.").arg(transferId).arg(transferStatusName(status)),
        tr("Stage the upload again."));
}
} // namespace

Result<Ingest::DataTarget> Ingest::dataTarget(qint64 transferId, const QString &caller, bool callerIsAdmin)
{
    auto db = m_database.connection();
    if (!db)
        return db.error();
    auto transfer = ownedTransfer(*db, transferId, caller, callerIsAdmin);
    if (!transfer)
        return transfer.error();
    if (auto s = takesBytes(transferId, transfer->status); !s)
        return s.error();
    auto store = StoreRegistry(*db).find(transfer->storeId);
    if (!store)
        return store.error();
    auto staged = LocalStore(*store).stagedPath(transfer->stagingName, transfer->uploadName);
    if (!staged)
        return staged.error();
    return DataTarget{*transfer, *staged};
}

Status Ingest::stillTakesBytes(qint64 transferId)
{
    auto db = m_database.connection();
    if (!db)
        return db.error();
    auto status = IncomingTransfers(*db).status(transferId);
    if (!status)
        return status.error();
    return takesBytes(transferId, *status);
}

Status Ingest::markOngoing(const QList<qint64> &ids)
{
    auto db = m_database.connection();
    if (!db)
        return db.error();
    Transaction txn(*db);
    if (auto marked = IncomingTransfers(*db).markOngoing(ids); !marked)
        return marked.error();
    return txn.commit();
}

Result<AddFileResponse> Ingest::addFile(const AddFileRequest &request, const QString &caller)
{
    if (auto name = validateFileName(request.name); !name)
        return name.error();
    auto db = m_database.connection();
    if (!db)
        return db.error();
    auto store = StoreRegistry(*db).find(request.storeName);
    if (!store)
        return ApiError::badRequest(store.error().reason, store.error().suggestedRemedy);
    LocalStore local(*store);
    const QString path = QDir::cleanPath(request.path);
    const QString root = QDir::cleanPath(store->storePath) + QLatin1Char('/');
    if (!path.startsWith(root))
        return ApiError::badRequest(tr("Path %1 is not inside store %2 (%3).").arg(request.path, store->name, store->storePath));
    if (!QFileInfo::exists(path))
        return ApiError::badRequest(tr("File %1 does not exist.").arg(request.path),
                                    tr("Check that the path is correct and visible to the server."));
    FileCatalog catalog(*db);
    auto existing = catalog.find(request.name);
    if (!existing && existing.error().kind != ErrorKind::NotFound)
        return existing.error();
    AddFileResponse response;
    response.fileExists = bool(existing);
    if (existing) {
        for (const Instance &i : existing->instances)
            if (i.storeId == store->id && i.available && QDir::cleanPath(i.path) == path) {
                response.success = true;
                response.alreadyExists = true;
                return response;
            }
    }
    const QString expectedText = existing ? existing->checksum : request.checksum;
    ChecksumAlgorithm algorithm = ChecksumAlgorithm::Xxh3;
    std::optional<Checksum> expected;
    if (!expectedText.isEmpty()) {
        auto parsed = Checksum::parse(expectedText);
        if (!parsed)
            return parsed.error();
        expected = *parsed;
        algorithm = parsed->algorithm();
    }
    auto actual = checksumOfPath(path, algorithm);
    if (!actual)
        return actual.error();
    if (expected) {
        auto same = Checksum::same(*expected, *actual);
        if (!same || !*same)
            return ApiError{ErrorKind::NotAcceptable,
                            tr("Checksum mismatch for %1: expected %2, computed %3.")
                                .arg(path, expected->toString(), actual->toString()),
                            tr("These are not the bytes of %1.").arg(request.name)};
    }
    auto size = sizeOfPath(path);
    if (!size)
        return size.error();
    const QDateTime now = QDateTime::currentDateTimeUtc();
    Transaction txn(*db);
    if (!existing) {
        File file;
        file.name = request.name;
        file.size = *size;
        file.checksum = actual->toString();
        file.uploader = request.uploader.isEmpty() ? caller : request.uploader;
        file.source = request.source.isEmpty() ? caller : request.source;
        file.createTime = now;
        if (auto s = catalog.insertFile(file); !s)
            return s.error();
    }
    Instance instance;
    instance.fileName = request.name;
    instance.storeId = store->id;
    instance.path = path;
    instance.deletionPolicy = DeletionPolicy::Disallowed;
    instance.createdTime = now;
    instance.available = true;
    auto id = catalog.insertInstance(instance);
    if (!id)
        return id.error();
    if (auto s = txn.commit(); !s)
        return s.error();
    response.success = true;
    return response;
}

Status Ingest::deleteLocalInstance(qint64 instanceId)
{
    auto db = m_database.connection();
    if (!db)
        return db.error();
    FileCatalog catalog(*db);
    auto instance = catalog.instance(instanceId);
    if (!instance)
        return instance.error();
    auto store = StoreRegistry(*db).find(instance->storeId);
    if (!store)
        return store.error();
    if (instance->available && QFileInfo::exists(instance->path)) {
        if (auto s = LocalStore(*store).removeFromStore(instance->path); !s)
            return s;
    }
    return catalog.setInstanceAvailable(instanceId, false);
}

// --- batches (ours): many small files with one request, one transaction and one folder flush ---

struct Ingest::BatchEntry
{
    UploadCommitRequest request;
    IncomingTransfer transfer;
    Store store;
    QString staged;
    QString target;
    QString checksum;
    // Held until the rows are written, as in ingestStaged: no PUT writes into the bytes meanwhile
    // and no second commit races this one.
    std::optional<StagingClaims::Claim> claim;
};

Result<UploadBatchStageResponse> Ingest::stageBatch(const UploadBatchStageRequest &request, const QString &caller)
{
    if (request.uploads.isEmpty())
        return ApiError::badRequest(tr("The batch holds no files."));
    if (request.uploads.size() > kMaxUploadBatch)
        return ApiError{ErrorKind::PayloadTooLarge,
                        tr("A batch holds at most %1 files; this one holds %2.").arg(kMaxUploadBatch).arg(request.uploads.size()),
                        tr("Send the files in smaller batches.")};
    QSet<QString> names;
    for (const UploadStageRequest &u : request.uploads) {
        if (names.contains(u.destinationLocation))
            return ApiError::badRequest(tr("%1 appears twice in the batch.").arg(u.destinationLocation));
        names.insert(u.destinationLocation);
    }
    auto db = m_database.connection();
    if (!db)
        return db.error();
    QElapsedTimer took;
    took.start();
    UploadBatchStageResponse response;
    // stage() works on this thread's connection, so every entry's rows land in this transaction.
    std::optional<Transaction> txn(std::in_place, *db);
    if (!txn->started())
        return ApiError{ErrorKind::Unavailable, tr("The catalogue is busy: no transaction could be started."),
                        tr("Try again.")};
    // After a rollback the rows of the transfers this batch created are gone: their staging folders
    // go too. A resumed transfer's row (and its bytes) stays for the next attempt.
    const auto giveBack = [&] {
        txn.reset();
        IncomingTransfers transfers(*db);
        for (const UploadStageResponse &staged : std::as_const(response.uploads)) {
            auto row = transfers.find(staged.transferId);
            if (row || row.error().kind != ErrorKind::NotFound)
                continue;
            if (auto store = StoreRegistry(*db).find(staged.storeName))
                LocalStore(*store).discardStaging(staged.stagingName);
        }
    };
    // Delivered by an earlier run of the same upload: nothing to send. Different bytes under the
    // name stay stage()'s conflict.
    FileCatalog catalog(*db);
    const auto present = [&catalog](const UploadStageRequest &u) {
        auto file = catalog.find(u.destinationLocation);
        auto theirs = file ? Checksum::parse(file->checksum) : Result<Checksum>(file.error());
        auto ours = Checksum::parse(u.uploadChecksum);
        auto same = theirs && ours ? Checksum::same(*theirs, *ours) : Result<bool>(false);
        return same && *same && file->size == u.uploadSize;
    };
    for (const UploadStageRequest &u : request.uploads) {
        auto staged = stage(u, caller);
        if (!staged && staged.error().kind == ErrorKind::Conflict && present(u)) {
            response.present << u.destinationLocation;
            continue;
        }
        if (!staged) {
            giveBack();
            return staged.error();
        }
        const QFileInfo held(staged->stagingLocation);
        staged->bytesReceived = held.exists() ? held.size() : 0;
        response.uploads.append(*staged);
    }
    if (auto s = txn->commit(); !s) {
        giveBack();
        return s.error();
    }
    qCInfo(lcIngest) << "staged a batch of" << response.uploads.size() << "uploads," << response.present.size()
                     << "already present, in" << took.elapsed() << "ms";
    return response;
}

Result<Checksum> Ingest::verifyStaged(QSqlDatabase &db, const IncomingTransfer &transfer, const QString &staged,
                                      bool incompleteIsResumable)
{
    const QFileInfo info(staged);
    if (!info.exists()) {
        fail(db, transfer, true);
        return ApiError::notFound(tr("No bytes were received for transfer %1.").arg(transfer.id),
                                  tr("Send the bytes to the data plane before committing."));
    }
    if (info.size() != transfer.transferSize) {
        const qint64 got = info.size();
        if (got < transfer.transferSize && incompleteIsResumable)
            return ApiError{ErrorKind::NotAcceptable,
                            tr("Transfer %1 is incomplete: %2 of %3 bytes received.")
                                .arg(transfer.id)
                                .arg(got)
                                .arg(transfer.transferSize),
                            tr("Resume sending the bytes, then commit again.")};
        fail(db, transfer, true);
        return ApiError{ErrorKind::NotAcceptable,
                        tr("Size mismatch for %1: expected %2 bytes, received %3.")
                            .arg(transfer.storePath)
                            .arg(transfer.transferSize)
                            .arg(got),
                        tr("Upload the file again.")};
    }
    auto expected = Checksum::parse(transfer.transferChecksum);
    if (!expected)
        return expected.error();
    // From the hash the data plane computed while the bytes arrived, if it covers them all;
    // otherwise (a resume after a restart, a local copy, a folder) the bytes are read again.
    auto actual =
        StreamedChecksums::instance().checksumOfStaged(staged, transfer.id, expected->algorithm(), transfer.transferSize);
    if (!actual)
        return actual.error();
    auto same = Checksum::same(*expected, *actual);
    if (!same || !*same) {
        fail(db, transfer, true);
        return ApiError{ErrorKind::NotAcceptable,
                        tr("Checksum mismatch for %1: expected %2, computed %3.")
                            .arg(transfer.storePath, expected->toString(), actual->toString()),
                        tr("The bytes were damaged on the way; upload the file again.")};
    }
    return *expected;
}

Result<Ingest::BatchEntry> Ingest::verifyForBatch(QSqlDatabase &db, const UploadCommitRequest &request,
                                                  const QString &caller, bool callerIsAdmin, QHash<qint64, Store> &stores)
{
    // The checks of commit() and ingestStaged(), with their answers, up to the rows.
    auto transfer = ownedTransfer(db, request.transferId, caller, callerIsAdmin);
    if (!transfer)
        return transfer.error();
    if (!isLive(transfer->status))
        return ApiError{ErrorKind::NotAcceptable,
                        tr("Transfer %1 is %2 and cannot be committed.")
                            .arg(transfer->id)
                            .arg(transferStatusName(transfer->status)),
                        tr("Stage the upload again.")};
    if (request.destinationLocation != transfer->storePath)
        return ApiError::badRequest(tr("Transfer %1 was staged for %2, not %3.")
                                        .arg(transfer->id)
                                        .arg(transfer->storePath, request.destinationLocation));
    if (!stores.contains(transfer->storeId)) { // read once a batch
        auto found = StoreRegistry(db).find(transfer->storeId);
        if (!found)
            return found.error();
        stores.insert(transfer->storeId, *found);
    }
    const Store *store = &stores[transfer->storeId];
    if (!store->enabled)
        return ApiError{ErrorKind::NotAcceptable, tr("Store %1 is disabled.").arg(store->name),
                        tr("Enable the store with set-store-state, then commit again.")};
    LocalStore local(*store);
    auto staged = local.stagedPath(transfer->stagingName, transfer->uploadName);
    if (!staged)
        return staged.error();
    auto claim = StagingClaims::instance().claimCommit(*staged);
    if (!claim)
        return ApiError::conflict(
            tr("Transfer %1 is busy: its bytes are still being sent, or it is being committed.").arg(transfer->id),
            tr("Wait until every PUT of the transfer has been answered, then commit again."));
    if (auto now = IncomingTransfers(db).find(transfer->id); !now)
        return now.error();
    else if (!isLive(now->status))
        return ApiError::conflict(
            tr("Transfer %1 is already %2.").arg(transfer->id).arg(transferStatusName(now->status)), {});
    auto expected = verifyStaged(db, *transfer, *staged, true);
    if (!expected)
        return expected.error();
    auto target = local.storePathFor(transfer->storePath);
    if (!target)
        return target.error();
    auto exists = FileCatalog(db).exists(transfer->storePath);
    if (!exists)
        return exists.error();
    if (*exists) {
        fail(db, *transfer, true);
        return ApiError::conflict(tr("File %1 already exists.").arg(transfer->storePath),
                                  tr("File names are permanent; upload under a new name."));
    }
    BatchEntry entry;
    entry.request = request;
    entry.transfer = *transfer;
    entry.store = *store;
    entry.staged = *staged;
    entry.target = *target;
    entry.checksum = expected->toString();
    entry.claim.emplace(std::move(*claim));
    return entry;
}

Result<File> Ingest::writeRows(QSqlDatabase &db, const BatchEntry &entry, const QDateTime &now)
{
    FileCatalog catalog(db);
    File file;
    file.name = entry.transfer.storePath;
    file.size = entry.transfer.transferSize;
    file.checksum = entry.checksum;
    file.uploader = entry.transfer.uploader;
    file.source = entry.transfer.source;
    file.createTime = now;
    Instance instance;
    instance.fileName = file.name;
    instance.storeId = entry.store.id;
    instance.path = entry.target;
    instance.deletionPolicy = entry.request.deletionPolicy;
    instance.createdTime = now;
    instance.available = true;
    if (auto s = catalog.insertFile(file); !s) {
        if (s.error().kind != ErrorKind::Conflict)
            return s.error();
        return ApiError::conflict(tr("File %1 already exists.").arg(file.name),
                                  tr("File names are permanent; upload under a new name."));
    }
    auto instanceId = catalog.insertInstance(instance);
    if (!instanceId)
        return instanceId.error();
    IncomingTransfer done = entry.transfer;
    done.status = TransferStatus::Completed;
    done.endTime = now;
    auto completed = IncomingTransfers(db).updateIfLive(done);
    if (!completed)
        return completed.error();
    if (!*completed)
        return ApiError::conflict(tr("Transfer %1 is no longer live.").arg(entry.transfer.id), {});
    instance.id = *instanceId;
    file.instances.append(instance);
    return file;
}

Result<UploadBatchCommitResponse> Ingest::commitBatch(const UploadBatchCommitRequest &request, const QString &caller,
                                                      bool callerIsAdmin)
{
    if (request.commits.isEmpty())
        return ApiError::badRequest(tr("The batch holds no files."));
    if (request.commits.size() > kMaxUploadBatch)
        return ApiError{ErrorKind::PayloadTooLarge,
                        tr("A batch holds at most %1 files; this one holds %2.").arg(kMaxUploadBatch).arg(request.commits.size()),
                        tr("Send the files in smaller batches.")};
    auto db = m_database.connection();
    if (!db)
        return db.error();
    UploadBatchCommitResponse response;
    const auto refuse = [&](const UploadCommitRequest &c, const ApiError &error) {
        response.failures.append({c.transferId, c.destinationLocation, error});
    };

    QElapsedTimer took;
    took.start();
    // 1. Each file checked and verified on its own: a bad one is refused alone.
    std::vector<BatchEntry> ready; // move-only: each holds its claim
    QHash<qint64, Store> stores;
    for (const UploadCommitRequest &c : request.commits) {
        auto entry = verifyForBatch(*db, c, caller, callerIsAdmin, stores);
        if (!entry) {
            refuse(c, entry.error());
            continue;
        }
        ready.push_back(std::move(*entry));
    }

    // 2. Bytes first (as in ingestStaged), store by store, each folder flushed once.
    std::vector<BatchEntry> published;
    QMap<qint64, QList<int>> byStore;
    for (int i = 0; i < int(ready.size()); ++i)
        byStore[ready[i].store.id].append(i);
    for (const QList<int> &indexes : std::as_const(byStore)) {
        QList<LocalStore::Publication> files;
        for (int i : indexes)
            files.append({ready[i].staged, ready[i].transfer.storePath});
        const LocalStore local(ready[indexes.first()].store);
        const QList<Status> results = local.commitBatch(files);
        for (int k = 0; k < indexes.size(); ++k) {
            BatchEntry &entry = ready[indexes[k]];
            if (results[k]) {
                published.push_back(std::move(entry));
                continue;
            }
            if (results[k].error().kind == ErrorKind::Conflict)
                fail(*db, entry.transfer, true);
            refuse(entry.request, results[k].error());
        }
    }

    // 3. The rows of the batch in one transaction. Should one be refused (a name committed
    // meanwhile; on PostgreSQL that also spoils the transaction), each file gets a transaction of
    // its own instead, so that only the bad one fails.
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QList<File> files;
    bool together = false;
    {
        Transaction txn(*db);
        if (txn.started()) {
            together = true;
            for (const BatchEntry &entry : std::as_const(published)) {
                auto file = writeRows(*db, entry, now);
                if (!file) {
                    qCInfo(lcIngest) << "a row of the batch was refused, committing its files one by one:"
                                     << file.error().reason;
                    together = false;
                    break;
                }
                files.append(*file);
            }
            if (together) {
                if (auto s = txn.commit(); !s) {
                    qCWarning(lcIngest) << "cannot commit a batch, committing its files one by one:" << s.error().reason;
                    together = false;
                }
            }
        }
    }
    QList<const BatchEntry *> committed;
    if (together) {
        for (const BatchEntry &entry : std::as_const(published))
            committed.append(&entry);
        response.files = files;
    } else {
        for (const BatchEntry &entry : std::as_const(published)) {
            Result<File> file = ApiError::internal(tr("No transaction could be started."));
            {
                Transaction txn(*db);
                if (txn.started()) {
                    file = writeRows(*db, entry, now);
                    if (file)
                        if (auto s = txn.commit(); !s)
                            file = s.error();
                }
            }
            if (file) {
                committed.append(&entry);
                response.files.append(*file);
                continue;
            }
            // Bytes without a row must not stay published; if even that fails, say so loudly.
            if (!logFailure(LocalStore(entry.store).removeFromStore(entry.target), lcIngest(),
                            QStringLiteral("Taking back %1").arg(entry.target)))
                qCCritical(lcIngest).noquote() << entry.target << "is in the store without a catalogue row";
            if (file.error().kind == ErrorKind::Conflict)
                fail(*db, entry.transfer, true);
            refuse(entry.request, file.error());
        }
    }
    for (const BatchEntry *entry : std::as_const(committed)) {
        LocalStore(entry->store).discardStaging(entry->transfer.stagingName);
        qCDebug(lcIngest) << "committed" << entry->transfer.storePath << entry->transfer.transferSize << "bytes";
    }
    qCInfo(lcIngest) << "committed a batch of" << response.files.size() << "files," << response.failures.size()
                     << "refused, in" << took.elapsed() << "ms";
    return response;
}

} // namespace librarian
