#include "LibrarianClient.h"

#include "DataChannel.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkReply>

namespace librarian {

LibrarianClient::LibrarianClient(Connection connection, QObject *parent)
    : QObject(parent), m_connection(std::move(connection)), m_network(new QNetworkAccessManager(this))
{
}

QNetworkRequest LibrarianClient::requestFor(const QUrl &url, int timeoutMs) const
{
    QNetworkRequest request(url);
    const QByteArray credentials = (m_connection.user + QLatin1Char(':') + m_connection.password).toUtf8();
    request.setRawHeader("Authorization", "Basic " + credentials.toBase64());
    request.setTransferTimeout(timeoutMs);
    request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    return request;
}

QNetworkReply *LibrarianClient::post(const char *route, const QJsonObject &body, Callback done, int timeoutMs)
{
    QUrl url = m_connection.baseUrl();
    url.setPath(url.path() + QString::fromLatin1(route));
    QNetworkRequest request = requestFor(url, timeoutMs);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
    QNetworkReply *reply = m_network->post(request, QJsonDocument(body).toJson(QJsonDocument::Compact));
    connect(reply, &QNetworkReply::finished, this, [this, reply, done] { finish(reply, done); });
    return reply;
}

DataChannel *LibrarianClient::dataChannel(int port)
{
    DataChannel *idle = nullptr;
    for (DataChannel *channel : std::as_const(m_channels)) {
        if (channel->port() != port || channel->isBusy())
            continue;
        if (channel->isConnected())
            return channel;
        if (!idle)
            idle = channel;
    }
    if (idle)
        return idle;
    auto *channel = new DataChannel(m_connection, port, this);
    m_channels.append(channel);
    return channel;
}

int LibrarianClient::dataConnectionsOpened(int port) const
{
    int opened = 0;
    for (const DataChannel *channel : m_channels)
        if (channel->port() == port)
            opened += channel->connectionsOpened();
    return opened;
}

void LibrarianClient::finish(QNetworkReply *reply, const Callback &done)
{
    reply->deleteLater();
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QByteArray raw = reply->readAll();
    // No HTTP status, or a connection dropped after a 2xx header: the server was not (fully) heard,
    // which callers such as the chunk sender treat as worth retrying.
    if (status == 0 || (status < 400 && reply->error() != QNetworkReply::NoError)) {
        const QString where = reply->url().adjusted(QUrl::RemovePath | QUrl::RemoveQuery | QUrl::RemoveUserInfo).toString();
        const QString why = reply->error() == QNetworkReply::OperationCanceledError ? tr("no answer in time")
                                                                                    : reply->errorString();
        return done(ApiError{ErrorKind::Unavailable, tr("Cannot reach librarian at %1: %2").arg(where, why),
                             tr("Check that the server runs and the connection's host and port.")});
    }
    done(interpretAnswer(status, raw, reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString()));
}

Result<QJsonValue> LibrarianClient::interpretAnswer(int status, const QByteArray &raw, const QString &reasonPhrase)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(raw, &error);
    if (status >= 400) {
        ApiError e = ApiError::fromJson(status, doc.object());
        if (e.reason.isEmpty())
            e.reason = tr("The server answered HTTP %1 %2.").arg(status).arg(reasonPhrase);
        return e;
    }
    if (raw.trimmed().isEmpty())
        return QJsonValue(QJsonObject());
    if (error.error != QJsonParseError::NoError)
        return ApiError::internal(tr("The server's answer is not JSON: %1").arg(error.errorString()));
    return doc.isArray() ? QJsonValue(doc.array()) : QJsonValue(doc.object());
}

} // namespace librarian
