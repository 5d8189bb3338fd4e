#include "crypto/PasswordHasher.h"

#include <QTest>

using namespace librarian;

class TestPasswordHasher : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void rfc7914Vector();
    void hashesAreSaltedAndVerify();
    void malformedHashesNeverMatch();
};

void TestPasswordHasher::rfc7914Vector()
{
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

void TestPasswordHasher::malformedHashesNeverMatch()
{
    QVERIFY(!PasswordHasher::verify("x", ""));
    QVERIFY(!PasswordHasher::verify("x", "x"));
    QVERIFY(!PasswordHasher::verify("x", "$scrypt$ln=15,r=8,p=1$$"));
    QVERIFY(!PasswordHasher::verify("x", "$argon2id$v=19$m=65536,t=3,p=4$c2FsdA$aGFzaA"));
    QVERIFY(!PasswordHasher::verify("x", "$scrypt$ln=40,r=8,p=1$c2FsdA==$aGFzaA=="));
}

QTEST_GUILESS_MAIN(TestPasswordHasher)
#include "tst_passwordhasher.moc"
