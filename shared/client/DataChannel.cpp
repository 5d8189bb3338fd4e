#include "DataChannel.h"

#include "LibrarianClient.h"

#include <QLoggingCategory>
#include <QTcpSocket>

Q_DECLARE_LOGGING_CATEGORY(lcChunks)

namespace librarian {

namespace {
// Top the socket up while less than this is queued, one block at a time: the kernel never runs dry
// between two wake-ups, and at most kHighWater + kBlock bytes are ever held.
constexpr qint64 kHighWater = 4 * 1024 * 1024;
constexpr qint64 kBlock = 1024 * 1024;
constexpr qint64 kMaxAnswerHead = 16 * 1024;
constexpr qint64 kMaxAnswerBody = 1024 * 1024; // our answers are a few hundred bytes of JSON

struct AnswerHead
{
    int status = 0;
    QByteArray reason;
    std::optional<qint64> contentLength;
    bool keepAlive = true;
};

std::optional<AnswerHead> parseAnswerHead(const QByteArray &head)
{
    const QList<QByteArray> lines = head.split('\n');
    const QList<QByteArray> statusLine = lines.value(0).trimmed().split(' ');
    if (statusLine.size() < 2 || !statusLine[0].startsWith("HTTP/1."))
        return std::nullopt;
    AnswerHead a;
    bool ok = false;
    a.status = statusLine[1].toInt(&ok);
    if (!ok)
        return std::nullopt;
    a.reason = statusLine.mid(2).join(' ');
    a.keepAlive = statusLine[0] == "HTTP/1.1";
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines[i].trimmed();
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            continue;
        const QByteArray name = line.left(colon).trimmed().toLower();
        const QByteArray value = line.mid(colon + 1).trimmed();
        if (name == "content-length") {
            const qint64 length = value.toLongLong(&ok);
            if (!ok || length < 0)
                return std::nullopt;
            a.contentLength = length;
        } else if (name == "connection") {
            a.keepAlive = value.toLower() != "close";
        }
    }
    return a;
}
} // namespace

DataChannel::DataChannel(Connection connection, int port, QObject *parent)
    : QObject(parent), m_connection(std::move(connection)), m_port(port)
{
    m_idle.setSingleShot(true);
    m_idle.setInterval(kIdleTimeoutMs);
    connect(&m_idle, &QTimer::timeout, this, [this] {
        dropConnection();
        complete(unreachable(tr("no answer in time")));
    });
}

DataChannel::~DataChannel()
{
    m_done = nullptr; // nobody is told from inside the destructor
    dropConnection();
}

ApiError DataChannel::unreachable(const QString &why) const
{
    return ApiError{ErrorKind::Unavailable,
                    tr("Cannot reach the data plane at %1:%2: %3").arg(QUrl(m_connection.host).host()).arg(m_port).arg(why),
                    tr("Check that the server runs and the connection's host and port.")};
}

bool DataChannel::isConnected() const
{
    return m_socket && m_socket->state() == QAbstractSocket::ConnectedState;
}

void DataChannel::get(const QString &path, Callback done)
{
    m_done = std::move(done);
    m_progress = nullptr;
    m_reader = nullptr;
    m_hasBody = false;
    start("GET", path, {});
}

void DataChannel::put(const QString &path, qint64 offset, const QString &localPath, qint64 length, Callback done,
                      Progress progress, Reader reader)
{
    m_done = std::move(done);
    m_progress = std::move(progress);
    m_reader = nullptr;
    if (reader)
        m_reader = [reader = std::move(reader)](int, const char *data, qint64 size) { reader(data, size); };
    m_hasBody = true;
    start("PUT", path + QStringLiteral("?offset=%1").arg(offset), {BodyPart{localPath, offset, length}});
}

void DataChannel::putParts(const QString &target, const QList<BodyPart> &parts, Callback done, PartReader reader)
{
    m_done = std::move(done);
    m_progress = nullptr;
    m_reader = std::move(reader);
    m_hasBody = true;
    start("PUT", target, parts);
}

void DataChannel::start(const QByteArray &method, const QString &target, QList<BodyPart> parts)
{
    qint64 bodyLength = 0;
    for (const BodyPart &p : parts)
        bodyLength += p.length;
    const QByteArray credentials = (m_connection.user + QLatin1Char(':') + m_connection.password).toUtf8();
    m_head = method + ' ' + QUrl(target).toEncoded() + " HTTP/1.1\r\nHost: " + QUrl(m_connection.host).host().toUtf8()
        + ':' + QByteArray::number(m_port) + "\r\nAuthorization: Basic " + credentials.toBase64() + "\r\n";
    if (m_hasBody)
        m_head += "Content-Type: application/octet-stream\r\nContent-Length: " + QByteArray::number(bodyLength) + "\r\n";
    m_head += "\r\n";
    m_parts = std::move(parts);
    m_readerFed = 0;
    m_resent = false;
    send();
}

std::optional<ApiError> DataChannel::openPart()
{
    const BodyPart &part = m_parts[m_partIndex];
    m_body.close();
    m_body.setFileName(part.localPath);
    m_partLeft = part.length;
    if (m_body.open(QIODevice::ReadOnly) && m_body.seek(part.offset))
        return std::nullopt;
    const QString why = m_body.errorString();
    m_body.close();
    return ApiError::internal(tr("Cannot read %1: %2").arg(part.localPath, why));
}

void DataChannel::send()
{
    m_bodyLeft = 0;
    if (m_hasBody) {
        for (const BodyPart &p : std::as_const(m_parts))
            m_bodyLeft += p.length;
        m_partIndex = 0;
        if (auto error = m_parts.isEmpty() ? std::nullopt : openPart())
            return complete(*error);
    }
    m_bodySent = m_bodyRead = 0;
    m_answer.clear();
    m_answerHeadEnd.reset();
    m_idle.start();
    m_onReusedConnection = m_socket && m_socket->state() == QAbstractSocket::ConnectedState;
    if (m_onReusedConnection)
        return connected();
    dropConnection();
    ++m_connectionsOpened;
    m_socket = new QTcpSocket(this);
    connect(m_socket, &QTcpSocket::connected, this, &DataChannel::connected);
    connect(m_socket, &QTcpSocket::bytesWritten, this, [this] {
        m_idle.start();
        writeBody();
        if (m_progress && m_socket)
            m_progress(std::max<qint64>(0, m_bodySent - m_socket->bytesToWrite()));
    });
    connect(m_socket, &QTcpSocket::readyRead, this, &DataChannel::readAnswer);
    connect(m_socket, &QTcpSocket::disconnected, this, &DataChannel::socketGone);
    connect(m_socket, &QTcpSocket::errorOccurred, this, &DataChannel::socketGone);
    m_socket->connectToHost(QUrl(m_connection.host).host(), quint16(m_port));
}

void DataChannel::connected()
{
    // Small requests (a GET, the head of a chunk) must not wait for Nagle's delayed ACK.
    m_socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    m_socket->write(m_head);
    writeBody();
}

void DataChannel::writeBody()
{
    if (!m_done || !m_body.isOpen())
        return;
    while (m_bodyLeft > 0 && m_socket->bytesToWrite() < kHighWater) {
        // The parts of a bundle follow each other in the stream, a block never spans two.
        while (m_partLeft == 0) {
            ++m_partIndex;
            if (auto error = openPart()) {
                dropConnection();
                return complete(*error);
            }
        }
        QByteArray block(std::min(m_partLeft, kBlock), Qt::Uninitialized);
        const qint64 got = m_body.read(block.data(), block.size());
        if (got <= 0) {
            const QString error = got < 0 ? m_body.errorString() : tr("the file ended early");
            const QString name = m_body.fileName();
            dropConnection();
            return complete(ApiError::internal(tr("Cannot read %1: %2").arg(name, error)));
        }
        block.truncate(got);
        // A request sent again reads its bytes again: the reader sees each byte once.
        if (m_reader && m_bodyRead + got > m_readerFed) {
            const qint64 seen = std::max<qint64>(0, m_readerFed - m_bodyRead);
            m_reader(m_partIndex, block.constData() + seen, got - seen);
            m_readerFed = m_bodyRead + got;
        }
        m_bodyRead += got;
        m_socket->write(block);
        m_partLeft -= got;
        m_bodyLeft -= got;
        m_bodySent += got;
    }
    if (m_bodyLeft == 0)
        m_body.close();
}

void DataChannel::readAnswer()
{
    if (!m_done) {
        // Nothing asked: an answer out of turn means the connection's framing is lost.
        if (m_socket && m_socket->bytesAvailable() > 0)
            dropConnection();
        return;
    }
    m_idle.start();
    m_answer += m_socket->readAll();
    for (;;) {
        if (!m_answerHeadEnd) {
            const qsizetype end = m_answer.indexOf("\r\n\r\n");
            if (end < 0) {
                if (m_answer.size() > kMaxAnswerHead) {
                    dropConnection();
                    complete(unreachable(tr("the answer's head is too long")));
                }
                return;
            }
            m_answerHeadEnd = end + 4;
        }
        const auto head = parseAnswerHead(m_answer.left(*m_answerHeadEnd));
        if (!head || (head->contentLength && *head->contentLength > kMaxAnswerBody)) {
            dropConnection();
            return complete(unreachable(tr("the answer is not HTTP/1.1 as expected")));
        }
        if (head->status == 100) { // "Continue": the real answer follows
            m_answer.remove(0, *m_answerHeadEnd);
            m_answerHeadEnd.reset();
            continue;
        }
        // Without a length the body ends with the connection (socketGone() takes it from there).
        if (!head->contentLength || m_answer.size() < *m_answerHeadEnd + *head->contentLength)
            return;
        const QByteArray body = m_answer.mid(*m_answerHeadEnd, *head->contentLength);
        // An answer before the whole body went out (a refusal) leaves the rest unsent: the
        // connection cannot carry another request.
        if (!head->keepAlive || m_bodyLeft > 0 || m_answer.size() > *m_answerHeadEnd + *head->contentLength)
            dropConnection();
        return complete(LibrarianClient::interpretAnswer(head->status, body, QString::fromLatin1(head->reason)));
    }
}

void DataChannel::socketGone()
{
    if (!m_done)
        return;
    if (m_socket)
        m_answer += m_socket->readAll();
    const QString why = m_socket ? m_socket->errorString() : tr("the connection closed");
    // A kept-alive connection the server had closed meanwhile (idle timeout) fails before any
    // answer: send the request once more on a new one instead of failing it.
    if (m_onReusedConnection && !m_resent && m_answer.isEmpty()) {
        m_resent = true;
        dropConnection();
        return send();
    }
    // The answer may have come with the close, before readAnswer() saw any of it (a refusal
    // from the head, answered with Connection: close while the body was still going out).
    if (!m_answerHeadEnd)
        if (const qsizetype end = m_answer.indexOf("\r\n\r\n"); end >= 0)
            m_answerHeadEnd = end + 4;
    if (m_answerHeadEnd) {
        const auto head = parseAnswerHead(m_answer.left(*m_answerHeadEnd));
        if (head && head->status != 100) {
            const qint64 available = m_answer.size() - *m_answerHeadEnd;
            if (!head->contentLength || available >= *head->contentLength) {
                const QByteArray body = m_answer.mid(*m_answerHeadEnd, head->contentLength.value_or(available));
                dropConnection();
                return complete(LibrarianClient::interpretAnswer(head->status, body, QString::fromLatin1(head->reason)));
            }
        }
    }
    dropConnection();
    complete(unreachable(why));
}

void DataChannel::abort()
{
    if (!m_done)
        return;
    dropConnection();
    complete(unreachable(tr("cancelled")));
}

void DataChannel::dropConnection()
{
    if (!m_socket)
        return;
    QTcpSocket *socket = m_socket;
    m_socket = nullptr;
    socket->disconnect(this);
    socket->abort();
    socket->deleteLater();
}

void DataChannel::complete(const Result<QJsonValue> &result)
{
    m_idle.stop();
    m_body.close();
    m_bodyLeft = 0;
    Callback done = std::move(m_done);
    m_done = nullptr;
    m_progress = nullptr;
    m_reader = nullptr;
    if (done)
        done(result); // may start the next request at once
}

} // namespace librarian
