#pragma once

#include "LibrarianClient.h"
#include "crypto/Checksum.h"
#include "model/messages/UploadMessages.h"

#include <QObject>
#include <QPointer>
#include <memory>

namespace librarian {

class DataChannel;
class Hasher;

// Streams one local file to a data-plane target in chunks: asks first how many bytes the receiver
// already holds (so an interrupted transfer resumes there), retries a dropped connection with
// back-off, never holds more than a few MiB of it in memory. Shared by client uploads and
// librarian-to-librarian pushes; the bytes go through the client's keep-alive DataChannel.
class ChunkSender : public QObject
{
    Q_OBJECT
public:
    ChunkSender(LibrarianClient *client, QString localPath, qint64 size, HttpDataTarget target,
                QObject *parent = nullptr);

    // The sender knows what the bytes must hash to (a push of a catalogued file): it hashes them as it
    // reads them and fails the transfer if its own copy is damaged, rather than sending it on.
    void expectChecksum(const Checksum &checksum);
    // `knownHeld`: how many bytes the receiver is known to hold (0 for a transfer just staged), so the
    // first request can carry bytes instead of asking; -1 asks first.
    void start(qint64 knownHeld = -1);
    // Aborts the request in flight; finished() reports the cancellation.
    void cancel();

Q_SIGNALS:
    void progress(qint64 bytesHeld, qint64 size);
    void finished(const librarian::Status &result);

private:
    void ask();
    void sendFrom(qint64 offset);
    void continueFrom(const Result<QJsonValue> &answer);
    void retry(const ApiError &error);
    Status verifiedSource();
    void finish(const Status &result);

    LibrarianClient *m_client;
    QString m_localPath;
    qint64 m_size;
    HttpDataTarget m_target;
    QPointer<DataChannel> m_channel; // while a request is in flight
    std::optional<Checksum> m_expected;
    std::shared_ptr<Hasher> m_hasher; // fed with bytes [0, m_hashed) in order, or none
    qint64 m_hashed = 0;
    qint64 m_held = -1;              // bytes the receiver confirmed last
    int m_retries = 0;
    bool m_emptySent = false;
    bool m_cancelled = false;
    bool m_done = false;
};

} // namespace librarian
