#include "FakePeer.h"
#include "ServerFixture.h"
#include "crypto/Hasher.h"
#include "db/IncomingTransfers.h"
#include "db/StoreRegistry.h"
#include "model/Routes.h"
#include "model/messages/AdminMessages.h"
#include "model/messages/CloneMessages.h"
#include "storage/LocalStore.h"

#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QSet>
#include <QSqlQuery>
#include <QTest>

using namespace librarian;

// receive_clone on a destination in this process, calling back a source that is a FakePeer: the
// clones are committed in groups and their callbacks go to the source in batches
// (/clone/batch_complete, /checkin/update), each entry settled or tried again on its own; a source
// without the batch route is called back file by file.
class TestBatchCallbacks : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void callbacksGoInBatchesAndADamagedCloneFailsAlone();
    void eachEntryOfABatchIsSettledOrRetriedOnItsOwn();
    void aSourceWithoutTheBatchRouteIsCalledBackFileByFile();
    void aSourceThatDoesNotAnswerKeepsEveryCallbackOwed();

private:
    static constexpr qint64 kFirstSourceId = 1000;
    // Registers `answer` as the source "fake_source" of the clones.
    void startSource(FakePeer::Handler answer);
    // `count` STAGED clones of 4 KiB from fake_source (source transfer ids from kFirstSourceId); the
    // one at `damaged` holds other bytes than its checksum says. Then receive_clone is woken.
    void stageClones(int count, int damaged = -1);
    int countWhere(const QString &condition);
    static QByteArray bytesOf(int i);
    // The answer of a source that completes every entry.
    static FakePeer::Answer completeAll(const QJsonObject &body);
    // The source transfer ids of a /clone/batch_complete body.
    static QList<qint64> idsOf(const QJsonObject &batchComplete);

    std::unique_ptr<ServerFixture> m_fixture;
    std::unique_ptr<FakePeer> m_source;
};

void TestBatchCallbacks::init()
{
    // Once at start (nothing staged yet), then only when woken or for a callback to retry.
    const QJsonObject receive{{"task_name", "receive"}, {"every", "01:00:00"}};
    m_fixture = std::make_unique<ServerFixture>(QJsonObject{{"background", QJsonObject{{"receive_clone", QJsonArray{receive}}}}});
    QString error;
    QVERIFY2(m_fixture->start(&error), qPrintable(error));
}

void TestBatchCallbacks::cleanup()
{
    m_fixture.reset();
    m_source.reset();
}

void TestBatchCallbacks::startSource(FakePeer::Handler answer)
{
    m_source = std::make_unique<FakePeer>(std::move(answer));
    QVERIFY(m_source->listen());
    LibrarianAddRequest add;
    add.librarianName = QStringLiteral("fake_source");
    add.url = QStringLiteral("http://127.0.0.1");
    add.port = m_source->port();
    add.authenticator = QStringLiteral("inprocess:calls-back");
    add.checkConnection = false;
    auto added = m_fixture->post(routes::kAdminLibrariansAdd, add.toJson());
    QVERIFY2(added, added ? "" : qPrintable(added.error().reason));
}

QByteArray TestBatchCallbacks::bytesOf(int i)
{
    QByteArray bytes(4096, Qt::Uninitialized);
    for (int k = 0; k < bytes.size(); ++k)
        bytes[k] = char((i * 131 + k * 7) & 0xff);
    return bytes;
}

void TestBatchCallbacks::stageClones(int count, int damaged)
{
    auto db = m_fixture->server().database().connection();
    QVERIFY(db);
    const Store store = StoreRegistry(*db).list()->first();
    for (int i = 0; i < count; ++i) {
        const QString name = QStringLiteral("cb/d%1/f%2.dat").arg(i / 100).arg(i);
        QByteArray bytes = bytesOf(i);
        Hasher hasher(ChecksumAlgorithm::Xxh3);
        hasher.addData(bytes);
        if (i == damaged)
            bytes[100] = char(bytes[100] ^ 0x55); // same size, other bytes
        auto area = LocalStore(store).stage(bytes.size(), name);
        QVERIFY(area);
        QFile f(area->stagingLocation);
        QVERIFY(f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size());
        f.close();
        IncomingTransfer t;
        t.status = TransferStatus::Staged;
        t.uploader = QStringLiteral("someone");
        t.uploadName = name;
        t.source = QStringLiteral("fake_source");
        t.transferSize = bytes.size();
        t.transferChecksum = hasher.result().toString();
        t.storeId = store.id;
        t.stagingName = area->stagingName;
        t.storePath = name;
        t.transferMethod = QStringLiteral("http");
        t.startTime = QDateTime::currentDateTimeUtc();
        t.sourceTransferId = kFirstSourceId + i;
        QVERIFY(IncomingTransfers(*db).create(t));
    }
    m_fixture->server().wakeTasks(QStringLiteral("receive_clone"));
}

int TestBatchCallbacks::countWhere(const QString &condition)
{
    auto db = m_fixture->server().database().connection();
    if (!db)
        return -1;
    QSqlQuery q(*db);
    if (!q.exec(QStringLiteral("SELECT COUNT(*) FROM incoming_transfers WHERE ") + condition) || !q.next())
        return -1;
    return q.value(0).toInt();
}

QList<qint64> TestBatchCallbacks::idsOf(const QJsonObject &batchComplete)
{
    QList<qint64> ids;
    auto request = CloneBatchCompleteRequest::fromJson(batchComplete);
    if (request)
        for (const CloneTransferIds &c : std::as_const(request->completions))
            ids.append(c.sourceTransferId);
    return ids;
}

FakePeer::Answer TestBatchCallbacks::completeAll(const QJsonObject &body)
{
    CloneBatchCompleteResponse response;
    for (qint64 id : idsOf(body))
        response.results.append({id, std::nullopt});
    return {200, response.toJson()};
}

void TestBatchCallbacks::callbacksGoInBatchesAndADamagedCloneFailsAlone()
{
    startSource([](const QString &path, const QJsonObject &body) -> FakePeer::Answer {
        if (path == QLatin1String(routes::kCloneBatchComplete))
            return completeAll(body);
        return {200, CheckinUpdateResponse{}.toJson()};
    });
    constexpr int kClones = 300, kDamaged = 10;
    stageClones(kClones, kDamaged);
    QTRY_COMPARE_WITH_TIMEOUT(countWhere("status = 'COMPLETED'"), kClones - 1, 30000);
    QTRY_COMPARE_WITH_TIMEOUT(countWhere("callback_pending = 1"), 0, 30000);
    QCOMPARE(countWhere("status = 'FAILED'"), 1);
    QCOMPARE(countWhere(QStringLiteral("status = 'FAILED' AND source_transfer_id = %1 AND error LIKE '%Checksum mismatch%'")
                            .arg(kFirstSourceId + kDamaged)),
             1);

    // Every completion was delivered once, in a few requests; the failure in one /checkin/update.
    QList<qint64> completed;
    QList<qint64> failed;
    for (const FakePeer::Request &r : m_source->requests()) {
        if (r.path == QLatin1String(routes::kCloneBatchComplete))
            completed += idsOf(r.body);
        else if (r.path == QLatin1String(routes::kCheckinUpdate))
            failed += CheckinUpdateRequest::fromJson(r.body)->sourceTransferIds;
    }
    QCOMPARE(m_source->count(QLatin1String(routes::kCloneComplete)), 0);
    QVERIFY2(m_source->count(QLatin1String(routes::kCloneBatchComplete)) <= 4,
             qPrintable(QString::number(m_source->count(QLatin1String(routes::kCloneBatchComplete)))));
    QCOMPARE(completed.size(), kClones - 1);
    QCOMPARE(QSet<qint64>(completed.begin(), completed.end()).size(), kClones - 1);
    QVERIFY(!completed.contains(kFirstSourceId + kDamaged));
    QCOMPARE(failed, QList<qint64>{kFirstSourceId + kDamaged});

    // The good bytes are in the store, the damaged ones nowhere.
    int stored = 0;
    for (QDirIterator it(m_fixture->storePath(), QDir::Files, QDirIterator::Subdirectories); it.hasNext(); it.next())
        ++stored;
    QCOMPARE(stored, kClones - 1);
    QVERIFY(!QFile::exists(m_fixture->storePath() + QStringLiteral("/cb/d0/f%1.dat").arg(kDamaged)));
    QVERIFY(QDir(m_fixture->stagingPath()).entryList(QDir::NoDotAndDotDot | QDir::AllEntries).isEmpty());
}

void TestBatchCallbacks::eachEntryOfABatchIsSettledOrRetriedOnItsOwn()
{
    // 1001 is refused for good (the source no longer knows it); 1002 fails on the source's side
    // the first time only.
    auto attemptsOf1002 = std::make_shared<int>(0);
    startSource([attemptsOf1002](const QString &path, const QJsonObject &body) -> FakePeer::Answer {
        if (path != QLatin1String(routes::kCloneBatchComplete))
            return {404, {}};
        CloneBatchCompleteResponse response;
        for (qint64 id : idsOf(body)) {
            if (id == kFirstSourceId + 1)
                response.results.append({id, ApiError::notFound(QStringLiteral("Outgoing transfer %1 does not exist.").arg(id))});
            else if (id == kFirstSourceId + 2 && (*attemptsOf1002)++ == 0)
                response.results.append({id, ApiError{ErrorKind::Unavailable, QStringLiteral("busy"), {}}});
            else
                response.results.append({id, std::nullopt});
        }
        return {200, response.toJson()};
    });
    stageClones(5);
    QTRY_COMPARE_WITH_TIMEOUT(countWhere("status = 'COMPLETED'"), 5, 30000);
    // Only the entry that failed on the source's side is still owed, with one failed attempt.
    QTRY_COMPARE_WITH_TIMEOUT(countWhere("callback_pending = 1"), 1, 30000);
    QCOMPARE(countWhere(QStringLiteral("callback_pending = 1 AND callback_attempts = 1 AND source_transfer_id = %1")
                            .arg(kFirstSourceId + 2)),
             1);
    // The refusal is recorded.
    {
        auto db = m_fixture->server().database().connection();
        QSqlQuery q(*db);
        QVERIFY(q.exec("SELECT COUNT(*) FROM errors WHERE category = 'transfer' AND message LIKE '%refused the callback for cb/d0/f1.dat%'"));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toInt(), 1);
    }
    // Tried again after its back-off (5 s), on the task's own timer.
    QTRY_COMPARE_WITH_TIMEOUT(countWhere("callback_pending = 1"), 0, 30000);
    QCOMPARE(*attemptsOf1002, 2);
    QCOMPARE(m_source->count(QLatin1String(routes::kCloneBatchComplete)), 2);
}

void TestBatchCallbacks::aSourceWithoutTheBatchRouteIsCalledBackFileByFile()
{
    startSource([](const QString &path, const QJsonObject &) -> FakePeer::Answer {
        if (path == QLatin1String(routes::kCloneComplete))
            return {200, {}};
        return {404, QJsonObject{{"detail", "Not Found"}}}; // as the reference answers an unknown route
    });
    constexpr int kClones = 20;
    stageClones(kClones);
    QTRY_COMPARE_WITH_TIMEOUT(countWhere("status = 'COMPLETED'"), kClones, 30000);
    QTRY_COMPARE_WITH_TIMEOUT(countWhere("callback_pending = 1"), 0, 30000);
    // Asked once, then file by file for the rest of the run.
    QCOMPARE(m_source->count(QLatin1String(routes::kCloneBatchComplete)), 1);
    QSet<qint64> called;
    for (const FakePeer::Request &r : m_source->requests())
        if (r.path == QLatin1String(routes::kCloneComplete))
            called.insert(CloneTransferIds::fromJson(r.body)->sourceTransferId);
    QCOMPARE(m_source->count(QLatin1String(routes::kCloneComplete)), kClones);
    QCOMPARE(called.size(), kClones);
    QVERIFY(called.contains(kFirstSourceId) && called.contains(kFirstSourceId + kClones - 1));
}

void TestBatchCallbacks::aSourceThatDoesNotAnswerKeepsEveryCallbackOwed()
{
    startSource([](const QString &, const QJsonObject &) -> FakePeer::Answer { return {503, {}}; });
    constexpr int kClones = 300;
    stageClones(kClones);
    QTRY_COMPARE_WITH_TIMEOUT(countWhere("status = 'COMPLETED'"), kClones, 30000);
    // Every callback still owed, none settled, each with a time to try again.
    QTRY_COMPARE_WITH_TIMEOUT(countWhere("callback_pending = 1 AND next_callback_time IS NOT NULL"), kClones, 30000);
    // The source is not asked once per file: the first group's request fails, and the second
    // group's waits with it (postponed without a call) unless it was on its way already.
    const int requests = m_source->count(QLatin1String(routes::kCloneBatchComplete));
    QVERIFY2(requests == 1 || requests == 2, qPrintable(QString::number(requests)));
    QCOMPARE(countWhere("callback_pending = 1 AND callback_attempts = 1"), requests == 2 ? kClones : 256);
    QCOMPARE(countWhere("callback_pending = 1 AND callback_attempts = 0"), requests == 2 ? 0 : kClones - 256);
}

QTEST_GUILESS_MAIN(TestBatchCallbacks)
#include "tst_batchcallbacks.moc"
