#include "storage/LocalStore.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace librarian;

class TestLocalStore : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void stageCommitUnstage();
    void commitNeverOverwrites();
    void pathsStayInside();
    void fullStoreRefusesToStage();
    void removeTidiesEmptyFolders();
};

namespace {
Store definition(const QTemporaryDir &dir, double fraction = 1.0)
{
    Store s;
    s.name = "store";
    s.stagingPath = dir.filePath("staging");
    s.storePath = dir.filePath("store");
    s.reportFullFraction = fraction;
    return s;
}

void write(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(bytes);
}

QByteArray read(const QString &path)
{
    QFile f(path);
    f.open(QIODevice::ReadOnly);
    return f.readAll();
}
} // namespace

void TestLocalStore::stageCommitUnstage()
{
    QTemporaryDir dir;
    LocalStore store(definition(dir));
    QVERIFY(!store.isAvailable());
    QCOMPARE(store.freeSpace(), -1);
    QVERIFY(store.ensureFolders().ok());
    QVERIFY(store.isAvailable());
    QVERIFY(store.freeSpace() > 0);
    auto area = store.stage(5, "sub/f.txt");
    QVERIFY(area.ok());
    QVERIFY(area->stagingLocation.startsWith(dir.filePath("staging/") + area->stagingName));
    QVERIFY(QDir(QFileInfo(area->stagingLocation).absolutePath()).exists());
    QCOMPARE(*store.stagedPath(area->stagingName, "sub/f.txt"), area->stagingLocation);
    write(area->stagingLocation, "hello");
    QVERIFY(store.commit(area->stagingLocation, "2026/x/f.txt").ok());
    QCOMPARE(read(dir.filePath("store/2026/x/f.txt")), QByteArray("hello"));
    QVERIFY(!QFile::exists(area->stagingLocation));
    QVERIFY(store.unstage(area->stagingName).ok());
    QVERIFY(!QDir(dir.filePath("staging/") + area->stagingName).exists());
}

void TestLocalStore::commitNeverOverwrites()
{
    QTemporaryDir dir;
    LocalStore store(definition(dir));
    QVERIFY(store.ensureFolders().ok());
    write(dir.filePath("store/taken"), "original");
    auto area = store.stage(3, "new");
    write(area->stagingLocation, "new");
    const Status s = store.commit(area->stagingLocation, "taken");
    QCOMPARE(s.error().kind, ErrorKind::Conflict);
    QCOMPARE(read(dir.filePath("store/taken")), QByteArray("original"));
    QCOMPARE(read(area->stagingLocation), QByteArray("new"));
}

void TestLocalStore::pathsStayInside()
{
    QTemporaryDir dir;
    LocalStore store(definition(dir));
    QVERIFY(store.ensureFolders().ok());
    QVERIFY(!store.stagedPath("..", "x").ok());
    QVERIFY(!store.stagedPath("a/b", "x").ok());
    QVERIFY(!store.stagedPath("uuid", "../../x").ok());
    QVERIFY(!store.storePathFor("../../etc/passwd").ok());
    QVERIFY(!store.storePathFor("/etc/passwd").ok());
    QVERIFY(!store.stage(1, "../x").ok());
    QVERIFY(!store.unstage("..").ok());
    QVERIFY(!store.removeFromStore("/etc/passwd").ok());
    QVERIFY(!store.removeFromStore(dir.filePath("store")).ok()); // the root itself
    QVERIFY(QFile::exists("/etc/passwd"));
}

void TestLocalStore::fullStoreRefusesToStage()
{
    QTemporaryDir dir;
    LocalStore store(definition(dir, 0.0));
    QVERIFY(store.ensureFolders().ok());
    QCOMPARE(store.freeSpace(), 0);
    QCOMPARE(store.stage(1, "f").error().kind, ErrorKind::InsufficientStorage);
    QVERIFY(QDir(dir.filePath("staging")).isEmpty());
}

void TestLocalStore::removeTidiesEmptyFolders()
{
    QTemporaryDir dir;
    LocalStore store(definition(dir));
    QVERIFY(store.ensureFolders().ok());
    QDir().mkpath(dir.filePath("store/a/b"));
    write(dir.filePath("store/a/b/f"), "x");
    write(dir.filePath("store/a/keep"), "y");
    QVERIFY(store.removeFromStore(dir.filePath("store/a/b/f")).ok());
    QVERIFY(!QFile::exists(dir.filePath("store/a/b/f")));
    QVERIFY(!QDir(dir.filePath("store/a/b")).exists());
    QVERIFY(QFile::exists(dir.filePath("store/a/keep")));
    QVERIFY(QDir(dir.filePath("store")).exists());
}

QTEST_GUILESS_MAIN(TestLocalStore)
#include "tst_localstore.moc"
