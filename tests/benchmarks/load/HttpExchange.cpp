#include "HttpExchange.h"

#include <QTcpSocket>
#include <QTimer>

namespace {
constexpr qint64 kChunk = 1 << 20;
constexpr qint64 kInFlight = 4 << 20; // what the socket may buffer: the client stays flat

const QByteArray &generatedChunk()
{
    static const QByteArray chunk(kChunk, 'x');
    return chunk;
}
} // namespace

QString HttpOutcome::describe() const
{
    if (status == 0)
        return error;
    return QStringLiteral("HTTP %1 %2").arg(status).arg(QString::fromUtf8(body.left(160)));
}

void HttpExchange::send(const HttpRequest &request, Done done, QObject *parent)
{
    (new HttpExchange(request, std::move(done), parent))->start();
}

HttpExchange::HttpExchange(const HttpRequest &request, Done done, QObject *parent)
    : QObject(parent), m_request(request), m_done(std::move(done)), m_socket(new QTcpSocket(this)),
      m_timeout(new QTimer(this))
{
    m_outcome.bodyBytes = request.streamedBodyBytes >= 0 ? request.streamedBodyBytes : request.body.size();
    m_timeout->setSingleShot(true);
    connect(m_timeout, &QTimer::timeout, this, [this] { finish(QStringLiteral("timeout")); });
    connect(m_socket, &QTcpSocket::connected, this, [this] {
        QByteArray head = m_request.method + ' ' + m_request.path +
                          " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                          "Connection: close\r\nContent-Type: application/json\r\nContent-Length: " +
                          QByteArray::number(m_outcome.bodyBytes) + "\r\n";
        if (!m_request.credentials.isEmpty())
            head += "Authorization: Basic " + m_request.credentials.toBase64() + "\r\n";
        head += "\r\n";
        m_headBytes = head.size();
        m_queued = m_socket->write(head);
        if (m_request.streamedBodyBytes < 0)
            m_queued += m_socket->write(m_request.body);
        pump();
    });
    connect(m_socket, &QTcpSocket::bytesWritten, this, [this](qint64 n) {
        m_written += n;
        pump();
    });
    connect(m_socket, &QTcpSocket::readyRead, this, &HttpExchange::readAnswer);
    connect(m_socket, &QTcpSocket::disconnected, this, [this] {
        readAnswer();
        // Without a Content-Length the answer ends with the connection.
        if (m_answerHeadEnd >= 0 && m_answerLength < 0) {
            m_outcome.body = m_answer.mid(m_answerHeadEnd);
            return finish();
        }
        finish(QStringLiteral("closed by the server after %1 of %2 body bytes")
                   .arg(qMax<qint64>(0, m_written - m_headBytes))
                   .arg(m_outcome.bodyBytes));
    });
    connect(m_socket, &QTcpSocket::errorOccurred, this, [this](QAbstractSocket::SocketError e) {
        if (e == QAbstractSocket::RemoteHostClosedError)
            return; // `disconnected` tells whether the answer was complete
        readAnswer();
        finish(m_socket->errorString());
    });
}

void HttpExchange::start()
{
    m_clock.start();
    m_timeout->start(m_request.timeoutMs);
    m_socket->connectToHost(QStringLiteral("127.0.0.1"), quint16(m_request.port));
}

void HttpExchange::pump()
{
    // Once the server has answered it wants no more bytes.
    if (m_request.streamedBodyBytes < 0 || m_answerHeadEnd >= 0 || m_finished)
        return;
    const qint64 total = m_headBytes + m_request.streamedBodyBytes;
    while (m_queued < total && m_socket->bytesToWrite() < kInFlight) {
        const qint64 n = qMin(kChunk, total - m_queued);
        m_queued += m_socket->write(generatedChunk().constData(), n);
    }
}

void HttpExchange::readAnswer()
{
    if (m_finished)
        return;
    m_answer += m_socket->readAll();
    if (m_answerHeadEnd < 0) {
        const int end = m_answer.indexOf("\r\n\r\n");
        if (end < 0)
            return;
        m_answerHeadEnd = end + 4;
        m_outcome.status = m_answer.mid(9, 3).toInt();
        m_outcome.bodySentAtAnswer = qMax<qint64>(0, m_written - m_headBytes);
        for (const QByteArray &line : m_answer.left(end).split('\n')) {
            if (line.toLower().startsWith("content-length:"))
                m_answerLength = line.mid(15).trimmed().toLongLong();
        }
    }
    if (m_answerLength >= 0 && m_answer.size() >= m_answerHeadEnd + m_answerLength) {
        m_outcome.body = m_answer.mid(m_answerHeadEnd, m_answerLength);
        finish();
    }
}

void HttpExchange::finish(const QString &error)
{
    if (m_finished)
        return;
    m_finished = true;
    m_outcome.ms = m_clock.nsecsElapsed() / 1e6;
    if (m_outcome.status == 0 || m_outcome.body.size() < m_answerLength) {
        m_outcome.error = error.isEmpty() ? QStringLiteral("incomplete answer") : error;
        if (m_outcome.status != 0)
            m_outcome.error += QStringLiteral(" (after HTTP %1)").arg(m_outcome.status);
        m_outcome.status = 0;
    }
    m_timeout->stop();
    m_socket->disconnect(this);
    m_socket->abort();
    const Done done = std::move(m_done);
    deleteLater();
    done(m_outcome);
}
