#include "model/JsonReader.h"

#include <QTest>
#include <functional>

using namespace librarian;

class TestJsonReader : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void readsFields();
    void reportsFirstProblemNamingTheKey();
    void wireTimesAreUtc();
    void stringsAreBoundedNamingTheKey();
};

void TestJsonReader::readsFields()
{
    JsonReader r(QJsonObject{{"s", "x"}, {"i", 42}, {"b", true}, {"t", "2026-11-24T04:00:00.000Z"}, {"n", QJsonValue()}});
    QCOMPARE(r.string("s"), QStringLiteral("x"));
    QCOMPARE(r.integer("i"), 42);
    QCOMPARE(r.boolean("b"), true);
    QCOMPARE(r.dateTime("t"), QDateTime(QDate(2026, 11, 24), QTime(4, 0), Qt::UTC));
    QCOMPARE(r.optionalString("missing", "d"), QStringLiteral("d"));
    QVERIFY(!r.optionalInteger("n").has_value()); // null counts as absent
    QVERIFY(r.ok());
}

void TestJsonReader::reportsFirstProblemNamingTheKey()
{
    JsonReader r(QJsonObject{{"size", 1.5}, {"name", 3}}, "upload");
    r.integer("size");
    r.string("name");
    r.string("absent");
    QVERIFY(!r.ok());
    QCOMPARE(r.error().kind, ErrorKind::BadRequest);
    QVERIFY2(r.error().reason.contains("size"), qPrintable(r.error().reason));
    QVERIFY(r.error().reason.startsWith("upload:"));
}

void TestJsonReader::wireTimesAreUtc()
{
    const QDateTime t = fromWireTime("2026-01-02T03:04:05");
    QVERIFY(t.isValid());
    QCOMPARE(t.timeSpec(), Qt::UTC);
    QCOMPARE(t.time(), QTime(3, 4, 5));
    QCOMPARE(fromWireTime("2026-01-02T03:04:05+02:00").time(), QTime(1, 4, 5));
    QVERIFY(!fromWireTime("yesterday").isValid());
    QCOMPARE(toWireTime(QDateTime(QDate(2026, 1, 2), QTime(3, 4, 5, 6), Qt::UTC)), QStringLiteral("2026-01-02T03:04:05.006Z"));
}

void TestJsonReader::stringsAreBoundedNamingTheKey()
{
    const QJsonObject o{{"fits", QString(kMaxTextLength, 'x')},
                        {"long", QString(kMaxTextLength + 1, 'x')},
                        {"name", QString(kMaxNameLength + 1, 'n')},
                        {"empty", ""}};
    {
        JsonReader r(o);
        QCOMPARE(r.string("fits").size(), kMaxTextLength);
        QCOMPARE(r.string("long", kMaxTextLength + 1).size(), kMaxTextLength + 1); // a field may allow more
        QCOMPARE(r.optionalString("absent", "d", 1), QStringLiteral("d"));
        QVERIFY(r.ok());
    }
    for (const auto &read : std::initializer_list<std::function<void(JsonReader &)>>{
             [](JsonReader &r) { r.string("long"); },
             [](JsonReader &r) { r.optionalString("long"); },
             [](JsonReader &r) { r.string("name", kMaxNameLength); },
             [](JsonReader &r) { r.nonEmptyString("long"); }}) {
        JsonReader r(o);
        read(r);
        QVERIFY(!r.ok());
        QCOMPARE(r.error().kind, ErrorKind::BadRequest);
        QVERIFY2(r.error().reason.contains("is longer than"), qPrintable(r.error().reason));
    }
    JsonReader r(o);
    QCOMPARE(r.nonEmptyString("empty"), QString());
    QVERIFY(!r.ok());
    QVERIFY2(r.error().reason.contains("'empty' must not be empty"), qPrintable(r.error().reason));
}

QTEST_GUILESS_MAIN(TestJsonReader)
#include "tst_jsonreader.moc"
