#include "storage/LocalStore.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QTemporaryDir>
#include <QUuid>
#include <QTest>
#include <sys/stat.h>

using namespace librarian;

class TestLocalStore : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void stageCommitUnstage();
    void olderFolderStagingStillResolves();
    void longNamesStayOneSegment();
    void commitNeverOverwrites();
    void pathsStayInside();
    void hostileStagingNames_data();
    void hostileStagingNames();
    void fullStoreRefusesToStage();
    void removeTidiesEmptyFolders();
    void commitFolder();
    void commitAcrossFileSystems();
    void commitMissingStagedFile();
    void removeNeverFollowsSymlinksOut();
    void unstageAndRemoveAreIdempotent();
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

// Anything a crashed or failed commit could leave behind.
QStringList partials(const QString &root)
{
    QStringList found;
    QDirIterator it(root, {".librarian-partial-*"}, QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot,
                    QDirIterator::Subdirectories);
    while (it.hasNext())
        found << it.next();
    return found;
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
    QCOMPARE(*store.stagedPath(area->stagingName, "sub/f.txt"), area->stagingLocation);
    // One entry beside the others, no folder per transfer (nor per level of the name).
    QCOMPARE(area->stagingLocation, dir.filePath("staging/") + area->stagingName);
    QVERIFY(area->stagingName.endsWith("-f.txt"));
    QVERIFY(QDir(dir.filePath("staging")).isEmpty()); // the writer creates it
    write(area->stagingLocation, "hello");
    QVERIFY(store.commit(area->stagingLocation, "2026/x/f.txt").ok());
    QCOMPARE(read(dir.filePath("store/2026/x/f.txt")), QByteArray("hello"));
    QVERIFY(!QFile::exists(area->stagingLocation));
    QVERIFY(store.unstage(area->stagingName).ok());
    QVERIFY(QDir(dir.filePath("staging")).isEmpty());
}

void TestLocalStore::olderFolderStagingStillResolves()
{
    QTemporaryDir dir;
    LocalStore store(definition(dir));
    QVERIFY(store.ensureFolders().ok());
    // A transfer staged by an earlier version: a bare UUID, a folder holding the last part of the name.
    const QString uuid = QUuid::createUuid().toString(QUuid::WithoutBraces);
    QVERIFY(QDir().mkpath(dir.filePath("staging/" + uuid)));
    write(dir.filePath("staging/" + uuid + "/f.txt"), "older");
    QCOMPARE(*store.stagedPath(uuid, "sub/f.txt"), dir.filePath("staging/" + uuid + "/f.txt"));
    QVERIFY(store.commit(*store.stagedPath(uuid, "sub/f.txt"), "sub/f.txt").ok());
    QCOMPARE(read(dir.filePath("store/sub/f.txt")), QByteArray("older"));
    QVERIFY(store.unstage(uuid).ok());
    QVERIFY(QDir(dir.filePath("staging")).isEmpty());
}

void TestLocalStore::longNamesStayOneSegment()
{
    QTemporaryDir dir;
    LocalStore store(definition(dir));
    QVERIFY(store.ensureFolders().ok());
    // 255 bytes of two-byte characters after a folder: the staging entry must still be a legal name.
    const QString last = QString(127, QChar(0x00e9)) + "x";
    auto area = store.stage(1, "a/" + last);
    QVERIFY(area.ok());
    QVERIFY(QFile::encodeName(area->stagingName).size() <= 255);
    QVERIFY(last.startsWith(area->stagingName.mid(37)));
    write(area->stagingLocation, "x");
    QVERIFY(store.commit(area->stagingLocation, "a/" + last).ok());
    QCOMPARE(read(dir.filePath("store/a/" + last)), QByteArray("x"));
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
    QVERIFY(!store.stage(1, "a/../../x").ok());
    QVERIFY(!store.storePathFor("a//b").ok());
    QCOMPARE(*store.storePathFor("2026/a.h5"), dir.filePath("store/2026/a.h5"));
    QVERIFY(!store.removeFromStore("/etc/passwd").ok());
    QVERIFY(!store.removeFromStore(dir.filePath("store")).ok()); // the root itself
    QVERIFY(QFile::exists("/etc/passwd"));
}

void TestLocalStore::hostileStagingNames_data()
{
    QTest::addColumn<QString>("stagingName");
    QTest::newRow("empty") << "";
    QTest::newRow("dot") << ".";
    QTest::newRow("dotdot") << "..";
    QTest::newRow("two segments") << "a/b";
    QTest::newRow("absolute") << "/tmp";
    QTest::newRow("backslash") << "a\\b";
    QTest::newRow("nul") << (QStringLiteral("a") + QChar(0) + QStringLiteral("b"));
    QTest::newRow("newline") << "a\nb";
}

void TestLocalStore::hostileStagingNames()
{
    QFETCH(QString, stagingName);
    QTemporaryDir dir;
    LocalStore store(definition(dir));
    QVERIFY(store.ensureFolders().ok());
    QCOMPARE(store.stagedPath(stagingName, "x").error().kind, ErrorKind::BadRequest);
    QCOMPARE(store.unstage(stagingName).error().kind, ErrorKind::BadRequest);
    QVERIFY(QDir(dir.filePath("staging")).exists());
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
    // A whole tree goes the same way.
    QDir().mkpath(dir.filePath("store/t/u/tree/deep"));
    write(dir.filePath("store/t/u/tree/deep/f"), "z");
    QVERIFY(store.removeFromStore(dir.filePath("store/t/u/tree")).ok());
    QVERIFY(!QDir(dir.filePath("store/t")).exists());
    QVERIFY(QDir(dir.filePath("store")).exists());
}

void TestLocalStore::commitFolder()
{
    QTemporaryDir dir;
    LocalStore store(definition(dir));
    QVERIFY(store.ensureFolders().ok());
    auto area = store.stage(6, "obs.ms");
    QVERIFY(area.ok());
    QVERIFY(QDir().mkpath(area->stagingLocation + "/sub"));
    write(area->stagingLocation + "/a", "one");
    write(area->stagingLocation + "/sub/b", "two");
    QVERIFY(store.commit(area->stagingLocation, "2026/obs.ms").ok());
    QCOMPARE(read(dir.filePath("store/2026/obs.ms/a")), QByteArray("one"));
    QCOMPARE(read(dir.filePath("store/2026/obs.ms/sub/b")), QByteArray("two"));
    QVERIFY(!QFileInfo::exists(area->stagingLocation));
}

void TestLocalStore::commitAcrossFileSystems()
{
    // /dev/shm is a tmpfs: a rename from it into the temporary dir fails with EXDEV, so the
    // copy-then-rename path runs for real.
    QTemporaryDir shm(QStringLiteral("/dev/shm/librarian-test-XXXXXX"));
    QTemporaryDir dir;
    struct stat a, b;
    if (!shm.isValid() || ::stat("/dev/shm", &a) != 0 || ::stat(QFile::encodeName(dir.path()).constData(), &b) != 0
        || a.st_dev == b.st_dev)
        QSKIP("no second file system to commit across");
    Store s = definition(dir);
    s.stagingPath = shm.filePath("staging");
    LocalStore store(s);
    QVERIFY(store.ensureFolders().ok());

    auto file = store.stage(5, "f.bin");
    QVERIFY(file.ok());
    QByteArray bytes(3 * 1024 * 1024 + 17, Qt::Uninitialized);
    for (int i = 0; i < bytes.size(); ++i)
        bytes[i] = char(i * 13);
    write(file->stagingLocation, bytes);
    QVERIFY(QFile::setPermissions(file->stagingLocation, QFileDevice::ReadOwner | QFileDevice::WriteOwner));
    QVERIFY(store.commit(file->stagingLocation, "x/f.bin").ok());
    QCOMPARE(read(dir.filePath("store/x/f.bin")), bytes);
    QCOMPARE(QFile::permissions(dir.filePath("store/x/f.bin")) & ~(QFileDevice::ReadUser | QFileDevice::WriteUser),
             QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    QVERIFY(!QFileInfo::exists(file->stagingLocation));

    auto tree = store.stage(6, "tree");
    QVERIFY(QDir().mkpath(tree->stagingLocation + "/sub"));
    write(tree->stagingLocation + "/a", "one");
    write(tree->stagingLocation + "/sub/b", "two");
    QVERIFY(QFile::link("a", tree->stagingLocation + "/rel"));
    QVERIFY(store.commit(tree->stagingLocation, "x/tree").ok());
    QCOMPARE(read(dir.filePath("store/x/tree/sub/b")), QByteArray("two"));
    QCOMPARE(QFileInfo(dir.filePath("store/x/tree/rel")).symLinkTarget(), dir.filePath("store/x/tree/a"));
    QVERIFY(!QFileInfo::exists(tree->stagingLocation));

    // Onto an existing name: Conflict, the copy is cleaned away, both sides untouched.
    auto again = store.stage(3, "g");
    write(again->stagingLocation, "new");
    QCOMPARE(store.commit(again->stagingLocation, "x/f.bin").error().kind, ErrorKind::Conflict);
    QCOMPARE(read(dir.filePath("store/x/f.bin")), bytes);
    QCOMPARE(read(again->stagingLocation), QByteArray("new"));
    QVERIFY(partials(dir.filePath("store")).isEmpty());
}

void TestLocalStore::commitMissingStagedFile()
{
    QTemporaryDir dir;
    LocalStore store(definition(dir));
    QVERIFY(store.ensureFolders().ok());
    QCOMPARE(store.commit(dir.filePath("staging/nothing"), "f").error().kind, ErrorKind::NotFound);
    QVERIFY(!QFileInfo::exists(dir.filePath("store/f")));
    write(dir.filePath("staging/s"), "x");
    QCOMPARE(store.commit(dir.filePath("staging/s"), "../escape").error().kind, ErrorKind::BadRequest);
    QVERIFY(QFileInfo::exists(dir.filePath("staging/s")));
}

void TestLocalStore::removeNeverFollowsSymlinksOut()
{
    QTemporaryDir dir;
    LocalStore store(definition(dir));
    QVERIFY(store.ensureFolders().ok());
    QVERIFY(QDir().mkpath(dir.filePath("outside")));
    write(dir.filePath("outside/precious"), "keep");

    // A link to a folder outside: the link goes, the folder's contents stay.
    QVERIFY(QFile::link(dir.filePath("outside"), dir.filePath("store/link")));
    QVERIFY(store.removeFromStore(dir.filePath("store/link")).ok());
    QVERIFY(!QFileInfo(dir.filePath("store/link")).isSymLink());
    QCOMPARE(read(dir.filePath("outside/precious")), QByteArray("keep"));

    // A path through such a link is refused.
    QVERIFY(QFile::link(dir.filePath("outside"), dir.filePath("store/door")));
    QCOMPARE(store.removeFromStore(dir.filePath("store/door/precious")).error().kind, ErrorKind::BadRequest);
    QCOMPARE(read(dir.filePath("outside/precious")), QByteArray("keep"));
    QVERIFY(!store.removeFromStore(dir.filePath("store/../outside/precious")).ok());
    QCOMPARE(read(dir.filePath("outside/precious")), QByteArray("keep"));

    // A staging folder replaced by a link: unstage removes the link only.
    QVERIFY(QFile::link(dir.filePath("outside"), dir.filePath("staging/0000")));
    QVERIFY(store.unstage("0000").ok());
    QCOMPARE(read(dir.filePath("outside/precious")), QByteArray("keep"));
}

void TestLocalStore::unstageAndRemoveAreIdempotent()
{
    QTemporaryDir dir;
    LocalStore store(definition(dir));
    QVERIFY(store.ensureFolders().ok());
    auto area = store.stage(1, "f");
    QVERIFY(store.unstage(area->stagingName).ok());
    QVERIFY(store.unstage(area->stagingName).ok());
    QVERIFY(store.removeFromStore(dir.filePath("store/never/was")).ok());
    // An empty or root store path must not make every path "inside".
    Store empty;
    empty.name = "empty";
    QVERIFY(!LocalStore(empty).removeFromStore(dir.filePath("store/x")).ok());
    QVERIFY(!LocalStore(empty).storePathFor("x").ok());
    QVERIFY(!LocalStore(empty).isAvailable());
    QCOMPARE(LocalStore(empty).freeSpace(), -1);
}

QTEST_GUILESS_MAIN(TestLocalStore)
#include "tst_localstore.moc"
