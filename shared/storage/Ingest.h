#pragma once

#include "db/Database.h"
#include "model/File.h"
#include "model/IncomingTransfer.h"
#include "model/Result.h"
#include "model/messages/AdminMessages.h"
#include "model/messages/UploadMessages.h"

namespace librarian {

// Brings new bytes into the catalogue: stage an upload (an IncomingTransfer and a staging folder),
// receive its bytes (the data plane asks for the target), then verify and commit them into a store
// together with the File and Instance rows. Each call opens the calling thread's own connection,
// so the slow parts (hashing) can run on a worker thread.
class Ingest
{
public:
    Ingest(const Database &database, qint64 maximalUploadSize);

    Result<UploadStageResponse> stage(const UploadStageRequest &request, const QString &caller);

    // Verifies size and checksum of the staged bytes, then publishes them atomically in the store
    // with their File + Instance rows. Slow for big files: call off the event loop.
    Result<File> commit(const UploadCommitRequest &request, const QString &caller, bool callerIsAdmin);

    Status cancel(qint64 transferId, const QString &caller, bool callerIsAdmin);

    // receive_clone: verifies and commits a peer's STAGED clone (a failure fails the transfer).
    Result<File> receiveClone(const IncomingTransfer &transfer, DeletionPolicy policy);

    // Where the data plane writes the bytes of a live transfer owned by the caller.
    struct DataTarget
    {
        IncomingTransfer transfer;
        QString stagedPath;
    };
    Result<DataTarget> dataTarget(qint64 transferId, const QString &caller, bool callerIsAdmin);
    Status markOngoing(qint64 transferId);

    // Registers bytes already inside a store (admin): a new File, or one more Instance of a known
    // File whose checksum matches; the same path twice is reported as already there. Hashes the
    // bytes: call off the event loop.
    Result<AddFileResponse> addFile(const AddFileRequest &request, const QString &caller);

    // Removes an instance's bytes from its store and keeps the row as unavailable history.
    Status deleteLocalInstance(qint64 instanceId);

private:
    // The shared second half of commit and receive_clone.
    Result<File> ingestStaged(QSqlDatabase &db, const IncomingTransfer &transfer, DeletionPolicy policy,
                              bool incompleteIsResumable);
    Result<IncomingTransfer> ownedTransfer(QSqlDatabase &db, qint64 id, const QString &caller, bool admin);
    void fail(QSqlDatabase &db, IncomingTransfer transfer, bool removeStaging);

    const Database &m_database;
    qint64 m_maximalUploadSize;
};

} // namespace librarian
