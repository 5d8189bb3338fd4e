#include "ApiConnection.h"

#include "model/JsonBody.h"

#include <QCoreApplication>
#include <QLoggingCategory>
#include <QPointer>
#include <QTcpSocket>
#include <memory>

Q_LOGGING_CATEGORY(lcApi, "librarian.api")

namespace librarian {

namespace {
constexpr qint64 kMaxChunkLine = 1024;
constexpr qint64 kMaxTrailerBytes = 16 * 1024;

ApiError badChunking()
{
    return ApiError::badRequest(QCoreApplication::translate("ApiConnection", "Malformed chunked body."));
}
} // namespace

ApiConnection::ApiConnection(QTcpSocket *socket, ApiRouter &router, qint64 maxBodyBytes, Limits limits,
                             QObject *parent)
    : HttpConnection(socket, limits, parent), m_router(router), m_maxBodyBytes(maxBodyBytes)
{
}

bool ApiConnection::refuseOversized(qint64 size)
{
    if (size <= m_maxBodyBytes)
        return false;
    answerError({ErrorKind::PayloadTooLarge,
                 tr("The request body (%1 bytes or more) exceeds the limit of %2 bytes.").arg(size).arg(m_maxBodyBytes),
                 tr("Send file bytes to the data plane, not in a JSON request.")},
                true);
    return true;
}

void ApiConnection::handleHead(const HttpHead &head)
{
    const QString path = head.url.path();
    m_route = m_router.find(head.method, path);
    if (!m_route)
        return answerError(ApiError::notFound(tr("No route %1 %2.").arg(QString::fromLatin1(head.method.left(16)), path),
                                              tr("API routes are POST /api/v2/..., see SPEC.md.")),
                           head.hasBody());
    if (m_route->get) {
        const HttpReply reply = m_route->get();
        return answerJson(reply.status, reply.body, head.hasBody(), reply.retryAfterSeconds);
    }
    if (head.contentLength && refuseOversized(*head.contentLength))
        return;
    m_body.clear();
    m_remaining = head.contentLength.value_or(0);
    m_chunk = Chunk::Size;
    m_trailerBytes = 0;
    m_router.authenticator().authenticate(
        head.value("authorization"), m_route->level, socket()->peerAddress(), this, [this](const Result<User> &caller) {
            // A refused caller's body is never read: the connection closes instead.
            if (!caller)
                return answerError(caller.error(), this->head().hasBody());
            m_caller = *caller;
            if (!this->head().hasBody())
                return dispatch();
            if (this->head().value("expect").toLower() == "100-continue")
                socket()->write("HTTP/1.1 100 Continue\r\n\r\n");
            setState(State::Body);
        });
}

void ApiConnection::readBody()
{
    if (head().chunked)
        return readChunked();
    const QByteArray block = socket()->read(std::min(m_remaining, socket()->bytesAvailable()));
    bodyReceived(block.size());
    m_body += block;
    m_remaining -= block.size();
    if (m_remaining == 0)
        dispatch();
}

void ApiConnection::readChunked()
{
    while (state() == State::Body && socket()->bytesAvailable() > 0) {
        if (m_chunk == Chunk::Data) {
            const QByteArray block = socket()->read(std::min(m_remaining, socket()->bytesAvailable()));
            bodyReceived(block.size());
            m_body += block;
            m_remaining -= block.size();
            if (m_remaining == 0)
                m_chunk = Chunk::DataEnd;
            continue;
        }
        if (!socket()->canReadLine()) {
            if (socket()->bytesAvailable() > kMaxChunkLine)
                answerError(badChunking(), true);
            return;
        }
        const QByteArray line = socket()->readLine(kMaxChunkLine + 1);
        bodyReceived(line.size());
        if (!line.endsWith("\r\n") || line.size() > kMaxChunkLine)
            return answerError(badChunking(), true);
        if (m_chunk == Chunk::DataEnd) {
            if (line != "\r\n")
                return answerError(badChunking(), true);
            m_chunk = Chunk::Size;
        } else if (m_chunk == Chunk::Trailers) {
            m_trailerBytes += line.size();
            if (m_trailerBytes > kMaxTrailerBytes)
                return answerError(badChunking(), true);
            if (line == "\r\n")
                return dispatch();
        } else {
            const QByteArray size = line.chopped(2).split(';').first().trimmed();
            bool ok = false;
            const qint64 length = size.toLongLong(&ok, 16);
            if (!ok || size.isEmpty() || size.size() > 15 || length < 0)
                return answerError(badChunking(), true);
            if (refuseOversized(m_body.size() + length))
                return;
            m_remaining = length;
            m_chunk = length == 0 ? Chunk::Trailers : Chunk::Data;
        }
    }
}

void ApiConnection::dispatch()
{
    setState(State::Busy);
    QJsonObject body;
    if (!m_body.trimmed().isEmpty()) {
        auto parsed = parseJsonObject(m_body);
        if (!parsed)
            return answerError(parsed.error());
        body = *parsed;
    }
    m_body.clear();
    // Answers at most once, and only while this connection still exists.
    auto done = std::make_shared<bool>(false);
    QPointer<ApiConnection> self(this);
    const QString path = head().url.path();
    m_route->post(body, m_caller, [self, done, path](const HttpReply &reply) {
        if (*done)
            return;
        *done = true;
        if (reply.status >= 400)
            qCInfo(lcApi) << path << "->" << reply.status << reply.body.toObject().value(QStringLiteral("reason")).toString();
        if (self)
            self->answer(reply.status, reply.bytes(), false, reply.retryAfterSeconds);
    });
}

} // namespace librarian
