#pragma once

#include "db/Database.h"
#include "crypto/Checksum.h"
#include "model/File.h"
#include "model/IncomingTransfer.h"
#include "model/Result.h"
#include "model/Store.h"
#include "model/messages/AdminMessages.h"
#include "model/messages/UploadMessages.h"

#include <QHash>
#include <vector>

namespace librarian {

// Brings new bytes into the catalogue: stage an upload (an IncomingTransfer and a staging folder),
// receive its bytes (the data plane asks for the target), then verify and commit them into a store
// together with the File and Instance rows. Each call opens the calling thread's own connection,
// so the slow parts (hashing) can run on a worker thread. Every commit, of one file or of a batch,
// upload or clone, takes one path (IngestCommit.cpp): bytes verified, flushed and renamed, folders
// flushed, then the rows; bytes a killed commit left under their name are taken up, not refused.
class Ingest
{
public:
    Ingest(const Database &database, qint64 maximalUploadSize);

    Result<UploadStageResponse> stage(const UploadStageRequest &request, const QString &caller);

    // Verifies size and checksum of the staged bytes, then publishes them atomically in the store
    // with their File + Instance rows. Slow for big files: call off the event loop.
    Result<File> commit(const UploadCommitRequest &request, const QString &caller, bool callerIsAdmin);

    Status cancel(qint64 transferId, const QString &caller, bool callerIsAdmin);

    // /upload/batch_stage (ours): stage() of every entry in one transaction, all or nothing: the
    // first refusal refuses the batch and gives back what it had staged. A name the catalogue
    // already holds with the same size and checksum is not staged but listed as present. Each
    // staged entry says how many bytes the server holds already.
    Result<UploadBatchStageResponse> stageBatch(const UploadBatchStageRequest &request, const QString &caller);

    // /upload/batch_commit (ours): every entry verified and refused as commit() would, on its own;
    // the others are published (each file flushed before its rename, each folder flushed once for
    // the batch) and their rows written in one transaction. Slow for big files: off the event loop.
    Result<UploadBatchCommitResponse> commitBatch(const UploadBatchCommitRequest &request, const QString &caller,
                                                  bool callerIsAdmin);

    // receive_clone: verifies and commits a peer's STAGED clone (a failure fails the transfer).
    Result<File> receiveClone(const IncomingTransfer &transfer, DeletionPolicy policy);
    // receiveClone() of many clones: each verified and failed on its own, the good ones published
    // together (each file flushed before its rename, each folder once) with their rows in one
    // transaction. One result per transfer, in order. Slow: call off the event loop.
    QList<Result<File>> receiveClones(const QList<IncomingTransfer> &transfers, DeletionPolicy policy);

    // Where the data plane writes the bytes of a live transfer owned by the caller.
    struct DataTarget
    {
        IncomingTransfer transfer;
        QString stagedPath;
    };
    Result<DataTarget> dataTarget(qint64 transferId, const QString &caller, bool callerIsAdmin);
    // dataTarget() of many transfers (a data bundle's parts) in a lookup per 64, in the order of `ids`.
    QList<Result<DataTarget>> dataTargets(const QList<qint64> &ids, const QString &caller, bool callerIsAdmin);
    // dataTarget()'s status check alone (ownership and place do not change): whether the transfer
    // still takes bytes, looked at again once the data plane holds its staging claim.
    Status stillTakesBytes(qint64 transferId);
    QList<Status> stillTakeBytes(const QList<qint64> &ids);
    // The transfers among `ids` still INITIATED become ONGOING, in one transaction.
    Status markOngoing(const QList<qint64> &ids);

    // Registers bytes already inside a store (admin): a new File, or one more Instance of a known
    // File whose checksum matches; the same path twice is reported as already there. Hashes the
    // bytes: call off the event loop.
    Result<AddFileResponse> addFile(const AddFileRequest &request, const QString &caller);

    // Removes an instance's bytes from its store and keeps the row as unavailable history.
    Status deleteLocalInstance(qint64 instanceId);

private:
    // A staged transfer that passed every check, on its way into its store.
    struct StagedEntry;
    // What a stage() or a batch of them reads once: the stores, the room left on each and, for a
    // batch, which of its names are catalogued and their live transfers.
    struct StageContext;
    Result<UploadStageResponse> stage(const UploadStageRequest &request, const QString &caller, StageContext &context);
    Result<IncomingTransfer> ownedTransfer(QSqlDatabase &db, qint64 id, const QString &caller, bool admin);
    static Status ownedBy(const IncomingTransfer &transfer, const QString &caller, bool admin);
    void fail(QSqlDatabase &db, IncomingTransfer transfer, bool removeStaging);
    // The checks of uploads' commits before the common ones: each the caller's transfer, still
    // live, for that name. One result per request, in order; their rows are read with one statement.
    std::vector<Result<StagedEntry>> checkUploads(QSqlDatabase &db, const QList<UploadCommitRequest> &requests,
                                                  const QString &caller, bool callerIsAdmin);
    // The checks every commit makes, uploads and clones alike: an enabled store, nobody else on the
    // bytes or the name, still live, size and checksum, a free name. Damaged, short (unless
    // `incompleteIsResumable`) and clashing transfers fail here. One result per transfer, in order;
    // their states and names are looked up once for all of them, not once each.
    std::vector<Result<StagedEntry>> checkStaged(QSqlDatabase &db, const QList<IncomingTransfer> &transfers,
                                                 const QList<DeletionPolicy> &policies, bool incompleteIsResumable);
    // Size and checksum of the staged bytes (the transfer fails on a mismatch; too few bytes stay
    // resumable if `incompleteIsResumable`): the checksum they were staged with, or the refusal.
    Result<Checksum> verifyStaged(QSqlDatabase &db, const IncomingTransfer &transfer, const QString &staged,
                                  bool incompleteIsResumable);
    // Publishes the checked entries and writes their rows: one result per entry, in order.
    QList<Result<File>> publish(QSqlDatabase &db, std::vector<StagedEntry> &entries);
    // The File, Instance and transfer rows of the entries at `which`, a few statements for all; one
    // error for all if one is refused. The caller holds the transaction.
    Result<QList<File>> writeAllRows(QSqlDatabase &db, const std::vector<StagedEntry> &entries, const QList<int> &which,
                                     const QDateTime &now);

    const Database &m_database;
    qint64 m_maximalUploadSize;
};

} // namespace librarian
