#include "storage/FileName.h"

#include <QTest>

using namespace librarian;

class TestFileName : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void names_data();
    void names();
    void longSegmentReasonNamesTheLimit();
};

namespace {
// 16 segments of `segment` (each followed by '/') and a last segment of `tail` 'x's.
QString deepName(const QString &segment, int tail)
{
    return (segment + QLatin1Char('/')).repeated(16) + QString(tail, QLatin1Char('x'));
}
} // namespace

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
    QTest::newRow("too long") << deepName(QString(254, QLatin1Char('x')), 17) << false; // 4097 bytes
    QTest::newRow("just fits") << deepName(QString(254, QLatin1Char('x')), 16) << true; // 4096 bytes
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
    // 4096 bytes is a UTF-8 limit: 2065 characters, 2048 of them two-byte, are 4097 bytes.
    QTest::newRow("too long in bytes") << deepName(QString(127, QChar(0xe9)), 17) << false;
    QTest::newRow("segment of 255 bytes") << ("a/" + QString(255, QLatin1Char('x')) + "/b") << true;
    QTest::newRow("segment of 256 bytes") << ("a/" + QString(256, QLatin1Char('x')) + "/b") << false;
    QTest::newRow("last segment of 256 bytes") << ("a/" + QString(256, QLatin1Char('x'))) << false;
    // 255 is a byte limit too: 128 two-byte characters are 256 bytes.
    QTest::newRow("segment of 256 bytes in UTF-8") << QString(128, QChar(0xe9)) << false;
    QTest::newRow("segment of 254 bytes in UTF-8") << QString(127, QChar(0xe9)) << true;
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

void TestFileName::longSegmentReasonNamesTheLimit()
{
    const Status s = validateFileName("a/" + QString(300, QLatin1Char('x')));
    QVERIFY(!s.ok());
    QVERIFY2(s.error().reason.contains("255 bytes"), qPrintable(s.error().reason));
}

QTEST_GUILESS_MAIN(TestFileName)
#include "tst_filename.moc"
