#include "Cli.h"
#include "TestLibrarian.h"

#include <QDir>
#include <QFile>
#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

// The instance states of the seed on one librarian: a file with an instance on each of two
// stores, a local deletion keeping the row as unavailable, and a file with no instance left.
class TestInstances : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void instanceStates();
};

void TestInstances::instanceStates()
{
    TestLibrarian server(QStringLiteral("site"));
    server.addStore(QStringLiteral("backup"), false);
    QCOMPARE(server.setup(), 0);
    QVERIFY(server.start());
    Cli cli;
    cli.addConnection("site", server, "admin", server.adminPassword());

    const auto stores = cli.run({"get-store-list", "site", "--json"});
    QVERIFY2(stores.exitCode == 0, describe(stores));
    QCOMPARE(stores.json().array().size(), 2);
    QHash<qint64, QString> storeNames;
    for (const QJsonValue &v : stores.json().array())
        storeNames.insert(v.toObject().value("id").toInteger(), v.toObject().value("name").toString());

    QTemporaryDir dir;
    const QString local = dir.filePath("obs.dat");
    QFile f(local);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(QByteArray(4096, 'o'));
    f.close();
    auto r = cli.run({"upload", "site", local, "2026/obs.dat"});
    QVERIFY2(r.exitCode == 0, describe(r));

    // A second copy placed on the non-ingestable backup store, then registered.
    const QString copy = server.storePath("backup") + "/2026/obs.dat";
    QDir().mkpath(QFileInfo(copy).absolutePath());
    QVERIFY(QFile::copy(local, copy));
    r = cli.run({"add-file", "site", "--store", "backup", "--path", copy, "--name", "2026/obs.dat"});
    QVERIFY2(r.exitCode == 0, describe(r));
    // Bytes that are not the file's are refused.
    const QString wrong = server.storePath("backup") + "/2026/wrong.dat";
    QFile w(wrong);
    QVERIFY(w.open(QIODevice::WriteOnly));
    w.write("other bytes");
    w.close();
    r = cli.run({"add-file", "site", "--store", "backup", "--path", wrong, "--name", "2026/obs.dat"});
    QCOMPARE(r.exitCode, 7);

    auto search = cli.run({"search-files", "site", "--name", "2026/obs.dat", "--json"});
    QJsonArray instances = search.json().array().first().toObject().value("instances").toArray();
    QCOMPARE(instances.size(), 2);
    QStringList onStores;
    for (const QJsonValue &v : instances) {
        const QJsonObject instance = v.toObject();
        const QString store = storeNames.value(instance.value("store_id").toInteger());
        onStores << store;
        QVERIFY(instance.value("available").toBool());
        QCOMPARE(instance.value("path").toString(), server.storePath(store) + "/2026/obs.dat");
    }
    onStores.sort();
    QCOMPARE(onStores, (QStringList{"backup", "store"})); // one instance per store

    // Delete the first copy's bytes: the row stays, unavailable; the other copy is untouched.
    const qint64 firstId = instances[0].toObject().value("id").toInteger();
    const QString firstPath = instances[0].toObject().value("path").toString();
    r = cli.run({"delete-instance", "site", "--id", QString::number(firstId), "--local"});
    QVERIFY2(r.exitCode == 0, describe(r));
    QVERIFY(!QFile::exists(firstPath));
    QVERIFY(QFile::exists(copy));
    search = cli.run({"search-files", "site", "--name", "2026/obs.dat", "--json"});
    instances = search.json().array().first().toObject().value("instances").toArray();
    QCOMPARE(instances.size(), 2);
    for (const QJsonValue &v : instances)
        QCOMPARE(v.toObject().value("available").toBool(), v.toObject().value("id").toInteger() != firstId);

    // Delete the second too: the file is still listed, with no available instance.
    r = cli.run({"delete-instance", "site", "--id", QString::number(instances[1].toObject().value("id").toInteger()), "--local"});
    QVERIFY2(r.exitCode == 0, describe(r));
    QVERIFY(!QFile::exists(copy));
    search = cli.run({"search-files", "site", "--name", "2026/obs.dat"});
    QCOMPARE(search.exitCode, 0);
    QVERIFY2(search.out.contains("2026/obs.dat") && !search.out.contains("] AVAILABLE"), describe(search));
    QVERIFY(search.out.contains("NOT AVAILABLE"));

    QCOMPARE(cli.run({"delete-instance", "site", "--id", "999", "--remote"}).exitCode, 5);
    QCOMPARE(cli.run({"delete-instance", "site", "--id", "999", "--local"}).exitCode, 5);
}

QTEST_GUILESS_MAIN(TestInstances)
#include "tst_instances.moc"
