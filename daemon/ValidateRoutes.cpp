#include "LibrarianServer.h"
#include "concurrency/OffLoop.h"
#include "client/LibrarianClient.h"
#include "client/PeerConnection.h"
#include "db/Peers.h"
#include "model/Routes.h"
#include "model/messages/ValidateMessages.h"
#include "storage/LocalValidation.h"

#include <QSet>
#include <memory>

namespace librarian {

namespace {
struct LocalPart
{
    HttpReply error;
    bool ok = false;
    QList<InstanceValidation> items;
    QStringList peers;
};
} // namespace

// /validate/file: the checksums of every copy reachable from here: our own instances, recomputed,
// and whatever each peer holding a remote instance reports (which in turn asks its own peers).
// Peers that do not answer contribute nothing.
void addValidateRoutes(ApiRouter &router, LibrarianServer &server)
{
    LibrarianServer *self = &server;
    router.postAsync(routes::kValidateFile, AuthLevel::ReadOnly, [self](const QJsonObject &body, const User &, ApiRouter::Reply reply) {
        auto request = ValidateFileRequest::fromJson(body);
        if (!request)
            return reply(HttpReply::error(request.error()));
        const Database *database = &self->database();
        auto localPart = [database, name = request->fileName, ourName = self->config().name] {
            LocalPart part;
            File file;
            auto items = LocalValidation(*database, ourName).validate(name, &file);
            if (!items) {
                part.error = HttpReply::error(items.error());
                return part;
            }
            part.ok = true;
            part.items = *items;
            QSet<QString> peers;
            for (const RemoteInstance &r : file.remoteInstances)
                peers.insert(r.librarianName);
            part.peers = peers.values();
            return part;
        };
        runOffLoop(self, localPart, [self, reply, request = *request](const LocalPart &local) {
            if (!local.ok)
                return reply(local.error);
            auto items = std::make_shared<QList<InstanceValidation>>(local.items);
            auto pending = std::make_shared<int>(1);
            auto settle = [items, pending, reply] {
                if (--*pending == 0)
                    reply(HttpReply{200, validationsToJson(*items)});
            };
            auto db = self->database().connection();
            for (const QString &name : local.peers) {
                auto peer = db ? Peers(*db).find(name) : Result<Librarian>(db.error());
                auto connection = peer ? peerConnection(*peer, self->secrets()) : Result<Connection>(peer.error());
                if (!connection)
                    continue;
                ++*pending;
                auto *client = new LibrarianClient(*connection, self);
                client->post(routes::kValidateFile, request.toJson(), [client, items, settle](Result<QJsonValue> r) {
                    client->deleteLater();
                    if (r)
                        if (auto remote = validationsFromJson(r->toArray()))
                            items->append(*remote);
                    settle();
                });
            }
            settle();
        });
    });
}

} // namespace librarian
