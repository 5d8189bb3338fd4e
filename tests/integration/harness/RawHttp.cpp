#include "RawHttp.h"

#include <QDeadlineTimer>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTcpSocket>

namespace RawHttp {

QJsonObject Reply::json() const
{
    return QJsonDocument::fromJson(body).object();
}

Reply post(int port, const QString &path, const QByteArray &body, const QString &credentials)
{
    QNetworkAccessManager network;
    QNetworkRequest request(QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(port).arg(path)));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
    if (!credentials.isEmpty())
        request.setRawHeader("Authorization", "Basic " + credentials.toUtf8().toBase64());
    QNetworkReply *reply = network.post(request, body);
    QSignalSpy finished(reply, &QNetworkReply::finished);
    finished.wait(30000);
    Reply r{reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), reply->readAll()};
    delete reply;
    return r;
}

Reply headOnly(int port, const QByteArray &head)
{
    QTcpSocket socket;
    socket.connectToHost(QStringLiteral("127.0.0.1"), quint16(port));
    if (!socket.waitForConnected(5000))
        return {};
    socket.write(head);
    QByteArray answer;
    QDeadlineTimer deadline(10000);
    while (!deadline.hasExpired() && socket.state() == QAbstractSocket::ConnectedState) {
        socket.waitForReadyRead(100);
        answer += socket.readAll();
        const int end = answer.indexOf("\r\n\r\n");
        if (end >= 0) {
            const int length = answer.mid(answer.indexOf("Content-Length:") + 15).trimmed().split('\r').first().toInt();
            if (answer.size() >= end + 4 + length)
                break;
        }
    }
    answer += socket.readAll();
    Reply r;
    r.status = answer.mid(9, 3).toInt();
    r.body = answer.mid(answer.indexOf("\r\n\r\n") + 4);
    return r;
}

} // namespace RawHttp
