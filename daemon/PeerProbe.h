#pragma once

#include "model/Librarian.h"
#include "model/Result.h"
#include "model/messages/PingMessages.h"

#include <QObject>
#include <functional>

namespace librarian {

class SecretBox;

// Asks a peer librarian whether it answers /ping/logged with the credentials we hold for it.
// Used before registering a peer and by the librarian list's --ping.
class PeerProbe
{
public:
    using Done = std::function<void(Result<PingResponse>)>;

    // Plain credentials, e.g. while the peer is being added.
    static void probe(const QString &url, int port, const QString &authenticator, QObject *context, Done done);
    // Stored (encrypted) credentials of a registered peer.
    static void probe(const Librarian &peer, const SecretBox &secrets, QObject *context, Done done);
};

} // namespace librarian
