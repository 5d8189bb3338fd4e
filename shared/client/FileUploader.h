#pragma once

#include "LibrarianClient.h"
#include "model/File.h"
#include "model/TransferStatus.h"
#include "model/messages/UploadMessages.h"

#include <QObject>
#include <QPointer>

#include <atomic>
#include <memory>
#include <optional>

namespace librarian {

class BatchSender;

// Uploads a file, or every file of a folder, over the built-in data plane: checksums computed off
// the event loop, names staged before their bytes move (so a conflict or a bad name stops the
// upload), the bytes streamed by a BatchSender (small files side by side; resume, retry), then
// committed (the server verifies the checksum). A folder's files become DEST/<relative path> and go in batches, through
// our /upload/batch_stage and /upload/batch_commit (per file against a server without them): one
// batch is hashed and staged while the one before it is sent, and committed while the next one
// is sent. A single file takes the reference's routes, one request per step.
class FileUploader : public QObject
{
    Q_OBJECT
public:
    explicit FileUploader(LibrarianClient *client, QObject *parent = nullptr);

    void setDeletionPolicy(DeletionPolicy policy) { m_policy = policy; }
    void upload(const QString &localPath, const QString &destinationName);
    void cancel();

    // A batch holds at most this many files, or bytes (a larger file is a batch of its own).
    static constexpr int kBatchFiles = 256;
    static constexpr qint64 kBatchBytes = 256LL * 1024 * 1024;
    // Batch commits in flight at once: while one waits for its flush, the next one's rows are
    // checked and written.
    static constexpr int kCommitsInFlight = 2;

Q_SIGNALS:
    void hashing(qint64 bytesTotal);
    void progress(qint64 bytesDone, qint64 bytesTotal);
    void finished(const librarian::Result<QList<librarian::File>> &result);

private:
    struct Item
    {
        QString localPath;
        QString name;
        qint64 size = 0;
        QString checksum;
        UploadStageResponse staged;
        bool isStaged = false;   // staged and neither committed nor given back
        bool present = false;    // the server holds these bytes under this name already
        bool committing = false; // in a commit request now: not cancelled by abandon()
    };
    struct Batch
    {
        int first = 0;
        int count = 0;
    };

    // Starts each step (hash, stage, send, commit) that is idle and has a batch ready for it.
    void pump();
    void hashBatch(int batch);
    void stageBatch(int batch);
    void stageSingly(int batch, int index);
    void sendBatch(int batch);
    void sent(int batch);
    void commitBatch(int batch);
    void commitSingly(int batch, int index);
    void staged(int batch);
    void committed(int batch);

    UploadStageRequest stageRequestFor(const Item &item) const;
    UploadCommitRequest commitRequestFor(const Item &item) const;
    void cancelTransfer(qint64 transferId);
    void abandon(const ApiError &error);
    void reportWhenSettled();
    void succeed();

    LibrarianClient *m_client;
    DeletionPolicy m_policy = DeletionPolicy::Disallowed;
    QString m_localPath;
    QString m_destination;
    QList<Item> m_items;
    QList<Batch> m_batches;
    QList<File> m_committed;
    bool m_batchRoutes = false; // a folder, unless the server turns out not to know them
    // How many batches went through each step, and whether a step is at work.
    int m_hashed = 0;
    int m_staged = 0;
    int m_sent = 0;
    int m_done = 0;
    bool m_hashing = false;
    bool m_staging = false;
    bool m_sending = false;
    int m_committing = 0;  // batches whose commit is under way
    int m_nextCommit = 0;  // the next batch to commit
    qint64 m_total = 0;
    qint64 m_doneBefore = 0; // bytes of the items sent (or found present) so far
    QPointer<BatchSender> m_sender;
    std::shared_ptr<std::atomic_bool> m_stopHashing = std::make_shared<std::atomic_bool>(false);
    bool m_finished = false;
    std::optional<ApiError> m_failure; // abandon()'s error, reported once no request is in flight
    int m_inFlight = 0;                // API requests not answered yet
    bool m_reported = false;
};

} // namespace librarian
