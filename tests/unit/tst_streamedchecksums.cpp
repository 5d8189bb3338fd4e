#include "TempCatalogue.h"
#include "crypto/FileChecksum.h"
#include "crypto/Hasher.h"
#include "db/IncomingTransfers.h"
#include "db/StoreRegistry.h"
#include "storage/Ingest.h"
#include "storage/LocalStore.h"
#include "storage/StreamedChecksums.h"
#include "transfers/LocalCopy.h"
#include "transfers/TransferCheckin.h"

#include <QDir>
#include <QFile>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

using namespace librarian;

// A staged file's checksum is taken from the bytes as they streamed in only when that stream
// covers exactly the file on disk; otherwise it is re-read, and a re-read is remembered.
class TestStreamedChecksums : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void inOrderWritesNeedNoReread();
    void prefixOverwriteBreaksTheStream();
    void rewriteFromTheStartStreamsAgain();
    void sizeMismatchIsReread();
    void changeBehindTheWritersBackIsReread();
    void interleavedWritesBreakTheStream();
    void anotherTransferOnThePathStartsOver();
    void rereadIsRememberedUntilTheFileChanges();
    void foldersAreAlwaysReread();
    void capacityDropsTheLeastRecentlyUsed();
    void forgetUnderDropsAFolder();
    void stagingDiscardForgets();
    void stagedCheckThenReceiveCloneHashOnce();

private:
    // What the data plane does with one PUT: open, and for each block willWrite, write, wrote; close.
    void put(StreamedChecksums &registry, const QString &path, qint64 offset, const QByteArray &bytes,
             qint64 transferId = 1, qint64 block = 1000);
    static QByteArray randomBytes(qint64 size);
    static Checksum xxh3(const QByteArray &bytes);
    QString path(const QString &name) const { return m_dir->filePath(name); }

    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestStreamedChecksums::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestStreamedChecksums::put(StreamedChecksums &registry, const QString &path, qint64 offset,
                                const QByteArray &bytes, qint64 transferId, qint64 block)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadWrite | QIODevice::Unbuffered));
    QVERIFY(file.seek(offset));
    for (qint64 at = 0; at < bytes.size(); at += block) {
        const QByteArray piece = bytes.mid(at, block);
        const quint64 ticket = registry.willWrite(path, transferId, ChecksumAlgorithm::Xxh3, offset + at);
        QCOMPARE(file.write(piece), piece.size());
        registry.wrote(path, ticket, piece.constData(), piece.size());
    }
    file.close();
    registry.closed(path);
}

QByteArray TestStreamedChecksums::randomBytes(qint64 size)
{
    QByteArray bytes(size, Qt::Uninitialized);
    for (qint64 i = 0; i < size; ++i)
        bytes[i] = char(QRandomGenerator::global()->bounded(256));
    return bytes;
}

Checksum TestStreamedChecksums::xxh3(const QByteArray &bytes)
{
    Hasher hasher(ChecksumAlgorithm::Xxh3);
    hasher.addData(bytes);
    return hasher.result();
}

void TestStreamedChecksums::inOrderWritesNeedNoReread()
{
    StreamedChecksums registry;
    const QByteArray bytes = randomBytes(30000);
    const QString file = path(QStringLiteral("in-order"));
    put(registry, file, 0, bytes.left(10000));
    put(registry, file, 10000, bytes.mid(10000, 10000)); // a resume at the first missing byte
    put(registry, file, 20000, bytes.mid(20000));
    auto sum = registry.checksumOfStaged(file, 1, ChecksumAlgorithm::Xxh3, bytes.size());
    QVERIFY(sum);
    QCOMPARE(sum->toString(), xxh3(bytes).toString());
    QCOMPARE(registry.rereads(), 0u);
    // Asked again (receive_clone after the STAGED check), still nothing is read.
    QCOMPARE(registry.checksumOfStaged(file, 1, ChecksumAlgorithm::Xxh3, bytes.size())->toString(),
             xxh3(bytes).toString());
    QCOMPARE(registry.rereads(), 0u);
}

void TestStreamedChecksums::prefixOverwriteBreaksTheStream()
{
    StreamedChecksums registry;
    const QByteArray bytes = randomBytes(30000);
    const QString file = path(QStringLiteral("prefix"));
    put(registry, file, 0, bytes.left(20000));
    // A chunk that starts before the first missing byte overwrites bytes already hashed, here with
    // other bytes: the stream cannot say what the file holds now.
    QByteArray damaged = bytes.mid(10000);
    damaged[0] = char(damaged[0] ^ 0x55);
    put(registry, file, 10000, damaged);
    auto sum = registry.checksumOfStaged(file, 1, ChecksumAlgorithm::Xxh3, bytes.size());
    QVERIFY(sum);
    QCOMPARE(registry.rereads(), 1u);
    QCOMPARE(sum->toString(), checksumOfPath(file, ChecksumAlgorithm::Xxh3)->toString());
    QVERIFY(sum->toString() != xxh3(bytes).toString());
}

void TestStreamedChecksums::rewriteFromTheStartStreamsAgain()
{
    StreamedChecksums registry;
    const QByteArray first = randomBytes(20000);
    const QByteArray second = randomBytes(20000);
    const QString file = path(QStringLiteral("again"));
    put(registry, file, 0, first);
    put(registry, file, 0, second);
    auto sum = registry.checksumOfStaged(file, 1, ChecksumAlgorithm::Xxh3, second.size());
    QVERIFY(sum);
    QCOMPARE(sum->toString(), xxh3(second).toString());
    QCOMPARE(registry.rereads(), 0u);
}

void TestStreamedChecksums::sizeMismatchIsReread()
{
    StreamedChecksums registry;
    const QByteArray bytes = randomBytes(20000);
    const QString file = path(QStringLiteral("short"));
    put(registry, file, 0, bytes.left(15000));
    // The file is not the size the transfer promised: no streamed answer for it.
    auto sum = registry.checksumOfStaged(file, 1, ChecksumAlgorithm::Xxh3, bytes.size());
    QVERIFY(sum);
    QCOMPARE(registry.rereads(), 1u);
    QCOMPARE(sum->toString(), xxh3(bytes.left(15000)).toString());

    // Bytes appended without the data plane (a local copy): hashed 15000, the file holds 20000.
    const QString appended = path(QStringLiteral("appended"));
    put(registry, appended, 0, bytes.left(15000), 2);
    QFile out(appended);
    QVERIFY(out.open(QIODevice::Append));
    out.write(bytes.mid(15000));
    out.close();
    sum = registry.checksumOfStaged(appended, 2, ChecksumAlgorithm::Xxh3, bytes.size());
    QVERIFY(sum);
    QCOMPARE(registry.rereads(), 2u);
    QCOMPARE(sum->toString(), xxh3(bytes).toString());
}

void TestStreamedChecksums::changeBehindTheWritersBackIsReread()
{
    StreamedChecksums registry;
    const QByteArray bytes = randomBytes(20000);
    const QString file = path(QStringLiteral("behind"));
    put(registry, file, 0, bytes);
    // Same size, other bytes, written by someone else.
    QFile other(file);
    QVERIFY(other.open(QIODevice::ReadWrite));
    const QDateTime mtime = other.fileTime(QFileDevice::FileModificationTime);
    QCOMPARE(other.write(QByteArray(100, 'X')), 100);
    QVERIFY(other.flush());
    // The kernel's coarse clock may not have ticked since the stream's last write; a later write
    // would show a later mtime.
    QVERIFY(other.setFileTime(mtime.addSecs(1), QFileDevice::FileModificationTime));
    other.close();
    auto sum = registry.checksumOfStaged(file, 1, ChecksumAlgorithm::Xxh3, bytes.size());
    QVERIFY(sum);
    QCOMPARE(registry.rereads(), 1u);
    QVERIFY(sum->toString() != xxh3(bytes).toString());

    // A file replaced by another (a new inode) of the same size is not the one that streamed either.
    const QString replaced = path(QStringLiteral("replaced"));
    put(registry, replaced, 0, bytes, 2);
    const QString fresh = path(QStringLiteral("fresh"));
    QFile f(fresh);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(QByteArray(bytes.size(), 'Y'));
    f.close();
    QVERIFY(QFile::remove(replaced));
    QVERIFY(QFile::rename(fresh, replaced));
    sum = registry.checksumOfStaged(replaced, 2, ChecksumAlgorithm::Xxh3, bytes.size());
    QVERIFY(sum);
    QCOMPARE(registry.rereads(), 2u);
    QCOMPARE(sum->toString(), xxh3(QByteArray(bytes.size(), 'Y')).toString());
}

void TestStreamedChecksums::interleavedWritesBreakTheStream()
{
    StreamedChecksums registry;
    const QByteArray bytes = randomBytes(2000);
    const QString file = path(QStringLiteral("interleaved"));
    QFile a(file);
    QVERIFY(a.open(QIODevice::ReadWrite | QIODevice::Unbuffered));
    // Two writers at offset 0; the first reports its bytes after the second wrote: which landed
    // last is not known to the registry, so it trusts neither.
    const quint64 first = registry.willWrite(file, 1, ChecksumAlgorithm::Xxh3, 0);
    QCOMPARE(a.write(QByteArray(2000, 'a')), 2000);
    const quint64 second = registry.willWrite(file, 1, ChecksumAlgorithm::Xxh3, 0);
    QVERIFY(a.seek(0));
    QCOMPARE(a.write(bytes), 2000);
    registry.wrote(file, first, QByteArray(2000, 'a').constData(), 2000);
    registry.wrote(file, second, bytes.constData(), 2000);
    a.close();
    registry.closed(file);
    auto sum = registry.checksumOfStaged(file, 1, ChecksumAlgorithm::Xxh3, bytes.size());
    QVERIFY(sum);
    QCOMPARE(registry.rereads(), 1u);
    QCOMPARE(sum->toString(), xxh3(bytes).toString());
}

void TestStreamedChecksums::anotherTransferOnThePathStartsOver()
{
    StreamedChecksums registry;
    const QByteArray bytes = randomBytes(5000);
    const QString file = path(QStringLiteral("other-id"));
    put(registry, file, 0, bytes, 7);
    QVERIFY(registry.checksumOfStaged(file, 8, ChecksumAlgorithm::Xxh3, bytes.size()));
    QCOMPARE(registry.rereads(), 1u);
    // ... and so does another algorithm.
    auto md5 = registry.checksumOfStaged(file, 8, ChecksumAlgorithm::Md5, bytes.size());
    QVERIFY(md5);
    QCOMPARE(md5->algorithm(), ChecksumAlgorithm::Md5);
    QCOMPARE(registry.rereads(), 2u);
}

void TestStreamedChecksums::rereadIsRememberedUntilTheFileChanges()
{
    StreamedChecksums registry;
    const QString file = path(QStringLiteral("copied"));
    QFile f(file);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(randomBytes(4000));
    f.close();
    auto first = registry.checksumOfStaged(file, 3, ChecksumAlgorithm::Xxh3, 4000);
    auto second = registry.checksumOfStaged(file, 3, ChecksumAlgorithm::Xxh3, 4000);
    QVERIFY(first && second);
    QCOMPARE(second->toString(), first->toString());
    QCOMPARE(registry.rereads(), 1u);
    // A data-plane write at its end changes the file: read again.
    put(registry, file, 4000, QByteArray(10, 'z'), 3);
    auto third = registry.checksumOfStaged(file, 3, ChecksumAlgorithm::Xxh3, 4010);
    QVERIFY(third);
    QCOMPARE(registry.rereads(), 2u);
    QCOMPARE(third->toString(), checksumOfPath(file, ChecksumAlgorithm::Xxh3)->toString());
}

void TestStreamedChecksums::foldersAreAlwaysReread()
{
    StreamedChecksums registry;
    const QString folder = path(QStringLiteral("tree"));
    QVERIFY(QDir().mkpath(folder + QStringLiteral("/sub")));
    QFile f(folder + QStringLiteral("/sub/a"));
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("inside");
    f.close();
    QVERIFY(registry.checksumOfStaged(folder, 4, ChecksumAlgorithm::Xxh3, 6));
    QVERIFY(registry.checksumOfStaged(folder, 4, ChecksumAlgorithm::Xxh3, 6));
    // A folder's own state does not change with its files' bytes, so nothing is remembered.
    QCOMPARE(registry.rereads(), 2u);
}

void TestStreamedChecksums::capacityDropsTheLeastRecentlyUsed()
{
    StreamedChecksums registry(2);
    const QByteArray bytes = randomBytes(3000);
    put(registry, path(QStringLiteral("a")), 0, bytes, 1);
    put(registry, path(QStringLiteral("b")), 0, bytes, 2);
    put(registry, path(QStringLiteral("c")), 0, bytes, 3);
    QCOMPARE(registry.size(), 2);
    QVERIFY(registry.checksumOfStaged(path(QStringLiteral("c")), 3, ChecksumAlgorithm::Xxh3, bytes.size()));
    QVERIFY(registry.checksumOfStaged(path(QStringLiteral("b")), 2, ChecksumAlgorithm::Xxh3, bytes.size()));
    QCOMPARE(registry.rereads(), 0u);
    // "a" was dropped: it costs a re-read, with the right answer.
    auto a = registry.checksumOfStaged(path(QStringLiteral("a")), 1, ChecksumAlgorithm::Xxh3, bytes.size());
    QVERIFY(a);
    QCOMPARE(a->toString(), xxh3(bytes).toString());
    QCOMPARE(registry.rereads(), 1u);
    QCOMPARE(registry.size(), 2);
}

void TestStreamedChecksums::forgetUnderDropsAFolder()
{
    StreamedChecksums registry;
    QVERIFY(QDir().mkpath(path(QStringLiteral("uuid1/sub"))));
    QVERIFY(QDir().mkpath(path(QStringLiteral("uuid10"))));
    put(registry, path(QStringLiteral("uuid1/sub/x")), 0, QByteArray(10, 'x'), 1);
    put(registry, path(QStringLiteral("uuid10/y")), 0, QByteArray(10, 'y'), 2);
    registry.forgetUnder(path(QStringLiteral("uuid1")));
    QCOMPARE(registry.size(), 1); // uuid10 is a sibling, not inside uuid1
    QVERIFY(registry.checksumOfStaged(path(QStringLiteral("uuid10/y")), 2, ChecksumAlgorithm::Xxh3, 10));
    QCOMPARE(registry.rereads(), 0u);
}

void TestStreamedChecksums::stagingDiscardForgets()
{
    Store store;
    store.name = QStringLiteral("s");
    store.stagingPath = path(QStringLiteral("staging"));
    store.storePath = path(QStringLiteral("store"));
    QVERIFY(QDir().mkpath(store.stagingPath) && QDir().mkpath(store.storePath));
    LocalStore local(store);
    auto area = local.stage(10, QStringLiteral("f.dat"));
    QVERIFY(area);
    auto &registry = StreamedChecksums::instance();
    const int before = registry.size();
    put(registry, area->stagingLocation, 0, QByteArray(10, 'f'), 99);
    QCOMPARE(registry.size(), before + 1);
    local.discardStaging(area->stagingName);
    QCOMPARE(registry.size(), before);
}

void TestStreamedChecksums::stagedCheckThenReceiveCloneHashOnce()
{
    TempCatalogue catalogue;
    Store store;
    store.name = QStringLiteral("dest");
    store.ingestable = true;
    store.stagingPath = catalogue.dir.filePath(QStringLiteral("dest/staging"));
    store.storePath = catalogue.dir.filePath(QStringLiteral("dest/store"));
    QVERIFY(QDir().mkpath(store.stagingPath) && QDir().mkpath(store.storePath));
    store = *StoreRegistry(catalogue.connection()).upsert(store);

    const QByteArray bytes = randomBytes(300000);
    const QString source = catalogue.dir.filePath(QStringLiteral("source.dat"));
    QFile f(source);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(bytes);
    f.close();

    auto area = LocalStore(store).stage(bytes.size(), QStringLiteral("obs/copied.dat"));
    QVERIFY(area);
    IncomingTransfer t;
    t.status = TransferStatus::Ongoing;
    t.uploader = QStringLiteral("peer");
    t.uploadName = QStringLiteral("obs/copied.dat");
    t.source = QStringLiteral("peer");
    t.transferSize = bytes.size();
    t.transferChecksum = xxh3(bytes).toString();
    t.storeId = store.id;
    t.stagingName = area->stagingName;
    t.storePath = QStringLiteral("obs/copied.dat");
    t.transferMethod = QStringLiteral("local");
    t.startTime = QDateTime::currentDateTimeUtc();
    auto id = IncomingTransfers(catalogue.connection()).create(t);
    QVERIFY(id);
    t.id = *id;
    // The local method copies straight into staging: nothing streamed through the data plane.
    QVERIFY(copyIntoStaging(source, area->stagingLocation, bytes.size()));

    auto &registry = StreamedChecksums::instance();
    const quint64 before = registry.rereads();
    TransferCheckin checkin(*catalogue.database, QStringLiteral("us"));
    auto staged = checkin.moveIncoming(t.id, TransferStatus::Staged, QStringLiteral("peer"), false);
    QVERIFY2(staged, staged ? "" : qPrintable(staged.error().reason));
    t.status = TransferStatus::Staged;
    Ingest ingest(*catalogue.database, 1LL << 40);
    auto file = ingest.receiveClone(t, DeletionPolicy::Disallowed);
    QVERIFY2(file, file ? "" : qPrintable(file.error().reason));
    QCOMPARE(file->checksum, t.transferChecksum);
    QCOMPARE(registry.rereads() - before, 1u);
}

QTEST_GUILESS_MAIN(TestStreamedChecksums)
#include "tst_streamedchecksums.moc"
