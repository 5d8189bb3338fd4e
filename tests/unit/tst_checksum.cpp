#include "crypto/Checksum.h"
#include "crypto/FileChecksum.h"
#include "crypto/Hasher.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace librarian;

class TestChecksum : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void knownVectors_data();
    void knownVectors();
    void streamingEqualsOneShot();
    void parseAndCompare();
    void fileAndDirectoryChecksums();
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
}

void TestChecksum::missingPathIsNotFound()
{
    QCOMPARE(checksumOfPath("/nonexistent/file", ChecksumAlgorithm::Xxh3).error().kind, ErrorKind::NotFound);
    QCOMPARE(sizeOfPath("/nonexistent/file").error().kind, ErrorKind::NotFound);
}

QTEST_GUILESS_MAIN(TestChecksum)
#include "tst_checksum.moc"
