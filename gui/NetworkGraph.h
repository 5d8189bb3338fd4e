#pragma once

#include "StatusColors.h"
#include "model/messages/NetworkMessages.h"

#include <QDateTime>
#include <QMap>
#include <QStringList>

namespace librarian {

// The network as every configured connection sees it, merged by librarian name: an operator with
// accounts on Source and Central sees Source -> Central -> A, B although Source alone knows only
// Central. Edges are push links (the sender's send_clone task, or clones a receiver got).
class NetworkGraph
{
public:
    using Health = StatusColors::Health;

    struct Node
    {
        QString name;        // the librarian's network name
        QString title;       // its displayed site name, when reached directly
        QString description;
        QString address;     // url:port as known
        QStringList connections; // configured connections that reach it
        bool direct = false;     // reached through one of them (else known from a peer only)
        bool reachable = true;
        QString problem;         // why its connection failed
        int unresolvedErrors = 0;
        QDateTime lastContact;   // newest moment it was heard from or reached by anyone
        QStringList knownBy;     // librarians that have it registered
        Health health = Health::Unknown;
    };

    struct Edge
    {
        QString from;
        QString to;
        bool transfersEnabled = true;
        int backlog = 0; // live transfers
        int failed = 0;  // failed in the last day
        QDateTime lastContact;
        Health health = Health::Unknown;
    };

    // One connection's answer to /network/status.
    void addStatus(const QString &connection, const NetworkStatus &status);
    // A connection that did not answer: it still shows, as the librarian it is known as if a peer
    // has it registered at that address, else under the connection's name.
    void addUnreachable(const QString &connection, const QString &knownName, const QString &address,
                        const QString &problem);
    // Computes health; call once everything is added.
    void finish(const QDateTime &now = QDateTime::currentDateTimeUtc());

    QList<Node> nodes() const { return m_nodes.values(); }
    QList<Edge> edges() const { return m_edges.values(); }
    const Node *node(const QString &name) const;
    QList<Edge> edgesOf(const QString &name) const;

    // "host:port", how a librarian's address is matched across connections and peers' registrations.
    static QString addressOf(const QString &url, int port);

    // Older than this, contact is worth a look.
    static constexpr qint64 kQuietSecs = 60 * 60;

private:
    Node &nodeNamed(const QString &name);
    Edge &edge(const QString &from, const QString &to);

    QMap<QString, Node> m_nodes;
    QMap<QPair<QString, QString>, Edge> m_edges;
    struct Unreachable
    {
        QString connection, knownName, address, problem;
    };
    QList<Unreachable> m_unreachable;
};

} // namespace librarian
