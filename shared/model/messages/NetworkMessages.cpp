#include "NetworkMessages.h"

#include "../JsonReader.h"

#include <QJsonArray>

namespace librarian {

namespace {
QJsonValue timeOrNull(const QDateTime &time)
{
    return time.isValid() ? QJsonValue(toWireTime(time)) : QJsonValue();
}
} // namespace

QJsonObject PeerLink::toJson() const
{
    return {{QStringLiteral("name"), name},
            {QStringLiteral("url"), url},
            {QStringLiteral("port"), port},
            {QStringLiteral("transfers_enabled"), transfersEnabled},
            {QStringLiteral("last_seen"), timeOrNull(lastSeen)},
            {QStringLiteral("last_heard"), timeOrNull(lastHeard)},
            {QStringLiteral("pushes_to"), pushesTo},
            {QStringLiteral("receives_from"), receivesFrom},
            {QStringLiteral("outgoing_active"), outgoingActive},
            {QStringLiteral("outgoing_failed"), outgoingFailed},
            {QStringLiteral("incoming_active"), incomingActive},
            {QStringLiteral("incoming_failed"), incomingFailed}};
}

Result<PeerLink> PeerLink::fromJson(const QJsonObject &json)
{
    JsonReader r(json, QStringLiteral("peer"));
    PeerLink p;
    p.name = r.string(QStringLiteral("name"));
    p.url = r.optionalString(QStringLiteral("url"));
    p.port = int(r.optionalInteger(QStringLiteral("port")).value_or(0));
    p.transfersEnabled = r.optionalBoolean(QStringLiteral("transfers_enabled"), true);
    p.lastSeen = r.optionalDateTime(QStringLiteral("last_seen")).value_or(QDateTime());
    p.lastHeard = r.optionalDateTime(QStringLiteral("last_heard")).value_or(QDateTime());
    p.pushesTo = r.optionalBoolean(QStringLiteral("pushes_to"), false);
    p.receivesFrom = r.optionalBoolean(QStringLiteral("receives_from"), false);
    p.outgoingActive = int(r.optionalInteger(QStringLiteral("outgoing_active")).value_or(0));
    p.outgoingFailed = int(r.optionalInteger(QStringLiteral("outgoing_failed")).value_or(0));
    p.incomingActive = int(r.optionalInteger(QStringLiteral("incoming_active")).value_or(0));
    p.incomingFailed = int(r.optionalInteger(QStringLiteral("incoming_failed")).value_or(0));
    if (!r.ok())
        return r.error();
    return p;
}

QJsonObject NetworkStatus::toJson() const
{
    QJsonArray list;
    for (const PeerLink &p : peers)
        list.append(p.toJson());
    return {{QStringLiteral("librarian_name"), librarianName},
            {QStringLiteral("name"), name},
            {QStringLiteral("description"), description},
            {QStringLiteral("unresolved_errors"), unresolvedErrors},
            {QStringLiteral("peers"), list}};
}

Result<NetworkStatus> NetworkStatus::fromJson(const QJsonObject &json)
{
    JsonReader r(json, QStringLiteral("network status"));
    NetworkStatus s;
    s.librarianName = r.string(QStringLiteral("librarian_name"));
    s.name = r.optionalString(QStringLiteral("name"));
    s.description = r.optionalString(QStringLiteral("description"), {}, kMaxLongTextLength);
    s.unresolvedErrors = int(r.optionalInteger(QStringLiteral("unresolved_errors")).value_or(0));
    const QJsonArray list = r.array(QStringLiteral("peers"));
    if (!r.ok())
        return r.error();
    for (const QJsonValue &v : list) {
        auto peer = PeerLink::fromJson(v.toObject());
        if (!peer)
            return peer.error();
        s.peers.append(*peer);
    }
    return s;
}

} // namespace librarian
