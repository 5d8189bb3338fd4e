#include "LibrarianServer.h"
#include "db/ErrorLog.h"
#include "db/LinkStatistics.h"
#include "db/Peers.h"
#include "model/Routes.h"
#include "model/messages/NetworkMessages.h"

#include <QSet>

namespace librarian {

namespace {
// The peers a send_clone task of this server pushes to.
QSet<QString> pushDestinations(const ServerConfig &config)
{
    QSet<QString> names;
    for (const TaskDefinition &task : config.background)
        if (task.kind == QLatin1String("send_clone"))
            names.insert(task.fields.value(QStringLiteral("destination_librarian")).toString());
    return names;
}
} // namespace

void addNetworkRoutes(ApiRouter &router, LibrarianServer &server)
{
    LibrarianServer *self = &server;
    // The config does not change while the server runs.
    const QSet<QString> pushes = pushDestinations(server.config());
    // The link statistics count every transfer ever made: on a worker, off the event loop.
    router.postAsync(
        routes::kNetworkStatus, AuthLevel::ReadOnly,
        [self, pushes](const QJsonObject &, const User &, ApiRouter::Reply reply) {
            const Database *database = &self->database();
            const ServerConfig &config = self->config();
            NetworkStatus status{config.name, config.displayedSiteName, config.displayedSiteDescription, 0, {}};
            ApiRouter::replyFromWorker(self, reply, [database, pushes, status]() mutable {
                auto db = database->connection();
                if (!db)
                    return HttpReply::error(db.error());
                const QDateTime dayAgo = QDateTime::currentDateTimeUtc().addDays(-1);
                LinkStatistics statistics(*db);
                auto peers = Peers(*db).list();
                auto outgoing = statistics.outgoing(dayAgo);
                auto incoming = statistics.incomingClones(dayAgo);
                auto errors = ErrorLog(*db).countUnresolved();
                if (!peers)
                    return HttpReply::error(peers.error());
                if (!outgoing)
                    return HttpReply::error(outgoing.error());
                if (!incoming)
                    return HttpReply::error(incoming.error());
                if (!errors)
                    return HttpReply::error(errors.error());

                status.unresolvedErrors = *errors;
                for (const Librarian &peer : *peers) {
                    const LinkStatistics::Counts out = outgoing->value(peer.name);
                    const LinkStatistics::Counts in = incoming->value(peer.name);
                    status.peers.append(PeerLink{peer.name, peer.url, peer.port, peer.transfersEnabled, peer.lastSeen,
                                                 peer.lastHeard, pushes.contains(peer.name), in.total > 0, out.active,
                                                 out.failedSince, in.active, in.failedSince});
                }
                return HttpReply{200, status.toJson()};
            });
        });
}

} // namespace librarian
