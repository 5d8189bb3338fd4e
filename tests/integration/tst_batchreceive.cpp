#include "Cli.h"
#include "TestLibrarian.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTest>

// A push of a few hundred small files between two real librarians: the destination commits the
// clones in groups and calls the source back in batches (/clone/batch_complete); a clone damaged
// at the destination before it is received fails alone, is sent again, and every file arrives.
class TestBatchReceive : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void aDamagedCloneFailsAloneAndCallbacksGoInBatches();

private:
    // One number from a librarian's catalogue (-1 if unreadable).
    static int count(const TestLibrarian &librarian, const QString &sql);
    // The completions the source logged for its batches, and in how many batches.
    QPair<int, int> batchedCompletions();

    std::unique_ptr<TestLibrarian> m_source, m_destination;
    Cli m_cli;
    QTemporaryDir m_dir;
};

static constexpr int kFiles = 300;

void TestBatchReceive::initTestCase()
{
    // The harness reads a server's output only when asked (TestLibrarian::output()): without the
    // per-file lines of ingest the log of a few hundred files stays far below a pipe's size.
    qputenv("QT_LOGGING_RULES", "librarian.ingest.info=false");
    m_source = std::make_unique<TestLibrarian>("source_librarian");
    m_source->set("background", TestLibrarian::transferTasks({"destination_librarian"}, "00:00:00.2"));
    // Receives nothing before the restart below (once at start, then an hour, not woken).
    m_destination = std::make_unique<TestLibrarian>("destination_librarian");
    QJsonObject tasks = TestLibrarian::transferTasks({}, "01:00:00");
    QJsonObject receive = tasks.value("receive_clone").toArray().first().toObject();
    receive.insert("run_on_events", false);
    tasks.insert("receive_clone", QJsonArray{receive});
    m_destination->set("background", tasks);
    for (auto *l : {m_source.get(), m_destination.get()}) {
        QCOMPARE(l->setup(), 0);
        QVERIFY(l->start());
        m_cli.addConnection(l->name(), *l, "admin", l->adminPassword());
    }
    QCOMPARE(m_cli.linkPush(*m_source, *m_destination), QString());
}

void TestBatchReceive::cleanupTestCase()
{
    m_source.reset();
    m_destination.reset();
}

int TestBatchReceive::count(const TestLibrarian &librarian, const QString &sql)
{
    int value = -1;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase("QSQLITE", "inspect");
        db.setDatabaseName(librarian.dbPath());
        db.setConnectOptions("QSQLITE_OPEN_READONLY");
        if (db.open()) {
            QSqlQuery q(db);
            if (q.exec(sql) && q.next())
                value = q.value(0).toInt();
        }
    }
    QSqlDatabase::removeDatabase("inspect");
    return value;
}

QPair<int, int> TestBatchReceive::batchedCompletions()
{
    static const QRegularExpression line(QStringLiteral("(\\d+) of a batch of \\d+ transfers completed by destination_librarian"));
    int completions = 0, batches = 0;
    for (auto it = line.globalMatch(m_source->output()); it.hasNext();) {
        completions += it.next().captured(1).toInt();
        ++batches;
    }
    return {completions, batches};
}

void TestBatchReceive::aDamagedCloneFailsAloneAndCallbacksGoInBatches()
{
    const QString root = m_dir.filePath("tree");
    for (int i = 0; i < kFiles; ++i) {
        const QString path = QStringLiteral("%1/d%2/f%3.dat").arg(root).arg(i % 7).arg(i);
        QDir().mkpath(QFileInfo(path).absolutePath());
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArray(1000 + i, char('a' + i % 26)));
    }
    const auto uploaded = m_cli.run({"upload", "source_librarian", root, "batch"});
    QVERIFY2(uploaded.exitCode == 0, describe(uploaded));

    // Every byte is at the destination and it agreed; nothing is committed there yet.
    QTRY_COMPARE_WITH_TIMEOUT(count(*m_source, "SELECT COUNT(*) FROM outgoing_transfers WHERE status = 'STAGED'"), kFiles, 60000);
    QCOMPARE(count(*m_destination, "SELECT COUNT(*) FROM files"), 0);
    QDirIterator it(m_destination->stagingPath(), QDir::Files, QDirIterator::Subdirectories);
    QVERIFY(it.hasNext());
    QFile staged(it.next());
    QVERIFY(staged.open(QIODevice::ReadWrite));
    staged.seek(10);
    staged.write("XXXX"); // same size, other bytes
    staged.close();

    // Receiving from now on: the first run takes every staged clone.
    QJsonObject tasks = TestLibrarian::transferTasks({}, "00:00:00.2");
    m_destination->set("background", tasks);
    QVERIFY(m_destination->restart());
    QTRY_COMPARE_WITH_TIMEOUT(count(*m_destination, "SELECT COUNT(*) FROM files"), kFiles, 60000);
    QTRY_COMPARE_WITH_TIMEOUT(count(*m_source, "SELECT COUNT(DISTINCT file_name) FROM outgoing_transfers WHERE status = 'COMPLETED'"),
                              kFiles, 30000);
    QTRY_COMPARE_WITH_TIMEOUT(count(*m_destination, "SELECT COUNT(*) FROM incoming_transfers WHERE callback_pending = 1"), 0, 30000);
    // The damaged copy failed alone, with its cause, and was sent again.
    QCOMPARE(count(*m_destination, "SELECT COUNT(*) FROM incoming_transfers WHERE status = 'FAILED'"), 1);
    QCOMPARE(count(*m_destination, "SELECT COUNT(*) FROM incoming_transfers WHERE status = 'FAILED' AND error LIKE '%Checksum mismatch%'"), 1);
    QCOMPARE(count(*m_source, "SELECT COUNT(*) FROM outgoing_transfers WHERE status = 'FAILED'"), 1);
    QCOMPARE(count(*m_source, "SELECT COUNT(*) FROM remote_instances"), kFiles);
    // Every completion went through /clone/batch_complete, in far fewer requests than files.
    QTRY_COMPARE_WITH_TIMEOUT(batchedCompletions().first, kFiles, 10000);
    const int batches = batchedCompletions().second;
    QVERIFY2(batches <= kFiles / 25, qPrintable(QString::number(batches)));
    // The bytes at the destination are the source's.
    int same = 0;
    for (QDirIterator files(root, QDir::Files, QDirIterator::Subdirectories); files.hasNext();) {
        const QString local = files.next();
        QFile mine(local), theirs(m_destination->storePath() + "/batch/" + QDir(root).relativeFilePath(local));
        if (mine.open(QIODevice::ReadOnly) && theirs.open(QIODevice::ReadOnly) && mine.readAll() == theirs.readAll())
            ++same;
    }
    QCOMPARE(same, kFiles);
    QVERIFY(QDir(m_destination->stagingPath()).entryList(QDir::NoDotAndDotDot | QDir::AllEntries).isEmpty());
}

QTEST_GUILESS_MAIN(TestBatchReceive)
#include "tst_batchreceive.moc"
