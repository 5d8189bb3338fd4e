#include "TempCatalogue.h"
#include "crypto/FileChecksum.h"
#include "db/FileCatalog.h"
#include "db/IncomingTransfers.h"
#include "db/StoreRegistry.h"
#include "storage/Ingest.h"
#include "storage/LocalStore.h"

#include <QDir>
#include <QFileInfo>
#include <QFile>

using namespace librarian;

class TestIngest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void stageWriteCommit();
    void checksumMismatchFailsAndRemovesStaging();
    void incompleteBytesCanBeResumed();
    void duplicateNameIsConflictAndChangesNothing();
    void hostileNamesAreRefused_data();
    void hostileNamesAreRefused();
    void tooLargeAndNoRoom();
    void onlyTheStagingAccountCommits();
    void cancelRemovesStaging();
    void deleteLocalKeepsRowUnavailable();
    void addFileAddsAnInstanceOnAnotherStore();
    void receiveClonesFailsEachBadOneAlone();
    void bytesAKilledCommitPublishedAreTakenUp();
    void strangeBytesUnderTheNameAreNotTakenUp();
};

namespace {
struct Fixture
{
    TempCatalogue catalogue;
    Ingest ingest{*catalogue.database, 1LL << 40};
    Store store;

    Fixture(double fullFraction = 1.0)
    {
        store = addStore(QStringLiteral("store"), true, fullFraction);
    }
    Store addStore(const QString &name, bool ingestable, double fullFraction = 1.0)
    {
        Store s;
        s.name = name;
        s.ingestable = ingestable;
        s.stagingPath = catalogue.dir.filePath(name + QStringLiteral("/staging"));
        s.storePath = catalogue.dir.filePath(name + QStringLiteral("/store"));
        s.reportFullFraction = fullFraction;
        QDir().mkpath(s.stagingPath);
        QDir().mkpath(s.storePath);
        return *StoreRegistry(catalogue.connection()).upsert(s);
    }
    QString checksumOf(const QByteArray &bytes)
    {
        const QString path = catalogue.dir.filePath(QStringLiteral("probe"));
        QFile f(path);
        f.open(QIODevice::WriteOnly);
        f.write(bytes);
        f.close();
        return checksumOfPath(path, ChecksumAlgorithm::Xxh3)->toString();
    }
    UploadStageRequest request(const QString &name, const QByteArray &bytes)
    {
        return {bytes.size(), checksumOf(bytes), name.section(QLatin1Char('/'), -1), name, QStringLiteral("alice")};
    }
    static void write(const QString &path, const QByteArray &bytes)
    {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(bytes);
    }
    UploadCommitRequest commit(const UploadStageResponse &s)
    {
        UploadCommitRequest c;
        c.transferId = s.transferId;
        c.destinationLocation = s.destinationLocation;
        c.storeName = s.storeName;
        return c;
    }
    TransferStatus status(qint64 id) { return IncomingTransfers(catalogue.connection()).find(id)->status; }
    // A STAGED clone of `bytes` under `name` whose staging holds `held` (the bytes by default).
    IncomingTransfer clone(const QString &name, const QByteArray &bytes, const std::optional<QByteArray> &held = {})
    {
        auto area = LocalStore(store).stage(bytes.size(), name);
        if (!area)
            qFatal("cannot stage %s", qPrintable(name));
        write(area->stagingLocation, held.value_or(bytes));
        IncomingTransfer t;
        t.status = TransferStatus::Staged;
        t.uploader = QStringLiteral("alice");
        t.uploadName = name;
        t.source = QStringLiteral("peer");
        t.transferSize = bytes.size();
        t.transferChecksum = checksumOf(bytes);
        t.storeId = store.id;
        t.stagingName = area->stagingName;
        t.storePath = name;
        t.transferMethod = QStringLiteral("http");
        t.startTime = QDateTime::currentDateTimeUtc();
        t.sourceTransferId = 1;
        t.id = *IncomingTransfers(catalogue.connection()).create(t);
        return t;
    }
    QString stagedPathOf(const IncomingTransfer &t) { return *LocalStore(store).stagedPath(t.stagingName, t.uploadName); }
    QString storePathOf(const QString &name) { return store.storePath + QLatin1Char('/') + name; }
    static QByteArray read(const QString &path)
    {
        QFile f(path);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }
};
} // namespace

void TestIngest::stageWriteCommit()
{
    Fixture fx;
    const QByteArray bytes(100000, 'x');
    auto staged = fx.ingest.stage(fx.request(QStringLiteral("2026/obs/a.h5"), bytes), QStringLiteral("alice"));
    QVERIFY2(staged.ok(), staged.ok() ? "" : qPrintable(staged.error().reason));
    QVERIFY(staged->stagingLocation.startsWith(fx.store.stagingPath));
    QCOMPARE(fx.status(staged->transferId), TransferStatus::Initiated);
    Fixture::write(staged->stagingLocation, bytes);
    auto file = fx.ingest.commit(fx.commit(*staged), QStringLiteral("alice"), false);
    QVERIFY2(file.ok(), file.ok() ? "" : qPrintable(file.error().reason));
    QCOMPARE(file->size, bytes.size());
    QCOMPARE(file->instances.size(), 1);
    const QString target = fx.store.storePath + QStringLiteral("/2026/obs/a.h5");
    QCOMPARE(file->instances.first().path, target);
    QFile stored(target);
    QVERIFY(stored.open(QIODevice::ReadOnly));
    QCOMPARE(stored.readAll(), bytes);
    QVERIFY(!QFile::exists(staged->stagingLocation));
    QCOMPARE(fx.status(staged->transferId), TransferStatus::Completed);
    QVERIFY(*FileCatalog(fx.catalogue.connection()).exists(QStringLiteral("2026/obs/a.h5")));
}

void TestIngest::checksumMismatchFailsAndRemovesStaging()
{
    Fixture fx;
    const QByteArray bytes(5000, 'a');
    auto staged = fx.ingest.stage(fx.request(QStringLiteral("m"), bytes), QStringLiteral("alice"));
    QByteArray damaged = bytes;
    damaged[100] = 'b';
    Fixture::write(staged->stagingLocation, damaged);
    auto file = fx.ingest.commit(fx.commit(*staged), QStringLiteral("alice"), false);
    QVERIFY(!file.ok());
    QCOMPARE(file.error().kind, ErrorKind::NotAcceptable);
    QVERIFY(file.error().reason.contains(QStringLiteral("Checksum mismatch")));
    QCOMPARE(fx.status(staged->transferId), TransferStatus::Failed);
    QVERIFY(!QFile::exists(staged->stagingLocation));
    QVERIFY(!*FileCatalog(fx.catalogue.connection()).exists(QStringLiteral("m")));
    QVERIFY(!QFile::exists(fx.store.storePath + QStringLiteral("/m")));
}

void TestIngest::incompleteBytesCanBeResumed()
{
    Fixture fx;
    const QByteArray bytes(5000, 'a');
    auto staged = fx.ingest.stage(fx.request(QStringLiteral("r"), bytes), QStringLiteral("alice"));
    Fixture::write(staged->stagingLocation, bytes.left(1000));
    auto early = fx.ingest.commit(fx.commit(*staged), QStringLiteral("alice"), false);
    QCOMPARE(early.error().kind, ErrorKind::NotAcceptable);
    QCOMPARE(fx.status(staged->transferId), TransferStatus::Initiated); // still resumable
    auto again = fx.ingest.stage(fx.request(QStringLiteral("r"), bytes), QStringLiteral("alice"));
    QCOMPARE(again->transferId, staged->transferId);
    QCOMPARE(again->stagingLocation, staged->stagingLocation);
    Fixture::write(staged->stagingLocation, bytes);
    QVERIFY(fx.ingest.commit(fx.commit(*again), QStringLiteral("alice"), false).ok());
}

void TestIngest::duplicateNameIsConflictAndChangesNothing()
{
    Fixture fx;
    const QByteArray bytes(10, 'a');
    auto staged = fx.ingest.stage(fx.request(QStringLiteral("d"), bytes), QStringLiteral("alice"));
    Fixture::write(staged->stagingLocation, bytes);
    QVERIFY(fx.ingest.commit(fx.commit(*staged), QStringLiteral("alice"), false).ok());
    auto second = fx.ingest.stage(fx.request(QStringLiteral("d"), QByteArray(10, 'b')), QStringLiteral("alice"));
    QVERIFY(!second.ok());
    QCOMPARE(second.error().kind, ErrorKind::Conflict);
    QFile stored(fx.store.storePath + QStringLiteral("/d"));
    QVERIFY(stored.open(QIODevice::ReadOnly));
    QCOMPARE(stored.readAll(), bytes);
}

void TestIngest::hostileNamesAreRefused_data()
{
    QTest::addColumn<QString>("name");
    QTest::newRow("parent") << QStringLiteral("../x");
    QTest::newRow("absolute") << QStringLiteral("/etc/passwd");
    QTest::newRow("inner parent") << QStringLiteral("a/../../b");
    QTest::newRow("empty segment") << QStringLiteral("a//b");
    QTest::newRow("control") << QStringLiteral("a\x01z");
    QTest::newRow("nul") << (QStringLiteral("a") + QChar(0) + QStringLiteral("b"));
}

void TestIngest::hostileNamesAreRefused()
{
    QFETCH(QString, name);
    Fixture fx;
    UploadStageRequest r = fx.request(QStringLiteral("ok"), QByteArray(3, 'a'));
    r.destinationLocation = name;
    auto staged = fx.ingest.stage(r, QStringLiteral("alice"));
    QVERIFY(!staged.ok());
    QCOMPARE(staged.error().kind, ErrorKind::BadRequest);
    QCOMPARE(QDir(fx.store.stagingPath).entryList(QDir::NoDotAndDotDot | QDir::AllEntries).size(), 0);
}

void TestIngest::tooLargeAndNoRoom()
{
    Fixture fx(0.0); // a store that reports itself full
    auto full = fx.ingest.stage(fx.request(QStringLiteral("f"), QByteArray(10, 'a')), QStringLiteral("alice"));
    QCOMPARE(full.error().kind, ErrorKind::PayloadTooLarge);
    Ingest small(*fx.catalogue.database, 5);
    auto big = small.stage(fx.request(QStringLiteral("g"), QByteArray(10, 'a')), QStringLiteral("alice"));
    QCOMPARE(big.error().kind, ErrorKind::PayloadTooLarge);
    QVERIFY(big.error().reason.contains(QStringLiteral("too large")));
    UploadStageRequest negative = fx.request(QStringLiteral("h"), QByteArray(1, 'a'));
    negative.uploadSize = -1;
    QCOMPARE(fx.ingest.stage(negative, QStringLiteral("alice")).error().kind, ErrorKind::BadRequest);
}

void TestIngest::onlyTheStagingAccountCommits()
{
    Fixture fx;
    const QByteArray bytes(10, 'a');
    auto staged = fx.ingest.stage(fx.request(QStringLiteral("o"), bytes), QStringLiteral("alice"));
    Fixture::write(staged->stagingLocation, bytes);
    QCOMPARE(fx.ingest.commit(fx.commit(*staged), QStringLiteral("bob"), false).error().kind, ErrorKind::Forbidden);
    QCOMPARE(fx.ingest.dataTarget(staged->transferId, QStringLiteral("bob"), false).error().kind, ErrorKind::Forbidden);
    QCOMPARE(fx.status(staged->transferId), TransferStatus::Initiated);
    QVERIFY(fx.ingest.commit(fx.commit(*staged), QStringLiteral("root"), true).ok()); // an admin may
}

void TestIngest::cancelRemovesStaging()
{
    Fixture fx;
    auto staged = fx.ingest.stage(fx.request(QStringLiteral("c"), QByteArray(10, 'a')), QStringLiteral("alice"));
    Fixture::write(staged->stagingLocation, QByteArray(4, 'a')); // part of the bytes arrived
    QVERIFY(QFileInfo::exists(staged->stagingLocation));
    QVERIFY(fx.ingest.cancel(staged->transferId, QStringLiteral("alice"), false).ok());
    QCOMPARE(fx.status(staged->transferId), TransferStatus::Cancelled);
    QVERIFY(!QFileInfo::exists(staged->stagingLocation));
    QVERIFY(QDir(fx.store.stagingPath).isEmpty());
    QCOMPARE(fx.ingest.cancel(staged->transferId, QStringLiteral("alice"), false).error().kind, ErrorKind::NotAcceptable);
    QCOMPARE(fx.ingest.cancel(424242, QStringLiteral("alice"), false).error().kind, ErrorKind::NotFound);
}

void TestIngest::deleteLocalKeepsRowUnavailable()
{
    Fixture fx;
    const QByteArray bytes(10, 'a');
    auto staged = fx.ingest.stage(fx.request(QStringLiteral("dir/l"), bytes), QStringLiteral("alice"));
    Fixture::write(staged->stagingLocation, bytes);
    auto file = fx.ingest.commit(fx.commit(*staged), QStringLiteral("alice"), false);
    const Instance instance = file->instances.first();
    QVERIFY(fx.ingest.deleteLocalInstance(instance.id).ok());
    QVERIFY(!QFile::exists(instance.path));
    auto after = FileCatalog(fx.catalogue.connection()).find(QStringLiteral("dir/l"));
    QCOMPARE(after->instances.size(), 1);
    QVERIFY(!after->instances.first().available);
    QCOMPARE(fx.ingest.deleteLocalInstance(999).error().kind, ErrorKind::NotFound);
}

void TestIngest::addFileAddsAnInstanceOnAnotherStore()
{
    Fixture fx;
    const Store backup = fx.addStore(QStringLiteral("backup"), false);
    const QByteArray bytes(20, 'z');
    auto staged = fx.ingest.stage(fx.request(QStringLiteral("two"), bytes), QStringLiteral("alice"));
    Fixture::write(staged->stagingLocation, bytes);
    QVERIFY(fx.ingest.commit(fx.commit(*staged), QStringLiteral("alice"), false).ok());
    const QString copy = backup.storePath + QStringLiteral("/two");
    Fixture::write(copy, bytes);
    AddFileRequest add{QStringLiteral("two"), {}, {}, {}, copy, QStringLiteral("backup")};
    auto added = fx.ingest.addFile(add, QStringLiteral("admin"));
    QVERIFY2(added.ok(), added.ok() ? "" : qPrintable(added.error().reason));
    QVERIFY(added->fileExists);
    QVERIFY(!added->alreadyExists);
    QCOMPARE(FileCatalog(fx.catalogue.connection()).find(QStringLiteral("two"))->instances.size(), 2);
    QVERIFY(fx.ingest.addFile(add, QStringLiteral("admin"))->alreadyExists);
    Fixture::write(copy, QByteArray(20, 'y'));
    AddFileRequest other = add;
    other.name = QStringLiteral("two"); // same File, different bytes
    QCOMPARE(fx.ingest.addFile(AddFileRequest{QStringLiteral("two"), {}, {}, {}, copy, QStringLiteral("store")}, QStringLiteral("admin")).error().kind,
             ErrorKind::BadRequest); // path not inside that store
    add.path = QStringLiteral("/etc/passwd");
    QCOMPARE(fx.ingest.addFile(add, QStringLiteral("admin")).error().kind, ErrorKind::BadRequest);
}

void TestIngest::receiveClonesFailsEachBadOneAlone()
{
    Fixture fx;
    const QByteArray a(3000, 'a'), b(3000, 'b'), c(3000, 'c');
    QByteArray damaged = b;
    damaged[7] = 'x';
    QList<IncomingTransfer> group{fx.clone(QStringLiteral("g/a"), a),
                                  fx.clone(QStringLiteral("g/damaged"), b, damaged),
                                  fx.clone(QStringLiteral("g/short"), b, b.left(100)),
                                  fx.clone(QStringLiteral("g/c"), c),
                                  fx.clone(QStringLiteral("g/a"), a), // a second transfer of a name in the group
                                  fx.clone(QStringLiteral("h/b"), b)};
    const QList<Result<File>> results = fx.ingest.receiveClones(group, DeletionPolicy::Allowed);
    QCOMPARE(results.size(), group.size());
    for (int i : {0, 3, 5}) {
        QVERIFY2(results[i].ok(), results[i].ok() ? "" : qPrintable(results[i].error().reason));
        QCOMPARE(results[i]->name, group[i].storePath);
        QCOMPARE(results[i]->instances.first().deletionPolicy, DeletionPolicy::Allowed);
        QCOMPARE(fx.status(group[i].id), TransferStatus::Completed);
        QVERIFY(QFile::exists(fx.storePathOf(group[i].storePath)));
        QVERIFY(!QFile::exists(fx.stagedPathOf(group[i])));
    }
    QCOMPARE(results[1].error().kind, ErrorKind::NotAcceptable);
    QVERIFY(results[1].error().reason.contains(QStringLiteral("Checksum mismatch")));
    QCOMPARE(results[2].error().kind, ErrorKind::NotAcceptable);
    QVERIFY(results[2].error().reason.contains(QStringLiteral("Size mismatch")));
    QCOMPARE(results[4].error().kind, ErrorKind::Conflict);
    for (int i : {1, 2, 4}) {
        QCOMPARE(fx.status(group[i].id), TransferStatus::Failed);
        QVERIFY(!QFile::exists(fx.stagedPathOf(group[i])));
    }
    QVERIFY(!QFile::exists(fx.storePathOf(QStringLiteral("g/damaged"))));
    QVERIFY(!QFile::exists(fx.storePathOf(QStringLiteral("g/short"))));
    QCOMPARE(Fixture::read(fx.storePathOf(QStringLiteral("g/a"))), a);
    QVERIFY(QDir(fx.store.stagingPath).entryList(QDir::NoDotAndDotDot | QDir::AllEntries).isEmpty());
}

void TestIngest::bytesAKilledCommitPublishedAreTakenUp()
{
    Fixture fx;
    // Killed after the rename, before the rows: the bytes are under their name, staging is empty.
    const QByteArray bytes(20000, 'k');
    const IncomingTransfer renamed = fx.clone(QStringLiteral("killed/renamed.dat"), bytes);
    QVERIFY(QDir().mkpath(QFileInfo(fx.storePathOf(renamed.storePath)).absolutePath()));
    QVERIFY(QFile::rename(fx.stagedPathOf(renamed), fx.storePathOf(renamed.storePath)));
    // Killed across file systems after the copy's rename, before the staged copy was removed.
    const IncomingTransfer copied = fx.clone(QStringLiteral("killed/copied.dat"), bytes + "2");
    QVERIFY(QFile::copy(fx.stagedPathOf(copied), fx.storePathOf(copied.storePath)));
    // An upload killed the same way is taken up by its next commit.
    const QByteArray uploaded(5000, 'u');
    auto staged = fx.ingest.stage(fx.request(QStringLiteral("killed/upload.dat"), uploaded), QStringLiteral("alice"));
    QVERIFY(staged);
    Fixture::write(staged->stagingLocation, uploaded);
    QVERIFY(QFile::rename(staged->stagingLocation, fx.storePathOf(QStringLiteral("killed/upload.dat"))));

    const QList<Result<File>> results = fx.ingest.receiveClones({renamed, copied}, DeletionPolicy::Disallowed);
    for (const Result<File> &r : results)
        QVERIFY2(r.ok(), r.ok() ? "" : qPrintable(r.error().reason));
    QCOMPARE(results[0]->checksum, renamed.transferChecksum);
    QCOMPARE(results[0]->instances.first().path, fx.storePathOf(renamed.storePath));
    QCOMPARE(Fixture::read(fx.storePathOf(renamed.storePath)), bytes);
    QCOMPARE(Fixture::read(fx.storePathOf(copied.storePath)), bytes + "2");
    QCOMPARE(fx.status(renamed.id), TransferStatus::Completed);
    QCOMPARE(fx.status(copied.id), TransferStatus::Completed);
    auto file = fx.ingest.commit(fx.commit(*staged), QStringLiteral("alice"), false);
    QVERIFY2(file.ok(), file.ok() ? "" : qPrintable(file.error().reason));
    QCOMPARE(Fixture::read(fx.storePathOf(QStringLiteral("killed/upload.dat"))), uploaded);
    QVERIFY(QDir(fx.store.stagingPath).entryList(QDir::NoDotAndDotDot | QDir::AllEntries).isEmpty());
}

void TestIngest::strangeBytesUnderTheNameAreNotTakenUp()
{
    Fixture fx;
    const QByteArray bytes(4000, 's'), strange(4000, 'z');
    const IncomingTransfer missing = fx.clone(QStringLiteral("strange/missing.dat"), bytes);
    QVERIFY(QFile::remove(fx.stagedPathOf(missing)));
    const IncomingTransfer present = fx.clone(QStringLiteral("strange/present.dat"), bytes);
    QVERIFY(QDir().mkpath(fx.store.storePath + QStringLiteral("/strange")));
    for (const IncomingTransfer &t : {missing, present})
        Fixture::write(fx.storePathOf(t.storePath), strange);
    const QList<Result<File>> results = fx.ingest.receiveClones({missing, present}, DeletionPolicy::Disallowed);
    QCOMPARE(results[0].error().kind, ErrorKind::NotFound); // no bytes were received
    QCOMPARE(results[1].error().kind, ErrorKind::Conflict); // the name is taken in the store
    for (const IncomingTransfer &t : {missing, present}) {
        QCOMPARE(fx.status(t.id), TransferStatus::Failed);
        QCOMPARE(Fixture::read(fx.storePathOf(t.storePath)), strange); // not ours to touch
        QVERIFY(!*FileCatalog(fx.catalogue.connection()).exists(t.storePath));
    }
}

QTEST_GUILESS_MAIN(TestIngest)
#include "tst_ingest.moc"
