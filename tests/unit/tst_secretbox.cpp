#include "crypto/SecretBox.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <sys/stat.h>
#include <unistd.h>

using namespace librarian;

class TestSecretBox : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void keyFileIsOwnerOnlyAndNeverReplaced();
    void sealOpenRoundTrip();
    void tamperAndWrongKeyFail();
    void badKeyFiles();
};

void TestSecretBox::keyFileIsOwnerOnlyAndNeverReplaced()
{
    QTemporaryDir dir;
    const QString path = dir.filePath("key");
    QVERIFY(SecretBox::createKeyFile(path).ok());
    const auto mode = QFile::permissions(path);
    QVERIFY(mode.testFlags(QFileDevice::ReadOwner | QFileDevice::WriteOwner));
    QVERIFY(!(mode & (QFileDevice::ReadGroup | QFileDevice::ReadOther | QFileDevice::WriteGroup | QFileDevice::WriteOther)));
    struct stat st;
    QCOMPARE(::stat(QFile::encodeName(path).constData(), &st), 0);
    QCOMPARE(st.st_mode & 07777, mode_t(0600));
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray key = f.readAll();
    const Status again = SecretBox::createKeyFile(path);
    QCOMPARE(again.error().kind, ErrorKind::Conflict);
    QVERIFY(again.error().reason.contains(path));
    f.seek(0);
    QCOMPARE(f.readAll(), key);
}

void TestSecretBox::sealOpenRoundTrip()
{
    QTemporaryDir dir;
    QVERIFY(SecretBox::createKeyFile(dir.filePath("key")).ok());
    auto box = SecretBox::fromKeyFile(dir.filePath("key"));
    QVERIFY(box.ok());
    const QByteArray secret("source_librarian:pass:with:colons");
    const QByteArray a = box->seal(secret);
    const QByteArray b = box->seal(secret);
    QVERIFY(a != b); // fresh IV
    QVERIFY(!a.contains(secret));
    QCOMPARE(*box->open(a), secret);
    QCOMPARE(*box->open(b), secret);
    QCOMPARE(*box->open(box->seal(QByteArray())), QByteArray());
}

void TestSecretBox::tamperAndWrongKeyFail()
{
    QTemporaryDir dir;
    QVERIFY(SecretBox::createKeyFile(dir.filePath("k1")).ok());
    QVERIFY(SecretBox::createKeyFile(dir.filePath("k2")).ok());
    auto one = SecretBox::fromKeyFile(dir.filePath("k1"));
    auto two = SecretBox::fromKeyFile(dir.filePath("k2"));
    const QByteArray sealed = one->seal("user:password");
    QByteArray raw = QByteArray::fromBase64(sealed);
    raw[14] = char(raw[14] ^ 0x01);
    QVERIFY(!one->open(raw.toBase64()).ok());
    QVERIFY(!two->open(sealed).ok());
    QVERIFY(!one->open("c2hvcnQ=").ok());
    QVERIFY(!one->open("").ok());
    QVERIFY(!one->open("not base64 at all!").ok());
    // Every single bit of IV, ciphertext and tag is covered.
    const QByteArray original = QByteArray::fromBase64(sealed);
    for (int bit = 0; bit < original.size() * 8; ++bit) {
        QByteArray flipped = original;
        flipped[bit / 8] = char(flipped[bit / 8] ^ (1 << (bit % 8)));
        QVERIFY2(!one->open(flipped.toBase64()).ok(), qPrintable(QString::number(bit)));
    }
    // A key of the wrong size neither seals nor opens (AES-256 would read past it).
    SecretBox shortKey(QByteArray(16, 'k'));
    QVERIFY(shortKey.seal("x").isEmpty());
    QVERIFY(!shortKey.open(sealed).ok());
}

void TestSecretBox::badKeyFiles()
{
    QTemporaryDir dir;
    const auto missing = SecretBox::fromKeyFile(dir.filePath("missing"));
    QCOMPARE(missing.error().kind, ErrorKind::NotFound);
    QVERIFY(missing.error().reason.contains(dir.filePath("missing")));
    QVERIFY(!SecretBox::createKeyFile(dir.filePath("no/such/folder/key")).ok());
    QVERIFY(!QFile::exists(dir.filePath("no/such/folder/key")));
    QFile f(dir.filePath("short"));
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("c2hvcnQ=\n");
    f.close();
    auto shortKey = SecretBox::fromKeyFile(dir.filePath("short"));
    QVERIFY(!shortKey.ok());
    QVERIFY(shortKey.error().reason.contains(dir.filePath("short")));
    if (::geteuid() != 0) { // root reads any file
        QVERIFY(SecretBox::createKeyFile(dir.filePath("locked")).ok());
        QFile::setPermissions(dir.filePath("locked"), QFileDevice::WriteOwner);
        QVERIFY(!SecretBox::fromKeyFile(dir.filePath("locked")).ok());
    }
}

QTEST_GUILESS_MAIN(TestSecretBox)
#include "tst_secretbox.moc"
