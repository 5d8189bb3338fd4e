#include "ApiRouter.h"

#include "concurrency/OffLoop.h"

namespace librarian {

ApiRouter::ApiRouter(Authenticator &authenticator) : m_authenticator(authenticator) {}

void ApiRouter::post(const char *path, AuthLevel level, Handler handler)
{
    postAsync(path, level, [handler](const QJsonObject &body, const User &caller, Reply reply) {
        reply(handler(body, caller));
    });
}

void ApiRouter::postAsync(const char *path, AuthLevel level, AsyncHandler handler)
{
    m_postRoutes.insert(QString::fromLatin1(path), Route{level, std::move(handler), {}});
}

void ApiRouter::get(const char *path, std::function<HttpReply()> handler)
{
    m_getRoutes.insert(QString::fromLatin1(path), Route{AuthLevel::None, {}, std::move(handler)});
}

const ApiRouter::Route *ApiRouter::find(const QByteArray &method, const QString &path) const
{
    const QHash<QString, Route> *table = method == "POST" ? &m_postRoutes : method == "GET" ? &m_getRoutes : nullptr;
    if (!table)
        return nullptr;
    const auto found = table->constFind(path);
    return found == table->cend() ? nullptr : &*found;
}

void ApiRouter::replyFromWorker(QObject *context, Reply reply, std::function<HttpReply()> work)
{
    runOffLoop(
        context,
        [work = std::move(work)] {
            HttpReply answer = work();
            answer.encode();
            return answer;
        },
        [reply](const HttpReply &answer) { reply(answer); });
}

} // namespace librarian
