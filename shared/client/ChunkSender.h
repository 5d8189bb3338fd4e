#pragma once

#include "LibrarianClient.h"
#include "model/messages/UploadMessages.h"

#include <QNetworkReply>
#include <QObject>
#include <QPointer>

namespace librarian {

// Streams one local file to a data-plane target in chunks: asks first how many bytes the receiver
// already holds (so an interrupted transfer resumes there), retries a dropped connection with
// back-off, never holds a chunk in memory. Shared by client uploads and librarian-to-librarian pushes.
class ChunkSender : public QObject
{
    Q_OBJECT
public:
    ChunkSender(LibrarianClient *client, QString localPath, qint64 size, HttpDataTarget target,
                QObject *parent = nullptr);

    void start();
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
    void finish(const Status &result);

    LibrarianClient *m_client;
    QString m_localPath;
    qint64 m_size;
    HttpDataTarget m_target;
    QPointer<QNetworkReply> m_reply; // the request in flight, if any
    qint64 m_held = -1;              // bytes the receiver confirmed last
    int m_retries = 0;
    bool m_emptySent = false;
    bool m_cancelled = false;
    bool m_done = false;
};

} // namespace librarian
