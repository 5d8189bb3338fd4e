#include "Ingest.h"

#include "FileName.h"
#include "LocalStore.h"
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
#include <QSet>
#include <optional>

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

// Asking a store for its free space costs six system calls: once a batch, then used up.
struct Ingest::StageContext
{
    std::optional<QList<Store>> stores;
    QHash<qint64, qint64> left; // store id -> bytes a batch may still stage there (-1: unavailable)
    // Read for a whole batch by stageBatch(), whose names are distinct: its own stage() calls add no
    // file and no transfer any of the others would look for.
    std::optional<QSet<QString>> catalogued;
    std::optional<QHash<QString, QList<IncomingTransfer>>> live; // oldest first
    std::optional<QHash<QString, QString>> clashes;               // FileCatalog::pathClashes
    // A batch's new transfers, written together once all are staged (their responses wait for the ids).
    std::optional<QList<IncomingTransfer>> pending;

    qint64 &on(const Store &store)
    {
        auto found = left.find(store.id);
        if (found == left.end())
            found = left.insert(store.id, LocalStore(store).freeSpace());
        return *found;
    }
};

namespace {
// findResumable() among a name's live transfers (oldest first): the newest one still taking bytes,
// of the same bytes and from the same account.
Result<IncomingTransfer> resumableIn(const QList<IncomingTransfer> &live, const Checksum &checksum, const QString &source)
{
    const QString wanted = checksum.toString();
    for (auto t = live.crbegin(); t != live.crend(); ++t)
        if ((t->status == TransferStatus::Initiated || t->status == TransferStatus::Ongoing)
            && t->transferChecksum == wanted && t->source == source)
            return *t;
    return ApiError::notFound(tr("No resumable transfer."));
}
} // namespace

Result<UploadStageResponse> Ingest::stage(const UploadStageRequest &request, const QString &caller)
{
    StageContext context;
    auto staged = stage(request, caller, context);
    if (staged)
        qCInfo(lcIngest) << "staged upload" << staged->transferId << "of" << request.destinationLocation << "on store"
                         << staged->storeName;
    return staged;
}

Result<UploadStageResponse> Ingest::stage(const UploadStageRequest &request, const QString &caller,
                                         StageContext &context)
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
    auto exists = context.catalogued ? Result<bool>(context.catalogued->contains(request.destinationLocation))
                                     : catalog.exists(request.destinationLocation);
    if (!exists)
        return exists.error();
    if (*exists)
        return ApiError::conflict(tr("File %1 already exists.").arg(request.destinationLocation),
                                  tr("File names are permanent; upload under a new name."));
    auto clashes = context.clashes ? Result<QHash<QString, QString>>(*context.clashes)
                                   : catalog.pathClashes({request.destinationLocation});
    if (!clashes)
        return clashes.error();
    if (const auto clash = clashes->constFind(request.destinationLocation); clash != clashes->cend())
        return ApiError::conflict(tr("File %1 cannot be stored beside file %2: one would be a folder of the other.")
                                      .arg(request.destinationLocation, *clash),
                                  tr("Upload under a name that is neither inside nor around an existing file."));

    IncomingTransfers transfers(*db);
    StoreRegistry registry(*db);
    auto resumable = context.live ? resumableIn(context.live->value(request.destinationLocation), *checksum, caller)
                                  : transfers.findResumable(checksum->toString(), request.destinationLocation, caller);
    if (resumable) {
        auto store = registry.find(resumable->storeId);
        if (!store)
            return store.error();
        LocalStore local(*store);
        auto staged = local.stagedPath(resumable->stagingName, resumable->uploadName);
        if (staged) {
            UploadStageResponse r;
            r.availableBytesOnStore = context.on(*store);
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

    if (!context.stores) {
        auto stores = registry.list();
        if (!stores)
            return stores.error();
        context.stores = *stores;
    }
    for (const Store &store : std::as_const(*context.stores)) {
        if (!store.ingestable || !store.enabled)
            continue;
        qint64 &left = context.on(store);
        if (left <= request.uploadSize)
            continue;
        LocalStore local(store);
        auto area = local.stageWithin(request.uploadSize, request.uploadName, left);
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
        qint64 id = 0;
        if (context.pending) {
            context.pending->append(t);
        } else if (auto created = transfers.create(t)) {
            id = *created;
        } else {
            local.discardStaging(area->stagingName);
            return created.error();
        }
        UploadStageResponse r;
        r.availableBytesOnStore = left;
        r.storeName = store.name;
        r.stagingName = area->stagingName;
        r.stagingLocation = area->stagingLocation;
        r.uploadName = request.uploadName;
        r.destinationLocation = request.destinationLocation;
        r.transferId = id;
        // A batch logs one line for all its files (stageBatch), a single upload its own (stage()).
        qCDebug(lcIngest) << "staged upload" << id << "of" << request.destinationLocation << "on store" << store.name;
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
    if (auto owned = ownedBy(*t, caller, admin); !owned)
        return owned.error();
    return t;
}

Status Ingest::ownedBy(const IncomingTransfer &transfer, const QString &caller, bool admin)
{
    if (!admin && transfer.source != caller)
        return ApiError{ErrorKind::Forbidden, tr("Transfer %1 belongs to another account.").arg(transfer.id),
                        tr("Only the account that staged an upload can send or commit it.")};
    return Ok{};
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
    return dataTargets({transferId}, caller, callerIsAdmin).constFirst();
}

QList<Result<Ingest::DataTarget>> Ingest::dataTargets(const QList<qint64> &ids, const QString &caller,
                                                      bool callerIsAdmin)
{
    QList<Result<DataTarget>> targets;
    auto db = m_database.connection();
    auto found = db ? IncomingTransfers(*db).findAll(ids) : Result<QHash<qint64, IncomingTransfer>>(db.error());
    if (!found) {
        for (qsizetype i = 0; i < ids.size(); ++i)
            targets.append(found.error());
        return targets;
    }
    QHash<qint64, Result<Store>> stores;
    for (qint64 id : ids) {
        const auto transfer = found->constFind(id);
        if (transfer == found->constEnd()) {
            targets.append(ApiError::notFound(tr("Transfer %1 does not exist.").arg(id)));
            continue;
        }
        if (auto owned = ownedBy(*transfer, caller, callerIsAdmin); !owned) {
            targets.append(owned.error());
            continue;
        }
        if (auto s = takesBytes(id, transfer->status); !s) {
            targets.append(s.error());
            continue;
        }
        auto store = stores.constFind(transfer->storeId);
        if (store == stores.constEnd())
            store = stores.insert(transfer->storeId, StoreRegistry(*db).find(transfer->storeId));
        if (!*store) {
            targets.append(store->error());
            continue;
        }
        auto staged = LocalStore(**store).stagedPath(transfer->stagingName, transfer->uploadName);
        if (!staged) {
            targets.append(staged.error());
            continue;
        }
        targets.append(DataTarget{*transfer, *staged});
    }
    return targets;
}

Status Ingest::stillTakesBytes(qint64 transferId)
{
    return stillTakeBytes({transferId}).constFirst();
}

QList<Status> Ingest::stillTakeBytes(const QList<qint64> &ids)
{
    QList<Status> results;
    auto db = m_database.connection();
    auto found = db ? IncomingTransfers(*db).findAll(ids) : Result<QHash<qint64, IncomingTransfer>>(db.error());
    for (qint64 id : ids) {
        if (!found)
            results.append(found.error());
        else if (const auto t = found->constFind(id); t == found->constEnd())
            results.append(ApiError::notFound(tr("Transfer %1 does not exist.").arg(id)));
        else
            results.append(takesBytes(id, t->status));
    }
    return results;
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

// --- batches (ours): many small files staged with one request and one transaction ---

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
    StageContext context;
    const QStringList batchNames(names.begin(), names.end());
    auto catalogued = catalog.existing(batchNames);
    if (!catalogued)
        return catalogued.error();
    context.catalogued = std::move(*catalogued);
    auto live = IncomingTransfers(*db).liveFor(batchNames);
    if (!live)
        return live.error();
    context.live = std::move(*live);
    auto clashes = catalog.pathClashes(batchNames);
    if (!clashes)
        return clashes.error();
    context.clashes = std::move(*clashes);
    context.pending.emplace();
    QList<qsizetype> awaitingId; // the responses of context.pending's transfers
    for (const UploadStageRequest &u : request.uploads) {
        const qsizetype pendingBefore = context.pending->size();
        auto staged = stage(u, caller, context);
        if (!staged && staged.error().kind == ErrorKind::Conflict && present(u)) {
            response.present << u.destinationLocation;
            continue;
        }
        if (!staged) {
            giveBack();
            return staged.error();
        }
        if (context.pending->size() > pendingBefore) {
            awaitingId << response.uploads.size();
            staged->bytesReceived = 0; // a new staging area
        } else {
            const QFileInfo held(staged->stagingLocation);
            staged->bytesReceived = held.exists() ? held.size() : 0;
        }
        response.uploads.append(*staged);
    }
    if (!context.pending->isEmpty()) {
        auto ids = IncomingTransfers(*db).createAll(*context.pending);
        if (!ids) {
            giveBack();
            return ids.error();
        }
        for (qsizetype k = 0; k < awaitingId.size(); ++k)
            response.uploads[awaitingId[k]].transferId = ids->at(k);
    }
    if (auto s = txn->commit(); !s) {
        giveBack();
        return s.error();
    }
    qCInfo(lcIngest) << "staged a batch of" << response.uploads.size() << "uploads," << response.present.size()
                     << "already present, in" << took.elapsed() << "ms";
    return response;
}

} // namespace librarian
