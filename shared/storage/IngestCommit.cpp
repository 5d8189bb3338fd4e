// Ingest's commits: staged bytes checked, published in their store and recorded with their File and
// Instance rows. One path for all of them: an upload's commit (one file), a folder upload's batch
// commit and receive_clone's batches differ only in the checks before and in how many files go
// through it at once.
#include "Ingest.h"
#include "model/LogFailure.h"

#include "LocalStore.h"
#include "StagingClaims.h"
#include "StreamedChecksums.h"
#include "crypto/FileChecksum.h"
#include "db/FileCatalog.h"
#include "db/IncomingTransfers.h"
#include "db/SqlQuery.h"
#include "db/StoreRegistry.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QMap>

Q_DECLARE_LOGGING_CATEGORY(lcIngest)

namespace librarian {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("Ingest", text);
}

// The bytes of `transfer` lying under their name already: a commit renamed them there and was killed
// before its rows were written (or, across file systems, before it removed the staged copy). Read
// again to be sure they are these bytes and not a stranger's.
std::optional<Checksum> publishedBefore(const IncomingTransfer &transfer, const QString &target)
{
    if (!QFileInfo::exists(target))
        return std::nullopt;
    auto expected = Checksum::parse(transfer.transferChecksum);
    auto size = sizeOfPath(target);
    if (!expected || !size || *size != transfer.transferSize)
        return std::nullopt;
    auto actual = checksumOfPath(target, expected->algorithm());
    auto same = actual ? Checksum::same(*expected, *actual) : Result<bool>(false);
    if (!same || !*same)
        return std::nullopt;
    return *expected;
}
} // namespace

struct Ingest::StagedEntry
{
    IncomingTransfer transfer;
    Store store;
    DeletionPolicy policy = DeletionPolicy::Disallowed;
    QString staged;
    QString target;
    QString checksum;
    // The bytes lie under their name already (publishedBefore): only their rows are missing.
    bool published = false;
    // Both held until the rows are written: no PUT writes into the bytes and no second commit of
    // the transfer races this one (claim); no other transfer publishes under the name meanwhile,
    // nor takes these bytes for its own (nameClaim).
    std::optional<StagingClaims::Claim> claim;
    std::optional<StagingClaims::Claim> nameClaim;
};

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
    QElapsedTimer took;
    took.start();
    auto checked = checkUploads(*db, {request}, caller, callerIsAdmin);
    if (!checked.front())
        return checked.front().error();
    std::vector<StagedEntry> one;
    one.push_back(std::move(*checked.front()));
    Result<File> file = publish(*db, one).constFirst();
    if (file)
        qCInfo(lcIngest) << "committed" << file->name << file->size << "bytes" << file->checksum
                         << "(verified and published in" << took.elapsed() << "ms)";
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
    std::vector<StagedEntry> ready; // move-only: each holds its claims
    QList<int> requestOf;
    auto checked = checkUploads(*db, request.commits, caller, callerIsAdmin);
    for (int i = 0; i < request.commits.size(); ++i) {
        if (!checked[i]) {
            refuse(request.commits[i], checked[i].error());
            continue;
        }
        ready.push_back(std::move(*checked[i]));
        requestOf.append(i);
    }
    const QList<Result<File>> results = publish(*db, ready);
    for (int k = 0; k < results.size(); ++k) {
        if (results[k])
            response.files.append(*results[k]);
        else
            refuse(request.commits[requestOf[k]], results[k].error());
    }
    qCInfo(lcIngest) << "committed a batch of" << response.files.size() << "files," << response.failures.size()
                     << "refused, in" << took.elapsed() << "ms";
    return response;
}

Result<File> Ingest::receiveClone(const IncomingTransfer &transfer, DeletionPolicy policy)
{
    return receiveClones({transfer}, policy).constFirst();
}

QList<Result<File>> Ingest::receiveClones(const QList<IncomingTransfer> &transfers, DeletionPolicy policy)
{
    QList<Result<File>> results;
    results.reserve(transfers.size());
    auto db = m_database.connection();
    if (!db) {
        for (qsizetype i = 0; i < transfers.size(); ++i)
            results.append(db.error());
        return results;
    }
    QElapsedTimer took;
    took.start();
    std::vector<StagedEntry> ready;
    QList<int> transferOf;
    auto checked = checkStaged(*db, transfers, QList<DeletionPolicy>(transfers.size(), policy), false);
    for (int i = 0; i < transfers.size(); ++i) {
        if (!checked[i]) {
            results.append(checked[i].error());
            continue;
        }
        results.append(ApiError::internal(tr("Not committed."))); // replaced below
        ready.push_back(std::move(*checked[i]));
        transferOf.append(i);
    }
    const QList<Result<File>> published = publish(*db, ready);
    int committed = 0;
    for (int k = 0; k < published.size(); ++k) {
        results[transferOf[k]] = published[k];
        committed += published[k] ? 1 : 0;
    }
    qCInfo(lcIngest) << "received" << committed << "of" << transfers.size() << "clones in" << took.elapsed() << "ms";
    return results;
}

std::vector<Result<Ingest::StagedEntry>> Ingest::checkUploads(QSqlDatabase &db,
                                                           const QList<UploadCommitRequest> &requests,
                                                           const QString &caller, bool callerIsAdmin)
{
    QList<qint64> ids;
    for (const UploadCommitRequest &request : requests)
        ids.append(request.transferId);
    const auto found = IncomingTransfers(db).findAll(ids);
    std::vector<Result<StagedEntry>> results;
    if (!found) {
        for (qsizetype i = 0; i < requests.size(); ++i)
            results.push_back(found.error());
        return results;
    }
    QList<IncomingTransfer> live;
    QList<DeletionPolicy> policies;
    QList<qsizetype> liveAt;
    for (qsizetype i = 0; i < requests.size(); ++i) {
        const UploadCommitRequest &request = requests[i];
        const auto row = found->constFind(request.transferId);
        if (row == found->constEnd()) {
            results.push_back(ApiError::notFound(tr("Transfer %1 does not exist.").arg(request.transferId)));
        } else if (auto owned = ownedBy(*row, caller, callerIsAdmin); !owned) {
            results.push_back(owned.error());
        } else if (!isLive(row->status)) {
            results.push_back(ApiError{ErrorKind::NotAcceptable,
                                       tr("Transfer %1 is %2 and cannot be committed.")
                                           .arg(row->id)
                                           .arg(transferStatusName(row->status)),
                                       tr("Stage the upload again.")});
        } else if (request.destinationLocation != row->storePath) {
            results.push_back(ApiError::badRequest(tr("Transfer %1 was staged for %2, not %3.")
                                                       .arg(row->id)
                                                       .arg(row->storePath, request.destinationLocation)));
        } else {
            results.push_back(ApiError::internal(tr("Not checked."))); // replaced below
            live.append(*row);
            policies.append(request.deletionPolicy);
            liveAt.append(i);
        }
    }
    auto checked = checkStaged(db, live, policies, true);
    for (qsizetype k = 0; k < liveAt.size(); ++k)
        results[size_t(liveAt[k])] = std::move(checked[size_t(k)]);
    return results;
}

std::vector<Result<Ingest::StagedEntry>> Ingest::checkStaged(QSqlDatabase &db, const QList<IncomingTransfer> &transfers,
                                                          const QList<DeletionPolicy> &policies,
                                                          bool incompleteIsResumable)
{
    std::vector<Result<StagedEntry>> results;
    results.reserve(size_t(transfers.size()));
    // 1. Each one's bytes claimed, so that no PUT writes into them and no other commit takes them.
    QHash<qint64, Result<Store>> stores;
    QList<qint64> claimed;
    for (qsizetype i = 0; i < transfers.size(); ++i) {
        const IncomingTransfer &transfer = transfers[i];
        auto store = stores.constFind(transfer.storeId);
        if (store == stores.constEnd())
            store = stores.insert(transfer.storeId, StoreRegistry(db).find(transfer.storeId));
        if (!*store) {
            results.push_back(store->error());
            continue;
        }
        if (!(*store)->enabled) {
            results.push_back(ApiError{ErrorKind::NotAcceptable, tr("Store %1 is disabled.").arg((*store)->name),
                                       tr("Enable the store with set-store-state, then commit again.")});
            continue;
        }
        const LocalStore local(**store);
        auto staged = local.stagedPath(transfer.stagingName, transfer.uploadName);
        if (!staged) {
            results.push_back(staged.error());
            continue;
        }
        auto claim = StagingClaims::instance().claimCommit(*staged);
        if (!claim) {
            results.push_back(ApiError::conflict(
                tr("Transfer %1 is busy: its bytes are still being sent, or it is being committed.").arg(transfer.id),
                tr("Wait until every PUT of the transfer has been answered, then commit again.")));
            continue;
        }
        StagedEntry entry;
        entry.transfer = transfer;
        entry.store = **store;
        entry.policy = policies[i];
        entry.staged = *staged;
        entry.claim.emplace(std::move(*claim));
        results.push_back(std::move(entry));
        claimed.append(transfer.id);
    }

    // 2. Still live once claimed (a commit that held the claim before may have finished it), and
    // the name still free: both read once for all of them.
    const auto now = IncomingTransfers(db).findAll(claimed);
    if (!now) {
        for (Result<StagedEntry> &result : results)
            if (result)
                result = now.error();
        return results;
    }
    QStringList names;
    for (const Result<StagedEntry> &entry : results)
        if (entry)
            names.append(entry->transfer.storePath);
    const auto taken = FileCatalog(db).existing(names);
    for (Result<StagedEntry> &result : results) {
        if (!result)
            continue;
        StagedEntry &entry = *result;
        const IncomingTransfer &transfer = entry.transfer;
        const auto row = now->constFind(transfer.id);
        if (row == now->constEnd()) {
            result = ApiError::notFound(tr("Transfer %1 does not exist.").arg(transfer.id));
            continue;
        }
        if (!isLive(row->status)) {
            result = ApiError::conflict(
                tr("Transfer %1 is already %2.").arg(transfer.id).arg(transferStatusName(row->status)), {});
            continue;
        }
        auto target = LocalStore(entry.store).storePathFor(transfer.storePath);
        if (!target) {
            result = target.error();
            continue;
        }
        const auto refuseName = [&](const QString &why) {
            fail(db, transfer, true);
            result = ApiError::conflict(why, tr("File names are permanent; upload under a new name."));
        };
        // The one of two transfers of a name that comes second would lose at the rename anyway.
        auto nameClaim = StagingClaims::instance().claimCommit(*target);
        if (!nameClaim) {
            refuseName(tr("File %1 is being committed by another transfer.").arg(transfer.storePath));
            continue;
        }
        if (!taken) {
            result = taken.error();
            continue;
        }
        if (taken->contains(transfer.storePath)) {
            refuseName(tr("File %1 already exists.").arg(transfer.storePath));
            continue;
        }
        entry.target = *target;
        entry.nameClaim.emplace(std::move(*nameClaim));
        // 3. The bytes themselves.
        if (auto before = publishedBefore(transfer, *target)) {
            qCInfo(lcIngest) << "transfer" << transfer.id << "finds its verified bytes published under"
                             << transfer.storePath << "by a commit that did not finish: only its rows are written";
            entry.checksum = before->toString();
            entry.published = true;
            continue;
        }
        auto expected = verifyStaged(db, transfer, entry.staged, incompleteIsResumable);
        if (!expected) {
            result = expected.error();
            continue;
        }
        entry.checksum = expected->toString();
    }
    return results;
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

QList<Result<File>> Ingest::publish(QSqlDatabase &db, std::vector<StagedEntry> &entries)
{
    QList<Result<File>> results;
    results.reserve(qsizetype(entries.size()));
    for (size_t i = 0; i < entries.size(); ++i)
        results.append(ApiError::internal(tr("Not committed."))); // each one replaced below

    // 1. Bytes first, store by store: flushed side by side, renamed, each folder flushed once, all
    // before any row says the file is here. Bytes already in place are flushed where they lie.
    QList<int> placed;
    QMap<qint64, QList<int>> byStore;
    for (int i = 0; i < int(entries.size()); ++i) {
        if (!entries[i].published) {
            byStore[entries[i].store.id].append(i);
        } else if (auto s = LocalStore(entries[i].store).flushPublished(entries[i].target); s) {
            placed.append(i);
        } else {
            results[i] = s.error();
        }
    }
    for (const QList<int> &indexes : std::as_const(byStore)) {
        QList<LocalStore::Publication> files;
        for (int i : indexes)
            files.append({entries[i].staged, entries[i].transfer.storePath});
        const QList<Status> published = LocalStore(entries[indexes.first()].store).commitBatch(files);
        for (int k = 0; k < indexes.size(); ++k) {
            const int i = indexes[k];
            if (published[k]) {
                placed.append(i);
                continue;
            }
            if (published[k].error().kind == ErrorKind::Conflict)
                fail(db, entries[i].transfer, true);
            results[i] = published[k].error();
        }
    }
    std::sort(placed.begin(), placed.end());

    // 2. Their rows in one transaction. Should one be refused (a name committed meanwhile; on
    // PostgreSQL that also spoils the transaction), each file gets a transaction of its own
    // instead, so that only the bad one fails.
    const QDateTime now = QDateTime::currentDateTimeUtc();
    bool together = false;
    if (!placed.isEmpty()) {
        Result<QList<File>> files = ApiError::internal(tr("No transaction could be started."));
        Transaction txn(db);
        if (txn.started()) {
            files = writeAllRows(db, entries, placed, now);
            if (!files)
                qCInfo(lcIngest) << "a row of the batch was refused, committing its files one by one:"
                                 << files.error().reason;
            else if (auto s = txn.commit(); !s)
                qCWarning(lcIngest) << "cannot commit a batch, committing its files one by one:" << s.error().reason;
            else
                together = true;
        }
        if (together)
            for (int k = 0; k < placed.size(); ++k)
                results[placed[k]] = files->at(k);
    }
    if (!together) {
        for (int i : std::as_const(placed)) {
            const StagedEntry &entry = entries[i];
            Result<File> file = ApiError::internal(tr("No transaction could be started."));
            {
                Transaction txn(db);
                if (txn.started()) {
                    auto written = writeAllRows(db, entries, {i}, now);
                    file = written ? Result<File>(written->constFirst()) : Result<File>(written.error());
                    if (file)
                        if (auto s = txn.commit(); !s)
                            file = s.error();
                }
            }
            results[i] = file;
            if (file)
                continue;
            // Bytes without a row must not stay published; if even that fails, say so loudly.
            if (!logFailure(LocalStore(entry.store).removeFromStore(entry.target), lcIngest(),
                            QStringLiteral("Taking back %1").arg(entry.target)))
                qCCritical(lcIngest).noquote() << entry.target << "is in the store without a catalogue row";
            if (file.error().kind == ErrorKind::Conflict)
                fail(db, entry.transfer, true);
        }
    }
    for (int i : std::as_const(placed)) {
        if (!results[i])
            continue;
        LocalStore(entries[i].store).discardStaging(entries[i].transfer.stagingName);
        qCDebug(lcIngest) << "committed" << entries[i].transfer.storePath << entries[i].transfer.transferSize << "bytes";
    }
    return results;
}

namespace {
File fileOf(const IncomingTransfer &transfer, const QString &checksum, const QDateTime &now)
{
    File file;
    file.name = transfer.storePath;
    file.size = transfer.transferSize;
    file.checksum = checksum;
    file.uploader = transfer.uploader;
    file.source = transfer.source;
    file.createTime = now;
    return file;
}

Instance instanceOf(const QString &fileName, const Store &store, const QString &target, DeletionPolicy policy,
                    const QDateTime &now)
{
    Instance instance;
    instance.fileName = fileName;
    instance.storeId = store.id;
    instance.path = target;
    instance.deletionPolicy = policy;
    instance.createdTime = now;
    instance.available = true;
    return instance;
}

const QList<TransferStatus> kLive{TransferStatus::Initiated, TransferStatus::Ongoing, TransferStatus::Staged};
} // namespace

Result<QList<File>> Ingest::writeAllRows(QSqlDatabase &db, const std::vector<StagedEntry> &entries,
                                         const QList<int> &which, const QDateTime &now)
{
    QList<File> files;
    QList<Instance> instances;
    QList<qint64> transfers;
    for (int i : which) {
        const StagedEntry &entry = entries[size_t(i)];
        files.append(fileOf(entry.transfer, entry.checksum, now));
        instances.append(instanceOf(entry.transfer.storePath, entry.store, entry.target, entry.policy, now));
        transfers.append(entry.transfer.id);
    }
    // Any refusal fails them all: the caller then writes each file on its own, and the one at fault
    // gets its own error.
    FileCatalog catalog(db);
    if (auto s = catalog.insertFiles(files); !s) {
        // On PostgreSQL two commits of one name in two stores can both pass the check before; the
        // loser meets the unique key here and is refused like the loser of the check. The statement
        // does not say which name (nor can PostgreSQL be asked in a spoilt transaction).
        if (s.error().kind != ErrorKind::Conflict)
            return s.error();
        return ApiError::conflict(files.size() == 1 ? tr("File %1 already exists.").arg(files.first().name)
                                                    : tr("A file of the batch already exists."),
                                  tr("File names are permanent; upload under a new name."));
    }
    auto ids = catalog.insertInstances(instances);
    if (!ids)
        return ids.error();
    auto completed = IncomingTransfers(db).moveStatus(transfers, TransferStatus::Completed, kLive, now);
    if (!completed)
        return completed.error();
    for (qint64 id : std::as_const(transfers))
        if (!completed->contains(id))
            return ApiError::conflict(tr("Transfer %1 is no longer live.").arg(id), {});
    for (qsizetype k = 0; k < files.size(); ++k) {
        instances[k].id = ids->value(instances[k].fileName);
        files[k].instances.append(instances[k]);
    }
    return files;
}

} // namespace librarian
