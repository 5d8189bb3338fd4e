#include "ChunkSender.h"

#include "FileWindow.h"

#include <QLoggingCategory>
#include <QTimer>

Q_LOGGING_CATEGORY(lcChunks, "librarian.chunks")

namespace librarian {

namespace {
constexpr qint64 kPreferredChunk = 16LL * 1024 * 1024;
constexpr int kMaxRetries = 5;
} // namespace

ChunkSender::ChunkSender(LibrarianClient *client, QString localPath, qint64 size, HttpDataTarget target,
                         QObject *parent)
    : QObject(parent), m_client(client), m_localPath(std::move(localPath)), m_size(size), m_target(std::move(target))
{
}

void ChunkSender::start()
{
    ask();
}

void ChunkSender::ask()
{
    m_client->getJson(m_client->dataUrl(m_target.dataPort, m_target.path),
                      [this](Result<QJsonValue> r) { continueFrom(r); });
}

void ChunkSender::continueFrom(const Result<QJsonValue> &answer)
{
    if (m_done)
        return;
    if (m_cancelled)
        return finish(ApiError::internal(tr("Transfer cancelled.")));
    if (!answer)
        return retry(answer.error());
    auto progress = DataProgress::fromJson(answer->toObject());
    if (!progress)
        return finish(progress.error());
    m_retries = 0;
    sendFrom(progress->bytesReceived);
}

void ChunkSender::sendFrom(qint64 offset)
{
    Q_EMIT progress(offset, m_size);
    if (offset >= m_size)
        return finish(Ok{});
    const qint64 length = std::min({m_size - offset, m_target.maxChunkBytes, kPreferredChunk});
    auto *window = new FileWindow(m_localPath, offset, length, this);
    if (!window->open(QIODevice::ReadOnly)) {
        delete window;
        return finish(ApiError::internal(tr("Cannot read %1.").arg(m_localPath)));
    }
    m_client->putBytes(m_client->dataUrl(m_target.dataPort, m_target.path, offset), window, length,
                       [this, window](Result<QJsonValue> r) {
                           window->deleteLater();
                           continueFrom(r);
                       });
}

void ChunkSender::retry(const ApiError &error)
{
    const bool transient = error.kind == ErrorKind::Unavailable || error.kind == ErrorKind::Internal;
    if (!transient || m_retries >= kMaxRetries)
        return finish(error);
    const int delayMs = 250 << m_retries;
    ++m_retries;
    qCInfo(lcChunks) << "retrying" << m_localPath << "in" << delayMs << "ms after:" << error.reason;
    QTimer::singleShot(delayMs, this, [this] { ask(); });
}

void ChunkSender::finish(const Status &result)
{
    if (m_done)
        return;
    m_done = true;
    Q_EMIT finished(result);
}

} // namespace librarian
