#include "crypto/SecretBox.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>
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
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray key = f.readAll();
    QCOMPARE(SecretBox::createKeyFile(path).error().kind, ErrorKind::Conflict);
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
}

void TestSecretBox::badKeyFiles()
{
    QTemporaryDir dir;
    QCOMPARE(SecretBox::fromKeyFile(dir.filePath("missing")).error().kind, ErrorKind::NotFound);
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
