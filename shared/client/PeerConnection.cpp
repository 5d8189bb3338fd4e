#include "PeerConnection.h"

#include "crypto/SecretBox.h"

#include <QCoreApplication>

namespace librarian {

Result<Connection> peerConnection(const QString &name, const QString &url, int port, const QString &authenticator)
{
    const qsizetype colon = authenticator.indexOf(QLatin1Char(':'));
    if (colon <= 0)
        return ApiError::badRequest(QCoreApplication::translate("PeerConnection", "The authenticator must be USER:PASSWORD."));
    return Connection{name, url, port, authenticator.left(colon), authenticator.mid(colon + 1)};
}

Result<Connection> peerConnection(const Librarian &peer, const SecretBox &secrets)
{
    auto authenticator = secrets.open(peer.encryptedAuthenticator);
    if (!authenticator)
        return authenticator.error();
    return peerConnection(peer.name, peer.url, peer.port, QString::fromUtf8(*authenticator));
}

} // namespace librarian
