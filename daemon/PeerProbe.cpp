#include "PeerProbe.h"

#include "client/ClientConfig.h"
#include "client/LibrarianClient.h"
#include "crypto/SecretBox.h"
#include "model/Routes.h"

#include <QCoreApplication>

namespace librarian {

void PeerProbe::probe(const QString &url, int port, const QString &authenticator, QObject *context, Done done)
{
    const qsizetype colon = authenticator.indexOf(QLatin1Char(':'));
    if (colon <= 0) {
        done(ApiError::badRequest(
            QCoreApplication::translate("PeerProbe", "The authenticator must be USER:PASSWORD.")));
        return;
    }
    Connection connection;
    connection.name = url;
    connection.host = url;
    connection.port = port;
    connection.user = authenticator.left(colon);
    connection.password = authenticator.mid(colon + 1);
    auto *client = new LibrarianClient(connection, context);
    client->call<PingResponse>(routes::kPingLogged, {}, [client, done](Result<PingResponse> result) {
        done(std::move(result));
        client->deleteLater();
    });
}

void PeerProbe::probe(const Librarian &peer, const SecretBox &secrets, QObject *context, Done done)
{
    auto authenticator = secrets.open(peer.encryptedAuthenticator);
    if (!authenticator) {
        done(authenticator.error());
        return;
    }
    probe(peer.url, peer.port, QString::fromUtf8(*authenticator), context, std::move(done));
}

} // namespace librarian
