#include "Cli.h"
#include "TestLibrarian.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

// consume_queue sends a batch's small files side by side: a file that cannot be sent does not hold
// up the others (they are all staged while it is retried), yet it still fails the batch as a
// whole, exactly as one file after another did: nothing of the batch is committed, every transfer
// of it fails once the retries are used up, and the batch sent again afterwards arrives whole.
class TestParallelPush : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void stuckFileHoldsUpNoOtherButFailsTheBatch();

private:
    int fullyStaged(const TestLibrarian &l, qint64 size) const;

    std::unique_ptr<TestLibrarian> m_source, m_destination;
    std::unique_ptr<Cli> m_cli;
    QTemporaryDir m_dir;
};

static constexpr int kFiles = 24;
static constexpr qint64 kSize = 20000;

void TestParallelPush::init()
{
    m_cli = std::make_unique<Cli>();
    const QJsonObject every{{"every", "00:00:00.2"}};
    m_source = std::make_unique<TestLibrarian>("source_librarian");
    m_source->set("max_async_send_retries", 1); // a batch fails at its second failed run
    QJsonObject send = every;
    send.insert("destination_librarian", "destination_librarian");
    send.insert("age_in_days", 1);
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
    QCOMPARE(m_cli->linkPush(*m_source, *m_destination), QString());
}

void TestParallelPush::cleanup()
{
    m_source.reset();
    m_destination.reset();
}

int TestParallelPush::fullyStaged(const TestLibrarian &l, qint64 size) const
{
    int count = 0;
    QDirIterator it(l.stagingPath(), QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext())
        count += QFileInfo(it.next()).size() == size;
    return count;
}

void TestParallelPush::stuckFileHoldsUpNoOtherButFailsTheBatch()
{
    QDir().mkpath(m_dir.filePath("many"));
    for (int i = 0; i < kFiles; ++i) {
        QFile f(m_dir.filePath(QStringLiteral("many/f%1.bin").arg(i, 2, 10, QLatin1Char('0'))));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArray(kSize, char('a' + i)));
    }
    // The first file of the batch (files go in name order) vanishes from the source's store before
    // it is pushed: reading it fails, and the sender retries it with back-off (several seconds).
    m_cli->run({"set-librarian-transfer", "source_librarian", "--name=destination_librarian", "--disabled"});
    const auto uploaded = m_cli->run({"upload", "source_librarian", m_dir.filePath("many"), "many"});
    QVERIFY2(uploaded.exitCode == 0, describe(uploaded));
    const QString stuck = m_source->storePath() + "/many/f00.bin";
    QFile original(stuck);
    QVERIFY(original.open(QIODevice::ReadOnly));
    const QByteArray bytes = original.readAll();
    original.close();
    QVERIFY(QFile::remove(stuck));
    QCOMPARE(m_cli->run({"set-librarian-transfer", "source_librarian", "--name=destination_librarian", "--enabled"}).exitCode, 0);

    // Side by side, the others all arrive while the stuck one is retried (one after another, none would).
    QTRY_COMPARE_WITH_TIMEOUT(fullyStaged(*m_destination, kSize), kFiles - 1, 15000);
    // ... yet the batch fails as a whole: every transfer of it, with the cause.
    QTRY_VERIFY_WITH_TIMEOUT(m_cli->run({"get-transfers", "source_librarian", "--status", "FAILED", "--json"})
                                     .json().object().value("outgoing").toArray().size() >= kFiles,
                             60000);
    const QJsonArray failed = m_cli->run({"get-transfers", "source_librarian", "--status", "FAILED", "--json"})
                                  .json().object().value("outgoing").toArray();
    for (const QJsonValue &t : failed)
        QVERIFY2(t.toObject().value("error").toString().contains("Sending failed 2 times"),
                 qPrintable(t.toObject().value("error").toString()));
    // Nothing of it was committed at the destination.
    QCOMPARE(m_cli->run({"search-files", "destination_librarian", "--json"}).json().array().size(), 0);

    // The file is back: the batch sent again arrives whole.
    QFile restored(stuck);
    QVERIFY(restored.open(QIODevice::WriteOnly));
    QCOMPARE(restored.write(bytes), qint64(bytes.size()));
    restored.close();
    QTRY_COMPARE_WITH_TIMEOUT(m_cli->run({"search-files", "destination_librarian", "--json"}).json().array().size(), kFiles,
                              120000);
}

QTEST_GUILESS_MAIN(TestParallelPush)
#include "tst_parallelpush.moc"
