#include "db/Database.h"
#include "db/SqlQuery.h"

#include <QTemporaryDir>
#include <QTest>

using namespace librarian;

class TestDatabase : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void parsesUrls();
    void refusesBadUrls();
    void migratesOnceAndIsIdempotent();
    void transactionRollsBackUnlessCommitted();
};

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

QTEST_GUILESS_MAIN(TestDatabase)
#include "tst_database.moc"
