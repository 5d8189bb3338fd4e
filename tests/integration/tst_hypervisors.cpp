#include "Cli.h"
#include "TestLibrarian.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

// The hypervisors repair what a lost message left behind, on either side of a link.
class TestHypervisors : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void lostCompletionCallbackIsMadeGood();
    void transferAbandonedBySenderIsFailedAtReceiver();
    void corruptedInTransitIsNeverCommittedAndSentAgain();
    void localMethodCopiesOnOneHost();

private:
    struct Pair
    {
        std::unique_ptr<TestLibrarian> source, destination;
        Cli cli;
    };
    static void start(Pair &pair, const QJsonObject &sourceTasks, const QJsonObject &destinationTasks,
                      const QString &callbackPassword, const QStringList &destinationMethods = {"http"});
    static QString upload(Pair &pair, const QTemporaryDir &dir);
};

static const QJsonObject kEvery{{"every", "00:00:00.2"}};

static QJsonObject task(QJsonObject fields)
{
    fields.insert("every", "00:00:00.2");
    return fields;
}

void TestHypervisors::start(Pair &pair, const QJsonObject &sourceTasks, const QJsonObject &destinationTasks,
                            const QString &callbackPassword, const QStringList &destinationMethods)
{
    pair.source = std::make_unique<TestLibrarian>("source_librarian");
    pair.source->set("background", sourceTasks);
    pair.destination = std::make_unique<TestLibrarian>("destination_librarian");
    pair.destination->set("background", destinationTasks);
    pair.destination->setTransferMethods(destinationMethods);
    for (auto *l : {pair.source.get(), pair.destination.get()}) {
        QCOMPARE(l->setup(), 0);
        QVERIFY(l->start());
        pair.cli.addConnection(l->name(), *l, "admin", l->adminPassword());
    }
    QCOMPARE(pair.cli.run({"create-user", "source_librarian", "--username", "destination_librarian", "--password",
                           "calls-back-here", "--auth-level", "CALLBACK"}).exitCode, 0);
    QCOMPARE(pair.cli.run({"create-user", "destination_librarian", "--username", "source_librarian", "--password",
                           "pushes-here", "--auth-level", "READAPPEND"}).exitCode, 0);
    QCOMPARE(pair.cli.run({"add-librarian", "source_librarian", "--name=destination_librarian", "--url=http://127.0.0.1",
                           QStringLiteral("--port=%1").arg(pair.destination->port()),
                           "--authenticator=source_librarian:pushes-here"}).exitCode, 0);
    QCOMPARE(pair.cli.run({"add-librarian", "destination_librarian", "--name=source_librarian", "--url=http://127.0.0.1",
                           QStringLiteral("--port=%1").arg(pair.source->port()),
                           "--authenticator=destination_librarian:" + callbackPassword, "--do-not-check-connection"}).exitCode,
             0);
}

QString TestHypervisors::upload(Pair &pair, const QTemporaryDir &dir)
{
    const QString local = dir.filePath("f.dat");
    QFile f(local);
    f.open(QIODevice::WriteOnly);
    f.write(QByteArray(70000, 'h'));
    f.close();
    return pair.cli.run({"upload", "source_librarian", local, "h/f.dat"}).exitCode == 0 ? QStringLiteral("h/f.dat") : QString();
}

void TestHypervisors::lostCompletionCallbackIsMadeGood()
{
    Pair pair;
    // The destination's callbacks are refused (wrong password): the file arrives, the source
    // never hears of it, until its hypervisor asks.
    start(pair,
          QJsonObject{{"send_clone", QJsonArray{task({{"destination_librarian", "destination_librarian"}})}},
                      {"consume_queue", QJsonArray{kEvery}},
                      {"check_consumed_queue", QJsonArray{kEvery}},
                      {"outgoing_transfer_hypervisor", QJsonArray{task({{"age_in_days", 0.00003}})}},
                      {"duplicate_remote_instance_hypervisor", QJsonArray{kEvery}}},
          QJsonObject{{"receive_clone", QJsonArray{kEvery}}}, "wrong-password");
    QTemporaryDir dir;
    const QString name = upload(pair, dir);
    QVERIFY(!name.isEmpty());
    auto remotes = [&pair, &name] {
        return pair.cli.run({"search-files", "source_librarian", "--name", name, "--json"})
            .json().array().first().toObject().value("remote_instances").toArray();
    };
    QTRY_COMPARE_WITH_TIMEOUT(remotes().size(), 1, 30000);
    QCOMPARE(remotes().first().toObject().value("librarian_name").toString(), QStringLiteral("destination_librarian"));
    const auto transfers = pair.cli.run({"get-transfers", "source_librarian", "--json"});
    QCOMPARE(transfers.json().object().value("outgoing").toArray().first().toObject().value("status").toString(),
             QStringLiteral("COMPLETED"));
    // Sent once, recorded once.
    QCOMPARE(pair.cli.run({"search-files", "destination_librarian", "--json"}).json().array().size(), 1);
}

void TestHypervisors::transferAbandonedBySenderIsFailedAtReceiver()
{
    Pair pair;
    // No consume_queue: the batch is staged at the destination but its bytes never leave.
    start(pair, QJsonObject{{"send_clone", QJsonArray{task({{"destination_librarian", "destination_librarian"}})}}},
          QJsonObject{{"receive_clone", QJsonArray{kEvery}},
                      {"incoming_transfer_hypervisor", QJsonArray{task({{"age_in_days", 0.00002}})}}},
          "calls-back-here");
    QTemporaryDir dir;
    QVERIFY(!upload(pair, dir).isEmpty());
    auto incoming = [&pair] {
        return pair.cli.run({"get-transfers", "destination_librarian", "--json"}).json().object().value("incoming").toArray();
    };
    QTRY_COMPARE_WITH_TIMEOUT(incoming().size(), 1, 30000);
    const auto removed = pair.cli.run({"remove-librarian", "source_librarian", "--name=destination_librarian",
                                       "--remove-outgoing-transfers"});
    QVERIFY2(removed.exitCode == 0, describe(removed));
    QVERIFY2(removed.out.contains("Removed 1 outgoing transfers"), describe(removed));
    QTRY_COMPARE_WITH_TIMEOUT(incoming().first().toObject().value("status").toString(), QStringLiteral("FAILED"), 30000);
    QVERIFY(incoming().first().toObject().value("error").toString().contains("FAILED"));
    QVERIFY(QDir(pair.destination->stagingPath()).entryList(QDir::NoDotAndDotDot | QDir::AllEntries).isEmpty());
}

void TestHypervisors::corruptedInTransitIsNeverCommittedAndSentAgain()
{
    Pair pair;
    // receive_clone runs every 3 s and is not woken when files reach STAGED, so the staged bytes
    // can be damaged before it looks at them.
    start(pair,
          QJsonObject{{"send_clone", QJsonArray{task({{"destination_librarian", "destination_librarian"}})}},
                      {"consume_queue", QJsonArray{kEvery}},
                      {"check_consumed_queue", QJsonArray{kEvery}}},
          QJsonObject{{"receive_clone", QJsonArray{QJsonObject{{"every", "00:00:03"}, {"run_on_events", false}}}}},
          "calls-back-here");
    QTemporaryDir dir;
    const QString name = upload(pair, dir);
    QVERIFY(!name.isEmpty());
    auto incoming = [&pair](const QString &status) {
        return pair.cli.run({"get-transfers", "destination_librarian", "--status", status, "--json"})
            .json().object().value("incoming").toArray();
    };
    QTRY_COMPARE_WITH_TIMEOUT(incoming("STAGED").size(), 1, 30000);
    QDirIterator it(pair.destination->stagingPath(), QDir::Files, QDirIterator::Subdirectories);
    QVERIFY(it.hasNext());
    QFile staged(it.next());
    QVERIFY(staged.open(QIODevice::ReadWrite));
    staged.seek(10);
    staged.write("XXXX"); // same size, other bytes
    staged.close();
    // The damaged copy fails; the source sends the file again; the good copy is committed.
    QTRY_VERIFY_WITH_TIMEOUT(!pair.cli.run({"search-files", "destination_librarian", "--name", name, "--json"}).json().array().isEmpty(),
                             60000);
    QCOMPARE(incoming("FAILED").size(), 1);
    QVERIFY(incoming("FAILED").first().toObject().value("error").toString().contains("Checksum mismatch"));
    QFile stored(pair.destination->storePath() + "/" + name), local(dir.filePath("f.dat"));
    QVERIFY(stored.open(QIODevice::ReadOnly) && local.open(QIODevice::ReadOnly));
    QVERIFY(stored.readAll() == local.readAll());
    QCOMPARE(pair.cli.run({"search-errors", "destination_librarian", "--category", "data_integrity", "--json"}).json().array().size(), 1);
}

void TestHypervisors::localMethodCopiesOnOneHost()
{
    Pair pair;
    start(pair,
          QJsonObject{{"send_clone", QJsonArray{task({{"destination_librarian", "destination_librarian"}})}},
                      {"consume_queue", QJsonArray{kEvery}},
                      {"check_consumed_queue", QJsonArray{kEvery}}},
          QJsonObject{{"receive_clone", QJsonArray{kEvery}}}, "calls-back-here", {"local", "http"});
    QTemporaryDir dir;
    const QString name = upload(pair, dir);
    QVERIFY(!name.isEmpty());
    QTRY_VERIFY_WITH_TIMEOUT(!pair.cli.run({"search-files", "destination_librarian", "--name", name, "--json"}).json().array().isEmpty(),
                             30000);
    const QJsonObject out = pair.cli.run({"get-transfers", "source_librarian", "--json"})
                                .json().object().value("outgoing").toArray().first().toObject();
    QCOMPARE(out.value("transfer_method").toString(), QStringLiteral("local"));
    QTRY_COMPARE_WITH_TIMEOUT(pair.cli.run({"get-transfers", "source_librarian", "--json"})
                                  .json().object().value("outgoing").toArray().first().toObject().value("status").toString(),
                              QStringLiteral("COMPLETED"), 30000);
    QFile stored(pair.destination->storePath() + "/" + name), local(dir.filePath("f.dat"));
    QVERIFY(stored.open(QIODevice::ReadOnly) && local.open(QIODevice::ReadOnly));
    QVERIFY(stored.readAll() == local.readAll());
}

QTEST_GUILESS_MAIN(TestHypervisors)
#include "tst_hypervisors.moc"
