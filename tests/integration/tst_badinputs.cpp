#include "Cli.h"
#include "RawHttp.h"
#include "TestLibrarian.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTest>

// Inputs that used to be accepted and failed later, or were stored as something else: each is
// refused with 400 or 409 at the first request, and nothing is left behind (no transfer row, no
// staging folder, no account).
class TestBadInputs : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void longNamesAreRefusedAtStage_data();
    void longNamesAreRefusedAtStage();
    void namesClashingWithAFileAsAFolderAreRefused_data();
    void namesClashingWithAFileAsAFolderAreRefused();
    void cloneWithoutUploaderIsRefused_data();
    void cloneWithoutUploaderIsRefused();
    void jsonQtWouldBendIsRefused_data();
    void jsonQtWouldBendIsRefused();
    void userNamesAreBounded_data();
    void userNamesAreBounded();
    void longStringFieldsAreRefusedNamingTheField();

private:
    QString admin() const { return "admin:" + m_server->adminPassword(); }
    RawHttp::Reply post(const QString &route, const QJsonObject &body) const;
    qint64 rows(const QString &table) const;
    bool stagingIsEmpty() const;
    static QJsonObject upload(const QString &destination, const QString &uploader = QStringLiteral("alice"));
    static QJsonObject cloneUpload(const QString &destination);

    std::unique_ptr<TestLibrarian> m_server;
    Cli m_cli;
    QTemporaryDir m_dir;
};

namespace {
const QString kChecksum = QStringLiteral("xxh3:::") + QString(32, QLatin1Char('0'));
}

void TestBadInputs::initTestCase()
{
    m_server = std::make_unique<TestLibrarian>(QStringLiteral("site"));
    QCOMPARE(m_server->setup(), 0);
    QVERIFY(m_server->start());
    m_cli.addConnection("site", *m_server, "admin", m_server->adminPassword());
    // The catalogued files the clash rows run into: "clash" is a file, "tree/leaf/file" makes
    // "tree" and "tree/leaf" folders.
    QFile local(m_dir.filePath("bytes"));
    QVERIFY(local.open(QIODevice::WriteOnly));
    local.write("some bytes");
    local.close();
    for (const char *name : {"clash", "tree/leaf/file"}) {
        const auto r = m_cli.run({"upload", "site", local.fileName(), QString::fromLatin1(name)});
        QVERIFY2(r.exitCode == 0, describe(r));
    }
}

RawHttp::Reply TestBadInputs::post(const QString &route, const QJsonObject &body) const
{
    return RawHttp::post(m_server->port(), "/api/v2/" + route, QJsonDocument(body).toJson(), admin());
}

qint64 TestBadInputs::rows(const QString &table) const
{
    qint64 count = -1;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase("QSQLITE", "badinputs-readonly");
        db.setDatabaseName(m_server->dbPath());
        db.setConnectOptions("QSQLITE_OPEN_READONLY");
        if (db.open()) {
            QSqlQuery q(db);
            if (q.exec("SELECT COUNT(*) FROM " + table) && q.next())
                count = q.value(0).toLongLong();
        }
    }
    QSqlDatabase::removeDatabase("badinputs-readonly");
    return count;
}

bool TestBadInputs::stagingIsEmpty() const
{
    return QDir(m_server->stagingPath()).entryList(QDir::NoDotAndDotDot | QDir::AllEntries).isEmpty();
}

QJsonObject TestBadInputs::upload(const QString &destination, const QString &uploader)
{
    return {{"upload_size", 10},
            {"upload_checksum", kChecksum},
            {"upload_name", "x"},
            {"destination_location", destination},
            {"uploader", uploader}};
}

QJsonObject TestBadInputs::cloneUpload(const QString &destination)
{
    return {{"upload_size", 10},          {"upload_checksum", kChecksum},
            {"upload_name", destination}, {"destination_location", destination},
            {"uploader", "alice"},        {"source_transfer_id", 7}};
}

void TestBadInputs::longNamesAreRefusedAtStage_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("reason");
    QTest::newRow("a segment of 256 bytes") << "long/" + QString(256, QLatin1Char('s')) << "255 bytes";
    QTest::newRow("a segment of 256 bytes in UTF-8") << "long/" + QString(128, QChar(0xe9)) << "255 bytes";
    // 2097 characters (under the 4096 of any string field) but 4097 bytes.
    QTest::newRow("4097 bytes in short segments")
        << (QString(100, QChar(0xe9)) + "/").repeated(20) + QString(77, 'e') << "4096 bytes";
}

void TestBadInputs::longNamesAreRefusedAtStage()
{
    QFETCH(QString, name);
    QFETCH(QString, reason);
    const qint64 transfers = rows("incoming_transfers");
    for (const QString &route : {QStringLiteral("upload/stage"), QStringLiteral("clone/stage")}) {
        QJsonObject body = route == "upload/stage" ? upload(name) : cloneUpload(name);
        body.insert("source", "upstream");
        const auto r = post(route, body);
        QVERIFY2(r.status == 400, qPrintable(route + ": " + QString::number(r.status) + " " + r.body));
        QVERIFY2(r.json().value("reason").toString().contains(reason), r.body.constData());
    }
    QCOMPARE(rows("incoming_transfers"), transfers);
    QVERIFY(stagingIsEmpty());
}

void TestBadInputs::namesClashingWithAFileAsAFolderAreRefused_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("existing");
    QTest::newRow("inside a file") << "clash/child"
                                   << "clash";
    QTest::newRow("deep inside a file") << "clash/a/b"
                                        << "clash";
    QTest::newRow("a folder of a file") << "tree/leaf"
                                        << "tree/leaf/file";
    QTest::newRow("the top folder of a file") << "tree"
                                              << "tree/leaf/file";
}

void TestBadInputs::namesClashingWithAFileAsAFolderAreRefused()
{
    QFETCH(QString, name);
    QFETCH(QString, existing);
    const qint64 transfers = rows("incoming_transfers");
    const auto staged = post("upload/stage", upload(name));
    QVERIFY2(staged.status == 409, qPrintable(QString::number(staged.status) + " " + staged.body));
    QVERIFY2(staged.json().value("reason").toString().contains(existing), staged.body.constData());
    QJsonObject one = cloneUpload(name);
    one.insert("source", "upstream");
    const auto cloned = post("clone/stage", one);
    QVERIFY2(cloned.status == 409, qPrintable(QString::number(cloned.status) + " " + cloned.body));
    // One clashing file refuses the whole batch: the good one is not staged either.
    const QJsonObject batch{{"source", "upstream"},
                            {"total_size", 20},
                            {"uploads", QJsonArray{cloneUpload("fine/" + name), cloneUpload(name)}}};
    const auto batched = post("clone/batch_stage", batch);
    QVERIFY2(batched.status == 409, qPrintable(QString::number(batched.status) + " " + batched.body));
    QVERIFY2(batched.json().value("reason").toString().contains(existing), batched.body.constData());
    QCOMPARE(rows("incoming_transfers"), transfers);
    QVERIFY(stagingIsEmpty());
}

void TestBadInputs::cloneWithoutUploaderIsRefused_data()
{
    QTest::addColumn<bool>("batch");
    QTest::addColumn<QJsonValue>("uploader"); // undefined: left out
    QTest::newRow("batch, missing") << true << QJsonValue(QJsonValue::Undefined);
    QTest::newRow("batch, empty") << true << QJsonValue("");
    QTest::newRow("batch, null") << true << QJsonValue(QJsonValue::Null);
    QTest::newRow("single, missing") << false << QJsonValue(QJsonValue::Undefined);
    QTest::newRow("single, empty") << false << QJsonValue("");
}

void TestBadInputs::cloneWithoutUploaderIsRefused()
{
    QFETCH(bool, batch);
    QFETCH(QJsonValue, uploader);
    const qint64 transfers = rows("incoming_transfers");
    QJsonObject item = cloneUpload(QStringLiteral("anonymous/%1").arg(QTest::currentDataTag()));
    item.remove("uploader");
    if (!uploader.isUndefined())
        item.insert("uploader", uploader);
    QJsonObject body;
    if (batch) {
        body = {{"source", "upstream"}, {"total_size", 10}, {"uploads", QJsonArray{item}}};
    } else {
        body = item;
        body.insert("source", "upstream");
    }
    const auto r = post(batch ? "clone/batch_stage" : "clone/stage", body);
    QVERIFY2(r.status == 400, qPrintable(QString::number(r.status) + " " + r.body));
    QVERIFY2(r.json().value("reason").toString().contains("'uploader'"), r.body.constData());
    QCOMPARE(rows("incoming_transfers"), transfers);
    QVERIFY(stagingIsEmpty());
}

void TestBadInputs::jsonQtWouldBendIsRefused_data()
{
    QTest::addColumn<QByteArray>("uploader"); // raw bytes between the quotes of "uploader"
    QTest::addColumn<bool>("bom");
    QTest::addColumn<QString>("reason");
    QTest::newRow("UTF-8 BOM") << QByteArray("alice") << true << "byte order mark";
    QTest::newRow("\\x41") << QByteArray("\\x41lice") << false << "unknown escape \\x";
    QTest::newRow("raw NUL") << QByteArray("ali\0ce", 6) << false << "control character 0x00";
    QTest::newRow("raw newline") << QByteArray("ali\nce") << false << "control character 0x0a";
    QTest::newRow("lone surrogate") << QByteArray("ali\\ud800ce") << false << "surrogate";
    QTest::newRow("raw U+FEFF first") << QByteArray("\xef\xbb\xbf"
                                                    "alice")
                                      << false << "U+FEFF";
    QTest::newRow("invalid UTF-8") << QByteArray("ali\xff"
                                                 "ce")
                                   << false << "Malformed JSON";
}

void TestBadInputs::jsonQtWouldBendIsRefused()
{
    QFETCH(QByteArray, uploader);
    QFETCH(bool, bom);
    QFETCH(QString, reason);
    const qint64 transfers = rows("incoming_transfers");
    const QByteArray body = (bom ? QByteArray("\xef\xbb\xbf") : QByteArray()) +
                            R"({"upload_size": 10, "upload_checksum": ")" + kChecksum.toLatin1() +
                            R"(", "upload_name": "x", "destination_location": "json/)" +
                            QByteArray(QTest::currentDataTag()).toHex() + R"(", "uploader": ")" + uploader + "\"}";
    const auto r = RawHttp::post(m_server->port(), "/api/v2/upload/stage", body, admin());
    QVERIFY2(r.status == 400, qPrintable(QString::number(r.status) + " " + r.body));
    const QString why = r.json().value("reason").toString();
    QVERIFY2(why.contains("Malformed JSON") && why.contains(reason), qPrintable(why));
    QCOMPARE(rows("incoming_transfers"), transfers);
    QVERIFY(stagingIsEmpty());
}

void TestBadInputs::userNamesAreBounded_data()
{
    QTest::addColumn<QString>("username");
    QTest::addColumn<int>("status");
    QTest::newRow("a space") << "bad name" << 400;
    QTest::newRow("a colon") << "bad:name" << 400;
    QTest::newRow("empty") << "" << 400;
    QTest::newRow("65 characters") << QString(65, QLatin1Char('u')) << 400;
    QTest::newRow("a tab") << "bad\tname" << 400;
    QTest::newRow("a slash") << "bad/name" << 400;
    QTest::newRow("non-ASCII") << QString::fromUtf8("jürgen") << 400;
    QTest::newRow("a trailing newline") << "name\n" << 400;
    QTest::newRow("64 characters") << QString(64, QLatin1Char('u')) << 201;
    QTest::newRow("every allowed character") << "A-z.0_9@x" << 201;
}

void TestBadInputs::userNamesAreBounded()
{
    QFETCH(QString, username);
    QFETCH(int, status);
    const qint64 users = rows("users");
    const auto r = post("users/create", {{"username", username}, {"password", "long-enough"}, {"permission", 1}});
    QVERIFY2(r.status == status, qPrintable(QString::number(r.status) + " " + r.body));
    QCOMPARE(rows("users"), users + (status == 201 ? 1 : 0));
    if (status == 400)
        QVERIFY2(r.json().value("reason").toString().contains("user name"), r.body.constData());
}

void TestBadInputs::longStringFieldsAreRefusedNamingTheField()
{
    const qint64 users = rows("users");
    const qint64 transfers = rows("incoming_transfers");
    auto r = post("users/create",
                  {{"username", "longpass"}, {"password", QString(4097, QLatin1Char('p'))}, {"permission", 1}});
    QVERIFY2(r.status == 400, qPrintable(QString::number(r.status) + " " + r.body));
    QVERIFY2(r.json().value("reason").toString().contains("'password'"), r.body.constData());
    r = post("upload/stage", upload("long/uploader", QString(257, QLatin1Char('u'))));
    QVERIFY2(r.status == 400, qPrintable(QString::number(r.status) + " " + r.body));
    QVERIFY2(r.json().value("reason").toString().contains("'uploader'"), r.body.constData());
    QJsonObject item = cloneUpload("long/source");
    const QJsonObject batch{
        {"source", QString(257, QLatin1Char('s'))}, {"total_size", 10}, {"uploads", QJsonArray{item}}};
    r = post("clone/batch_stage", batch);
    QVERIFY2(r.status == 400, qPrintable(QString::number(r.status) + " " + r.body));
    QVERIFY2(r.json().value("reason").toString().contains("'source'"), r.body.constData());
    QCOMPARE(rows("users"), users);
    QCOMPARE(rows("incoming_transfers"), transfers);
    QVERIFY(stagingIsEmpty());
    // At the bounds they are accepted.
    r = post("users/create",
             {{"username", "longpass"}, {"password", QString(4096, QLatin1Char('p'))}, {"permission", 1}});
    QVERIFY2(r.status == 201, qPrintable(QString::number(r.status) + " " + r.body));
    r = post("upload/stage", upload("long/uploader", QString(256, QLatin1Char('u'))));
    QVERIFY2(r.status == 201, qPrintable(QString::number(r.status) + " " + r.body));
}

QTEST_GUILESS_MAIN(TestBadInputs)
#include "tst_badinputs.moc"
