#include "db/Database.h"
#include "db/SqlQuery.h"

#include <QMutex>
#include <QSqlError>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QThreadPool>
#include <atomic>
#include <memory>
#include <vector>

using namespace librarian;

class TestDatabase : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void parsesUrls();
    void refusesBadUrls();
    void migratesOnceAndIsIdempotent();
    void transactionRollsBackUnlessCommitted();
    void threadsThatEndedLeaveNoConnectionBehind();
    void poolThreadsAfterExpiryGetWorkingConnections();
    void parallelReadThenWriteTransactionsNeverSeeALock();
    void uniqueViolationIsAConflict();
};

namespace {
// Runs a SELECT on the calling thread's connection; empty on success, else the error.
QString selectOne(const Database &db)
{
    auto c = db.connection();
    if (!c)
        return c.error().reason;
    auto q = SqlQuery::run(*c, QStringLiteral("SELECT 1"));
    return q ? QString() : q.error().reason;
}
} // namespace

void TestDatabase::parsesUrls()
{
    auto sqlite = DatabaseUrl::parse(QStringLiteral("sqlite:///var/lib/librarian/db.sqlite"));
    QVERIFY(sqlite.ok());
    QCOMPARE(sqlite->driver, QStringLiteral("QSQLITE"));
    QCOMPARE(sqlite->databaseName, QStringLiteral("/var/lib/librarian/db.sqlite"));

    auto pg = DatabaseUrl::parse(QStringLiteral("postgresql://lib:secret@db.example.org:5433/catalogue"));
    QVERIFY(pg.ok());
    QCOMPARE(pg->driver, QStringLiteral("QPSQL"));
    QCOMPARE(pg->host, QStringLiteral("db.example.org"));
    QCOMPARE(pg->port, 5433);
    QCOMPARE(pg->user, QStringLiteral("lib"));
    QCOMPARE(pg->password, QStringLiteral("secret"));
    QCOMPARE(pg->databaseName, QStringLiteral("catalogue"));
}

void TestDatabase::refusesBadUrls()
{
    QVERIFY(!DatabaseUrl::parse(QStringLiteral("mysql://x/y")).ok());
    QVERIFY(!DatabaseUrl::parse(QStringLiteral("sqlite://")).ok());
    QVERIFY(!DatabaseUrl::parse(QStringLiteral("postgresql://host:5432/")).ok());
    QCOMPARE(DatabaseUrl::parse(QStringLiteral("nonsense")).error().kind, ErrorKind::BadRequest);
}

void TestDatabase::migratesOnceAndIsIdempotent()
{
    QTemporaryDir dir;
    Database db(*DatabaseUrl::parse(QStringLiteral("sqlite://") + dir.filePath(QStringLiteral("c.db"))));
    QCOMPARE(*db.schemaVersion(), 0);
    auto first = db.migrate();
    QVERIFY2(first.ok(), first.ok() ? "" : qPrintable(first.error().reason));
    QCOMPARE(*first, Database::latestSchemaVersion());
    QCOMPARE(*db.schemaVersion(), Database::latestSchemaVersion());
    auto second = db.migrate();
    QVERIFY(second.ok());
    QCOMPARE(*second, 0);
    auto c = db.connection();
    QVERIFY(c.ok());
    for (const char *table : {"files", "instances", "remote_instances", "librarians", "users", "stores",
                              "incoming_transfers", "errors"})
        QVERIFY2(c->tables().contains(QLatin1String(table)), table);
}

void TestDatabase::transactionRollsBackUnlessCommitted()
{
    QTemporaryDir dir;
    Database db(*DatabaseUrl::parse(QStringLiteral("sqlite://") + dir.filePath(QStringLiteral("c.db"))));
    QVERIFY(db.migrate().ok());
    auto c = db.connection();
    {
        Transaction t(*c);
        QVERIFY(t.started());
        QVERIFY(SqlQuery::run(*c, QStringLiteral("INSERT INTO users VALUES ('a', 'h', 1)")).ok());
    }
    auto count = SqlQuery::run(*c, QStringLiteral("SELECT COUNT(*) FROM users"));
    QVERIFY(count->next());
    QCOMPARE(count->value(0).toInt(), 0);
    {
        Transaction t(*c);
        QVERIFY(SqlQuery::run(*c, QStringLiteral("INSERT INTO users VALUES ('a', 'h', 1)")).ok());
        QVERIFY(t.commit().ok());
    }
    count = SqlQuery::run(*c, QStringLiteral("SELECT COUNT(*) FROM users"));
    QVERIFY(count->next());
    QCOMPARE(count->value(0).toInt(), 1);
}

// Thread ids are reused by the OS as soon as a thread ends: a connection named after one was handed
// to the next thread with that id and refused there ("does not belong to the calling thread").
void TestDatabase::threadsThatEndedLeaveNoConnectionBehind()
{
    QTemporaryDir dir;
    Database db(*DatabaseUrl::parse(QStringLiteral("sqlite://") + dir.filePath(QStringLiteral("c.db"))));
    QVERIFY(db.migrate().ok());
    for (int i = 0; i < 10; ++i) {
        QString error;
        std::unique_ptr<QThread> thread(QThread::create([&] { error = selectOne(db); }));
        thread->start();
        QVERIFY(thread->wait(10000));
        QVERIFY2(error.isEmpty(), qPrintable(QStringLiteral("thread %1: %2").arg(i).arg(error)));
    }
    // A thread's connection goes with its thread-local storage, just after wait() returns.
    QTRY_VERIFY2_WITH_TIMEOUT(QSqlDatabase::connectionNames().size() <= 1,
                              qPrintable(QSqlDatabase::connectionNames().join(QLatin1Char(' '))), 5000);
}

// The daemon's pool lets idle threads expire and starts new ones for the next burst.
void TestDatabase::poolThreadsAfterExpiryGetWorkingConnections()
{
    QTemporaryDir dir;
    Database db(*DatabaseUrl::parse(QStringLiteral("sqlite://") + dir.filePath(QStringLiteral("c.db"))));
    QVERIFY(db.migrate().ok());
    QThreadPool pool;
    pool.setMaxThreadCount(2);
    pool.setExpiryTimeout(1);
    std::atomic<int> failures = 0;
    QString lastError;
    QMutex mutex;
    for (int burst = 0; burst < 6; ++burst) {
        for (int job = 0; job < 6; ++job)
            pool.start([&] {
                const QString error = selectOne(db);
                if (!error.isEmpty()) {
                    ++failures;
                    QMutexLocker lock(&mutex);
                    lastError = error;
                }
            });
        QVERIFY(pool.waitForDone(10000));
        QTRY_COMPARE_WITH_TIMEOUT(pool.activeThreadCount(), 0, 5000);
        QThread::msleep(20); // past the 1 ms expiry: the next burst runs on new threads
    }
    QVERIFY2(failures == 0, qPrintable(QStringLiteral("%1 failures, last: %2").arg(int(failures)).arg(lastError)));
}

// SQLite cannot retry a deferred transaction that read and then wants to write while another
// connection writes ("database is locked" at once, whatever the busy timeout): writes are begun
// IMMEDIATE so they queue instead.
void TestDatabase::parallelReadThenWriteTransactionsNeverSeeALock()
{
    QTemporaryDir dir;
    Database db(*DatabaseUrl::parse(QStringLiteral("sqlite://") + dir.filePath(QStringLiteral("c.db"))));
    QVERIFY(db.migrate().ok());
    constexpr int kThreads = 8;
    constexpr int kRounds = 40;
    std::atomic<int> failures = 0;
    QString lastError;
    QMutex mutex;
    std::vector<std::unique_ptr<QThread>> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back(QThread::create([&, t] {
            for (int i = 0; i < kRounds; ++i) {
                auto c = db.connection();
                Status s = c ? Status(Ok{}) : Status(c.error());
                if (c) {
                    Transaction txn(*c);
                    auto read = SqlQuery::run(*c, QStringLiteral("SELECT COUNT(*) FROM users"));
                    auto write = read ? SqlQuery::run(*c, QStringLiteral("INSERT INTO users VALUES (?, 'h', 1)"),
                                                      {QStringLiteral("u%1-%2").arg(t).arg(i)})
                                      : Result<SqlRows>(read.error());
                    s = write ? txn.commit() : Status(write.error());
                }
                if (!s) {
                    ++failures;
                    QMutexLocker lock(&mutex);
                    lastError = s.error().reason;
                }
            }
        }));
        threads.back()->start();
    }
    for (auto &thread : threads)
        QVERIFY(thread->wait(60000));
    QVERIFY2(failures == 0, qPrintable(QStringLiteral("%1 of %2 failed, last: %3")
                                           .arg(int(failures))
                                           .arg(kThreads * kRounds)
                                           .arg(lastError)));
    auto c = db.connection();
    auto count = SqlQuery::run(*c, QStringLiteral("SELECT COUNT(*) FROM users"));
    QVERIFY(count && count->next());
    QCOMPARE(count->value(0).toInt(), kThreads * kRounds);
}

void TestDatabase::uniqueViolationIsAConflict()
{
    QTemporaryDir dir;
    Database db(*DatabaseUrl::parse(QStringLiteral("sqlite://") + dir.filePath(QStringLiteral("c.db"))));
    QVERIFY(db.migrate().ok());
    auto c = db.connection();
    QVERIFY(SqlQuery::run(*c, QStringLiteral("INSERT INTO users VALUES ('a', 'h', 1)")).ok());
    auto again = SqlQuery::run(*c, QStringLiteral("INSERT INTO users VALUES ('a', 'h', 1)"));
    QVERIFY(!again);
    QCOMPARE(again.error().kind, ErrorKind::Conflict);
}

QTEST_GUILESS_MAIN(TestDatabase)
#include "tst_database.moc"
