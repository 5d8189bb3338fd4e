#include "model/ApiError.h"
#include "model/AuthLevel.h"
#include "model/File.h"
#include "model/messages/AdminMessages.h"
#include "model/messages/CloneMessages.h"
#include "model/messages/NetworkMessages.h"
#include "model/messages/PingMessages.h"
#include "model/messages/SearchMessages.h"
#include "model/messages/UploadMessages.h"
#include "model/messages/UserMessages.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace librarian;

// Wire types are serialised once, in the core, for both the server and the client: a round trip
// through JSON must give back what went in.
class TestMessages : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void fileRoundTrip();
    void uploadStageRoundTrip();
    void searchWindowRoundTrip();
    void userCreateRefusesUnknownLevel();
    void userCreateRefusesBadNames();
    void cloneUploadRequiresItsUploader();
    void authLevelsAreOrdered();
    void apiErrorReadsDetailWrapping();
    void librarianNeverSerialisesAuthenticator();
    void pingTellsTheSignedInLevel();
    void networkStatusRoundTrip();
    void userListNeverCarriesHashes();
    void cloneBatchCompleteRoundTrip();
};

void TestMessages::fileRoundTrip()
{
    File f;
    f.name = "a/b.h5";
    f.size = 1234567890123;
    f.checksum = "xxh3:::00112233445566778899aabbccddeeff";
    f.uploader = "alice";
    f.source = "site";
    f.createTime = QDateTime(QDate(2026, 1, 1), QTime(1, 2, 3, 4), Qt::UTC);
    Instance i;
    i.id = 7;
    i.fileName = f.name;
    i.storeId = 2;
    i.path = "/store/a/b.h5";
    i.available = false;
    i.createdTime = f.createTime;
    f.instances << i;
    RemoteInstance r;
    r.id = 3;
    r.fileName = f.name;
    r.librarianName = "central";
    r.storeId = 9;
    r.copyTime = f.createTime;
    r.sender = "site";
    f.remoteInstances << r;
    const QByteArray wire = QJsonDocument(f.toJson()).toJson();
    auto back = File::fromJson(QJsonDocument::fromJson(wire).object());
    QVERIFY(back.ok());
    QCOMPARE(back->name, f.name);
    QCOMPARE(back->size, f.size);
    QCOMPARE(back->createTime, f.createTime);
    QCOMPARE(back->instances.first().path, i.path);
    QCOMPARE(back->instances.first().available, false);
    QCOMPARE(back->remoteInstances.first().librarianName, QStringLiteral("central"));
    QVERIFY(!File::fromJson(QJsonObject{{"name", "x"}}).ok());
}

void TestMessages::uploadStageRoundTrip()
{
    UploadStageResponse s;
    s.storeName = "store";
    s.stagingName = "uuid";
    s.stagingLocation = "/staging/uuid/x";
    s.uploadName = "x";
    s.destinationLocation = "d/x";
    s.transferId = 5;
    s.http = {21109, "/api/v2/data/5", 1024};
    auto back = UploadStageResponse::fromJson(s.toJson());
    QVERIFY(back.ok());
    QCOMPARE(back->transferId, 5);
    QCOMPARE(back->http.dataPort, 21109);
    QCOMPARE(back->http.path, QStringLiteral("/api/v2/data/5"));
    QVERIFY(!UploadStageRequest::fromJson(QJsonObject{{"upload_size", "big"}}).ok());
}

void TestMessages::searchWindowRoundTrip()
{
    FileSearchRequest q;
    q.createTimeStart = QDateTime(QDate(2026, 1, 1), QTime(0, 0), Qt::UTC);
    q.uploader = "bob";
    auto back = FileSearchRequest::fromJson(q.toJson());
    QVERIFY(back.ok());
    QCOMPARE(*back->createTimeStart, *q.createTimeStart);
    QVERIFY(back->createTimeEnd.has_value()); // open end becomes "far future"
    QCOMPARE(*back->uploader, QStringLiteral("bob"));
    QVERIFY(!back->name.has_value());
    QVERIFY(!FileSearchRequest::fromJson(QJsonObject{{"create_time_window", QJsonArray{"x"}}}).ok());
}

void TestMessages::userCreateRefusesUnknownLevel()
{
    auto bad = UserCreateRequest::fromJson(QJsonObject{{"username", "u"}, {"password", "p"}, {"permission", 7}});
    QVERIFY(!bad.ok());
    QCOMPARE(bad.error().kind, ErrorKind::BadRequest);
    auto good = UserCreateRequest::fromJson(UserCreateRequest{"u", "p", AuthLevel::Callback}.toJson());
    QCOMPARE(good->level, AuthLevel::Callback);
}

void TestMessages::userCreateRefusesBadNames()
{
    for (const QString &name : {QString(), QStringLiteral("a b"), QStringLiteral("a:b"), QStringLiteral("a\n"),
                                QString(kMaxUserNameLength + 1, 'u'), QStringLiteral("j\u00fcrgen")}) {
        auto r = UserCreateRequest::fromJson(UserCreateRequest{name, "password", AuthLevel::ReadOnly}.toJson());
        QVERIFY2(!r.ok(), qPrintable(name));
        QVERIFY2(r.error().reason.contains("user name"), qPrintable(r.error().reason));
    }
    for (const QString &name : {QStringLiteral("source_librarian"), QStringLiteral("alice@example.org"),
                                QStringLiteral("A-9.x"), QString(kMaxUserNameLength, 'u')})
        QVERIFY2(UserCreateRequest::fromJson(UserCreateRequest{name, "password", AuthLevel::ReadOnly}.toJson()).ok(),
                 qPrintable(name));
}

void TestMessages::cloneUploadRequiresItsUploader()
{
    const CloneUpload upload{10, "xxh3:::00112233445566778899aabbccddeeff", "a", "a", "alice", 7};
    QVERIFY(CloneUpload::fromJson(upload.toJson()).ok());
    for (const QJsonValue &uploader : {QJsonValue(QJsonValue::Undefined), QJsonValue(""), QJsonValue(QJsonValue::Null)}) {
        QJsonObject json = upload.toJson();
        json.remove("uploader");
        if (!uploader.isUndefined())
            json.insert("uploader", uploader);
        auto r = CloneUpload::fromJson(json);
        QVERIFY(!r.ok());
        QVERIFY2(r.error().reason.contains("'uploader'"), qPrintable(r.error().reason));
    }
}

void TestMessages::authLevelsAreOrdered()
{
    QVERIFY(atLeast(AuthLevel::Admin, AuthLevel::ReadAppend));
    QVERIFY(atLeast(AuthLevel::ReadAppend, AuthLevel::Callback));
    QVERIFY(!atLeast(AuthLevel::Callback, AuthLevel::ReadAppend));
    QVERIFY(!atLeast(AuthLevel::None, AuthLevel::ReadOnly));
    QCOMPARE(*authLevelFromName("readappend"), AuthLevel::ReadAppend);
    QCOMPARE(authLevelName(AuthLevel::Admin), QStringLiteral("ADMIN"));
    QVERIFY(!authLevelFromName("root").has_value());
}

void TestMessages::apiErrorReadsDetailWrapping()
{
    auto plain = ApiError::fromJson(409, QJsonObject{{"reason", "dup"}, {"suggested_remedy", "rename"}});
    QCOMPARE(plain.kind, ErrorKind::Conflict);
    QCOMPARE(plain.reason, QStringLiteral("dup"));
    auto wrapped = ApiError::fromJson(406, QJsonObject{{"detail", "{\"reason\": \"inner\"}"}});
    QCOMPARE(wrapped.reason, QStringLiteral("inner"));
    QCOMPARE((ApiError{ErrorKind::Forbidden, "x", {}}.httpStatus()), 403);
    QCOMPARE((ApiError{ErrorKind::PayloadTooLarge, "x", {}}.httpStatus()), 413);
}

void TestMessages::librarianNeverSerialisesAuthenticator()
{
    Librarian l;
    l.name = "central";
    l.url = "http://c";
    l.port = 1;
    l.encryptedAuthenticator = "SECRET";
    const QByteArray wire = QJsonDocument(l.toJson()).toJson();
    QVERIFY(!wire.contains("SECRET"));
    QVERIFY(!wire.contains("authenticator"));
    auto add = LibrarianAddRequest::fromJson(QJsonObject{{"librarian_name", "c"}, {"url", "http://c"}, {"port", 1},
                                                         {"authenticator", "u:p:w"}});
    QVERIFY(add.ok());
    QVERIFY(add->checkConnection); // checked unless told not to
}

void TestMessages::pingTellsTheSignedInLevel()
{
    PingResponse anonymous{"Site", "desc", "site", {}, {}};
    QVERIFY(!anonymous.toJson().contains("user_level"));
    PingResponse signedIn{"Site", "desc", "site", "alice", AuthLevel::ReadAppend};
    auto back = PingResponse::fromJson(signedIn.toJson());
    QVERIFY(back);
    QCOMPARE(back->user, QStringLiteral("alice"));
    QCOMPARE(*back->userLevel, AuthLevel::ReadAppend);
    QJsonObject bad = signedIn.toJson();
    bad["user_level"] = 7;
    QCOMPARE(PingResponse::fromJson(bad).error().kind, ErrorKind::BadRequest);
}

void TestMessages::networkStatusRoundTrip()
{
    PeerLink p;
    p.name = "central";
    p.url = "http://c";
    p.port = 21108;
    p.transfersEnabled = false;
    p.pushesTo = true;
    p.outgoingActive = 4;
    p.outgoingFailed = 1;
    p.lastSeen = QDateTime(QDate(2026, 11, 24), QTime(4, 0), Qt::UTC);
    const NetworkStatus s{"source", "Site", "", 2, {p}};
    const QJsonObject json = s.toJson();
    QVERIFY(json["peers"].toArray()[0].toObject()["last_heard"].isNull());
    auto back = NetworkStatus::fromJson(json);
    QVERIFY(back);
    QCOMPARE(back->unresolvedErrors, 2);
    QCOMPARE(back->peers.size(), 1);
    QCOMPARE(back->peers[0].lastSeen, p.lastSeen);
    QVERIFY(!back->peers[0].lastHeard.isValid());
    QVERIFY(!back->peers[0].transfersEnabled);
    QVERIFY(back->peers[0].pushesTo);
    QCOMPARE(back->peers[0].outgoingActive, 4);
    QVERIFY(!NetworkStatus::fromJson(QJsonObject{{"peers", QJsonArray{}}})); // no librarian_name
}

void TestMessages::userListNeverCarriesHashes()
{
    User u{"bob", "$scrypt$secret", AuthLevel::Admin};
    const QJsonObject json = usersToJson({u});
    QVERIFY(!QJsonDocument(json).toJson().contains("scrypt"));
    auto back = usersFromJson(json);
    QVERIFY(back);
    QCOMPARE(back->first().username, QStringLiteral("bob"));
    QCOMPARE(back->first().level, AuthLevel::Admin);
}

void TestMessages::cloneBatchCompleteRoundTrip()
{
    CloneBatchCompleteRequest request;
    request.completions = {{5, 50, 2, {}}, {6, 60, 2, {}}};
    auto read = CloneBatchCompleteRequest::fromJson(request.toJson());
    QVERIFY(read.ok());
    QCOMPARE(read->completions.size(), 2);
    QCOMPARE(read->completions[1].sourceTransferId, 6);
    QCOMPARE(read->completions[1].destinationTransferId, 60);
    QCOMPARE(read->completions[1].storeId, 2);
    QCOMPARE(CloneBatchCompleteRequest::fromJson({}).error().kind, ErrorKind::BadRequest);
    QCOMPARE(CloneBatchCompleteRequest::fromJson({{"completions", QJsonArray{1}}}).error().kind, ErrorKind::BadRequest);
    QJsonArray tooMany;
    for (int i = 0; i <= kMaxCloneCompletions; ++i)
        tooMany.append(CloneTransferIds{i, i, 1, {}}.toJson());
    QCOMPARE(CloneBatchCompleteRequest::fromJson({{"completions", tooMany}}).error().kind, ErrorKind::PayloadTooLarge);

    CloneBatchCompleteResponse response;
    response.results = {{5, std::nullopt}, {6, ApiError::notFound("Outgoing transfer 6 does not exist.")}};
    const QJsonObject json = response.toJson();
    QCOMPARE(json.value("results").toArray().at(1).toObject().value("status").toInt(), 404);
    auto answer = CloneBatchCompleteResponse::fromJson(json);
    QVERIFY(answer.ok());
    QCOMPARE(answer->results.size(), 2);
    QVERIFY(!answer->results[0].error);
    QCOMPARE(answer->results[1].sourceTransferId, 6);
    QCOMPARE(answer->results[1].error->kind, ErrorKind::NotFound);
    QCOMPARE(answer->results[1].error->reason, QStringLiteral("Outgoing transfer 6 does not exist."));
}

QTEST_GUILESS_MAIN(TestMessages)
#include "tst_messages.moc"
