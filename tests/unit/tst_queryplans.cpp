#include "QueryPlan.h"
#include "TempCatalogue.h"
#include "db/FileCatalog.h"
#include "db/IncomingTransfers.h"
#include "db/StoreRegistry.h"

using namespace librarian;

// The catalogue's searches and the upload resumable lookup use indexes (issue 9): SQLite's plans,
// plus the answers of the batched search.
class TestQueryPlans : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void everySearchFilterHasAnIndex_data();
    void everySearchFilterHasAnIndex();
    void searchReadsCopiesByName();
    void searchAnswersAsFindDoes();
    void resumableLookupUsesTheStorePath();
    void clashLookupSeeksTheNameIndex();
    void sendQueueLookupsSeek();

private:
    TempCatalogue m_catalogue;
};

namespace {
const qint64 kBase = 1'700'000'000'000;

QString plainPlan(const QStringList &plan)
{
    return plan.join(QLatin1Char('\n'));
}
} // namespace

void TestQueryPlans::initTestCase()
{
    // A catalogue with a few thousand files, a few uploaders and sources, copies here and at peers.
    QSqlDatabase db = m_catalogue.connection();
    Store s;
    s.name = QStringLiteral("store");
    s.stagingPath = QStringLiteral("/s");
    s.storePath = QStringLiteral("/t");
    const qint64 store = StoreRegistry(db).upsert(s)->id;
    FileCatalog catalog(db);
    Transaction txn(db);
    for (int i = 0; i < 3000; ++i) {
        File f;
        f.name = QStringLiteral("obs/%1/f%2.h5").arg(i / 100).arg(i);
        f.size = i;
        f.checksum = QStringLiteral("xxh3:::00112233445566778899aabbccddeeff");
        f.uploader = i % 300 == 0 ? QStringLiteral("rare") : QStringLiteral("u%1").arg(i % 3);
        f.source = QStringLiteral("s%1").arg(i % 2);
        f.createTime = QDateTime::fromMSecsSinceEpoch(kBase + (i / 2) * 1000, Qt::UTC); // pairs share a time
        QVERIFY(catalog.insertFile(f).ok());
        for (int copy = 0; copy < 1 + i % 3; ++copy) {
            Instance in;
            in.fileName = f.name;
            in.storeId = store;
            in.path = QStringLiteral("/t/%1.%2").arg(f.name).arg(copy);
            in.createdTime = f.createTime;
            in.available = copy != 1;
            QVERIFY(catalog.insertInstance(in).ok());
        }
        for (int peer = 0; peer < i % 4; ++peer) {
            RemoteInstance r;
            r.fileName = f.name;
            r.librarianName = QStringLiteral("peer%1").arg(peer);
            r.storeId = peer;
            r.copyTime = f.createTime;
            r.sender = QStringLiteral("us");
            QVERIFY(catalog.insertRemoteInstance(r).ok());
        }
    }
    QVERIFY(txn.commit().ok());
}

void TestQueryPlans::everySearchFilterHasAnIndex_data()
{
    QTest::addColumn<QStringList>("filters");
    QTest::addColumn<QString>("index");
    QTest::newRow("name") << QStringList{"name"} << "sqlite_autoindex_files_1";
    QTest::newRow("uploader") << QStringList{"uploader"} << "files_uploader";
    QTest::newRow("source") << QStringList{"source"} << "files_source";
    QTest::newRow("time window") << QStringList{"start", "end"} << "files_create_time_name";
    QTest::newRow("since") << QStringList{"start"} << "files_create_time_name";
    QTest::newRow("until") << QStringList{"end"} << "files_create_time_name";
    QTest::newRow("uploader in a window") << QStringList{"uploader", "start", "end"} << "files_uploader";
    QTest::newRow("source in a window") << QStringList{"source", "start"} << "files_source";
    QTest::newRow("name and uploader") << QStringList{"name", "uploader"} << "sqlite_autoindex_files_1";
}

void TestQueryPlans::everySearchFilterHasAnIndex()
{
    QFETCH(QStringList, filters);
    QFETCH(QString, index);
    FileSearchRequest r;
    if (filters.contains(QLatin1String("name")))
        r.name = QStringLiteral("obs/3/f300.h5");
    if (filters.contains(QLatin1String("uploader")))
        r.uploader = QStringLiteral("rare");
    if (filters.contains(QLatin1String("source")))
        r.source = QStringLiteral("s1");
    if (filters.contains(QLatin1String("start")))
        r.createTimeStart = QDateTime::fromMSecsSinceEpoch(kBase + 100'000, Qt::UTC);
    if (filters.contains(QLatin1String("end")))
        r.createTimeEnd = QDateTime::fromMSecsSinceEpoch(kBase + 200'000, Qt::UTC);
    QVariantList binds;
    const QString sql = FileCatalog::searchSql(r, 1000, &binds);
    const QStringList plan = queryPlan(m_catalogue.connection(), sql, binds);
    const QString files = planStep(plan, QStringLiteral("files"));
    // A seek into an index range, never a walk of every file.
    QVERIFY2(files.startsWith(QLatin1String("SEARCH files USING")), qPrintable(plainPlan(plan)));
    QVERIFY2(files.contains(QStringLiteral("INDEX %1 (").arg(index)), qPrintable(plainPlan(plan)));
    // Same answers as reading the table through: spot-check the filter really applies.
    auto found = FileCatalog(m_catalogue.connection()).search(r, 1000);
    QVERIFY(found.ok() || found.error().kind == ErrorKind::NotFound);
    for (const File &f : found ? *found : QList<File>()) {
        if (r.uploader)
            QCOMPARE(f.uploader, *r.uploader);
        if (r.createTimeStart)
            QVERIFY(f.createTime >= *r.createTimeStart);
    }
}

void TestQueryPlans::searchReadsCopiesByName()
{
    // The copies of a page of files are read per batch of names, on their file_name indexes.
    for (const char *table : {"instances", "remote_instances"}) {
        const QString sql =
            QStringLiteral("SELECT id FROM %1 WHERE file_name IN (?,?,?) ORDER BY id").arg(QLatin1String(table));
        const QStringList plan =
            queryPlan(m_catalogue.connection(), sql, {QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")});
        QVERIFY2(planStep(plan, QLatin1String(table)).contains(QLatin1String("(file_name=?)")),
                 qPrintable(plainPlan(plan)));
    }
}

void TestQueryPlans::searchAnswersAsFindDoes()
{
    FileCatalog catalog(m_catalogue.connection());
    FileSearchRequest all;
    all.maxResults = 700;
    auto found = catalog.search(all, 1000);
    QVERIFY(found.ok());
    QCOMPARE(found->size(), 700);
    // Newest first, ties by name.
    for (qsizetype k = 1; k < found->size(); ++k) {
        const File &a = found->at(k - 1), &b = found->at(k);
        QVERIFY(a.createTime > b.createTime || (a.createTime == b.createTime && a.name < b.name));
    }
    for (const File &f : *found) {
        auto one = catalog.find(f.name);
        QVERIFY(one.ok());
        QCOMPARE(f.toJson(), one->toJson());
        QCOMPARE(f.instances.size(), one->instances.size());
    }
    // The files with most copies: three instances (one unavailable), three peers.
    QVERIFY(std::any_of(found->begin(), found->end(),
                        [](const File &f) { return f.instances.size() == 3 && f.remoteInstances.size() == 3; }));
    FileSearchRequest rare;
    rare.uploader = QStringLiteral("rare");
    QCOMPARE(catalog.search(rare, 1000)->size(), 10);
}

void TestQueryPlans::resumableLookupUsesTheStorePath()
{
    QSqlDatabase db = m_catalogue.connection();
    IncomingTransfers transfers(db);
    {
        Transaction txn(db);
        for (int i = 0; i < 2000; ++i) {
            IncomingTransfer t;
            t.status = i % 5 == 0 ? TransferStatus::Completed : TransferStatus::Ongoing;
            t.uploader = QStringLiteral("alice");
            t.source = QStringLiteral("alice");
            t.uploadName = QStringLiteral("u%1").arg(i);
            t.storePath = QStringLiteral("new/%1.h5").arg(i);
            t.transferChecksum = QStringLiteral("xxh3:::%1").arg(i);
            t.startTime = QDateTime::currentDateTimeUtc();
            QVERIFY(transfers.create(t).ok());
        }
        QVERIFY(txn.commit().ok());
    }
    // The statement of IncomingTransfers::findResumable (upload/stage) and of liveFor.
    const QStringList resumable =
        queryPlan(db,
                  QStringLiteral(
                      "SELECT id FROM incoming_transfers WHERE transfer_checksum = ? AND store_path = ? AND source = ? "
                      "AND status IN ('INITIATED', 'ONGOING') ORDER BY id DESC"),
                  {QStringLiteral("xxh3:::7"), QStringLiteral("new/7.h5"), QStringLiteral("alice")});
    QVERIFY2(planStep(resumable, QStringLiteral("incoming_transfers"))
                 .contains(QLatin1String("incoming_transfers_store_path (store_path=?")),
             qPrintable(plainPlan(resumable)));
    // liveFor takes its names 64 to a statement (SqlQuery::runOver).
    const QStringList live = queryPlan(
        db,
        QStringLiteral("SELECT id FROM incoming_transfers WHERE store_path IN (%1) AND status IN ('INITIATED', "
                       "'ONGOING', 'STAGED') ORDER BY id")
            .arg(QStringLiteral("?,").repeated(64).chopped(1)),
        QVariantList(64, QStringLiteral("new/7.h5")));
    QVERIFY2(planStep(live, QStringLiteral("incoming_transfers"))
                 .contains(QLatin1String("incoming_transfers_store_path (store_path=?")),
             qPrintable(plainPlan(live)));
    auto found =
        transfers.findResumable(QStringLiteral("xxh3:::7"), QStringLiteral("new/7.h5"), QStringLiteral("alice"));
    QVERIFY(found.ok());
    QCOMPARE(found->uploadName, QStringLiteral("u7"));
    QCOMPARE(transfers.findResumable(QStringLiteral("xxh3:::5"), QStringLiteral("new/5.h5"), QStringLiteral("alice"))
                 .error()
                 .kind,
             ErrorKind::NotFound); // completed: nothing to resume
}


// pathClashes' "a file inside this name?" is a seek per name, not a walk of the files.
void TestQueryPlans::clashLookupSeeksTheNameIndex()
{
    const QString sql = FileCatalog::insideSql(false).arg(QStringLiteral("(?,?,?),(?,?,?)"));
    const QStringList plan = queryPlan(m_catalogue.connection(), sql,
                                       {"obs/1", "obs/1/", "obs/10", "obs/0/f3.h5", "obs/0/f3.h5/", "obs/0/f3.h50"});
    const QString files = planStep(plan, QStringLiteral("f"));
    QVERIFY2(files.startsWith(QLatin1String("SEARCH f USING")) && files.contains(QLatin1String("(name>? AND name<?)")),
             qPrintable(plainPlan(plan)));
    auto clashes = FileCatalog(m_catalogue.connection()).pathClashes({"obs/1", "obs/0/f3.h5/x", "obs/new"});
    QVERIFY(clashes.ok());
    QCOMPARE(clashes->size(), 2);
    QVERIFY(clashes->value("obs/1").startsWith("obs/1/"));
    QCOMPARE(clashes->value("obs/0/f3.h5/x"), QStringLiteral("obs/0/f3.h5"));
}

// consume_queue's and check_consumed_queue's reads (OutgoingTransfers::inQueue, pendingQueueItems):
// seeks, however many transfers and queue items the push history holds.
void TestQueryPlans::sendQueueLookupsSeek()
{
    QSqlDatabase db = m_catalogue.connection();
    const QStringList transfers =
        queryPlan(db, QStringLiteral("SELECT id FROM outgoing_transfers WHERE send_queue_id = ? ORDER BY id"), {7});
    QVERIFY2(planStep(transfers, QStringLiteral("outgoing_transfers")).contains(QLatin1String("(send_queue_id=?)")),
             qPrintable(plainPlan(transfers)));
    const QStringList items =
        queryPlan(db, QStringLiteral("SELECT id FROM send_queue q WHERE consumed = ? AND completed = 0"), {0});
    QVERIFY2(planStep(items, QStringLiteral("q")).contains(QLatin1String("(completed=? AND consumed=?)")),
             qPrintable(plainPlan(items)));
}

QTEST_GUILESS_MAIN(TestQueryPlans)
#include "tst_queryplans.moc"
