#pragma once

#include "Result.h"

#include <QDateTime>
#include <QJsonObject>
#include <optional>

namespace librarian {

// A peer librarian this one talks to. The authenticator ("user:password" on the peer) is kept
// only encrypted and is never serialised.
struct Librarian
{
    qint64 id = -1;
    QString name;
    QString url; // scheme + host, no port
    int port = 0;
    QByteArray encryptedAuthenticator;
    bool transfersEnabled = true;
    QDateTime lastSeen;
    QDateTime lastHeard;

    std::optional<bool> available; // result of a ping, when one was asked for

    QJsonObject toJson() const; // {name, url, port, available, enabled, last_seen, last_heard}
    static Result<Librarian> fromJson(const QJsonObject &json);
};

} // namespace librarian
