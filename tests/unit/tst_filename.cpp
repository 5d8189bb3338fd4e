#include "storage/FileName.h"

#include <QTest>

using namespace librarian;

class TestFileName : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void names_data();
    void names();
};

void TestFileName::names_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("valid");
    QTest::newRow("plain") << "a" << true;
    QTest::newRow("nested") << "2024/obs_1/book.h5" << true;
    QTest::newRow("dots inside") << "a/b..c/.hidden" << true;
    QTest::newRow("unicode") << QString::fromUtf8("données/é.fits") << true;
    QTest::newRow("empty") << "" << false;
    QTest::newRow("absolute") << "/abs" << false;
    QTest::newRow("parent") << "../x" << false;
    QTest::newRow("inner parent") << "a/../b" << false;
    QTest::newRow("dot segment") << "a/./b" << false;
    QTest::newRow("double slash") << "a//b" << false;
    QTest::newRow("trailing slash") << "a/" << false;
    QTest::newRow("newline") << "a\nb" << false;
    QTest::newRow("nul") << (QStringLiteral("a") + QChar(0) + QStringLiteral("b")) << false;
    QTest::newRow("delete char") << (QStringLiteral("a") + QChar(0x7f)) << false;
    QTest::newRow("backslash") << "a\\b" << false;
    QTest::newRow("too long") << QString(5000, QLatin1Char('x')) << false;
    QTest::newRow("just fits") << QString(4096, QLatin1Char('x')) << true;
    QTest::newRow("dir/sub/file") << "dir/sub/file.txt" << true;
    QTest::newRow("spaces") << "a b/c d.txt" << true;
    QTest::newRow("dot") << "." << false;
    QTest::newRow("dotdot") << ".." << false;
    QTest::newRow("leading dot segment") << "./a" << false;
    QTest::newRow("trailing dotdot") << "a/.." << false;
    QTest::newRow("only slash") << "/" << false;
    QTest::newRow("tab") << "a\tb" << false;
    QTest::newRow("unit separator") << (QStringLiteral("a") + QChar(0x1f)) << false;
    QTest::newRow("backslash parent") << "..\\x" << false;
    // 4096 bytes is a UTF-8 limit: 2049 two-byte characters are 4098 bytes.
    QTest::newRow("too long in bytes") << QString(2049, QChar(0xe9)) << false;
    QTest::newRow("lone surrogate") << (QStringLiteral("a") + QChar(0xd800)) << false;
    QTest::newRow("astral") << QString::fromUtf8("star\xf0\x9f\x8c\x9f.txt") << true;
}

void TestFileName::names()
{
    QFETCH(QString, name);
    QFETCH(bool, valid);
    const Status s = validateFileName(name);
    QCOMPARE(s.ok(), valid);
    if (!valid) {
        QCOMPARE(s.error().kind, ErrorKind::BadRequest);
        QVERIFY(!s.error().reason.isEmpty());
    }
}

QTEST_GUILESS_MAIN(TestFileName)
#include "tst_filename.moc"
