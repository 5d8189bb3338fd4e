#include "Cli.h"
#include "RawHttp.h"
#include "TestLibrarian.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTest>

// The receiving librarian's clone and checkin routes, driven step by step as a sneakernet ingest
// or a misbehaving peer would.
class TestCloneRoutes : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void stageOngoingStagedCheckin();
};

void TestCloneRoutes::stageOngoingStagedCheckin()
{
    TestLibrarian server("destination_librarian");
    QCOMPARE(server.setup(), 0);
    QVERIFY(server.start());
    Cli cli;
    cli.addConnection("admin", server, "admin", server.adminPassword());
    QCOMPARE(cli.run({"create-user", "admin", "--username", "source_librarian", "--password", "source-password",
                      "--auth-level", "READAPPEND"}).exitCode, 0);
    const QString peer = "source_librarian:source-password";
    const QByteArray bytes(3000, 'c');
    QTemporaryDir dir;
    QFile f(dir.filePath("c"));
    f.open(QIODevice::WriteOnly);
    f.write(bytes);
    f.close();
    QProcess xxh;
    xxh.start("xxhsum", {"-H2", dir.filePath("c")});
    xxh.waitForFinished();
    const QString checksum = "xxh3:::" + QString::fromLatin1(xxh.readAllStandardOutput()).section(' ', 0, 0);
    QJsonObject stage{{"upload_size", 3000}, {"upload_checksum", checksum}, {"upload_name", "c"},
                      {"destination_location", "sneaker/c"}, {"uploader", "alice"}, {"source", "source_librarian"},
                      {"source_transfer_id", 77}};

    QJsonObject impostor = stage;
    impostor.insert("source", "someone_else");
    QCOMPARE(RawHttp::post(server.port(), "/api/v2/clone/stage", QJsonDocument(impostor).toJson(), peer).status, 403);

    const auto staged = RawHttp::post(server.port(), "/api/v2/clone/stage", QJsonDocument(stage).toJson(), peer);
    QCOMPARE(staged.status, 201);
    const qint64 id = staged.json().value("destination_transfer_id").toInteger();
    QCOMPARE(staged.json().value("source_transfer_id").toInteger(), 77);
    const QByteArray ids = QJsonDocument(QJsonObject{{"source_transfer_id", 77}, {"destination_transfer_id", id}}).toJson();

    // STAGED before any byte: refused, nothing changes.
    QCOMPARE(RawHttp::post(server.port(), "/api/v2/clone/staged", ids, peer).status, 406);
    QCOMPARE(RawHttp::post(server.port(), "/api/v2/clone/ongoing", ids, peer).status, 200);
    QCOMPARE(RawHttp::post(server.port(), "/api/v2/clone/ongoing", ids, peer).status, 406); // not INITIATED any more
    const QString path = staged.json().value("transfer_providers").toObject().value("http").toObject().value("path").toString();
    const auto put = RawHttp::headOnly(server.dataPort(), "PUT " + path.toLatin1() + "?offset=0 HTTP/1.1\r\nAuthorization: Basic "
                                                              + peer.toUtf8().toBase64() + "\r\nContent-Length: 3000\r\n\r\n"
                                                              + bytes);
    QCOMPARE(put.status, 200);
    QCOMPARE(RawHttp::post(server.port(), "/api/v2/clone/staged", ids, peer).status, 200);
    const auto status = RawHttp::post(server.port(), "/api/v2/checkin/status",
                                      QJsonDocument(QJsonObject{{"destination_transfer_ids", QJsonArray{id, 424242}}}).toJson(),
                                      peer);
    QCOMPARE(status.status, 200);
    const QJsonObject statuses = status.json().value("destination_transfer_status").toObject();
    QCOMPARE(statuses.value(QString::number(id)).toInt(), 2); // STAGED
    QVERIFY(statuses.value("424242").isNull());
    // COMPLETED can only come from the ingest itself.
    const auto update = RawHttp::post(server.port(), "/api/v2/checkin/update",
                                      QJsonDocument(QJsonObject{{"destination_transfer_ids", QJsonArray{id}}, {"new_status", 3}}).toJson(),
                                      peer);
    QCOMPARE(update.json().value("unmodified_destination_transfer_ids").toArray().size(), 1);
    QCOMPARE(RawHttp::post(server.port(), "/api/v2/clone/ongoing",
                           QJsonDocument(QJsonObject{{"source_transfer_id", 1}, {"destination_transfer_id", 999}}).toJson(), peer)
                 .status,
             404);
    // The same name staged again by another librarian while this one is live: refused.
    QCOMPARE(cli.run({"create-user", "admin", "--username", "other_librarian", "--password", "other-password",
                      "--auth-level", "READAPPEND"}).exitCode, 0);
    QJsonObject other = stage;
    other.insert("source", "other_librarian");
    QCOMPARE(RawHttp::post(server.port(), "/api/v2/clone/stage", QJsonDocument(other).toJson(), "other_librarian:other-password").status,
             409);
}

QTEST_GUILESS_MAIN(TestCloneRoutes)
#include "tst_cloneroutes.moc"
