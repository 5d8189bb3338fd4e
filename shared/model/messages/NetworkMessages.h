#pragma once

#include "../Result.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>

namespace librarian {

// One peer as a librarian sees it, for the network graph: the registration, which way files go,
// and how the link is doing.
struct PeerLink
{
    QString name;
    QString url;
    int port = 0;
    bool transfersEnabled = true;
    QDateTime lastSeen;  // this librarian last reached the peer
    QDateTime lastHeard; // the peer last called this librarian
    bool pushesTo = false;     // a send_clone task here targets the peer
    bool receivesFrom = false; // the peer has sent clones here
    int outgoingActive = 0;    // live outgoing transfers to the peer (the backlog)
    int outgoingFailed = 0;    // failed in the last day
    int incomingActive = 0;
    int incomingFailed = 0;    // failed in the last day

    QJsonObject toJson() const;
    static Result<PeerLink> fromJson(const QJsonObject &json);
};

struct NetworkStatus // /network/status response (ours)
{
    QString librarianName;
    QString name;
    QString description;
    int unresolvedErrors = 0;
    QList<PeerLink> peers;

    QJsonObject toJson() const;
    static Result<NetworkStatus> fromJson(const QJsonObject &json);
};

} // namespace librarian
