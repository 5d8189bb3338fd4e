#include "model/JsonBody.h"

#include <QTest>

using namespace librarian;

// What Qt 6.4's QJsonDocument lets through and parseJsonObject refuses, and what stays accepted.
class TestJsonBody : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void accepted_data();
    void accepted();
    void refused_data();
    void refused();
};

void TestJsonBody::accepted_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("value"); // of key "a"
    QTest::newRow("plain") << QByteArray(R"({"a":"A"})") << "A";
    QTest::newRow("whitespace around") << QByteArray(" \r\n\t{\"a\" : \"A\"}\n") << "A";
    QTest::newRow("every simple escape") << QByteArray(R"({"a":"\"\\\/\b\f\n\r\t"})") << "\"\\/\b\f\n\r\t";
    QTest::newRow("escaped letter") << QByteArray(R"({"a":"\u0041"})") << "A";
    QTest::newRow("escaped pair") << QByteArray(R"({"a":"\ud83c\udf1f"})") << QString::fromUtf8("\xf0\x9f\x8c\x9f");
    QTest::newRow("raw UTF-8") << QByteArray("{\"a\":\"\xc3\xa9\xf0\x9f\x8c\x9f\"}")
                               << QString::fromUtf8("é\xf0\x9f\x8c\x9f");
    QTest::newRow("raw U+FEFF inside") << QByteArray("{\"a\":\"x\xef\xbb\xbfy\"}")
                                       << QString::fromUtf8("x\xef\xbb\xbfy");
    QTest::newRow("escaped U+FEFF first")
        << QByteArray(R"({"a":"\ufeffy"})") << (QChar(0xfeff) + QStringLiteral("y")); // fromUtf8 would drop it
    QTest::newRow("backslash before quote at end") << QByteArray(R"({"a":"x\\"})") << "x\\";
    QTest::newRow("nested") << QByteArray(R"({"a":"v","b":[{"c":"\n"}],"d":{"e":1}})") << "v";
}

void TestJsonBody::accepted()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, value);
    const auto parsed = parseJsonObject(body);
    QVERIFY2(parsed.ok(), parsed.ok() ? "" : qPrintable(parsed.error().reason));
    QCOMPARE(parsed->value("a").toString(), value);
}

void TestJsonBody::refused_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("reason"); // a part of the reason
    QTest::newRow("UTF-8 BOM") << QByteArray("\xef\xbb\xbf{\"a\":\"A\"}") << "byte order mark";
    QTest::newRow("\\x41") << QByteArray(R"({"a":"\x41"})") << "unknown escape \\x";
    QTest::newRow("\\q") << QByteArray(R"({"a":"\q"})") << "unknown escape \\q";
    QTest::newRow("\\' in a key") << QByteArray(R"({"\'":"A"})") << "unknown escape \\'";
    QTest::newRow("raw NUL") << QByteArray("{\"a\":\"A\0B\"}", 11) << "control character 0x00";
    QTest::newRow("raw NUL in a key") << QByteArray("{\"a\0\":\"A\"}", 10) << "control character 0x00";
    QTest::newRow("raw newline") << QByteArray("{\"a\":\"A\nB\"}") << "control character 0x0a";
    QTest::newRow("raw tab") << QByteArray("{\"a\":\"A\tB\"}") << "control character 0x09";
    QTest::newRow("raw 0x1f") << QByteArray("{\"a\":\"\x1f\"}") << "control character 0x1f";
    QTest::newRow("lone high surrogate") << QByteArray(R"({"a":"\ud800"})") << "surrogate";
    QTest::newRow("high surrogate then letter") << QByteArray(R"({"a":"\ud83cx"})") << "surrogate";
    QTest::newRow("lone low surrogate") << QByteArray(R"({"a":"\udc00"})") << "surrogate";
    QTest::newRow("raw U+FEFF opening a string") << QByteArray("{\"a\":\"\xef\xbb\xbfy\"}") << "U+FEFF";
    // What Qt refuses itself stays refused, with Qt's reason.
    QTest::newRow("invalid UTF-8") << QByteArray("{\"a\":\"A\xff\"}") << "offset";
    QTest::newRow("overlong UTF-8") << QByteArray("{\"a\":\"\xc0\xaf\"}") << "offset";
    QTest::newRow("UTF-8 surrogate") << QByteArray("{\"a\":\"\xed\xa0\x80\"}") << "offset";
    QTest::newRow("truncated") << QByteArray(R"({"a":)") << "offset";
    QTest::newRow("trailing bytes") << QByteArray(R"({"a":"A"} x)") << "offset";
    QTest::newRow("array") << QByteArray("[1]") << "JSON object";
    QTest::newRow("string") << QByteArray(R"("s")") << "offset";
    QTest::newRow("empty") << QByteArray() << "offset";
}

void TestJsonBody::refused()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, reason);
    const auto parsed = parseJsonObject(body);
    QVERIFY2(!parsed.ok(), "accepted");
    QCOMPARE(parsed.error().kind, ErrorKind::BadRequest);
    QVERIFY2(parsed.error().reason.contains(reason), qPrintable(parsed.error().reason));
}

QTEST_GUILESS_MAIN(TestJsonBody)
#include "tst_jsonbody.moc"
