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
