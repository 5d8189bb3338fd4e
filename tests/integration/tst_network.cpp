#include "Cli.h"
#include "TestLibrarian.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QTest>

// The seed's network (Connections.rst): Source -> Central -> Destination A and Destination B, each
// link provisioned with the CLI exactly as the documentation shows, files moved by the real
// background tasks.
class TestNetwork : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void filesFlowDownTheWaterfall();
    void validateAcrossTheNetwork();
    void fileDeletedAtTheSourceKeepsItsRemoteInstance();
    void disabledTransfersWaitAndResume();
    void removeAndAddAgainLosesAndRepeatsNothing();

private:
    std::unique_ptr<TestLibrarian> makeLibrarian(const QString &name, const QStringList &destinations);
    void link(TestLibrarian &source, TestLibrarian &destination);
    QString upload(const QString &name, qint64 size);
    QJsonArray files(const QString &connection, const QString &name = {});
    bool holds(const QString &connection, const QString &name);

    std::unique_ptr<TestLibrarian> m_source, m_central, m_a, m_b;
    Cli m_cli;
    QTemporaryDir m_dir;
    QMap<QString, QString> m_checksums; // name -> checksum at the source
};

std::unique_ptr<TestLibrarian> TestNetwork::makeLibrarian(const QString &name, const QStringList &destinations)
{
    auto l = std::make_unique<TestLibrarian>(name);
    l->set("max_chunk_bytes", 1048576);
    l->set("background", TestLibrarian::transferTasks(destinations, "00:00:00.2", {{"send_batch_size", 2}}));
    if (l->setup() != 0 || !l->start())
        return nullptr;
    m_cli.addConnection(name, *l, "admin", l->adminPassword());
    return l;
}

// The two-librarian procedure of Connections.rst.
void TestNetwork::link(TestLibrarian &source, TestLibrarian &destination)
{
    const QString callbackPassword = destination.name() + "-calls-back";
    const QString pushPassword = source.name() + "-pushes";
    auto r = m_cli.run({"create-user", source.name(), "--username", destination.name(), "--password", callbackPassword,
                        "--auth-level", "CALLBACK"});
    QVERIFY2(r.exitCode == 0, describe(r));
    r = m_cli.run({"create-user", destination.name(), "--username", source.name(), "--password", pushPassword,
                   "--auth-level", "READAPPEND"});
    QVERIFY2(r.exitCode == 0, describe(r));
    r = m_cli.run({"add-librarian", source.name(), "--name=" + destination.name(), "--url=http://127.0.0.1",
                   QStringLiteral("--port=%1").arg(destination.port()),
                   "--authenticator=" + source.name() + ":" + pushPassword});
    QVERIFY2(r.exitCode == 0, describe(r));
    r = m_cli.run({"add-librarian", destination.name(), "--name=" + source.name(), "--url=http://127.0.0.1",
                   QStringLiteral("--port=%1").arg(source.port()),
                   "--authenticator=" + destination.name() + ":" + callbackPassword});
    QVERIFY2(r.exitCode == 0, describe(r));
}

QString TestNetwork::upload(const QString &name, qint64 size)
{
    const QString path = m_dir.filePath(QString(name).replace('/', '_'));
    QFile f(path);
    f.open(QIODevice::WriteOnly);
    QByteArray block(size, Qt::Uninitialized);
    QRandomGenerator::global()->fillRange(reinterpret_cast<quint32 *>(block.data()), int(size / 4));
    f.write(block);
    f.close();
    const auto r = m_cli.run({"upload", "source_librarian", path, name, "--json"});
    if (r.exitCode != 0)
        qWarning() << describe(r);
    const QString checksum = r.json().array().first().toObject().value("checksum").toString();
    m_checksums.insert(name, checksum);
    return checksum;
}

QJsonArray TestNetwork::files(const QString &connection, const QString &name)
{
    QStringList args{"search-files", connection, "--json", "--max-results", "1000"};
    if (!name.isEmpty())
        args << "--name" << name;
    return m_cli.run(args).json().array();
}

bool TestNetwork::holds(const QString &connection, const QString &name)
{
    const QJsonArray found = files(connection, name);
    if (found.isEmpty())
        return false;
    for (const QJsonValue &i : found.first().toObject().value("instances").toArray())
        if (i.toObject().value("available").toBool())
            return true;
    return false;
}

void TestNetwork::initTestCase()
{
    m_source = makeLibrarian("source_librarian", {"central_librarian"});
    m_central = makeLibrarian("central_librarian", {"destination_a", "destination_b"});
    m_a = makeLibrarian("destination_a", {});
    m_b = makeLibrarian("destination_b", {});
    QVERIFY(m_source && m_central && m_a && m_b);
    link(*m_source, *m_central);
    link(*m_central, *m_a);
    link(*m_central, *m_b);
}

void TestNetwork::filesFlowDownTheWaterfall()
{
    upload("2026/run1/small.dat", 1000);
    upload("2026/run1/medium.dat", 3 * 1024 * 1024 + 5);
    upload("2026/run1/large.dat", 12 * 1024 * 1024);
    for (const QString &name : m_checksums.keys())
        for (const char *where : {"destination_a", "destination_b"})
            QTRY_VERIFY2_WITH_TIMEOUT(holds(where, name), qPrintable(name + " at " + where), 60000);
    for (const QString &name : m_checksums.keys()) {
        for (const char *where : {"central_librarian", "destination_a", "destination_b"}) {
            const QJsonObject file = files(where, name).first().toObject();
            QCOMPARE(file.value("checksum").toString(), m_checksums.value(name));
            QCOMPARE(file.value("uploader").toString(), QStringLiteral("admin")); // provenance kept
        }
        // The source knows Central only: A and B are two hops away.
        QTRY_COMPARE_WITH_TIMEOUT(files("source_librarian", name).first().toObject().value("remote_instances").toArray().size(), 1, 30000);
        const QJsonArray sourceRemotes = files("source_librarian", name).first().toObject().value("remote_instances").toArray();
        QCOMPARE(sourceRemotes.first().toObject().value("librarian_name").toString(), QStringLiteral("central_librarian"));
        QTRY_COMPARE_WITH_TIMEOUT(files("central_librarian", name).first().toObject().value("remote_instances").toArray().size(), 2, 30000);
        QStringList centralRemotes;
        for (const QJsonValue &v : files("central_librarian", name).first().toObject().value("remote_instances").toArray())
            centralRemotes << v.toObject().value("librarian_name").toString();
        centralRemotes.sort();
        QCOMPARE(centralRemotes, (QStringList{"destination_a", "destination_b"}));
        // The bytes on A are the source's bytes.
        const QString local = m_dir.filePath(QString(name).replace('/', '_'));
        QFile a(m_a->storePath() + "/" + name), original(local);
        QVERIFY(a.open(QIODevice::ReadOnly) && original.open(QIODevice::ReadOnly));
        QVERIFY(a.readAll() == original.readAll());
    }
}

void TestNetwork::validateAcrossTheNetwork()
{
    const QString name = "2026/run1/medium.dat";
    auto r = m_cli.run({"validate-file", "source_librarian", name, "--json"});
    QVERIFY2(r.exitCode == 0, describe(r));
    QStringList where;
    for (const QJsonValue &v : r.json().array()) {
        where << v.toObject().value("librarian").toString();
        QVERIFY(v.toObject().value("computed_same_checksum").toBool());
        QCOMPARE(v.toObject().value("current_checksum").toString(), m_checksums.value(name));
    }
    where.sort();
    QCOMPARE(where, (QStringList{"central_librarian", "destination_a", "destination_b", "source_librarian"}));

    // Damage B's copy: validation from the source now reports it, and B records the problem.
    QFile copy(m_b->storePath() + "/" + name);
    QVERIFY(copy.open(QIODevice::ReadWrite));
    copy.seek(100);
    copy.write("damage");
    copy.close();
    r = m_cli.run({"validate-file", "source_librarian", name, "--json"});
    int mismatches = 0;
    for (const QJsonValue &v : r.json().array())
        if (!v.toObject().value("computed_same_checksum").toBool()) {
            ++mismatches;
            QCOMPARE(v.toObject().value("librarian").toString(), QStringLiteral("destination_b"));
        }
    QCOMPARE(mismatches, 1);
    const auto errors = m_cli.run({"search-errors", "destination_b", "--category", "data_integrity", "--json"});
    QCOMPARE(errors.json().array().size(), 1);
    QCOMPARE(m_cli.run({"validate-file", "source_librarian", "no/such/file"}).exitCode, 5);
}

void TestNetwork::fileDeletedAtTheSourceKeepsItsRemoteInstance()
{
    const QString name = "2026/run1/small.dat";
    const QJsonObject file = files("source_librarian", name).first().toObject();
    const QString id = QString::number(file.value("instances").toArray().first().toObject().value("id").toInteger());
    const auto r = m_cli.run({"delete-instance", "source_librarian", "--id", id, "--local"});
    QVERIFY2(r.exitCode == 0, describe(r));
    const QJsonObject after = files("source_librarian", name).first().toObject();
    QCOMPARE(after.value("instances").toArray().first().toObject().value("available").toBool(), false);
    QCOMPARE(after.value("remote_instances").toArray().first().toObject().value("librarian_name").toString(),
             QStringLiteral("central_librarian"));
    QVERIFY(holds("central_librarian", name)); // the central copy is untouched
}

void TestNetwork::disabledTransfersWaitAndResume()
{
    auto r = m_cli.run({"set-librarian-transfer", "central_librarian", "--name=destination_a", "--disabled"});
    QVERIFY2(r.exitCode == 0, describe(r));
    const QString name = "2026/run2/while-disabled.dat";
    upload(name, 2048);
    QTRY_VERIFY_WITH_TIMEOUT(holds("destination_b", name), 60000);
    QVERIFY(!holds("destination_a", name));
    r = m_cli.run({"set-librarian-transfer", "central_librarian", "--name=destination_a", "--enabled"});
    QVERIFY2(r.exitCode == 0, describe(r));
    QTRY_VERIFY_WITH_TIMEOUT(holds("destination_a", name), 60000);
    QCOMPARE(files("destination_a", name).first().toObject().value("checksum").toString(), m_checksums.value(name));
}

void TestNetwork::removeAndAddAgainLosesAndRepeatsNothing()
{
    const int before = files("destination_a").size();
    auto r = m_cli.run({"remove-librarian", "central_librarian", "--name=destination_a"});
    QVERIFY2(r.exitCode == 0, describe(r));
    const QString name = "2026/run3/while-removed.dat";
    upload(name, 4096);
    QTRY_VERIFY_WITH_TIMEOUT(holds("destination_b", name), 60000);
    r = m_cli.run({"add-librarian", "central_librarian", "--name=destination_a", "--url=http://127.0.0.1",
                   QStringLiteral("--port=%1").arg(m_a->port()), "--authenticator=central_librarian:central_librarian-pushes"});
    QVERIFY2(r.exitCode == 0, describe(r));
    QTRY_VERIFY_WITH_TIMEOUT(holds("destination_a", name), 60000);
    // Every file exactly once on A; Central's remote instances survived and are not doubled.
    const QJsonArray onA = files("destination_a");
    QCOMPARE(onA.size(), before + 1);
    for (const QString &n : m_checksums.keys()) {
        QCOMPARE(files("destination_a", n).size(), 1);
        QStringList remotes;
        for (const QJsonValue &v : files("central_librarian", n).first().toObject().value("remote_instances").toArray())
            remotes << v.toObject().value("librarian_name").toString();
        QCOMPARE(remotes.count("destination_a"), 1);
    }
}

QTEST_GUILESS_MAIN(TestNetwork)
#include "tst_network.moc"
