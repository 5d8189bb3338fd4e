#include "SearchClient.h"

#include <QDeadlineTimer>

bool SearchClient::connectIfNeeded()
{
    if (m_socket.state() == QAbstractSocket::ConnectedState)
        return true;
    m_socket.abort();
    m_socket.connectToHost(QStringLiteral("127.0.0.1"), quint16(m_port));
    return m_socket.waitForConnected(5000);
}

SearchClient::Answer SearchClient::post(const QByteArray &path, const QByteArray &body)
{
    Answer answer;
    for (int attempt = 0; attempt < 2; ++attempt) { // once more if the server closed an idle connection
        if (!connectIfNeeded()) {
            answer.error = m_socket.errorString();
            return answer;
        }
        QByteArray request = "POST " + path +
                             " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                             "Authorization: " +
                             m_authorization + "\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" +
                             body;
        m_socket.write(request);
        QByteArray data;
        QDeadlineTimer deadline(120000);
        qsizetype headEnd = -1;
        qint64 length = -1;
        while (!deadline.hasExpired()) {
            if (!m_socket.waitForReadyRead(int(qMin<qint64>(deadline.remainingTime(), 1000))) &&
                m_socket.state() != QAbstractSocket::ConnectedState)
                break;
            data += m_socket.readAll();
            if (headEnd < 0 && (headEnd = data.indexOf("\r\n\r\n")) >= 0) {
                const QByteArray head = data.left(headEnd).toLower();
                const qsizetype at = head.indexOf("content-length:");
                length = at < 0 ? 0 : head.mid(at + 15).split('\r').first().trimmed().toLongLong();
            }
            if (headEnd >= 0 && data.size() >= headEnd + 4 + length)
                break;
        }
        if (headEnd < 0) {
            m_socket.abort();
            if (data.isEmpty() && attempt == 0)
                continue;
            answer.error = QStringLiteral("no answer: %1").arg(m_socket.errorString());
            return answer;
        }
        answer.status = data.mid(9, 3).toInt();
        answer.body = data.mid(headEnd + 4, length);
        if (data.left(headEnd).toLower().contains("connection: close"))
            m_socket.abort();
        return answer;
    }
    return answer;
}
