#include "crypto/PasswordHasher.h"

#include <QTest>

using namespace librarian;

class TestPasswordHasher : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void rfc7914Vectors();
    void hashesAreSaltedAndVerify();
    void parametersComeFromTheString();
    void malformedHashesNeverMatch();
};

void TestPasswordHasher::rfc7914Vectors()
{
    // RFC 7914 section 12, first vector: P="", S="", N=16, r=1, p=1, dkLen=64.
    QCOMPARE(PasswordHasher::scrypt("", "", 16, 1, 1, 64).toHex(),
             QByteArray("77d6576238657b203b19ca42c18a0497f16b4844e3074ae8dfdffa3fede21442"
                        "fcd0069ded0948f8326a753a0fc81f17e8d3e0fb2e0d3628cf35e20c38d18906"));
    // RFC 7914 section 12, second vector: P="password", S="NaCl", N=1024, r=8, p=16, dkLen=64.
    const QByteArray key = PasswordHasher::scrypt("password", "NaCl", 1024, 8, 16, 64);
    QCOMPARE(key.toHex(), QByteArray("fdbabe1c9d3472007856e7190d01e9fe7c6ad7cbc8237830e77376634b373162"
                                     "2eaf30d92e22a3886ff109279d9830dac727afb94a83ee6d8360cbdfa2cc0640"));
}

void TestPasswordHasher::hashesAreSaltedAndVerify()
{
    const QString a = PasswordHasher::hash("correct horse");
    const QString b = PasswordHasher::hash("correct horse");
    QVERIFY(a.startsWith("$scrypt$ln=15,r=8,p=1$"));
    QVERIFY(!a.contains("correct horse"));
    QVERIFY(a != b); // a fresh salt each time
    QVERIFY(PasswordHasher::verify("correct horse", a));
    QVERIFY(PasswordHasher::verify("correct horse", b));
    QVERIFY(!PasswordHasher::verify("correct horsE", a));
    QVERIFY(!PasswordHasher::verify("", a));
}

void TestPasswordHasher::parametersComeFromTheString()
{
    // A hash made with other (cheaper) parameters still verifies: verify() reads them back.
    const QByteArray salt("0123456789abcdef");
    const QByteArray key = PasswordHasher::scrypt("pw", salt, 1 << 10, 4, 2, 32);
    const QString encoded = QStringLiteral("$scrypt$ln=10,r=4,p=2$%1$%2")
                                .arg(QString::fromLatin1(salt.toBase64()), QString::fromLatin1(key.toBase64()));
    QVERIFY(PasswordHasher::verify("pw", encoded));
    QVERIFY(!PasswordHasher::verify("pw", QString(encoded).replace("r=4", "r=5")));
    // Over the 64 MiB cap: refused quickly, never allocated.
    QVERIFY(PasswordHasher::scrypt("pw", salt, 1 << 20, 8, 1, 32).isEmpty());
    QVERIFY(!PasswordHasher::verify("pw", QString(encoded).replace("ln=10", "ln=20")));
    // Unicode passwords are hashed as UTF-8.
    const QString unicode = PasswordHasher::hash(QString::fromUtf8("pässwörd"));
    QVERIFY(PasswordHasher::verify(QString::fromUtf8("pässwörd"), unicode));
    QVERIFY(!PasswordHasher::verify("passwort", unicode));
}

void TestPasswordHasher::malformedHashesNeverMatch()
{
    QVERIFY(!PasswordHasher::verify("x", ""));
    QVERIFY(!PasswordHasher::verify("x", "x"));
    QVERIFY(!PasswordHasher::verify("x", "$scrypt$ln=15,r=8,p=1$$"));
    QVERIFY(!PasswordHasher::verify("x", "$argon2id$v=19$m=65536,t=3,p=4$c2FsdA$aGFzaA"));
    QVERIFY(!PasswordHasher::verify("x", "$scrypt$ln=40,r=8,p=1$c2FsdA==$aGFzaA=="));
    QVERIFY(!PasswordHasher::verify("x", "$scrypt$ln=15,r=8,p=1$c2FsdA==$aGFzaA==$extra"));
    QVERIFY(!PasswordHasher::verify("x", "$scrypt$ln=15,r=0,p=1$c2FsdA==$aGFzaA=="));
    QVERIFY(!PasswordHasher::verify("", ""));
}

QTEST_GUILESS_MAIN(TestPasswordHasher)
#include "tst_passwordhasher.moc"
