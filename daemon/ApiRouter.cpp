#include "ApiRouter.h"

#include "concurrency/OffLoop.h"
#include "model/JsonBody.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QPointer>
#include <QTcpSocket>
#include <memory>

Q_LOGGING_CATEGORY(lcApi, "librarian.api")

namespace librarian {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("ApiRouter", text);
}

void write(QHttpServerResponder &responder, const HttpReply &reply)
{
    const QByteArray body = reply.body.isArray() ? QJsonDocument(reply.body.toArray()).toJson(QJsonDocument::Compact)
                                                 : QJsonDocument(reply.body.toObject()).toJson(QJsonDocument::Compact);
    responder.writeStatusLine(static_cast<QHttpServerResponder::StatusCode>(reply.status));
    responder.writeHeader("Content-Type", "application/json");
    responder.writeHeader("Content-Length", QByteArray::number(body.size()));
    if (reply.retryAfterSeconds > 0)
        responder.writeHeader("Retry-After", QByteArray::number(reply.retryAfterSeconds));
    responder.writeBody(body);
}

// A reply callback that writes at most once, and only while the client is still connected.
ApiRouter::Reply makeReply(QHttpServerResponder &&responder, const QString &path)
{
    auto shared = std::make_shared<QHttpServerResponder>(std::move(responder));
    QPointer<QTcpSocket> socket(shared->socket());
    auto done = std::make_shared<bool>(false);
    return [shared, socket, done, path](const HttpReply &reply) {
        if (*done)
            return;
        *done = true;
        if (reply.status >= 400)
            qCInfo(lcApi) << path << "->" << reply.status << reply.body.toObject().value(QStringLiteral("reason")).toString();
        if (!socket || socket->state() != QAbstractSocket::ConnectedState)
            return;
        write(*shared, reply);
    };
}

// Parses the body of an authenticated request; on failure answers and returns false.
bool parseBody(const QByteArray &raw, qint64 maxBody, const ApiRouter::Reply &reply, QJsonObject &body)
{
    if (raw.size() > maxBody) {
        reply(HttpReply::error({ErrorKind::PayloadTooLarge,
                                tr("The request body (%1 bytes) exceeds the limit of %2 bytes.").arg(raw.size()).arg(maxBody),
                                tr("Send file bytes to the data plane, not in a JSON request.")}));
        return false;
    }
    if (raw.trimmed().isEmpty()) {
        body = {};
        return true;
    }
    auto parsed = parseJsonObject(raw);
    if (!parsed) {
        reply(HttpReply::error(parsed.error()));
        return false;
    }
    body = *parsed;
    return true;
}
} // namespace

ApiRouter::ApiRouter(QHttpServer &server, Authenticator &authenticator, qint64 maxBodyBytes)
    : m_server(server), m_authenticator(authenticator), m_maxBodyBytes(maxBodyBytes)
{
    m_server.setMissingHandler([](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
        HttpReply reply{404, ApiError::notFound(tr("No route %1 %2.")
                                                    .arg(QString::fromLatin1(request.method() == QHttpServerRequest::Method::Get
                                                                                 ? "GET"
                                                                                 : "POST"),
                                                         request.url().path()),
                                                tr("API routes are POST /api/v2/..., see SPEC.md."))
                                  .toJson()};
        write(responder, reply);
    });
}

void ApiRouter::post(const char *path, AuthLevel level, Handler handler)
{
    postAsync(path, level, [handler](const QJsonObject &body, const User &caller, Reply reply) {
        reply(handler(body, caller));
    });
}

void ApiRouter::postAsync(const char *path, AuthLevel level, AsyncHandler handler)
{
    Authenticator *auth = &m_authenticator;
    const qint64 maxBody = m_maxBodyBytes;
    const QString name = QString::fromLatin1(path);
    m_server.route(name, QHttpServerRequest::Method::Post,
                   [auth, maxBody, handler, level, name](const QHttpServerRequest &request,
                                                         QHttpServerResponder &&responder) {
                       Reply reply = makeReply(std::move(responder), name);
                       auth->authenticate(request.value("Authorization"), level, request.remoteAddress(), auth,
                                          [raw = request.body(), maxBody, handler, reply](const Result<User> &caller) {
                                              if (!caller)
                                                  return reply(HttpReply::error(caller.error()));
                                              QJsonObject body;
                                              if (parseBody(raw, maxBody, reply, body))
                                                  handler(body, *caller, reply);
                                          });
                   });
}

void ApiRouter::replyFromWorker(QObject *context, Reply reply, std::function<HttpReply()> work)
{
    runOffLoop(context, std::move(work), [reply](const HttpReply &answer) { reply(answer); });
}

void ApiRouter::get(const char *path, std::function<HttpReply()> handler)
{
    const QString name = QString::fromLatin1(path);
    m_server.route(name, QHttpServerRequest::Method::Get,
                   [handler, name](const QHttpServerRequest &, QHttpServerResponder &&responder) {
                       makeReply(std::move(responder), name)(handler());
                   });
}

} // namespace librarian
