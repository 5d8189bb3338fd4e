#include "db/Database.h"
#include "db/SqlQuery.h"
#include "db/StatementCache.h"

#include <QSqlDatabase>
#include <QTemporaryDir>
#include <QTest>

using namespace librarian;

class TestStatementCache : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void aStatementRunAgainIsNotPreparedAgain();
    void aStatementStillBeingReadIsNotTakenFromItsReader();
    void aHalfReadSelectHoldsNoSnapshotOnceDropped();
    void theCacheIsBounded();
    void aConnectionOfItsOwnHasNoCache();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Database> m_db;
};

void TestStatementCache::init()
{
    m_db.reset();
    m_dir = std::make_unique<QTemporaryDir>();
    m_db = std::make_unique<Database>(*DatabaseUrl::parse(QStringLiteral("sqlite://") + m_dir->filePath("c.db")));
    QVERIFY(m_db->migrate().ok());
    auto c = m_db->connection();
    for (int i = 0; i < 3; ++i)
        QVERIFY(SqlQuery::run(*c, QStringLiteral("INSERT INTO users VALUES (?, 'h', 1)"), {QStringLiteral("u%1").arg(i)}));
}

void TestStatementCache::aStatementRunAgainIsNotPreparedAgain()
{
    auto c = m_db->connection();
    StatementCache *cache = StatementCache::of(*c);
    QVERIFY(cache);
    const QString sql = QStringLiteral("SELECT username FROM users WHERE username = ?");
    { auto q = SqlQuery::run(*c, sql, {QStringLiteral("u1")}); QVERIFY(q && q->next()); }
    const int prepared = cache->preparations();
    for (int i = 0; i < 3; ++i) {
        auto q = SqlQuery::run(*c, sql, {QStringLiteral("u%1").arg(i)});
        QVERIFY(q && q->next());
        QCOMPARE(q->value(0).toString(), QStringLiteral("u%1").arg(i)); // the new binds, not the old rows
        QVERIFY(!q->next());
    }
    QCOMPARE(cache->preparations(), prepared);
}

// A reader of the users walks them while the same statement runs again for each: each run must
// have its own statement, or the outer walk would be reset under it.
void TestStatementCache::aStatementStillBeingReadIsNotTakenFromItsReader()
{
    auto c = m_db->connection();
    const QString sql = QStringLiteral("SELECT username FROM users ORDER BY username");
    auto outer = SqlQuery::run(*c, sql);
    QVERIFY(outer);
    QStringList walked;
    while (outer->next()) {
        walked << outer->value(0).toString();
        auto inner = SqlQuery::run(*c, sql);
        QVERIFY(inner && inner->next());
        QCOMPARE(inner->value(0).toString(), QStringLiteral("u0"));
    }
    QCOMPARE(walked, (QStringList{"u0", "u1", "u2"}));
}

// A SELECT read only to its first row keeps SQLite's read snapshot until the statement is reset:
// a statement kept for reuse must be reset when its reader is done, or WAL checkpoints stall and
// the connection's next write transaction sees a stale snapshot.
void TestStatementCache::aHalfReadSelectHoldsNoSnapshotOnceDropped()
{
    auto c = m_db->connection();
    {
        auto q = SqlQuery::run(*c, QStringLiteral("SELECT username FROM users ORDER BY username"));
        QVERIFY(q && q->next()); // one row of three
    }
    QSqlDatabase other = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("other"));
    other.setDatabaseName(m_dir->filePath("c.db"));
    QVERIFY(other.open());
    {
        QSqlQuery write(other);
        QVERIFY(write.exec(QStringLiteral("INSERT INTO users VALUES ('w', 'h', 1)")));
        QSqlQuery checkpoint(other);
        QVERIFY(checkpoint.exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)")) && checkpoint.next());
        QCOMPARE(checkpoint.value(0).toInt(), 0); // not busy: no reader holds an old snapshot
    }
    other.close();
    other = QSqlDatabase();
    QSqlDatabase::removeDatabase(QStringLiteral("other"));
    Transaction txn(*c);
    QVERIFY(txn.started());
    QVERIFY(SqlQuery::run(*c, QStringLiteral("INSERT INTO users VALUES ('x', 'h', 1)")));
    QVERIFY(txn.commit());
}

void TestStatementCache::theCacheIsBounded()
{
    auto c = m_db->connection();
    for (int i = 0; i < 300; ++i)
        QVERIFY(SqlQuery::run(*c, QStringLiteral("SELECT %1").arg(i)));
    QVERIFY(StatementCache::of(*c)->size() <= 256);
}

void TestStatementCache::aConnectionOfItsOwnHasNoCache()
{
    QSqlDatabase own = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("own"));
    own.setDatabaseName(m_dir->filePath("c.db"));
    QVERIFY(own.open());
    QVERIFY(!StatementCache::of(own));
    {
        auto q = SqlQuery::run(own, QStringLiteral("SELECT COUNT(*) FROM users"));
        QVERIFY(q && q->next());
        QCOMPARE(q->value(0).toInt(), 3);
    }
    own.close();
    own = QSqlDatabase();
    QSqlDatabase::removeDatabase(QStringLiteral("own"));
}

QTEST_GUILESS_MAIN(TestStatementCache)
#include "tst_statementcache.moc"
