#pragma once

#include "ClientConfig.h"
#include "model/Librarian.h"

namespace librarian {

class SecretBox;

// How to reach a registered peer: its address and the credentials we hold for it, decrypted only
// here and only for the call at hand.
Result<Connection> peerConnection(const Librarian &peer, const SecretBox &secrets);
// From a plain "USER:PASSWORD" authenticator (split at the first colon: passwords may hold colons).
Result<Connection> peerConnection(const QString &name, const QString &url, int port, const QString &authenticator);

} // namespace librarian
