#include "LibrarianServer.h"
#include "model/LogFailure.h"
#include "PeerProbe.h"
#include "db/OutgoingTransfers.h"
#include "db/Peers.h"
#include "db/SqlQuery.h"
#include "model/Routes.h"
#include "model/messages/AdminMessages.h"

#include <QCoreApplication>
#include <QUrl>
#include <memory>

Q_DECLARE_LOGGING_CATEGORY(lcApi)

namespace librarian {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("LibrarianRoutes", text);
}

Status checkAddRequest(const LibrarianAddRequest &request)
{
    if (request.librarianName.trimmed().isEmpty())
        return ApiError::badRequest(tr("The librarian name is empty."), tr("Give the peer's server name."));
    const QUrl url(request.url);
    // Credentials in the URL would be stored and listed in clear; checked first, so no message
    // below repeats them.
    if (!url.userInfo().isEmpty() || request.url.contains(QLatin1Char('@')))
        return ApiError::badRequest(tr("The url must not contain USER:PASSWORD@: credentials belong in the "
                                       "authenticator, which is stored encrypted."),
                                    tr("Give the scheme and host only, e.g. http://central.example.org"));
    if (!url.isValid() || (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https"))
        || url.host().isEmpty())
        return ApiError::badRequest(tr("The url '%1' is not an http(s) URL.").arg(request.url),
                                    tr("Give the scheme and host, e.g. http://central.example.org"));
    if (url.port() != -1)
        return ApiError::badRequest(tr("The url '%1' must not contain a port.").arg(request.url),
                                    tr("Give the port separately with --port."));
    if (request.port <= 0 || request.port > 65535)
        return ApiError::badRequest(tr("Port %1 is out of range.").arg(request.port));
    if (request.authenticator.indexOf(QLatin1Char(':')) <= 0)
        return ApiError::badRequest(tr("The authenticator must be USER:PASSWORD."),
                                    tr("Give the account and password that this librarian uses on the peer."));
    return Ok{};
}

Status storePeer(const Database &database, const SecretBox &secrets, const LibrarianAddRequest &request,
                 bool pinged)
{
    auto db = database.connection();
    if (!db)
        return db.error();
    Librarian peer;
    peer.name = request.librarianName;
    peer.url = request.url;
    peer.port = request.port;
    peer.encryptedAuthenticator = secrets.seal(request.authenticator.toUtf8());
    peer.transfersEnabled = true;
    if (pinged)
        peer.lastSeen = peer.lastHeard = QDateTime::currentDateTimeUtc();
    return Peers(*db).add(peer);
}
} // namespace

void addLibrarianRoutes(ApiRouter &router, LibrarianServer &server)
{
    LibrarianServer *self = &server;

    router.postAsync(routes::kAdminLibrariansList, AuthLevel::Admin,
                     [self](const QJsonObject &body, const User &, ApiRouter::Reply reply) {
                         auto request = LibrarianListRequest::fromJson(body);
                         if (!request)
                             return reply(HttpReply::error(request.error()));
                         auto db = self->database().connection();
                         if (!db)
                             return reply(HttpReply::error(db.error()));
                         auto peers = Peers(*db).list();
                         if (!peers)
                             return reply(HttpReply::error(peers.error()));
                         if (!request->ping || peers->isEmpty())
                             return reply(HttpReply{200, librariansToJson(*peers)});
                         // Ping every peer at once; answer when the last one has answered.
                         auto list = std::make_shared<QList<Librarian>>(*peers);
                         auto pending = std::make_shared<int>(int(list->size()));
                         for (int i = 0; i < list->size(); ++i) {
                             PeerProbe::probe((*list)[i], self->secrets(), self,
                                              [self, list, pending, i, reply](Result<PingResponse> r) {
                                                  (*list)[i].available = r.ok();
                                                  if (r.ok()) {
                                                      if (auto db = self->database().connection())
                                                          logFailure(Peers(*db).touch((*list)[i].name, QDateTime::currentDateTimeUtc()),
                                                                 lcApi(), QStringLiteral("Noting that we heard from a peer"));
                                                  }
                                                  if (--*pending == 0)
                                                      reply(HttpReply{200, librariansToJson(*list)});
                                              });
                         }
                     });

    router.postAsync(routes::kAdminLibrariansAdd, AuthLevel::Admin,
                     [self](const QJsonObject &body, const User &, ApiRouter::Reply reply) {
                         auto request = LibrarianAddRequest::fromJson(body);
                         if (!request)
                             return reply(HttpReply::error(request.error()));
                         if (auto s = checkAddRequest(*request); !s)
                             return reply(HttpReply::error(s.error()));
                         auto db = self->database().connection();
                         if (!db)
                             return reply(HttpReply::error(db.error()));
                         auto existing = Peers(*db).find(request->librarianName);
                         if (existing) {
                             LibrarianAddResponse r;
                             r.alreadyExists = true;
                             r.reason = tr("Librarian %1 already exists.").arg(request->librarianName);
                             return reply(HttpReply{409, r.toJson()});
                         }
                         const LibrarianAddRequest add = *request;
                         auto finish = [self, add, reply](bool pinged) {
                             LibrarianAddResponse r;
                             if (pinged)
                                 r.pingSuccess = true;
                             auto s = storePeer(self->database(), self->secrets(), add, pinged);
                             r.success = s.ok();
                             if (!s) {
                                 r.alreadyExists = s.error().kind == ErrorKind::Conflict;
                                 r.reason = s.error().reason;
                                 return reply(HttpReply{s.error().httpStatus(), r.toJson()});
                             }
                             reply(HttpReply{200, r.toJson()});
                         };
                         if (!add.checkConnection)
                             return finish(false);
                         PeerProbe::probe(add.url, add.port, add.authenticator, self,
                                          [add, finish, reply](Result<PingResponse> r) {
                                              if (r)
                                                  return finish(true);
                                              LibrarianAddResponse failed;
                                              failed.pingSuccess = false;
                                              failed.reason = tr("Librarian %1 at %2:%3 did not accept the "
                                                                 "connection check: %4")
                                                                  .arg(add.librarianName, add.url)
                                                                  .arg(add.port)
                                                                  .arg(r.error().reason);
                                              reply(HttpReply{502, failed.toJson()});
                                          });
                     });

    router.post(routes::kAdminLibrariansRemove, AuthLevel::Admin, [self](const QJsonObject &body, const User &) {
        auto request = LibrarianRemoveRequest::fromJson(body);
        if (!request)
            return HttpReply::error(request.error());
        auto db = self->database().connection();
        if (!db)
            return HttpReply::error(db.error());
        Peers peers(*db);
        if (auto peer = peers.find(request->librarianName); !peer)
            return HttpReply::error(peer.error());
        Transaction txn(*db);
        int failed = 0;
        if (request->removeOutgoingTransfers) {
            // The peer learns of it from its incoming-transfer hypervisor, which asks us.
            auto n = OutgoingTransfers(*db).failAllTo(request->librarianName,
                                                      tr("Librarian %1 was removed.").arg(request->librarianName));
            if (!n)
                return HttpReply::error(n.error());
            failed = *n;
        }
        if (auto s = peers.remove(request->librarianName); !s)
            return HttpReply::error(s.error());
        if (auto s = txn.commit(); !s)
            return HttpReply::error(s.error());
        return HttpReply{200, LibrarianRemoveResponse{true, failed}.toJson()};
    });

    router.post(routes::kAdminLibrariansTransferStatus, AuthLevel::Admin, [self](const QJsonObject &body, const User &) {
        auto request = LibrarianTransferStatus::fromJson(body);
        if (!request)
            return HttpReply::error(request.error());
        auto db = self->database().connection();
        if (!db)
            return HttpReply::error(db.error());
        if (auto s = Peers(*db).setTransfersEnabled(request->librarianName, request->transfersEnabled); !s)
            return HttpReply::error(s.error());
        if (request->transfersEnabled) // what waited for the peer goes now, not at the next tick
            self->wakeTasks(QStringLiteral("send_clone"));
        return HttpReply{200, request->toJson()};
    });
}

} // namespace librarian
