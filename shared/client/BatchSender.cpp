#include "BatchSender.h"

#include "ChunkSender.h"

namespace librarian {

BatchSender::BatchSender(LibrarianClient *client, QList<File> files, QObject *parent)
    : QObject(parent), m_client(client), m_files(std::move(files))
{
}

void BatchSender::start()
{
    startMore();
}

void BatchSender::cancel()
{
    if (m_done)
        return;
    // Cancelling reports synchronously; the first report ends the batch with it.
    if (m_inFlight.isEmpty())
        return fail(ApiError::internal(ChunkSender::tr("Transfer cancelled.")));
    m_inFlight.begin().value()->cancel();
}

bool BatchSender::aloneInFlight() const
{
    for (auto it = m_inFlight.cbegin(); it != m_inFlight.cend(); ++it)
        if (m_files[it.key()].size > kSideBySideBytes)
            return true;
    return false;
}

void BatchSender::startMore()
{
    if (m_starting)
        return; // the loop below goes on from where the finished file left it
    m_starting = true;
    while (!m_done && m_next < m_files.size()) {
        const bool alone = m_files[m_next].size > kSideBySideBytes;
        if (m_inFlight.size() >= kFilesInFlight || (!m_inFlight.isEmpty() && (alone || aloneInFlight())))
            break;
        startFile(m_next++);
    }
    m_starting = false;
    if (!m_done && m_inFlight.isEmpty() && m_next == m_files.size()) {
        m_done = true;
        Q_EMIT finished(Ok{});
    }
}

void BatchSender::startFile(int index)
{
    const File &file = m_files[index];
    auto *sender = new ChunkSender(m_client, file.localPath, file.size, file.target, this);
    if (file.checksum)
        sender->expectChecksum(*file.checksum);
    m_inFlight.insert(index, sender);
    m_heldInFlight.insert(index, 0);
    m_peakInFlight = std::max(m_peakInFlight, int(m_inFlight.size()));
    connect(sender, &ChunkSender::progress, this, [this, index](qint64 held, qint64) {
        if (m_done || !m_heldInFlight.contains(index))
            return;
        m_heldInFlight[index] = held;
        emitProgress();
    });
    connect(sender, &ChunkSender::finished, this, [this, index, sender](const Status &result) {
        sender->deleteLater();
        fileFinished(index, result);
    });
    sender->start(file.knownHeld);
}

void BatchSender::fileFinished(int index, const Status &result)
{
    m_inFlight.remove(index);
    m_heldInFlight.remove(index);
    if (m_done)
        return; // cancelled after another file failed
    if (!result)
        return fail(result.error());
    m_bytesSent += m_files[index].size;
    Q_EMIT fileSent(index);
    emitProgress();
    startMore();
}

void BatchSender::emitProgress()
{
    qint64 done = m_bytesSent;
    for (qint64 held : std::as_const(m_heldInFlight))
        done += held;
    Q_EMIT progress(done);
}

void BatchSender::fail(const ApiError &error)
{
    m_done = true;
    // Each reports its cancellation at once (ignored: m_done), and leaves m_inFlight.
    const QList<ChunkSender *> others = m_inFlight.values();
    for (ChunkSender *sender : others)
        sender->cancel();
    Q_EMIT finished(error);
}

} // namespace librarian
