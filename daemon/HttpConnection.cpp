#include "HttpConnection.h"
#include "HttpReply.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QTcpSocket>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

Q_LOGGING_CATEGORY(lcHttp, "librarian.http")

namespace librarian {

namespace {
constexpr int kLingerMs = 2000;
constexpr qint64 kMaxDiscardBytes = 64LL * 1024 * 1024;

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 100: return "Continue";
    case 200: return "OK";
    case 201: return "Created";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 406: return "Not Acceptable";
    case 408: return "Request Timeout";
    case 409: return "Conflict";
    case 411: return "Length Required";
    case 413: return "Payload Too Large";
    case 429: return "Too Many Requests";
    case 431: return "Request Header Fields Too Large";
    case 500: return "Internal Server Error";
    case 503: return "Service Unavailable";
    case 507: return "Insufficient Storage";
    default: return "Status";
    }
}

// Qt's HTTP client writes a request's head and its body with two writes and leaves Nagle's
// algorithm on, so the body's last partial segment waits for our acknowledgement of the head,
// which the kernel delays by up to 40 ms when it has nothing to send back: every batch request
// from our own client stood still that long (head to body 19-43 ms; a 5000-file upload 0.35 ->
// 0.26 ms a file without). Linux leaves quick-ack mode again by itself, so it is asked for again
// on every read.
void acknowledgeAtOnce(QTcpSocket *socket)
{
#ifdef TCP_QUICKACK
    const int on = 1;
    ::setsockopt(int(socket->socketDescriptor()), IPPROTO_TCP, TCP_QUICKACK, &on, sizeof on);
#else
    Q_UNUSED(socket);
#endif
}
} // namespace

HttpConnection::HttpConnection(QTcpSocket *socket, Limits limits, QObject *parent)
    : QObject(parent), m_socket(socket), m_limits(limits)
{
    m_socket->setParent(this);
    m_socket->setReadBufferSize(m_limits.readBufferBytes);
    // An answer's last segment goes out at once, not after the client's acknowledgement of the one before.
    m_socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    m_deadline.setSingleShot(true);
    connect(&m_deadline, &QTimer::timeout, this, [this] {
        qCDebug(lcHttp) << "closing an idle or slow connection from" << m_socket->peerAddress().toString();
        m_socket->abort();
    });
    m_rate.setInterval(m_limits.rateWindowMs);
    connect(&m_rate, &QTimer::timeout, this, &HttpConnection::checkRate);
    connect(m_socket, &QTcpSocket::readyRead, this, &HttpConnection::onReadyRead);
    connect(m_socket, &QTcpSocket::disconnected, this, [this] {
        closed();
        deleteLater();
    });
    m_deadline.start(m_limits.idleMs);
    if (m_socket->bytesAvailable() > 0)
        QMetaObject::invokeMethod(this, &HttpConnection::onReadyRead, Qt::QueuedConnection);
}

void HttpConnection::setState(State state)
{
    m_state = state;
    if (state == State::Body) {
        m_deadline.stop();
        m_windowBytes = 0;
        m_rate.start();
    } else {
        m_rate.stop();
    }
    if (state == State::Busy)
        m_deadline.stop();
    if (state == State::Body || state == State::Head)
        QMetaObject::invokeMethod(this, &HttpConnection::onReadyRead, Qt::QueuedConnection);
}

void HttpConnection::checkRate()
{
    if (m_state == State::Body && m_windowBytes < m_limits.minBytesPerWindow) {
        qCInfo(lcHttp) << "closing a connection from" << m_socket->peerAddress().toString() << "whose body brought"
                       << m_windowBytes << "bytes in" << m_limits.rateWindowMs << "ms";
        m_socket->abort();
        return;
    }
    m_windowBytes = 0;
}

void HttpConnection::onReadyRead()
{
    // Handlers may answer synchronously from inside handleHead/readBody: no nested loop.
    if (m_processing)
        return;
    m_processing = true;
    acknowledgeAtOnce(m_socket);
    while (m_socket->bytesAvailable() > 0) {
        if (m_state == State::Closing) {
            m_discarded += m_socket->skip(m_socket->bytesAvailable());
            if (m_discarded > kMaxDiscardBytes)
                m_socket->abort();
            break;
        }
        if (m_state == State::Busy)
            break;
        if (m_state == State::Body) {
            const qint64 before = m_socket->bytesAvailable();
            readBody();
            if (m_state == State::Body && m_socket->bytesAvailable() == before)
                break;
            continue;
        }
        if (!readHead())
            break;
    }
    m_processing = false;
}

// Reads what there is of a head; true once a whole head was handled.
bool HttpConnection::readHead()
{
    // The whole head must come within headMs of its first byte, however it trickles in.
    if (!m_headStarted) {
        m_headStarted = true;
        m_deadline.start(m_limits.headMs);
    }
    while (m_socket->canReadLine()) {
        const QByteArray line = m_socket->readLine(m_limits.maxHeadBytes + 1);
        m_partialHead += line;
        if (m_partialHead.size() > m_limits.maxHeadBytes) {
            answerError({ErrorKind::BadRequest, tr("Request head too large."), {}}, true);
            return false;
        }
        if (line == "\r\n" || line == "\n") {
            if (m_partialHead.trimmed().isEmpty()) { // blank lines between requests
                m_partialHead.clear();
                continue;
            }
            const QByteArray text = m_partialHead.chopped(line.size());
            m_partialHead.clear();
            m_headStarted = false;
            m_deadline.stop();
            auto head = HttpHead::parse(text);
            if (!head) {
                answerError(head.error(), true);
                return false;
            }
            m_head = *head;
            m_state = State::Busy;
            handleHead(m_head);
            return true;
        }
    }
    if (m_socket->bytesAvailable() > m_limits.maxHeadBytes || m_partialHead.size() > m_limits.maxHeadBytes)
        answerError({ErrorKind::BadRequest, tr("Request head too large."), {}}, true);
    return false;
}

void HttpConnection::answer(int status, const QByteArray &json, bool close, int retryAfterSeconds)
{
    close = close || !m_head.keepAlive;
    QByteArray head = "HTTP/1.1 " + QByteArray::number(status) + ' ' + reasonPhrase(status) + "\r\n";
    head += "Content-Type: application/json\r\nContent-Length: " + QByteArray::number(json.size()) + "\r\n";
    if (retryAfterSeconds > 0)
        head += "Retry-After: " + QByteArray::number(retryAfterSeconds) + "\r\n";
    head += close ? "Connection: close\r\n\r\n" : "Connection: keep-alive\r\n\r\n";
    m_socket->write(head + json);
    if (close) {
        // The unread body of a refused request must not be taken for the next request. Closing
        // with it unread would make the kernel answer with a reset, and the client might never
        // see our answer: send the answer and a FIN, drop what still comes, and let go when the
        // client closes (or after a short linger).
        setState(State::Closing);
        m_deadline.start(kLingerMs);
        if (m_socket->bytesToWrite() == 0)
            shutdownWrite();
        else
            connect(m_socket, &QTcpSocket::bytesWritten, this, [this] {
                if (m_socket->bytesToWrite() == 0)
                    shutdownWrite();
            });
        return;
    }
    m_head = HttpHead{};
    m_deadline.start(m_limits.idleMs);
    setState(State::Head);
}

void HttpConnection::shutdownWrite()
{
    if (m_socket->socketDescriptor() >= 0)
        ::shutdown(int(m_socket->socketDescriptor()), SHUT_WR);
}

void HttpConnection::answerError(const ApiError &error, bool close)
{
    answer(error.httpStatus(), QJsonDocument(error.toJson()).toJson(QJsonDocument::Compact), close,
           error.retryAfterSeconds);
}

void HttpConnection::answerJson(int status, const QJsonValue &body, bool close, int retryAfterSeconds)
{
    answer(status, encodeJson(body), close, retryAfterSeconds);
}

} // namespace librarian
