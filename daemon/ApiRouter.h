#pragma once

#include "Authenticator.h"
#include "HttpReply.h"

#include <QHttpServer>
#include <functional>

namespace librarian {

// Registers JSON routes on the QHttpServer: authenticates, parses the body, calls the handler and
// writes its HttpReply. Every route answers through a QHttpServerResponder guarded by a QPointer to
// its socket, because Qt 6.4 crashes when a QFuture-returning route outlives its client.
class ApiRouter
{
public:
    using Reply = std::function<void(const HttpReply &)>;
    using Handler = std::function<HttpReply(const QJsonObject &body, const User &caller)>;
    using AsyncHandler = std::function<void(const QJsonObject &body, const User &caller, Reply reply)>;

    ApiRouter(QHttpServer &server, Authenticator &authenticator, qint64 maxBodyBytes);

    void post(const char *path, AuthLevel level, Handler handler);
    void postAsync(const char *path, AuthLevel level, AsyncHandler handler);
    void get(const char *path, std::function<HttpReply()> handler); // unauthenticated operations routes

    // Runs `work` on the thread pool (it may open its own database connection) and replies with
    // its result on the event loop of `context`.
    static void replyFromWorker(QObject *context, Reply reply, std::function<HttpReply()> work);

    QHttpServer &server() { return m_server; }
    Authenticator &authenticator() { return m_authenticator; }

private:
    QHttpServer &m_server;
    Authenticator &m_authenticator;
    qint64 m_maxBodyBytes;
};

} // namespace librarian
