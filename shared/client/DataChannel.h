#pragma once

#include "ClientConfig.h"
#include "model/Result.h"

#include <QByteArray>
#include <QFile>
#include <QJsonValue>
#include <QObject>
#include <QTimer>
#include <functional>
#include <optional>

class QTcpSocket;

namespace librarian {

class Hasher;

// One keep-alive HTTP/1.1 connection to a librarian's data plane, one request at a time. A chunk's
// bytes go from the file to the socket in large blocks, topped up as the kernel takes them, on the
// caller's thread: QNetworkAccessManager moved every ~2.5 KiB through its own thread and a
// cross-thread wake-up (153 MiB/s where the socket takes 825). Plain QTcpSocket calls only, so a
// QSslSocket can take its place.
class DataChannel : public QObject
{
    Q_OBJECT
public:
    using Callback = std::function<void(Result<QJsonValue>)>;
    // Bytes of the body written to the socket so far.
    using Progress = std::function<void(qint64 sent)>;
    // Sees every byte of the body as it is read from the file, in order.
    using Reader = std::function<void(const char *data, qint64 size)>;

    DataChannel(Connection connection, int port, QObject *parent = nullptr);
    ~DataChannel() override;

    void get(const QString &path, Callback done);
    // PUT bytes [offset, offset + length) of `localPath` to `path?offset=N`.
    void put(const QString &path, qint64 offset, const QString &localPath, qint64 length, Callback done,
             Progress progress = {}, Reader reader = {});
    // One request whose body is several files' bytes one after another (a data bundle): `target` is
    // the whole request target; the reader sees each part's bytes with the part's index.
    struct BodyPart
    {
        QString localPath;
        qint64 offset = 0;
        qint64 length = 0;
    };
    using PartReader = std::function<void(int part, const char *data, qint64 size)>;
    void putParts(const QString &target, const QList<BodyPart> &parts, Callback done, PartReader reader = {});
    // Ends the request in flight: `done` gets an Unavailable error, the connection is dropped.
    void abort();
    bool isBusy() const { return bool(m_done); }
    // Holds an open connection (it may still turn out closed by the server when next used).
    bool isConnected() const;
    int port() const { return m_port; }
    // Connections opened so far (for tests: files sent one after another share one).
    int connectionsOpened() const { return m_connectionsOpened; }

    // No byte moved in either direction for this long: the request fails (and may be retried).
    static constexpr int kIdleTimeoutMs = 60 * 1000;

private:
    void start(const QByteArray &method, const QString &target, QList<BodyPart> parts);
    std::optional<ApiError> openPart(); // the part m_partIndex, at its offset
    void send();
    void connected();
    void writeBody();
    void readAnswer();
    void socketGone();
    void complete(const Result<QJsonValue> &result);
    void dropConnection();
    ApiError unreachable(const QString &why) const;

    Connection m_connection;
    int m_port;
    QTcpSocket *m_socket = nullptr;
    QTimer m_idle;

    // The request in flight.
    QByteArray m_head;
    bool m_hasBody = false;
    QList<BodyPart> m_parts; // the body, in order
    int m_partIndex = 0;     // the part being read
    QFile m_body;            // its file
    qint64 m_partLeft = 0;   // of the part being read
    qint64 m_bodyLeft = 0;   // of the whole body
    qint64 m_bodyRead = 0;   // in this attempt
    qint64 m_readerFed = 0;  // bytes the reader has seen, over all attempts
    bool m_onReusedConnection = false;
    bool m_resent = false;
    int m_connectionsOpened = 0;
    qint64 m_bodySent = 0;
    Callback m_done;
    Progress m_progress;
    PartReader m_reader;
    QByteArray m_answer; // head and body of the answer as it arrives
    std::optional<qint64> m_answerHeadEnd;
};

} // namespace librarian
