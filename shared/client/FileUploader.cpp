#include "FileUploader.h"

#include "FileWindow.h"
#include "crypto/FileChecksum.h"
#include "model/Routes.h"
#include "storage/FileName.h"

#include <QDir>
#include <QDirIterator>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QLoggingCategory>
#include <QTimer>
#include <QtConcurrent>

Q_LOGGING_CATEGORY(lcUpload, "librarian.upload")

namespace librarian {

namespace {
constexpr qint64 kPreferredChunk = 16LL * 1024 * 1024;
constexpr int kMaxRetries = 5;

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
            m_items.append({file, destinationName + QLatin1Char('/') + root.relativeFilePath(file), QFileInfo(file).size()});
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
    auto *watcher = new QFutureWatcher<QList<Hashed>>(this);
    connect(watcher, &QFutureWatcher<QList<Hashed>>::finished, this, [this, watcher] {
        watcher->deleteLater();
        const QList<Hashed> results = watcher->result();
        for (int i = 0; i < results.size(); ++i) {
            if (!results[i].error.isEmpty())
                return abandon(ApiError::internal(results[i].error));
            m_items[i].checksum = results[i].checksum;
        }
        stageNext(0);
    });
    watcher->setFuture(QtConcurrent::run([paths] {
        QList<Hashed> out;
        for (const QString &path : paths) {
            auto c = checksumOfPath(path, ChecksumAlgorithm::Xxh3);
            out.append(c ? Hashed{c->toString(), {}} : Hashed{{}, c.error().reason});
        }
        return out;
    }));
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
    m_client->call<UploadStageResponse>(routes::kUploadStage, request.toJson(),
                                        [this, index](Result<UploadStageResponse> r) {
                                            if (m_finished)
                                                return;
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
    // Ask where to start: after an interruption the server already holds a prefix of the file.
    m_client->getJson(m_client->dataUrl(item.staged.http.dataPort, item.staged.http.path),
                      [this, index](Result<QJsonValue> r) { continueFrom(index, r); });
}

void FileUploader::sendChunk(int index, qint64 offset)
{
    if (m_finished)
        return;
    const Item &item = m_items[index];
    Q_EMIT progress(m_doneBefore + offset, m_total);
    if (offset >= item.size)
        return commitItem(index);
    const qint64 length = std::min({item.size - offset, item.staged.http.maxChunkBytes, kPreferredChunk});
    auto *window = new FileWindow(item.localPath, offset, length, this);
    if (!window->open(QIODevice::ReadOnly)) {
        delete window;
        return abandon(ApiError::internal(tr("Cannot read %1.").arg(item.localPath)));
    }
    m_client->putBytes(m_client->dataUrl(item.staged.http.dataPort, item.staged.http.path, offset), window, length,
                       [this, index, window](Result<QJsonValue> r) {
                           window->deleteLater();
                           continueFrom(index, r);
                       });
}

void FileUploader::continueFrom(int index, const Result<QJsonValue> &answer)
{
    if (m_finished)
        return;
    if (!answer)
        return retry(index, answer.error());
    auto progress = DataProgress::fromJson(answer->toObject());
    if (!progress)
        return abandon(progress.error());
    m_retries = 0;
    sendChunk(index, progress->bytesReceived);
}

void FileUploader::retry(int index, const ApiError &error)
{
    const bool transient = error.kind == ErrorKind::Unavailable || error.kind == ErrorKind::Internal;
    if (!transient || m_retries >= kMaxRetries)
        return abandon(error);
    const int delayMs = 250 << m_retries;
    ++m_retries;
    qCInfo(lcUpload) << "retrying" << m_items[index].name << "in" << delayMs << "ms after:" << error.reason;
    QTimer::singleShot(delayMs, this, [this, index] { sendItem(index); });
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
