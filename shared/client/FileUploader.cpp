#include "FileUploader.h"

#include "concurrency/OffLoop.h"
#include "ChunkSender.h"
#include "crypto/FileChecksum.h"
#include "model/Routes.h"
#include "storage/FileName.h"

#include <QDir>
#include <QDirIterator>
#include <QFileInfo>
#include <QLoggingCategory>

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
    } else {
        m_items.append({localPath, destinationName, info.size()});
    }
    for (const Item &item : m_items) {
        if (auto s = validateFileName(item.name); !s)
            return abandon(s.error());
        m_total += item.size;
    }
    hashAll();
}

void FileUploader::hashAll()
{
    Q_EMIT hashing(m_total);
    QStringList paths;
    for (const Item &item : m_items)
        paths << item.localPath;
    auto hashAll = [paths, stop = m_stopHashing] {
        QList<Hashed> out;
        for (const QString &path : paths) {
            // cancel() sets the flag: a 4 GiB file is not read to the end for nothing.
            auto c = checksumOfPath(path, ChecksumAlgorithm::Xxh3, [stop](qint64) { return !stop->load(); });
            out.append(c ? Hashed{c->toString(), {}} : Hashed{{}, c.error().reason});
        }
        return out;
    };
    runOffLoop(this, hashAll, [this](const QList<Hashed> &results) {
        for (int i = 0; i < results.size(); ++i) {
            if (!results[i].error.isEmpty())
                return abandon(ApiError::internal(results[i].error));
            m_items[i].checksum = results[i].checksum;
        }
        stageNext(0);
    });
}

void FileUploader::stageNext(int index)
{
    if (m_finished)
        return;
    if (index == m_items.size())
        return sendItem(0);
    const Item &item = m_items[index];
    UploadStageRequest request{item.size, item.checksum, item.name.section(QLatin1Char('/'), -1), item.name,
                               m_client->connection().user};
    m_client->call<UploadStageResponse>(
        routes::kUploadStage, request.toJson(), [this, index](Result<UploadStageResponse> r) {
            if (m_finished) {
                // Cancelled while this stage was under way: give it back too.
                if (r)
                    m_client->post(routes::kUploadCancel, TransferIdRequest{r->transferId}.toJson(),
                                   [](Result<QJsonValue>) {});
                return;
            }
            if (!r)
                return abandon(r.error());
            m_items[index].staged = *r;
            m_items[index].isStaged = true;
            stageNext(index + 1);
        });
}

void FileUploader::sendItem(int index)
{
    if (m_finished)
        return;
    if (index == m_items.size())
        return succeed();
    const Item &item = m_items[index];
    auto *sender = new ChunkSender(m_client, item.localPath, item.size, item.staged.http, this);
    m_sender = sender;
    connect(sender, &ChunkSender::progress, this,
            [this](qint64 held, qint64) { Q_EMIT progress(m_doneBefore + held, m_total); });
    connect(sender, &ChunkSender::finished, this, [this, index, sender](const Status &result) {
        sender->deleteLater();
        m_sender = nullptr;
        if (m_finished)
            return;
        if (!result)
            return abandon(result.error());
        commitItem(index);
    });
    sender->start();
}

void FileUploader::commitItem(int index)
{
    Item &item = m_items[index];
    UploadCommitRequest request;
    request.storeName = item.staged.storeName;
    request.stagingName = item.staged.stagingName;
    request.stagingLocation = item.staged.stagingLocation;
    request.uploadName = item.staged.uploadName;
    request.destinationLocation = item.name;
    request.deletionPolicy = m_policy;
    request.uploader = m_client->connection().user;
    request.transferId = item.staged.transferId;
    m_client->call<File>(
        routes::kUploadCommit, request.toJson(),
        [this, index](Result<File> r) {
            if (m_finished)
                return;
            if (!r)
                return abandon(r.error());
            m_items[index].isStaged = false;
            m_committed.append(*r);
            m_doneBefore += m_items[index].size;
            sendItem(index + 1);
        },
        LibrarianClient::kCommitTimeoutMs);
}

void FileUploader::cancel()
{
    m_stopHashing->store(true);
    if (m_sender)
        m_sender->cancel();
    abandon(ApiError::internal(tr("Upload cancelled.")));
}

void FileUploader::abandon(const ApiError &error)
{
    if (m_finished)
        return;
    m_finished = true;
    // Give back what was staged but not committed, so no staging folder is left behind; report
    // once the server has answered every cancel.
    auto pending = std::make_shared<int>(1);
    auto settle = [this, pending, error] {
        if (--*pending == 0)
            Q_EMIT finished(error);
    };
    for (const Item &item : m_items) {
        if (!item.isStaged)
            continue;
        ++*pending;
        m_client->post(routes::kUploadCancel, TransferIdRequest{item.staged.transferId}.toJson(),
                       [settle](Result<QJsonValue>) { settle(); });
    }
    settle();
}

void FileUploader::succeed()
{
    m_finished = true;
    Q_EMIT progress(m_total, m_total);
    Q_EMIT finished(m_committed);
}

} // namespace librarian
