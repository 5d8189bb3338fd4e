#include "Cli.h"
#include "TestLibrarian.h"

#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTest>

// kill -9 of the sender or of the receiver in the middle of a file: after a restart the push
// resumes from the bytes already staged (the same incoming transfer, not a new one) and completes.
class TestResume : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void senderKilledMidFile();
    void receiverKilledMidFile();
    void receiverDownLongerThanTheRetries();

private:
    bool pushInterruptedBy(TestLibrarian &victim);
    qint64 stagedBytes(const TestLibrarian &l) const;
    QPair<int, QString> incomingTransfers(const TestLibrarian &l, const QString &name) const;
    bool holds(const QString &connection, const QString &name);

    std::unique_ptr<TestLibrarian> m_source, m_destination;
    std::unique_ptr<Cli> m_cli;
    QTemporaryDir m_dir;
    QString m_local;
    QString m_checksum;
};

void TestResume::init()
{
    m_cli = std::make_unique<Cli>();
    const QJsonObject every{{"every", "00:00:00.2"}};
    m_source = std::make_unique<TestLibrarian>("source_librarian");
    m_source->set("max_chunk_bytes", 1048576);
    m_source->set("max_async_send_retries", 0); // a batch fails at its first failed run
    QJsonObject send = every;
    send.insert("destination_librarian", "destination_librarian");
    send.insert("age_in_days", 1);
    m_source->set("background", QJsonObject{{"send_clone", QJsonArray{send}},
                                            {"consume_queue", QJsonArray{every}},
                                            {"check_consumed_queue", QJsonArray{every}}});
    m_destination = std::make_unique<TestLibrarian>("destination_librarian");
    m_destination->set("max_chunk_bytes", 1048576);
    m_destination->set("background", QJsonObject{{"receive_clone", QJsonArray{every}}});
    for (auto *l : {m_source.get(), m_destination.get()}) {
        QCOMPARE(l->setup(), 0);
        QVERIFY(l->start());
        m_cli->addConnection(l->name(), *l, "admin", l->adminPassword());
    }
    auto ok = [this](const QStringList &args) {
        const auto r = m_cli->run(args);
        if (r.exitCode != 0)
            qWarning() << describe(r);
        return r.exitCode == 0;
    };
    QVERIFY(ok({"create-user", "source_librarian", "--username", "destination_librarian", "--password", "calls-back",
                "--auth-level", "CALLBACK"}));
    QVERIFY(ok({"create-user", "destination_librarian", "--username", "source_librarian", "--password", "pushes-here",
                "--auth-level", "READAPPEND"}));
    QVERIFY(ok({"add-librarian", "source_librarian", "--name=destination_librarian", "--url=http://127.0.0.1",
                QStringLiteral("--port=%1").arg(m_destination->port()), "--authenticator=source_librarian:pushes-here"}));
    QVERIFY(ok({"add-librarian", "destination_librarian", "--name=source_librarian", "--url=http://127.0.0.1",
                QStringLiteral("--port=%1").arg(m_source->port()), "--authenticator=destination_librarian:calls-back"}));
    m_local = m_dir.filePath("big.dat");
    QFile f(m_local);
    QVERIFY(f.open(QIODevice::WriteOnly));
    QByteArray block(1 << 20, Qt::Uninitialized);
    for (int i = 0; i < 160; ++i) {
        QRandomGenerator::global()->fillRange(reinterpret_cast<quint32 *>(block.data()), block.size() / 4);
        f.write(block);
    }
}

void TestResume::cleanup()
{
    m_source.reset();
    m_destination.reset();
}

qint64 TestResume::stagedBytes(const TestLibrarian &l) const
{
    qint64 size = 0;
    QDirIterator it(l.stagingPath(), QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext())
        size += QFileInfo(it.next()).size();
    return size;
}

QPair<int, QString> TestResume::incomingTransfers(const TestLibrarian &l, const QString &name) const
{
    QPair<int, QString> result{0, {}};
    {
        QSqlDatabase db = QSqlDatabase::addDatabase("QSQLITE", "inspect");
        db.setDatabaseName(l.dbPath());
        if (db.open()) {
            QSqlQuery q(db);
            q.exec(QStringLiteral("SELECT COUNT(*), MAX(status) FROM incoming_transfers WHERE store_path = '%1'").arg(name));
            if (q.next())
                result = {q.value(0).toInt(), q.value(1).toString()};
        }
    }
    QSqlDatabase::removeDatabase("inspect");
    return result;
}

bool TestResume::holds(const QString &connection, const QString &name)
{
    const auto r = m_cli->run({"search-files", connection, "--name", name, "--json"});
    const QJsonArray found = r.json().array();
    return !found.isEmpty() && found.first().toObject().value("instances").toArray().size() == 1;
}

bool TestResume::pushInterruptedBy(TestLibrarian &victim)
{
    const auto r = m_cli->run({"upload", "source_librarian", m_local, "runs/big.dat", "--json"});
    if (r.exitCode != 0) {
        qWarning() << describe(r);
        return false;
    }
    m_checksum = r.json().array().first().toObject().value("checksum").toString();
    // Wait until the push is under way, then kill without any chance to clean up.
    QDeadlineTimer deadline(60000);
    while (stagedBytes(*m_destination) < 8 * 1024 * 1024 && !deadline.hasExpired())
        QTest::qWait(5);
    const qint64 before = stagedBytes(*m_destination);
    victim.kill();
    if (before < 8 * 1024 * 1024 || before >= 160LL * 1024 * 1024) {
        qWarning() << "could not interrupt the push mid-file:" << before;
        return false;
    }
    return victim.restart();
}

void TestResume::senderKilledMidFile()
{
    QVERIFY(pushInterruptedBy(*m_source));
    QTRY_VERIFY_WITH_TIMEOUT(holds("destination_librarian", "runs/big.dat"), 120000);
    const auto found = m_cli->run({"search-files", "destination_librarian", "--name", "runs/big.dat", "--json"});
    QCOMPARE(found.json().array().first().toObject().value("checksum").toString(), m_checksum);
    // One incoming transfer, resumed, completed: nothing was sent twice as a new transfer.
    QCOMPARE(incomingTransfers(*m_destination, "runs/big.dat"), qMakePair(1, QStringLiteral("COMPLETED")));
    QTRY_COMPARE_WITH_TIMEOUT(m_cli->run({"search-files", "source_librarian", "--name", "runs/big.dat", "--json"})
                                  .json().array().first().toObject().value("remote_instances").toArray().size(),
                              1, 30000);
}

void TestResume::receiverKilledMidFile()
{
    QVERIFY(pushInterruptedBy(*m_destination));
    QTRY_VERIFY_WITH_TIMEOUT(holds("destination_librarian", "runs/big.dat"), 120000);
    const auto found = m_cli->run({"search-files", "destination_librarian", "--name", "runs/big.dat", "--json"});
    QCOMPARE(found.json().array().first().toObject().value("checksum").toString(), m_checksum);
    QCOMPARE(incomingTransfers(*m_destination, "runs/big.dat"), qMakePair(1, QStringLiteral("COMPLETED")));
    QFile stored(m_destination->storePath() + "/runs/big.dat"), local(m_local);
    QVERIFY(stored.open(QIODevice::ReadOnly) && local.open(QIODevice::ReadOnly));
    QVERIFY(stored.readAll() == local.readAll());
}

void TestResume::receiverDownLongerThanTheRetries()
{
    const auto r = m_cli->run({"upload", "source_librarian", m_local, "runs/big.dat", "--json"});
    QVERIFY2(r.exitCode == 0, describe(r));
    m_checksum = r.json().array().first().toObject().value("checksum").toString();
    QTRY_VERIFY_WITH_TIMEOUT(stagedBytes(*m_destination) >= 8 * 1024 * 1024, 60000);
    m_destination->kill();
    // The sender gives up on that batch: its transfer fails, with the cause.
    QTRY_VERIFY_WITH_TIMEOUT(!m_cli->run({"get-transfers", "source_librarian", "--status", "FAILED", "--json"})
                                  .json().object().value("outgoing").toArray().isEmpty(),
                             60000);
    QVERIFY(m_destination->restart());
    // Back up: send_clone sends the file again, the destination hands back the transfer it already
    // holds bytes of, and the push continues from there.
    QTRY_VERIFY_WITH_TIMEOUT(holds("destination_librarian", "runs/big.dat"), 120000);
    const auto found = m_cli->run({"search-files", "destination_librarian", "--name", "runs/big.dat", "--json"});
    QCOMPARE(found.json().array().first().toObject().value("checksum").toString(), m_checksum);
    QCOMPARE(incomingTransfers(*m_destination, "runs/big.dat"), qMakePair(1, QStringLiteral("COMPLETED")));
}

QTEST_GUILESS_MAIN(TestResume)
#include "tst_resume.moc"
