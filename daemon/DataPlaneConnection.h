#pragma once

#include "model/ApiError.h"
#include "model/User.h"
#include "storage/StagingClaims.h"

#include <QFile>
#include <QHash>
#include <QObject>
#include <QTimer>
#include <QUrl>

class QTcpSocket;

namespace librarian {

class Authenticator;
class Ingest;

// One client connection of the data plane: parses request heads, streams PUT bodies into the
// staging file at their offset, answers with JSON. Keep-alive, so a file's chunks share a socket.
class DataPlaneConnection : public QObject
{
    Q_OBJECT
public:
    DataPlaneConnection(QTcpSocket *socket, Ingest &ingest, Authenticator &authenticator, qint64 maxChunkBytes,
                        QObject *parent = nullptr);

private:
    void onReadyRead();
    bool readHead();
    void handleRequest();
    void serve(const QByteArray &method, const QUrl &url, qint64 transferId, const QHash<QByteArray, QByteArray> &headers,
               const User &caller);
    void startPut(qint64 transferId, const QString &stagedPath, qint64 transferSize);
    void readBody();
    void closeFile();
    void finishPut();
    void answer(int status, const QByteArray &json, bool close = false, int retryAfterSeconds = 0);
    void answerError(const ApiError &error, bool close = false);

    enum class State { Head, Authenticating, Body, Closing };

    QTcpSocket *m_socket;
    Ingest &m_ingest;
    Authenticator &m_authenticator;
    qint64 m_maxChunkBytes;
    QTimer m_idle;

    State m_state = State::Head;
    QByteArray m_requestLine;
    QHash<QByteArray, QByteArray> m_headers; // lower-case names
    qint64 m_headBytes = 0;

    QFile m_file;
    std::optional<StagingClaims::Claim> m_claim; // held while m_file is open
    qint64 m_transferId = -1;
    qint64 m_transferSize = 0;
    qint64 m_remaining = 0;
};

} // namespace librarian
