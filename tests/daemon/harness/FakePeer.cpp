#include "FakePeer.h"

#include <QJsonDocument>
#include <QTcpSocket>

FakePeer::FakePeer(Handler answer) : m_answer(std::move(answer))
{
    // The sockets are the server's children: they go with it.
    QObject::connect(&m_server, &QTcpServer::newConnection, &m_server, [this] {
        while (QTcpSocket *socket = m_server.nextPendingConnection()) {
            QObject::connect(socket, &QTcpSocket::readyRead, socket, [this, socket] { serve(socket); });
            QObject::connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        }
    });
}

bool FakePeer::listen()
{
    return m_server.listen(QHostAddress::LocalHost, 0);
}

int FakePeer::count(const QString &path) const
{
    return int(std::count_if(m_requests.begin(), m_requests.end(), [&](const Request &r) { return r.path == path; }));
}

void FakePeer::serve(QTcpSocket *socket)
{
    // The bytes of requests not yet complete stay in the socket's buffer until more arrive.
    for (;;) {
        const QByteArray pending = socket->peek(socket->bytesAvailable());
        const qsizetype headEnd = pending.indexOf("\r\n\r\n");
        if (headEnd < 0)
            return;
        const QList<QByteArray> lines = pending.left(headEnd).split('\n');
        qsizetype length = 0;
        for (const QByteArray &line : lines)
            if (line.toLower().startsWith("content-length:"))
                length = line.mid(15).trimmed().toLongLong();
        if (pending.size() < headEnd + 4 + length)
            return;
        socket->read(headEnd + 4);
        const QByteArray body = socket->read(length);
        const QList<QByteArray> requestLine = lines.first().trimmed().split(' ');
        Request request{QString::fromLatin1(requestLine.value(1)), QJsonDocument::fromJson(body).object()};
        m_requests.append(request);
        const Answer answer = m_answer(request.path, request.body);
        const QByteArray json = QJsonDocument(answer.body).toJson(QJsonDocument::Compact);
        socket->write("HTTP/1.1 " + QByteArray::number(answer.status) + " Answer\r\nContent-Type: application/json\r\n"
                      "Connection: keep-alive\r\nContent-Length: " + QByteArray::number(json.size()) + "\r\n\r\n" + json);
    }
}
