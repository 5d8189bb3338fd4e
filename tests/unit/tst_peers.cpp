#include "TempCatalogue.h"
#include "db/Peers.h"

using namespace librarian;

class TestPeers : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void addListFindRemove();
    void duplicateNameIsConflict();
    void transfersSwitch();
};

static Librarian peer(const QString &name)
{
    Librarian l;
    l.name = name;
    l.url = QStringLiteral("http://127.0.0.1");
    l.port = 4242;
    l.encryptedAuthenticator = "c2VhbGVk";
    return l;
}

void TestPeers::addListFindRemove()
{
    TempCatalogue catalogue;
    Peers peers(catalogue.connection());
    QVERIFY(peers.add(peer(QStringLiteral("central"))).ok());
    QVERIFY(peers.add(peer(QStringLiteral("alpha"))).ok());
    auto all = peers.list();
    QVERIFY(all.ok());
    QCOMPARE(all->size(), 2);
    QCOMPARE(all->first().name, QStringLiteral("alpha")); // ordered by name
    auto central = peers.find(QStringLiteral("central"));
    QVERIFY(central.ok());
    QCOMPARE(central->port, 4242);
    QCOMPARE(central->encryptedAuthenticator, QByteArray("c2VhbGVk"));
    QVERIFY(central->transfersEnabled);
    QVERIFY(peers.remove(QStringLiteral("central")).ok());
    QCOMPARE(peers.find(QStringLiteral("central")).error().kind, ErrorKind::NotFound);
    QCOMPARE(peers.remove(QStringLiteral("central")).error().kind, ErrorKind::NotFound);
}

void TestPeers::duplicateNameIsConflict()
{
    TempCatalogue catalogue;
    Peers peers(catalogue.connection());
    QVERIFY(peers.add(peer(QStringLiteral("central"))).ok());
    Librarian other = peer(QStringLiteral("central"));
    other.port = 1;
    QCOMPARE(peers.add(other).error().kind, ErrorKind::Conflict);
    QCOMPARE(peers.find(QStringLiteral("central"))->port, 4242);
}

void TestPeers::transfersSwitch()
{
    TempCatalogue catalogue;
    Peers peers(catalogue.connection());
    QVERIFY(peers.add(peer(QStringLiteral("central"))).ok());
    QVERIFY(peers.setTransfersEnabled(QStringLiteral("central"), false).ok());
    QVERIFY(!peers.find(QStringLiteral("central"))->transfersEnabled);
    QVERIFY(peers.setTransfersEnabled(QStringLiteral("central"), true).ok());
    QVERIFY(peers.find(QStringLiteral("central"))->transfersEnabled);
    QCOMPARE(peers.setTransfersEnabled(QStringLiteral("nobody"), true).error().kind, ErrorKind::NotFound);
}

QTEST_GUILESS_MAIN(TestPeers)
#include "tst_peers.moc"
