#include "Cli.h"
#include "TestLibrarian.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTest>

// A destination that cannot call its source back (/clone/complete) keeps the callback it owes in its
// database and tries again with back-off until the source answers; the source runs no hypervisor
// here, so only the destination's retries can complete the transfers.
class TestCallbackRetry : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void callbackMissedWhileSourceWasDownIsRetried();
    void owedCallbackSurvivesARestartOfTheDestination();

private:
    struct Pair
    {
        std::unique_ptr<TestLibrarian> source, destination;
        Cli cli;
        QTemporaryDir dir;
    };
    // Files staged at the destination, the source stopped, the destination's receive_clone has
    // committed them and failed to call back.
    static void stageThenMissCallbacks(Pair &pair);
    static int remoteInstancesAtSource(Pair &pair);
    static int outgoingIn(Pair &pair, const QString &status);
    // Clones whose callback is owed (-1: unreadable), and the failed calls for them.
    static int owed(const TestLibrarian &destination);
    static int failedAttempts(const TestLibrarian &destination);
    static int countAtDestination(const TestLibrarian &destination, const QString &what, const QString &where);
};

static constexpr int kFiles = 3;

void TestCallbackRetry::stageThenMissCallbacks(Pair &pair)
{
    pair.source = std::make_unique<TestLibrarian>("source_librarian");
    pair.source->set("background", TestLibrarian::transferTasks({"destination_librarian"}, "00:00:00.2"));
    pair.destination = std::make_unique<TestLibrarian>("destination_librarian");
    // Once at start, then not for an hour: any callback after the first comes from the retry.
    // Kept to its timer (run_on_events false), so the files stay STAGED until the restart.
    QJsonObject tasks = TestLibrarian::transferTasks({}, "01:00:00");
    QJsonObject receive = tasks.value("receive_clone").toArray().first().toObject();
    receive.insert("run_on_events", false);
    tasks.insert("receive_clone", QJsonArray{receive});
    pair.destination->set("background", tasks);
    for (auto *l : {pair.source.get(), pair.destination.get()}) {
        QCOMPARE(l->setup(), 0);
        QVERIFY(l->start());
        pair.cli.addConnection(l->name(), *l, "admin", l->adminPassword());
    }
    QCOMPARE(pair.cli
                 .run({"create-user", "source_librarian", "--username", "destination_librarian", "--password",
                       "calls-back-here", "--auth-level", "CALLBACK"})
                 .exitCode,
             0);
    QCOMPARE(pair.cli
                 .run({"create-user", "destination_librarian", "--username", "source_librarian", "--password",
                       "pushes-here", "--auth-level", "READAPPEND"})
                 .exitCode,
             0);
    QCOMPARE(pair.cli
                 .run({"add-librarian", "source_librarian", "--name=destination_librarian", "--url=http://127.0.0.1",
                       QStringLiteral("--port=%1").arg(pair.destination->port()),
                       "--authenticator=source_librarian:pushes-here"})
                 .exitCode,
             0);
    QCOMPARE(pair.cli
                 .run({"add-librarian", "destination_librarian", "--name=source_librarian", "--url=http://127.0.0.1",
                       QStringLiteral("--port=%1").arg(pair.source->port()),
                       "--authenticator=destination_librarian:calls-back-here"})
                 .exitCode,
             0);
    for (int i = 0; i < kFiles; ++i) {
        const QString local = pair.dir.filePath(QStringLiteral("f%1.dat").arg(i));
        QFile f(local);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArray(20000 + i, char('a' + i)));
        f.close();
        const auto r = pair.cli.run({"upload", "source_librarian", local, QStringLiteral("cb/f%1.dat").arg(i)});
        QVERIFY2(r.exitCode == 0, describe(r));
    }
    // Every byte is at the destination and it agreed; nothing has been committed there yet.
    QTRY_COMPARE_WITH_TIMEOUT(outgoingIn(pair, "STAGED"), kFiles, 30000);
    QCOMPARE(countAtDestination(*pair.destination, "COUNT(*)", "status = 'STAGED'"), kFiles);
    pair.source->stop();
    // The restart's first run commits the clones and cannot reach the source.
    QVERIFY(pair.destination->restart());
    QTRY_COMPARE_WITH_TIMEOUT(countAtDestination(*pair.destination, "COUNT(*)", "status = 'COMPLETED'"), kFiles, 30000);
    QTRY_COMPARE_WITH_TIMEOUT(owed(*pair.destination), kFiles, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(failedAttempts(*pair.destination) >= 1, 10000);
    QCOMPARE(remoteInstancesAtSource(pair), -1); // the source is down
}

int TestCallbackRetry::remoteInstancesAtSource(Pair &pair)
{
    const auto r = pair.cli.run({"search-files", "source_librarian", "--json", "--max-results", "100"});
    if (r.exitCode != 0)
        return -1;
    int held = 0;
    for (const QJsonValue &file : r.json().array())
        for (const QJsonValue &remote : file.toObject().value("remote_instances").toArray())
            if (remote.toObject().value("librarian_name").toString() == QLatin1String("destination_librarian"))
                ++held;
    return held;
}

int TestCallbackRetry::outgoingIn(Pair &pair, const QString &status)
{
    const auto r = pair.cli.run({"get-transfers", "source_librarian", "--status", status, "--json"});
    return r.exitCode == 0 ? int(r.json().object().value("outgoing").toArray().size()) : -1;
}

int TestCallbackRetry::countAtDestination(const TestLibrarian &destination, const QString &what, const QString &where)
{
    int count = -1;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase("QSQLITE", "inspect");
        db.setDatabaseName(destination.dbPath());
        db.setConnectOptions("QSQLITE_OPEN_READONLY");
        if (db.open()) {
            QSqlQuery q(db);
            if (q.exec("SELECT " + what + " FROM incoming_transfers WHERE source_transfer_id IS NOT NULL AND " +
                       where) &&
                q.next())
                count = q.value(0).toInt();
        }
    }
    QSqlDatabase::removeDatabase("inspect");
    return count;
}

int TestCallbackRetry::owed(const TestLibrarian &destination)
{
    return countAtDestination(destination, "COUNT(*)", "callback_pending = 1");
}

int TestCallbackRetry::failedAttempts(const TestLibrarian &destination)
{
    return countAtDestination(destination, "COALESCE(SUM(callback_attempts), 0)", "callback_pending = 1");
}

void TestCallbackRetry::callbackMissedWhileSourceWasDownIsRetried()
{
    Pair pair;
    stageThenMissCallbacks(pair);
    if (QTest::currentTestFailed())
        return;
    QVERIFY(pair.source->restart());
    QTRY_COMPARE_WITH_TIMEOUT(remoteInstancesAtSource(pair), kFiles, 30000);
    QTRY_COMPARE_WITH_TIMEOUT(outgoingIn(pair, "COMPLETED"), kFiles, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(owed(*pair.destination), 0, 10000);
}

void TestCallbackRetry::owedCallbackSurvivesARestartOfTheDestination()
{
    Pair pair;
    stageThenMissCallbacks(pair);
    if (QTest::currentTestFailed())
        return;
    // What the destination owes lives only in its database now.
    pair.destination->kill();
    QVERIFY(pair.source->restart());
    QVERIFY(pair.destination->restart());
    QTRY_COMPARE_WITH_TIMEOUT(remoteInstancesAtSource(pair), kFiles, 30000);
    QTRY_COMPARE_WITH_TIMEOUT(outgoingIn(pair, "COMPLETED"), kFiles, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(owed(*pair.destination), 0, 10000);
}

QTEST_GUILESS_MAIN(TestCallbackRetry)
#include "tst_callbackretry.moc"
