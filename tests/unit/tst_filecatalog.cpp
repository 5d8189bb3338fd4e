#include "TempCatalogue.h"
#include "db/FileCatalog.h"
#include "db/StoreRegistry.h"

using namespace librarian;

class TestFileCatalog : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void insertAndFindWithInstances();
    void searchFiltersNewestFirstAndCaps();
    void searchWithoutMatchIsNotFound();
    void fileWithoutInstancesIsStillListed();
    void remoteInstances();
    void pathClashesBothWays_data();
    void pathClashesBothWays();
    void pathClashesOfABatchAreEachNamesOwn();
    void manyFilesAndInstancesInFewStatements();
    void aTakenNameFailsTheWholeBatch();
};

namespace {
qint64 addStore(QSqlDatabase db, const QString &name)
{
    Store s;
    s.name = name;
    s.stagingPath = QStringLiteral("/s/") + name;
    s.storePath = QStringLiteral("/t/") + name;
    return StoreRegistry(db).upsert(s)->id;
}

File file(const QString &name, qint64 msecs, const QString &uploader = QStringLiteral("alice"))
{
    File f;
    f.name = name;
    f.size = 10;
    f.checksum = QStringLiteral("xxh3:::00112233445566778899aabbccddeeff");
    f.uploader = uploader;
    f.source = QStringLiteral("alice");
    f.createTime = QDateTime::fromMSecsSinceEpoch(msecs, Qt::UTC);
    return f;
}
} // namespace

void TestFileCatalog::insertAndFindWithInstances()
{
    TempCatalogue c;
    FileCatalog catalog(c.connection());
    const qint64 store = addStore(c.connection(), QStringLiteral("store"));
    const qint64 backup = addStore(c.connection(), QStringLiteral("backup"));
    QVERIFY(catalog.insertFile(file(QStringLiteral("a/b.h5"), 1000)).ok());
    for (qint64 s : {store, backup}) {
        Instance i;
        i.fileName = QStringLiteral("a/b.h5");
        i.storeId = s;
        i.path = QStringLiteral("/t/a/b.h5");
        i.createdTime = QDateTime::currentDateTimeUtc();
        QVERIFY(catalog.insertInstance(i).ok());
    }
    auto found = catalog.find(QStringLiteral("a/b.h5"));
    QVERIFY(found.ok());
    QCOMPARE(found->instances.size(), 2);
    QCOMPARE(found->createTime, QDateTime::fromMSecsSinceEpoch(1000, Qt::UTC));
    QVERIFY(*catalog.exists(QStringLiteral("a/b.h5")));
    QVERIFY(!*catalog.exists(QStringLiteral("a/c.h5")));
    const qint64 id = found->instances.first().id;
    QVERIFY(catalog.setInstanceAvailable(id, false).ok());
    QVERIFY(!catalog.instance(id)->available);
    QVERIFY(catalog.instance(found->instances.last().id)->available);
    QCOMPARE(catalog.instance(9999).error().kind, ErrorKind::NotFound);
    // A second file of the same name breaks the primary key: the catalogue refuses it.
    QVERIFY(!catalog.insertFile(file(QStringLiteral("a/b.h5"), 2000)).ok());
}

void TestFileCatalog::searchFiltersNewestFirstAndCaps()
{
    TempCatalogue c;
    FileCatalog catalog(c.connection());
    for (int i = 0; i < 10; ++i)
        QVERIFY(catalog.insertFile(file(QStringLiteral("f%1").arg(i), 1000 * i, i % 2 ? QStringLiteral("bob")
                                                                                       : QStringLiteral("alice")))
                    .ok());
    FileSearchRequest all;
    auto r = catalog.search(all, 64);
    QCOMPARE(r->size(), 10);
    QCOMPARE(r->first().name, QStringLiteral("f9"));
    all.maxResults = 100;
    QCOMPARE(catalog.search(all, 4)->size(), 4); // the server cap wins
    FileSearchRequest bob;
    bob.uploader = QStringLiteral("bob");
    QCOMPARE(catalog.search(bob, 64)->size(), 5);
    FileSearchRequest window;
    window.createTimeStart = QDateTime::fromMSecsSinceEpoch(2000, Qt::UTC);
    window.createTimeEnd = QDateTime::fromMSecsSinceEpoch(4000, Qt::UTC);
    QCOMPARE(catalog.search(window, 64)->size(), 3);
    FileSearchRequest byName;
    byName.name = QStringLiteral("f3");
    QCOMPARE(catalog.search(byName, 64)->first().name, QStringLiteral("f3"));
}

void TestFileCatalog::searchWithoutMatchIsNotFound()
{
    TempCatalogue c;
    FileCatalog catalog(c.connection());
    FileSearchRequest r;
    r.name = QStringLiteral("nothing");
    QCOMPARE(catalog.search(r, 64).error().kind, ErrorKind::NotFound);
}

void TestFileCatalog::fileWithoutInstancesIsStillListed()
{
    TempCatalogue c;
    FileCatalog catalog(c.connection());
    QVERIFY(catalog.insertFile(file(QStringLiteral("gone"), 5)).ok());
    auto found = catalog.find(QStringLiteral("gone"));
    QVERIFY(found.ok());
    QVERIFY(found->instances.isEmpty());
    QVERIFY(found->remoteInstances.isEmpty());
}

void TestFileCatalog::remoteInstances()
{
    TempCatalogue c;
    FileCatalog catalog(c.connection());
    QVERIFY(catalog.insertFile(file(QStringLiteral("x"), 5)).ok());
    RemoteInstance r;
    r.fileName = QStringLiteral("x");
    r.librarianName = QStringLiteral("central");
    r.storeId = 3;
    r.copyTime = QDateTime::currentDateTimeUtc();
    r.sender = QStringLiteral("source");
    auto id = catalog.insertRemoteInstance(r);
    QVERIFY(id.ok());
    QCOMPARE(catalog.find(QStringLiteral("x"))->remoteInstances.first().librarianName, QStringLiteral("central"));
    QVERIFY(catalog.removeRemoteInstance(*id).ok());
    QCOMPARE(catalog.removeRemoteInstance(*id).error().kind, ErrorKind::NotFound);
    QVERIFY(catalog.find(QStringLiteral("x"))->remoteInstances.isEmpty());
}

void TestFileCatalog::pathClashesBothWays_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("clash"); // empty: none
    // Catalogued: "a" (a file), "d/e/f" (so "d" and "d/e" are folders), "g0", "g.txt", "h/i".
    QTest::newRow("inside a file") << "a/b" << "a";
    QTest::newRow("deep inside a file") << "a/b/c" << "a";
    QTest::newRow("a folder of a file") << "d/e" << "d/e/f";
    QTest::newRow("the top folder of a file") << "d" << "d/e/f";
    QTest::newRow("a sibling") << "d/e/g" << "";
    QTest::newRow("same prefix, not a folder") << "a2" << "";
    QTest::newRow("'0' sorts right after '/'") << "g" << "";
    QTest::newRow("'.' sorts before '/'") << "g.txt/x" << "g.txt";
    QTest::newRow("the file itself is no clash") << "h/i" << "";
    QTest::newRow("unrelated") << "z/y" << "";
}

void TestFileCatalog::pathClashesBothWays()
{
    QFETCH(QString, name);
    QFETCH(QString, clash);
    TempCatalogue c;
    FileCatalog catalog(c.connection());
    for (const char *n : {"a", "d/e/f", "g0", "g.txt", "h/i"})
        QVERIFY(catalog.insertFile(file(QString::fromLatin1(n), 1000)).ok());
    const auto found = catalog.pathClashes({name});
    QVERIFY(found.ok());
    QCOMPARE(found->value(name), clash);
}

// A batch's names are looked up together (ancestors in one IN list, ranges in groups of 32, 16 ...):
// each name still gets its own answer.
void TestFileCatalog::pathClashesOfABatchAreEachNamesOwn()
{
    TempCatalogue c;
    FileCatalog catalog(c.connection());
    for (const char *n : {"a", "d/e/f", "g0", "g.txt", "h/i"})
        QVERIFY(catalog.insertFile(file(QString::fromLatin1(n), 1000)).ok());
    const QHash<QString, QString> expected{{"a/b", "a"}, {"a/b/c", "a"}, {"d/e", "d/e/f"}, {"d", "d/e/f"},
                                           {"g.txt/x", "g.txt"}};
    QStringList names = expected.keys();
    names << "d/e/g" << "a2" << "g" << "h/i" << "z/y";
    for (int k = 0; k < 40; ++k)
        names << QStringLiteral("new/f%1").arg(k);
    const auto found = catalog.pathClashes(names);
    QVERIFY(found.ok());
    QCOMPARE(*found, expected);
}

// 45 rows go as groups of 32, 8, 4 and 1: every group's rows land, each instance with its own id.
void TestFileCatalog::manyFilesAndInstancesInFewStatements()
{
    TempCatalogue c;
    FileCatalog catalog(c.connection());
    const qint64 store = addStore(c.connection(), QStringLiteral("store"));
    QList<File> files;
    QList<Instance> instances;
    for (int k = 0; k < 45; ++k) {
        files.append(file(QStringLiteral("batch/f%1").arg(k), 1000 + k));
        Instance i;
        i.fileName = files.last().name;
        i.storeId = store;
        i.path = QStringLiteral("/t/store/batch/f%1").arg(k);
        i.createdTime = QDateTime::currentDateTimeUtc();
        instances.append(i);
    }
    QVERIFY(catalog.insertFiles(files).ok());
    auto ids = catalog.insertInstances(instances);
    QVERIFY(ids.ok());
    QCOMPARE(ids->size(), 45);
    for (const Instance &i : std::as_const(instances)) {
        auto row = catalog.instance(ids->value(i.fileName));
        QVERIFY(row.ok());
        QCOMPARE(row->fileName, i.fileName);
        QCOMPARE(row->path, i.path);
    }
    auto last = catalog.find(QStringLiteral("batch/f44"));
    QVERIFY(last.ok());
    QCOMPARE(last->size, 10);
    QCOMPARE(last->instances.size(), 1);
}

void TestFileCatalog::aTakenNameFailsTheWholeBatch()
{
    TempCatalogue c;
    FileCatalog catalog(c.connection());
    QVERIFY(catalog.insertFile(file(QStringLiteral("taken"), 1000)).ok());
    auto s = catalog.insertFiles({file(QStringLiteral("free"), 1000), file(QStringLiteral("taken"), 2000)});
    QVERIFY(!s.ok());
    QCOMPARE(s.error().kind, ErrorKind::Conflict);
    QVERIFY(!catalog.find(QStringLiteral("free")).ok()); // one statement: nothing of it landed
}

QTEST_GUILESS_MAIN(TestFileCatalog)
#include "tst_filecatalog.moc"
