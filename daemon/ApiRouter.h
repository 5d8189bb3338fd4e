#pragma once

#include "Authenticator.h"
#include "HttpReply.h"

#include <QHash>
#include <QJsonObject>
#include <functional>

namespace librarian {

// The table of JSON routes: path → the level a caller needs and the handler. ApiConnection looks a
// request up here, authenticates the caller, reads and parses the body, calls the handler and
// writes its HttpReply. A handler answers through `reply`, at once or later (from a worker).
class ApiRouter
{
public:
    using Reply = std::function<void(const HttpReply &)>;
    using Handler = std::function<HttpReply(const QJsonObject &body, const User &caller)>;
    using AsyncHandler = std::function<void(const QJsonObject &body, const User &caller, Reply reply)>;

    struct Route
    {
        AuthLevel level = AuthLevel::None;
        AsyncHandler post;              // POST routes
        std::function<HttpReply()> get; // unauthenticated GET routes (operations)
    };

    explicit ApiRouter(Authenticator &authenticator);

    void post(const char *path, AuthLevel level, Handler handler);
    void postAsync(const char *path, AuthLevel level, AsyncHandler handler);
    void get(const char *path, std::function<HttpReply()> handler);

    // The route for this method and path, or nullptr.
    const Route *find(const QByteArray &method, const QString &path) const;

    // Runs `work` on the thread pool (it may open its own database connection) and replies with
    // its result on the event loop of `context`.
    static void replyFromWorker(QObject *context, Reply reply, std::function<HttpReply()> work);

    Authenticator &authenticator() { return m_authenticator; }

private:
    Authenticator &m_authenticator;
    QHash<QString, Route> m_postRoutes;
    QHash<QString, Route> m_getRoutes;
};

} // namespace librarian
