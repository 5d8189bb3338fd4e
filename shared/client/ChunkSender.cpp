#include "ChunkSender.h"

#include "DataChannel.h"
#include "crypto/Hasher.h"

#include <QLoggingCategory>
#include <QTimer>

Q_LOGGING_CATEGORY(lcChunks, "librarian.chunks")

namespace librarian {

namespace {
// Large chunks: every chunk costs a round trip during which the pipe drains.
constexpr qint64 kPreferredChunk = 64LL * 1024 * 1024;
constexpr int kMaxRetries = 5;
} // namespace

ChunkSender::ChunkSender(LibrarianClient *client, QString localPath, qint64 size, HttpDataTarget target,
                         QObject *parent)
    : QObject(parent), m_client(client), m_localPath(std::move(localPath)), m_size(size), m_target(std::move(target))
{
}

void ChunkSender::expectChecksum(const Checksum &checksum)
{
    m_expected = checksum;
}

void ChunkSender::start(qint64 knownHeld)
{
    if (knownHeld < 0 || knownHeld > m_size)
        return ask();
    m_held = knownHeld;
    sendFrom(knownHeld);
}

void ChunkSender::cancel()
{
    if (m_done)
        return;
    m_cancelled = true;
    if (m_channel)
        m_channel->abort(); // its callback reports the cancellation
    else
        finish(ApiError::internal(tr("Transfer cancelled."))); // between requests, waiting to retry
}

void ChunkSender::ask()
{
    if (m_done)
        return;
    m_channel = m_client->dataChannel(m_target.dataPort);
    m_channel->get(m_target.path, [this](Result<QJsonValue> r) {
        m_channel = nullptr;
        continueFrom(r);
    });
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
    if (progress->bytesReceived > m_size)
        return finish(ApiError{ErrorKind::NotAcceptable,
                               tr("The receiver holds %1 bytes of %2, which has only %3.")
                                   .arg(progress->bytesReceived)
                                   .arg(m_localPath)
                                   .arg(m_size),
                               tr("The file changed since it was staged; cancel the transfer and start again.")});
    // Only bytes that moved forward reset the retry budget: a receiver that answers "how far?"
    // but refuses every chunk must not be retried forever.
    if (progress->bytesReceived > m_held)
        m_retries = 0;
    m_held = progress->bytesReceived;
    sendFrom(progress->bytesReceived);
}

void ChunkSender::sendFrom(qint64 offset)
{
    Q_EMIT progress(offset, m_size);
    // An empty file still needs one (empty) PUT: it is what creates the staging file.
    if (offset >= m_size && (m_size > 0 || m_emptySent))
        return finish(verifiedSource());
    m_emptySent = m_size == 0;
    const qint64 limit = m_target.maxChunkBytes > 0 ? m_target.maxChunkBytes : kPreferredChunk;
    const qint64 length = std::min({m_size - offset, limit, kPreferredChunk});
    // Hash what is read only while it continues the bytes hashed so far from the start.
    if (m_expected && offset == 0) {
        m_hasher = std::make_shared<Hasher>(m_expected->algorithm());
        m_hashed = 0;
    } else if (offset != m_hashed) {
        m_hasher.reset();
    }
    DataChannel::Reader reader;
    if (m_hasher)
        reader = [this, hasher = m_hasher](const char *data, qint64 size) {
            hasher->addData(data, size);
            m_hashed += size;
        };
    m_channel = m_client->dataChannel(m_target.dataPort);
    m_channel->put(
        m_target.path, offset, m_localPath, length,
        [this](Result<QJsonValue> r) {
            m_channel = nullptr;
            continueFrom(r);
        },
        // Progress within a chunk too, so a slow link still shows movement.
        [this, offset](qint64 sent) {
            if (!m_done)
                Q_EMIT progress(offset + sent, m_size);
        },
        reader);
}

void ChunkSender::retry(const ApiError &error)
{
    const bool transient = error.kind == ErrorKind::Unavailable || error.kind == ErrorKind::Internal;
    if (!transient || m_retries >= kMaxRetries)
        return finish(error);
    const int delayMs = 250 << m_retries; // 250 ms, 500 ms, 1 s, 2 s, 4 s
    ++m_retries;
    qCInfo(lcChunks) << "retrying" << m_localPath << "in" << delayMs << "ms after:" << error.reason;
    QTimer::singleShot(delayMs, this, [this] { ask(); });
}

Status ChunkSender::verifiedSource()
{
    if (!m_hasher || m_hashed != m_size)
        return Ok{}; // resumed from what the receiver held: the receiver's check covers it
    const Checksum actual = m_hasher->result();
    if (const auto same = Checksum::same(*m_expected, actual); same && *same)
        return Ok{};
    return ApiError{ErrorKind::NotAcceptable,
                    tr("%1 does not match its checksum: expected %2, read %3.")
                        .arg(m_localPath, m_expected->toString(), actual.toString()),
                    tr("This copy is damaged; the receiver refuses it as well.")};
}

void ChunkSender::finish(const Status &result)
{
    if (m_done)
        return;
    m_done = true;
    Q_EMIT finished(result);
}

} // namespace librarian
