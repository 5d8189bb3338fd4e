#include "NetworkGraph.h"

#include <QUrl>

namespace librarian {

namespace {
QDateTime newest(const QDateTime &a, const QDateTime &b)
{
    if (!a.isValid())
        return b;
    if (!b.isValid())
        return a;
    return std::max(a, b);
}
} // namespace

QString NetworkGraph::addressOf(const QString &url, int port)
{
    return QUrl(url).host() + QLatin1Char(':') + QString::number(port);
}

NetworkGraph::Node &NetworkGraph::nodeNamed(const QString &name)
{
    Node &n = m_nodes[name];
    n.name = name;
    return n;
}

NetworkGraph::Edge &NetworkGraph::edge(const QString &from, const QString &to)
{
    Edge &e = m_edges[{from, to}];
    e.from = from;
    e.to = to;
    return e;
}

void NetworkGraph::addStatus(const QString &connection, const NetworkStatus &status)
{
    Node &self = nodeNamed(status.librarianName);
    self.title = status.name;
    self.description = status.description;
    self.direct = true;
    if (!self.connections.contains(connection))
        self.connections.append(connection);
    self.unresolvedErrors = status.unresolvedErrors;
    self.lastContact = QDateTime::currentDateTimeUtc();

    for (const PeerLink &peer : status.peers) {
        Node &other = nodeNamed(peer.name);
        if (other.address.isEmpty())
            other.address = addressOf(peer.url, peer.port);
        other.lastContact = newest(other.lastContact, newest(peer.lastSeen, peer.lastHeard));
        if (!other.knownBy.contains(status.librarianName))
            other.knownBy.append(status.librarianName);
        if (peer.pushesTo) {
            // The sender knows the backlog and whether it sends at all.
            Edge &e = edge(status.librarianName, peer.name);
            e.transfersEnabled = peer.transfersEnabled;
            e.backlog = peer.outgoingActive;
            e.failed = std::max(e.failed, peer.outgoingFailed);
            e.lastContact = newest(e.lastContact, peer.lastSeen);
        }
        if (peer.receivesFrom) {
            Edge &e = edge(peer.name, status.librarianName);
            e.failed = std::max(e.failed, peer.incomingFailed);
            e.lastContact = newest(e.lastContact, peer.lastHeard);
        }
    }
}

void NetworkGraph::addUnreachable(const QString &connection, const QString &knownName, const QString &address,
                                  const QString &problem)
{
    m_unreachable.append({connection, knownName, address, problem});
}

void NetworkGraph::finish(const QDateTime &now)
{
    for (const Unreachable &u : m_unreachable) {
        QString name = u.knownName;
        if (name.isEmpty())
            for (const Node &n : std::as_const(m_nodes))
                if (n.address == u.address)
                    name = n.name;
        if (name.isEmpty())
            name = u.connection;
        Node &n = nodeNamed(name);
        if (n.direct)
            continue; // another connection reached it
        n.reachable = false;
        n.problem = u.problem;
        if (!n.connections.contains(u.connection))
            n.connections.append(u.connection);
        if (n.address.isEmpty())
            n.address = u.address;
    }

    for (Node &n : m_nodes) {
        const bool quiet = !n.lastContact.isValid() || n.lastContact.secsTo(now) > kQuietSecs;
        if (!n.reachable)
            n.health = Health::Bad;
        else if (n.unresolvedErrors > 0)
            n.health = Health::Warning;
        else if (n.direct)
            n.health = Health::Good;
        else
            n.health = n.lastContact.isValid() ? (quiet ? Health::Warning : Health::Good) : Health::Unknown;
    }
    for (Edge &e : m_edges) {
        const bool quiet = !e.lastContact.isValid() || e.lastContact.secsTo(now) > kQuietSecs;
        if (e.failed > 0)
            e.health = Health::Bad;
        else if (!e.transfersEnabled || (e.backlog > 0 && quiet))
            e.health = Health::Warning;
        else
            e.health = Health::Good;
    }
}

const NetworkGraph::Node *NetworkGraph::node(const QString &name) const
{
    const auto it = m_nodes.constFind(name);
    return it == m_nodes.constEnd() ? nullptr : &*it;
}

QList<NetworkGraph::Edge> NetworkGraph::edgesOf(const QString &name) const
{
    QList<Edge> list;
    for (const Edge &e : m_edges)
        if (e.from == name || e.to == name)
            list.append(e);
    return list;
}

} // namespace librarian
