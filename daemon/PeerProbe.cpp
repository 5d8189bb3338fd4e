#include "PeerProbe.h"

#include "client/PeerConnection.h"
#include "client/LibrarianClient.h"
#include "model/Routes.h"

#include <QCoreApplication>

namespace librarian {

namespace {
void ping(const Result<Connection> &connection, QObject *context, const PeerProbe::Done &done)
{
    if (!connection)
        return done(connection.error());
    auto *client = new LibrarianClient(*connection, context);
    client->call<PingResponse>(routes::kPingLogged, {}, [client, done](Result<PingResponse> result) {
        done(std::move(result));
        client->deleteLater();
    });
}
} // namespace

void PeerProbe::probe(const QString &url, int port, const QString &authenticator, QObject *context, Done done)
{
    ping(peerConnection(url, url, port, authenticator), context, done);
}

void PeerProbe::probe(const Librarian &peer, const SecretBox &secrets, QObject *context, Done done)
{
    ping(peerConnection(peer, secrets), context, done);
}

} // namespace librarian
