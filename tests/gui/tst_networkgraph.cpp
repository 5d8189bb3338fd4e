#include "GraphLayout.h"
#include "NetworkGraph.h"

#include <QTest>

using namespace librarian;

// The merged graph and its layout, without widgets.
class TestNetworkGraph : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void mergesByNameAndDirection();
    void unreachableConnectionJoinsTheNodeAtItsAddress();
    void healthFollowsFailuresAndSwitches();
    void layoutNeverOverlapsUpToFiftyNodes_data();
    void layoutNeverOverlapsUpToFiftyNodes();
    void layoutSurvivesCycles();
};

namespace {
PeerLink peer(const QString &name, int port, bool pushes, bool receives)
{
    PeerLink p;
    p.name = name;
    p.url = "http://127.0.0.1";
    p.port = port;
    p.pushesTo = pushes;
    p.receivesFrom = receives;
    p.lastSeen = p.lastHeard = QDateTime::currentDateTimeUtc();
    return p;
}

QSet<QPair<QString, QString>> edgeSet(const NetworkGraph &g)
{
    QSet<QPair<QString, QString>> set;
    for (const auto &e : g.edges())
        set.insert({e.from, e.to});
    return set;
}
} // namespace

void TestNetworkGraph::mergesByNameAndDirection()
{
    NetworkGraph g;
    g.addStatus("src", NetworkStatus{"source", "Site", "", 0, {peer("central", 2, true, false)}});
    g.addStatus("cen", NetworkStatus{"central", "", "", 0,
                                     {peer("source", 1, false, true), peer("a", 3, true, false), peer("b", 4, true, false)}});
    g.finish();
    QCOMPARE(g.nodes().size(), 4);
    QCOMPARE(edgeSet(g), (QSet<QPair<QString, QString>>{{"source", "central"}, {"central", "a"}, {"central", "b"}}));
    QVERIFY(g.node("source")->direct);
    QVERIFY(!g.node("a")->direct);
    QCOMPARE(g.node("a")->knownBy, QStringList{"central"});
    QCOMPARE(g.node("source")->connections, QStringList{"src"});
}

void TestNetworkGraph::unreachableConnectionJoinsTheNodeAtItsAddress()
{
    NetworkGraph g;
    g.addStatus("cen", NetworkStatus{"central", "", "", 0, {peer("a", 3, true, false)}});
    g.addUnreachable("my-a", {}, "127.0.0.1:3", "Cannot reach librarian");
    g.addUnreachable("elsewhere", {}, "10.0.0.9:21108", "Cannot reach librarian");
    g.finish();
    QCOMPARE(g.nodes().size(), 3); // central, a (= my-a), elsewhere
    QVERIFY(!g.node("a")->reachable);
    QCOMPARE(g.node("a")->health, StatusColors::Health::Bad);
    QVERIFY(g.node("elsewhere"));
}

void TestNetworkGraph::healthFollowsFailuresAndSwitches()
{
    PeerLink failing = peer("a", 3, true, false);
    failing.outgoingFailed = 2;
    PeerLink disabled = peer("b", 4, true, false);
    disabled.transfersEnabled = false;
    PeerLink fine = peer("c", 5, true, false);
    NetworkGraph g;
    g.addStatus("cen", NetworkStatus{"central", "", "", 1, {failing, disabled, fine}});
    g.finish();
    for (const auto &e : g.edges()) {
        if (e.to == "a")
            QCOMPARE(e.health, StatusColors::Health::Bad);
        if (e.to == "b")
            QCOMPARE(e.health, StatusColors::Health::Warning);
        if (e.to == "c")
            QCOMPARE(e.health, StatusColors::Health::Good);
    }
    QCOMPARE(g.node("central")->health, StatusColors::Health::Warning); // one unresolved error
}

void TestNetworkGraph::layoutNeverOverlapsUpToFiftyNodes_data()
{
    QTest::addColumn<int>("count");
    for (int n : {1, 2, 4, 12, 50})
        QTest::addRow("%d", n) << n;
}

void TestNetworkGraph::layoutNeverOverlapsUpToFiftyNodes()
{
    QFETCH(int, count);
    // A tree: librarian i receives from (i-1)/3, so wide rows wrap.
    QStringList nodes;
    QList<QPair<QString, QString>> edges;
    for (int i = 0; i < count; ++i) {
        nodes << QStringLiteral("l%1").arg(i);
        if (i > 0)
            edges.append({QStringLiteral("l%1").arg((i - 1) / 3), nodes.last()});
    }
    const auto positions = GraphLayout::place(nodes, edges);
    QCOMPARE(positions.size(), count);
    for (auto a = positions.begin(); a != positions.end(); ++a)
        for (auto b = std::next(a); b != positions.end(); ++b) {
            const QPointF d = a.value() - b.value();
            QVERIFY2(std::abs(d.x()) >= GraphLayout::kNodeWidth || std::abs(d.y()) >= GraphLayout::kNodeHeight,
                     qPrintable(a.key() + " overlaps " + b.key()));
        }
    for (const auto &e : edges)
        QVERIFY2(positions.value(e.first).y() < positions.value(e.second).y(), qPrintable(e.first + " -> " + e.second));
}

void TestNetworkGraph::layoutSurvivesCycles()
{
    const auto positions = GraphLayout::place({"a", "b", "c"}, {{"a", "b"}, {"b", "a"}, {"b", "c"}, {"c", "a"}});
    QCOMPARE(positions.size(), 3);
    QVERIFY(positions.value("a") != positions.value("b"));
    QVERIFY(positions.value("b") != positions.value("c"));
}

QTEST_GUILESS_MAIN(TestNetworkGraph)
#include "tst_networkgraph.moc"
