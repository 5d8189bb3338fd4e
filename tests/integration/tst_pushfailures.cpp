#include "Cli.h"
#include "TestLibrarian.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

// A push that cannot work fails visibly, with the cause recorded, and leaves nothing half done.
class TestPushFailures : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void wrongAuthenticator();
    void accountWithoutTheLevel();

private:
    void expectRecordedFailure(const QString &cause);

    std::unique_ptr<TestLibrarian> m_source, m_destination;
    std::unique_ptr<Cli> m_cli;
    QTemporaryDir m_dir;
};

void TestPushFailures::init()
{
    m_cli = std::make_unique<Cli>();
    const QJsonObject every{{"every", "00:00:00.2"}};
    QJsonObject send = every;
    send.insert("destination_librarian", "destination_librarian");
    m_source = std::make_unique<TestLibrarian>("source_librarian");
    m_source->set("background", QJsonObject{{"send_clone", QJsonArray{send}},
                                            {"consume_queue", QJsonArray{every}},
                                            {"check_consumed_queue", QJsonArray{every}}});
    m_destination = std::make_unique<TestLibrarian>("destination_librarian");
    m_destination->set("background", QJsonObject{{"receive_clone", QJsonArray{every}}});
    for (auto *l : {m_source.get(), m_destination.get()}) {
        QCOMPARE(l->setup(), 0);
        QVERIFY(l->start());
        m_cli->addConnection(l->name(), *l, "admin", l->adminPassword());
    }
    QCOMPARE(m_cli->run({"create-user", "source_librarian", "--username", "destination_librarian", "--password",
                         "calls-back", "--auth-level", "CALLBACK"}).exitCode, 0);
}

void TestPushFailures::cleanup()
{
    m_source.reset();
    m_destination.reset();
}

void TestPushFailures::expectRecordedFailure(const QString &cause)
{
    const QString local = m_dir.filePath("f.dat");
    QFile f(local);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(QByteArray(5000, 'x'));
    f.close();
    QCOMPARE(m_cli->run({"upload", "source_librarian", local, "f.dat"}).exitCode, 0);
    // The outgoing transfer fails and says why.
    QTRY_VERIFY_WITH_TIMEOUT(m_cli->run({"get-transfers", "source_librarian", "--status", "FAILED"}).out.contains(cause), 30000);
    const auto transfers = m_cli->run({"get-transfers", "source_librarian", "--status", "FAILED", "--json"});
    const QJsonObject first = transfers.json().object().value("outgoing").toArray().first().toObject();
    QCOMPARE(first.value("status").toString(), QStringLiteral("FAILED"));
    QVERIFY2(first.value("error").toString().contains(cause), qPrintable(first.value("error").toString()));
    // So does the error log (once, however often the retry fails), until an operator clears it.
    const auto errors = m_cli->run({"search-errors", "source_librarian", "--json"});
    QCOMPARE(errors.json().array().size(), 1);
    const QJsonObject error = errors.json().array().first().toObject();
    QVERIFY(error.value("message").toString().contains(cause));
    const QString id = QString::number(error.value("id").toInteger());
    QCOMPARE(m_cli->run({"clear-error", "source_librarian", id}).exitCode, 0);
    QCOMPARE(m_cli->run({"clear-error", "source_librarian", id}).exitCode, 7); // already cleared
    QCOMPARE(m_cli->run({"clear-error", "source_librarian", "999999"}).exitCode, 5);
    // Nothing half-committed at the destination.
    QCOMPARE(m_cli->run({"search-files", "destination_librarian", "--json"}).json().array().size(), 0);
    QVERIFY(QDir(m_destination->stagingPath()).entryList(QDir::NoDotAndDotDot | QDir::AllEntries).isEmpty());
    QVERIFY(QDir(m_destination->storePath()).entryList(QDir::NoDotAndDotDot | QDir::AllEntries).isEmpty());
}

void TestPushFailures::wrongAuthenticator()
{
    QCOMPARE(m_cli->run({"create-user", "destination_librarian", "--username", "source_librarian", "--password",
                         "the-real-one", "--auth-level", "READAPPEND"}).exitCode, 0);
    const auto r = m_cli->run({"add-librarian", "source_librarian", "--name=destination_librarian", "--url=http://127.0.0.1",
                               QStringLiteral("--port=%1").arg(m_destination->port()),
                               "--authenticator=source_librarian:a-wrong-one", "--do-not-check-connection"});
    QCOMPARE(r.exitCode, 0);
    expectRecordedFailure("Incorrect username or password");
}

void TestPushFailures::accountWithoutTheLevel()
{
    QCOMPARE(m_cli->run({"create-user", "destination_librarian", "--username", "source_librarian", "--password",
                         "the-real-one", "--auth-level", "READONLY"}).exitCode, 0);
    const auto r = m_cli->run({"add-librarian", "source_librarian", "--name=destination_librarian", "--url=http://127.0.0.1",
                               QStringLiteral("--port=%1").arg(m_destination->port()),
                               "--authenticator=source_librarian:the-real-one"});
    QCOMPARE(r.exitCode, 0); // it answers ping/logged: the level shows only when pushing
    expectRecordedFailure("READAPPEND");
}

QTEST_GUILESS_MAIN(TestPushFailures)
#include "tst_pushfailures.moc"
