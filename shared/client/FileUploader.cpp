#include "FileUploader.h"

#include "concurrency/OffLoop.h"
#include "BatchSender.h"
#include "crypto/FileChecksum.h"
#include "model/Routes.h"
#include "storage/FileName.h"

#include <QDir>
#include <QDirIterator>
#include <QFileInfo>
#include <QHash>
#include <QLoggingCategory>

#include <algorithm>

Q_LOGGING_CATEGORY(lcUploader, "librarian.uploader")

namespace librarian {

namespace {
struct Hashed
{
    QString checksum;
    QString error;
};
} // namespace

FileUploader::FileUploader(LibrarianClient *client, QObject *parent) : QObject(parent), m_client(client) {}

void FileUploader::upload(const QString &localPath, const QString &destinationName)
{
    m_localPath = localPath;
    m_destination = destinationName;
    const QFileInfo info(localPath);
    if (!info.exists())
        return abandon(ApiError::notFound(tr("%1 does not exist.").arg(localPath)));
    if (info.isDir()) {
        const QString rootPath = info.absoluteFilePath();
        QDirIterator it(rootPath, QDir::Files | QDir::Hidden | QDir::NoSymLinks, QDirIterator::Subdirectories);
        QStringList files;
        while (it.hasNext())
            files << it.next();
        files.sort();
        const QDir root(rootPath);
        for (const QString &file : files)
            m_items.append(
                {file, destinationName + QLatin1Char('/') + root.relativeFilePath(file), QFileInfo(file).size()});
        if (m_items.isEmpty())
            return abandon(ApiError::badRequest(tr("%1 holds no files: nothing to upload.").arg(localPath)));
        m_batchRoutes = true;
    } else {
        m_items.append({localPath, destinationName, info.size()});
    }
    for (const Item &item : std::as_const(m_items)) {
        if (auto s = validateFileName(item.name); !s)
            return abandon(s.error());
        m_total += item.size;
    }
    for (int i = 0; i < m_items.size();) {
        Batch batch{i, 0};
        qint64 bytes = 0;
        while (i < m_items.size() && batch.count < kBatchFiles
               && (batch.count == 0 || bytes + m_items[i].size <= kBatchBytes)) {
            bytes += m_items[i].size;
            ++batch.count;
            ++i;
        }
        m_batches.append(batch);
    }
    Q_EMIT hashing(m_total);
    pump();
}

void FileUploader::pump()
{
    if (m_finished)
        return;
    const int batches = int(m_batches.size());
    if (m_done == batches)
        return succeed();
    // One batch ahead of the one being sent is hashed and staged; at most two sent batches wait
    // for their commit. So the pipe never runs dry, and a cancel has little to give back.
    // A step may finish at once and pump() again: each one checks the state as it is now.
    if (!m_hashing && m_hashed < batches && m_hashed <= m_sent + 1)
        hashBatch(m_hashed);
    if (!m_finished && !m_staging && m_staged < m_hashed && m_staged <= m_sent + 1 && m_staged <= m_done + 2)
        m_batchRoutes ? stageBatch(m_staged) : stageSingly(m_staged, m_batches[m_staged].first);
    if (!m_finished && !m_sending && m_sent < m_staged)
        sendBatch(m_sent);
    // File by file, one batch is committed at a time (its commits follow one another).
    while (!m_finished && m_nextCommit < m_sent && m_committing < (m_batchRoutes ? kCommitsInFlight : 1)) {
        ++m_committing;
        const int batch = m_nextCommit++;
        m_batchRoutes ? commitBatch(batch) : commitSingly(batch, m_batches[batch].first);
    }
}

void FileUploader::hashBatch(int batch)
{
    qCDebug(lcUploader) << "hashing batch" << batch;
    m_hashing = true;
    QStringList paths;
    const Batch b = m_batches[batch];
    for (int i = b.first; i < b.first + b.count; ++i)
        paths << m_items[i].localPath;
    auto hashAll = [paths, stop = m_stopHashing] {
        QList<Hashed> out;
        for (const QString &path : paths) {
            // cancel() sets the flag: a 4 GiB file is not read to the end for nothing.
            auto c = checksumOfPath(path, ChecksumAlgorithm::Xxh3, [stop](qint64) { return !stop->load(); });
            out.append(c ? Hashed{c->toString(), {}} : Hashed{{}, c.error().reason});
        }
        return out;
    };
    runOffLoop(this, hashAll, [this, b](const QList<Hashed> &results) {
        m_hashing = false;
        if (m_finished)
            return;
        for (int k = 0; k < results.size(); ++k) {
            if (!results[k].error.isEmpty())
                return abandon(ApiError::internal(results[k].error));
            m_items[b.first + k].checksum = results[k].checksum;
        }
        ++m_hashed;
        pump();
    });
}

UploadStageRequest FileUploader::stageRequestFor(const Item &item) const
{
    return {item.size, item.checksum, item.name.section(QLatin1Char('/'), -1), item.name, m_client->connection().user};
}

UploadCommitRequest FileUploader::commitRequestFor(const Item &item) const
{
    UploadCommitRequest request;
    request.storeName = item.staged.storeName;
    request.stagingName = item.staged.stagingName;
    request.stagingLocation = item.staged.stagingLocation;
    request.uploadName = item.staged.uploadName;
    request.destinationLocation = item.name;
    request.deletionPolicy = m_policy;
    request.uploader = m_client->connection().user;
    request.transferId = item.staged.transferId;
    return request;
}

void FileUploader::stageBatch(int batch)
{
    qCDebug(lcUploader) << "staging batch" << batch;
    m_staging = true;
    const Batch b = m_batches[batch];
    UploadBatchStageRequest request;
    for (int i = b.first; i < b.first + b.count; ++i)
        request.uploads.append(stageRequestFor(m_items[i]));
    ++m_inFlight;
    m_client->call<UploadBatchStageResponse>(
        routes::kUploadBatchStage, request.toJson(), [this, batch, b](Result<UploadBatchStageResponse> r) {
            --m_inFlight;
            if (m_finished) {
                // Cancelled while this batch was being staged: give it back too.
                if (r)
                    for (const UploadStageResponse &s : std::as_const(r->uploads))
                        cancelTransfer(s.transferId);
                return reportWhenSettled();
            }
            if (!r && r.error().kind == ErrorKind::NotFound) {
                qCInfo(lcUploader) << "the server has no batch routes; staging and committing file by file";
                m_batchRoutes = false;
                return stageSingly(batch, b.first);
            }
            if (!r)
                return abandon(r.error());
            QHash<QString, int> byName;
            for (int i = b.first; i < b.first + b.count; ++i)
                byName.insert(m_items[i].name, i);
            for (const QString &name : std::as_const(r->present))
                if (const int i = byName.value(name, -1); i >= 0)
                    m_items[i].present = true;
            for (const UploadStageResponse &s : std::as_const(r->uploads)) {
                const int i = byName.value(s.destinationLocation, -1);
                if (i < 0) { // not ours: never leave it staged
                    cancelTransfer(s.transferId);
                    continue;
                }
                m_items[i].staged = s;
                m_items[i].isStaged = true;
            }
            for (int i = b.first; i < b.first + b.count; ++i)
                if (!m_items[i].isStaged && !m_items[i].present)
                    return abandon(ApiError::internal(tr("The server did not stage %1.").arg(m_items[i].name)));
            staged(batch);
        });
}

void FileUploader::stageSingly(int batch, int index)
{
    m_staging = true;
    const Batch b = m_batches[batch];
    if (index == b.first + b.count)
        return staged(batch);
    ++m_inFlight;
    m_client->call<UploadStageResponse>(
        routes::kUploadStage, stageRequestFor(m_items[index]).toJson(), [this, batch, index](Result<UploadStageResponse> r) {
            --m_inFlight;
            if (m_finished) {
                if (r)
                    cancelTransfer(r->transferId);
                return reportWhenSettled();
            }
            if (!r)
                return abandon(r.error());
            m_items[index].staged = *r;
            m_items[index].isStaged = true;
            stageSingly(batch, index + 1);
        });
}

void FileUploader::staged(int batch)
{
    qCDebug(lcUploader) << "staged batch" << batch;
    m_staging = false;
    ++m_staged;
    pump();
}

void FileUploader::sendBatch(int batch)
{
    m_sending = true;
    const Batch b = m_batches[batch];
    QList<BatchSender::File> files;
    for (int i = b.first; i < b.first + b.count; ++i) {
        const Item &item = m_items[i];
        if (item.present) {
            m_doneBefore += item.size;
            continue;
        }
        // A transfer staged just now holds nothing: the first request carries bytes at once. A
        // resumed one (or an answer that does not say) is asked where to go on.
        files.append(BatchSender::File{item.localPath, item.size, item.staged.http, std::nullopt,
                                       item.staged.bytesReceived == 0 ? 0 : -1});
    }
    Q_EMIT progress(m_doneBefore, m_total);
    if (files.isEmpty())
        return sent(batch);
    qint64 bytes = 0;
    for (const BatchSender::File &f : std::as_const(files))
        bytes += f.size;
    auto *sender = new BatchSender(m_client, files, this);
    m_sender = sender;
    connect(sender, &BatchSender::progress, this, [this](qint64 done) { Q_EMIT progress(m_doneBefore + done, m_total); });
    connect(sender, &BatchSender::finished, this, [this, batch, bytes, sender](const Status &result) {
        sender->deleteLater();
        m_sender = nullptr;
        if (m_finished)
            return;
        if (!result)
            return abandon(result.error());
        m_doneBefore += bytes;
        sent(batch);
    });
    sender->start();
}

void FileUploader::sent(int batch)
{
    qCDebug(lcUploader) << "sent batch" << batch;
    m_sending = false;
    ++m_sent;
    pump();
}

void FileUploader::commitBatch(int batch)
{
    const Batch b = m_batches[batch];
    UploadBatchCommitRequest request;
    for (int i = b.first; i < b.first + b.count; ++i) {
        if (!m_items[i].isStaged)
            continue;
        m_items[i].committing = true;
        request.commits.append(commitRequestFor(m_items[i]));
    }
    if (request.commits.isEmpty()) // every file of the batch was there already
        return committed(batch);
    qCDebug(lcUploader) << "committing batch" << batch;
    ++m_inFlight;
    m_client->call<UploadBatchCommitResponse>(
        routes::kUploadBatchCommit, request.toJson(),
        [this, batch, b](Result<UploadBatchCommitResponse> r) {
            --m_inFlight;
            QHash<QString, int> byName;
            for (int i = b.first; i < b.first + b.count; ++i) {
                m_items[i].committing = false;
                byName.insert(m_items[i].name, i);
            }
            if (r) {
                for (const File &file : std::as_const(r->files)) {
                    if (const int i = byName.value(file.name, -1); i >= 0)
                        m_items[i].isStaged = false;
                    m_committed.append(file);
                }
            }
            if (m_finished) {
                // abandon() left this batch to its commit: give back what did not go in.
                for (int i = b.first; i < b.first + b.count; ++i)
                    if (m_items[i].isStaged) {
                        m_items[i].isStaged = false;
                        cancelTransfer(m_items[i].staged.transferId);
                    }
                return reportWhenSettled();
            }
            if (!r)
                return abandon(r.error());
            if (!r->failures.isEmpty())
                return abandon(r->failures.first().error);
            committed(batch);
        },
        LibrarianClient::kCommitTimeoutMs);
}

void FileUploader::commitSingly(int batch, int index)
{
    const Batch b = m_batches[batch];
    if (index == b.first + b.count)
        return committed(batch);
    Item &item = m_items[index];
    item.committing = true;
    ++m_inFlight;
    m_client->call<File>(
        routes::kUploadCommit, commitRequestFor(item).toJson(),
        [this, batch, index](Result<File> r) {
            --m_inFlight;
            Item &item = m_items[index];
            item.committing = false;
            if (r) {
                item.isStaged = false;
                m_committed.append(*r);
            }
            if (m_finished) {
                if (item.isStaged) {
                    item.isStaged = false;
                    cancelTransfer(item.staged.transferId);
                }
                return reportWhenSettled();
            }
            if (!r)
                return abandon(r.error());
            commitSingly(batch, index + 1);
        },
        LibrarianClient::kCommitTimeoutMs);
}

void FileUploader::committed(int batch)
{
    qCDebug(lcUploader) << "committed batch" << batch;
    --m_committing;
    ++m_done;
    pump();
}

void FileUploader::cancel()
{
    m_stopHashing->store(true);
    if (m_sender)
        m_sender->cancel();
    abandon(ApiError::internal(tr("Upload cancelled.")));
}

void FileUploader::cancelTransfer(qint64 transferId)
{
    ++m_inFlight;
    m_client->post(routes::kUploadCancel, TransferIdRequest{transferId}.toJson(), [this](Result<QJsonValue>) {
        --m_inFlight;
        reportWhenSettled();
    });
}

void FileUploader::abandon(const ApiError &error)
{
    if (m_finished)
        return;
    m_finished = true;
    m_failure = error;
    m_stopHashing->store(true);
    if (m_sender)
        m_sender->cancel();
    // Give back what was staged but not committed, so no staging folder is left behind; report
    // once the server has answered every request. A batch being committed is left to its commit,
    // which gives back whatever of it did not go in.
    for (Item &item : m_items) {
        if (!item.isStaged || item.committing)
            continue;
        item.isStaged = false;
        cancelTransfer(item.staged.transferId);
    }
    reportWhenSettled();
}

void FileUploader::reportWhenSettled()
{
    if (!m_finished || m_reported || m_inFlight > 0)
        return;
    m_reported = true;
    Q_EMIT finished(*m_failure);
}

void FileUploader::succeed()
{
    // A folder upload run again after it completed: there was nothing left to send, which is the
    // conflict it has always been; after an interruption it sends only what is missing.
    if (m_committed.isEmpty() && std::all_of(m_items.cbegin(), m_items.cend(), [](const Item &i) { return i.present; }))
        return abandon(ApiError::conflict(
            tr("Every file of %1 is in the catalogue under %2 already, with the same contents.").arg(m_localPath, m_destination),
            tr("File names are permanent; upload under a new name.")));
    m_finished = true;
    m_reported = true;
    Q_EMIT progress(m_total, m_total);
    Q_EMIT finished(m_committed);
}

} // namespace librarian
