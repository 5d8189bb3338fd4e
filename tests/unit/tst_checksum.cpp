#include "crypto/Checksum.h"
#include "crypto/FileChecksum.h"
#include "crypto/Hasher.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <algorithm>

using namespace librarian;

class TestChecksum : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void knownVectors_data();
    void knownVectors();
    void streamingEqualsOneShot();
    void resultIsStable();
    void agreesWithCommandLineTools_data();
    void agreesWithCommandLineTools();
    void parseAndCompare();
    void fileAndDirectoryChecksums();
    void directoryMatchesReferenceChecksumdir();
    void directorySymlinks();
    void progressAndCancel();
    void missingPathIsNotFound();
};

namespace {
QString write(const QString &path, const QByteArray &bytes)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    f.open(QIODevice::WriteOnly);
    f.write(bytes);
    return path;
}
} // namespace

void TestChecksum::knownVectors_data()
{
    QTest::addColumn<int>("algorithm");
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QString>("hex");
    QTest::newRow("md5 empty") << int(ChecksumAlgorithm::Md5) << QByteArray() << "d41d8cd98f00b204e9800998ecf8427e";
    QTest::newRow("md5 abc") << int(ChecksumAlgorithm::Md5) << QByteArray("abc") << "900150983cd24fb0d6963f7d28e17f72";
    QTest::newRow("sha256 abc") << int(ChecksumAlgorithm::Sha256) << QByteArray("abc")
                                << "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
    QTest::newRow("sha512 abc") << int(ChecksumAlgorithm::Sha512) << QByteArray("abc")
                                << "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
                                   "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f";
    QTest::newRow("sha1 abc") << int(ChecksumAlgorithm::Sha1) << QByteArray("abc") << "a9993e364706816aba3e25717850c26c9cd0d89d";
    // xxhsum -H2 of an empty file and of "abc" (canonical big-endian form, as Python's xxhash prints).
    QTest::newRow("xxh3 empty") << int(ChecksumAlgorithm::Xxh3) << QByteArray() << "99aa06d3014798d86001c324468d497f";
    QTest::newRow("xxh3 abc") << int(ChecksumAlgorithm::Xxh3) << QByteArray("abc") << "06b05ab6733a618578af5f94892f3950";
}

void TestChecksum::knownVectors()
{
    QFETCH(int, algorithm);
    QFETCH(QByteArray, input);
    QFETCH(QString, hex);
    Hasher h{ChecksumAlgorithm(algorithm)};
    h.addData(input);
    QCOMPARE(h.result().hex(), hex);
}

void TestChecksum::streamingEqualsOneShot()
{
    QByteArray data(3 * 1024 * 1024 + 7, Qt::Uninitialized);
    for (int i = 0; i < data.size(); ++i)
        data[i] = char(i * 31 + 7);
    for (auto algorithm : {ChecksumAlgorithm::Xxh3, ChecksumAlgorithm::Md5, ChecksumAlgorithm::Sha512}) {
        Hasher whole(algorithm);
        whole.addData(data);
        Hasher pieces(algorithm);
        for (qsizetype at = 0; at < data.size(); at += 65537)
            pieces.addData(data.constData() + at, std::min<qsizetype>(65537, data.size() - at));
        QCOMPARE(pieces.result().hex(), whole.result().hex());
    }
}

void TestChecksum::resultIsStable()
{
    Hasher h(ChecksumAlgorithm::Sha256);
    h.addData("abc");
    const Checksum first = h.result();
    QCOMPARE(h.result().hex(), first.hex());
    QCOMPARE(first.toString(),
             QStringLiteral("sha256:::ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
}

void TestChecksum::agreesWithCommandLineTools_data()
{
    QTest::addColumn<int>("algorithm");
    QTest::addColumn<QString>("tool");
    QTest::addColumn<QStringList>("arguments");
    QTest::newRow("xxhsum -H2") << int(ChecksumAlgorithm::Xxh3) << "xxhsum" << QStringList{"-H2"};
    QTest::newRow("md5sum") << int(ChecksumAlgorithm::Md5) << "md5sum" << QStringList{};
    QTest::newRow("sha1sum") << int(ChecksumAlgorithm::Sha1) << "sha1sum" << QStringList{};
    QTest::newRow("sha256sum") << int(ChecksumAlgorithm::Sha256) << "sha256sum" << QStringList{};
    QTest::newRow("sha512sum") << int(ChecksumAlgorithm::Sha512) << "sha512sum" << QStringList{};
}

void TestChecksum::agreesWithCommandLineTools()
{
    QFETCH(int, algorithm);
    QFETCH(QString, tool);
    QFETCH(QStringList, arguments);
    const QString program = QStandardPaths::findExecutable(tool);
    if (program.isEmpty())
        QSKIP("tool not installed");
    QTemporaryDir dir;
    // Several 1 MiB blocks and a ragged tail, so block boundaries are exercised too.
    QByteArray data(2 * 1024 * 1024 + 12345, Qt::Uninitialized);
    for (int i = 0; i < data.size(); ++i)
        data[i] = char((i * 7919) >> 3);
    const QString file = write(dir.filePath("data"), data);
    QProcess p;
    p.start(program, arguments << file);
    QVERIFY(p.waitForFinished(30000));
    QCOMPARE(p.exitCode(), 0);
    const QString expected = QString::fromLatin1(p.readAllStandardOutput().split(' ').value(0)).trimmed();
    QCOMPARE(checksumOfPath(file, ChecksumAlgorithm(algorithm))->hex(), expected);
}

void TestChecksum::parseAndCompare()
{
    auto legacy = Checksum::parse("d41d8cd98f00b204e9800998ecf8427e");
    QVERIFY(legacy.ok());
    QCOMPARE(legacy->algorithm(), ChecksumAlgorithm::Md5);
    QCOMPARE(legacy->toString(), QStringLiteral("md5:::d41d8cd98f00b204e9800998ecf8427e"));
    auto xxh = Checksum::parse("xxh3:::99AA06D3014798D86001C324468D497F");
    QVERIFY(xxh.ok());
    QCOMPARE(xxh->hex(), QStringLiteral("99aa06d3014798d86001c324468d497f"));
    QVERIFY(!Checksum::parse("blake9:::00").ok());
    QVERIFY(!Checksum::parse("xxh3:::1234").ok());
    QVERIFY(!Checksum::parse("md5:::zz1d8cd98f00b204e9800998ecf8427e").ok());
    // Same hex, different algorithms: not comparable, an error rather than "different".
    auto md5 = Checksum::parse("md5:::99aa06d3014798d86001c324468d497f");
    auto cross = Checksum::same(*md5, *xxh);
    QVERIFY(!cross.ok());
    QCOMPARE(*Checksum::same(*xxh, *Checksum::parse("xxh3:::99aa06d3014798d86001c324468d497f")), true);
}

void TestChecksum::fileAndDirectoryChecksums()
{
    QTemporaryDir dir;
    const QString file = write(dir.filePath("f"), "abc");
    QCOMPARE(checksumOfPath(file, ChecksumAlgorithm::Xxh3)->hex(), QStringLiteral("06b05ab6733a618578af5f94892f3950"));
    QCOMPARE(*sizeOfPath(file), 3);

    write(dir.filePath("tree/a"), "one");
    write(dir.filePath("tree/sub/b"), "two");
    const QString before = checksumOfPath(dir.filePath("tree"), ChecksumAlgorithm::Md5)->hex();
    QCOMPARE(*sizeOfPath(dir.filePath("tree")), 6);
    // Names do not count (the reference's checksumdir), contents do.
    QVERIFY(QFile::rename(dir.filePath("tree/sub/b"), dir.filePath("tree/sub/renamed")));
    QCOMPARE(checksumOfPath(dir.filePath("tree"), ChecksumAlgorithm::Md5)->hex(), before);
    write(dir.filePath("tree/a"), "ONE");
    QVERIFY(checksumOfPath(dir.filePath("tree"), ChecksumAlgorithm::Md5)->hex() != before);
}

void TestChecksum::directoryMatchesReferenceChecksumdir()
{
    QTemporaryDir dir;
    write(dir.filePath("tree/a"), "one");
    write(dir.filePath("tree/sub/b"), "two");
    write(dir.filePath("tree/.h"), "hid"); // hidden files count, as in checksumdir
    // Python: md5 over the sorted md5 hex digests of b"one", b"two", b"hid" (checksumdir.dirhash).
    QCOMPARE(checksumOfPath(dir.filePath("tree"), ChecksumAlgorithm::Md5)->hex(),
             QStringLiteral("1c94eca81d59442d2222f7250b83a834"));
    QStringList digests;
    for (const char *content : {"one", "two", "hid"}) {
        Hasher h(ChecksumAlgorithm::Xxh3);
        h.addData(QByteArray(content));
        digests << h.result().hex();
    }
    digests.sort();
    Hasher combined(ChecksumAlgorithm::Xxh3);
    for (const QString &d : digests)
        combined.addData(d.toUtf8());
    QCOMPARE(checksumOfPath(dir.filePath("tree"), ChecksumAlgorithm::Xxh3)->hex(), combined.result().hex());
    QCOMPARE(*sizeOfPath(dir.filePath("tree")), 9);
}

void TestChecksum::directorySymlinks()
{
    QTemporaryDir dir;
    write(dir.filePath("tree/a"), "one");
    const QString before = checksumOfPath(dir.filePath("tree"), ChecksumAlgorithm::Md5)->hex();
    // A symlinked folder is not entered (os.walk with followlinks=False).
    write(dir.filePath("elsewhere/x"), "outside");
    QVERIFY(QFile::link(dir.filePath("elsewhere"), dir.filePath("tree/linkdir")));
    QCOMPARE(checksumOfPath(dir.filePath("tree"), ChecksumAlgorithm::Md5)->hex(), before);
    QCOMPARE(*sizeOfPath(dir.filePath("tree")), 3);
    // A symlinked file counts by content, like a copy of it.
    QVERIFY(QFile::link(dir.filePath("elsewhere/x"), dir.filePath("tree/linkfile")));
    write(dir.filePath("copy/a"), "one");
    write(dir.filePath("copy/x"), "outside");
    QCOMPARE(checksumOfPath(dir.filePath("tree"), ChecksumAlgorithm::Md5)->hex(),
             checksumOfPath(dir.filePath("copy"), ChecksumAlgorithm::Md5)->hex());
    QCOMPARE(*sizeOfPath(dir.filePath("tree")), 10);
    // A dangling one counts as empty content, as the reference hashes it.
    QVERIFY(QFile::link(dir.filePath("nothing"), dir.filePath("tree/dangling")));
    write(dir.filePath("copy/empty"), "");
    QCOMPARE(checksumOfPath(dir.filePath("tree"), ChecksumAlgorithm::Md5)->hex(),
             checksumOfPath(dir.filePath("copy"), ChecksumAlgorithm::Md5)->hex());
    // A symlink given as the path itself is followed.
    QVERIFY(QFile::link(dir.filePath("copy"), dir.filePath("copylink")));
    QCOMPARE(checksumOfPath(dir.filePath("copylink"), ChecksumAlgorithm::Md5)->hex(),
             checksumOfPath(dir.filePath("copy"), ChecksumAlgorithm::Md5)->hex());
}

void TestChecksum::progressAndCancel()
{
    QTemporaryDir dir;
    const QString file = write(dir.filePath("big"), QByteArray(5 * 1024 * 1024 + 3, 'x'));
    qint64 last = 0;
    int calls = 0;
    QVERIFY(checksumOfPath(file, ChecksumAlgorithm::Xxh3, [&](qint64 done) {
                last = done;
                ++calls;
                return true;
            }).ok());
    QCOMPARE(last, 5 * 1024 * 1024 + 3);
    QVERIFY(calls >= 5);
    QVERIFY(!checksumOfPath(file, ChecksumAlgorithm::Xxh3, [](qint64) { return false; }).ok());

    // Across a directory the count keeps growing over all its files.
    write(dir.filePath("tree/one"), QByteArray(1500 * 1024, 'a'));
    write(dir.filePath("tree/two"), QByteArray(700 * 1024, 'b'));
    QList<qint64> seen;
    QVERIFY(checksumOfPath(dir.filePath("tree"), ChecksumAlgorithm::Md5, [&](qint64 done) {
                seen << done;
                return true;
            }).ok());
    QVERIFY(std::is_sorted(seen.begin(), seen.end()));
    QCOMPARE(seen.last(), 2200 * 1024);
    int calls2 = 0;
    auto cancelled = checksumOfPath(dir.filePath("tree"), ChecksumAlgorithm::Md5, [&](qint64) { return ++calls2 < 2; });
    QVERIFY(!cancelled.ok());
    QCOMPARE(calls2, 2);
}

void TestChecksum::missingPathIsNotFound()
{
    const auto missing = checksumOfPath("/nonexistent/file", ChecksumAlgorithm::Xxh3);
    QCOMPARE(missing.error().kind, ErrorKind::NotFound);
    QVERIFY(missing.error().reason.contains("/nonexistent/file"));
    QCOMPARE(sizeOfPath("/nonexistent/file").error().kind, ErrorKind::NotFound);
}

QTEST_GUILESS_MAIN(TestChecksum)
#include "tst_checksum.moc"
