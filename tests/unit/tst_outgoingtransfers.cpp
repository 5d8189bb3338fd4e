#include "QueryPlan.h"
#include "TempCatalogue.h"
#include "db/FileCatalog.h"
#include "db/OutgoingTransfers.h"
#include "db/SendFrontier.h"
#include "db/StoreRegistry.h"

using namespace librarian;

// OutgoingTransfers::candidates, what send_clone pushes next: its answers, its plan, and the
// send frontier that lets it skip files it saw settled before.
class TestOutgoingTransfers : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void candidatePlanSeeksPerFile();
    void excludesFilesAtThePeerOrInFlight();
    void oneRowPerFileOnThePreferredStore();
    void byteCapKeepsAtLeastOneFile();
    void idleRunSettlesEverything();
    void settledFilesComeBackWhenTheyChange_data();
    void settledFilesComeBackWhenTheyChange();
    void changeDuringARunShortensTheRange();
    void aConditionalUpdateLeavesARowThatMovedOn();
    void batchWritesGiveEachRowItsOwnValues();
};

namespace {
const QString kPeer = QStringLiteral("peer");
const qint64 kBase = 1'700'000'000'000;

qint64 addStore(QSqlDatabase db, const QString &name)
{
    Store s;
    s.name = name;
    s.stagingPath = QStringLiteral("/s/") + name;
    s.storePath = QStringLiteral("/t/") + name;
    return StoreRegistry(db).upsert(s)->id;
}

// Catalogue helpers: every step QVERIFYs through a bool so callers can check it.
struct Catalogue
{
    TempCatalogue temp;
    QSqlDatabase db = temp.connection();
    FileCatalog files{db};
    OutgoingTransfers outgoing{db};
    qint64 store = addStore(db, QStringLiteral("store"));

    bool addFile(const QString &name, qint64 time, qint64 size = 10, qint64 storeId = -1, bool available = true)
    {
        File f;
        f.name = name;
        f.size = size;
        f.checksum = QStringLiteral("xxh3:::00112233445566778899aabbccddeeff");
        f.uploader = QStringLiteral("alice");
        f.source = QStringLiteral("alice");
        f.createTime = QDateTime::fromMSecsSinceEpoch(time, Qt::UTC);
        if (!files.insertFile(f))
            return false;
        return addInstance(name, storeId < 0 ? store : storeId, available) >= 0;
    }
    qint64 addInstance(const QString &name, qint64 storeId, bool available = true)
    {
        Instance i;
        i.fileName = name;
        i.storeId = storeId;
        i.path = QStringLiteral("/t/%1/%2").arg(storeId).arg(name);
        i.createdTime = QDateTime::currentDateTimeUtc();
        i.available = available;
        auto id = files.insertInstance(i);
        return id ? *id : -1;
    }
    qint64 atPeer(const QString &name, const QString &peer = kPeer)
    {
        RemoteInstance r;
        r.fileName = name;
        r.librarianName = peer;
        r.storeId = 1;
        r.copyTime = QDateTime::currentDateTimeUtc();
        r.sender = QStringLiteral("us");
        auto id = files.insertRemoteInstance(r);
        return id ? *id : -1;
    }
    qint64 sending(const QString &name, TransferStatus status, const QString &peer = kPeer)
    {
        OutgoingTransfer t;
        t.status = status;
        t.destination = peer;
        t.fileName = name;
        t.transferChecksum = QStringLiteral("xxh3:::00112233445566778899aabbccddeeff");
        t.startTime = QDateTime::currentDateTimeUtc();
        auto id = outgoing.create(t);
        return id ? *id : -1;
    }
    QStringList candidateNames(int maxCount = 1000, qint64 maxBytes = std::numeric_limits<qint64>::max(),
                               qint64 since = 0)
    {
        auto c = outgoing.candidates(kPeer, QDateTime::fromMSecsSinceEpoch(since, Qt::UTC), maxCount, maxBytes,
                                     QStringLiteral("store"));
        if (!c)
            return {QStringLiteral("error: ") + c.error().reason};
        QStringList names;
        for (const auto &candidate : *c)
            names << candidate.file.name;
        return names;
    }
    // The range send_frontiers holds for the peer.
    std::pair<qint64, qint64> frontier()
    {
        auto q = SqlQuery::run(
            db, QStringLiteral("SELECT settled_from, settled_until FROM send_frontiers WHERE destination = ?"),
            {kPeer});
        if (!q || !q->next())
            return {-1, -1};
        return {q->value(0).toLongLong(), q->value(1).toLongLong()};
    }
};
} // namespace

void TestOutgoingTransfers::candidatePlanSeeksPerFile()
{
    // Many files, most at the peer, a few hundred in flight: the plan must take each file's
    // exclusions by seeks on its name, never a walk of every live transfer (or remote instance).
    Catalogue c;
    {
        Transaction txn(c.db);
        for (int i = 0; i < 2000; ++i) {
            const QString name = QStringLiteral("f%1").arg(i, 5, 10, QLatin1Char('0'));
            QVERIFY(c.addFile(name, kBase + i));
            if (i % 4 == 0)
                QVERIFY(c.sending(name, TransferStatus::Ongoing) >= 0);
            else if (i % 4 != 1)
                QVERIFY(c.atPeer(name) >= 0);
        }
        QVERIFY(txn.commit().ok());
    }
    const QStringList plan = queryPlan(c.db, OutgoingTransfers::candidateFilesSql(128), {kBase, kPeer, kPeer});
    qInfo().noquote() << plan.join(QLatin1Char('\n'));
    // Files in (create_time, name) order from the index: no sort, so the LIMIT ends the walk.
    QVERIFY2(planStep(plan, QStringLiteral("f")).contains(QLatin1String("files_create_time_name")),
             qPrintable(plan.join('\n')));
    QVERIFY2(!plan.join('\n').contains(QLatin1String("TEMP B-TREE")), qPrintable(plan.join('\n')));
    QVERIFY2(planStep(plan, QStringLiteral("r")).contains(QLatin1String("(librarian_name=? AND file_name=?)")),
             qPrintable(plan.join('\n')));
    QVERIFY2(
        planStep(plan, QStringLiteral("o")).contains(QLatin1String("(file_name=? AND destination=? AND status=?)")),
        qPrintable(plan.join('\n')));
    QVERIFY2(planStep(plan, QStringLiteral("i")).contains(QLatin1String("(file_name=?)")), qPrintable(plan.join('\n')));
    for (const QString &step : plan)
        QVERIFY2(!step.startsWith(QLatin1String("SCAN")), qPrintable(step));
    QCOMPARE(c.candidateNames(1000).size(), 500); // the i % 4 == 1 ones
}

void TestOutgoingTransfers::excludesFilesAtThePeerOrInFlight()
{
    Catalogue c;
    QVERIFY(c.addFile(QStringLiteral("old"), kBase - 1));
    QVERIFY(c.addFile(QStringLiteral("at-peer"), kBase + 1));
    QVERIFY(c.addFile(QStringLiteral("at-other-peer"), kBase + 2));
    QVERIFY(c.addFile(QStringLiteral("initiated"), kBase + 3));
    QVERIFY(c.addFile(QStringLiteral("ongoing"), kBase + 4));
    QVERIFY(c.addFile(QStringLiteral("staged"), kBase + 5));
    QVERIFY(c.addFile(QStringLiteral("failed"), kBase + 6));
    QVERIFY(c.addFile(QStringLiteral("to-other-peer"), kBase + 7));
    QVERIFY(c.addFile(QStringLiteral("unavailable"), kBase + 8, 10, -1, false));
    QVERIFY(c.addFile(QStringLiteral("plain"), kBase + 9));
    QVERIFY(c.atPeer(QStringLiteral("at-peer")) >= 0);
    QVERIFY(c.atPeer(QStringLiteral("at-other-peer"), QStringLiteral("other")) >= 0);
    QVERIFY(c.sending(QStringLiteral("initiated"), TransferStatus::Initiated) >= 0);
    QVERIFY(c.sending(QStringLiteral("ongoing"), TransferStatus::Ongoing) >= 0);
    QVERIFY(c.sending(QStringLiteral("staged"), TransferStatus::Staged) >= 0);
    QVERIFY(c.sending(QStringLiteral("failed"), TransferStatus::Failed) >= 0);
    QVERIFY(c.sending(QStringLiteral("failed"), TransferStatus::Cancelled) >= 0);
    QVERIFY(c.sending(QStringLiteral("to-other-peer"), TransferStatus::Ongoing, QStringLiteral("other")) >= 0);
    QCOMPARE(c.candidateNames(1000, std::numeric_limits<qint64>::max(), kBase),
             (QStringList{QStringLiteral("at-other-peer"), QStringLiteral("failed"), QStringLiteral("to-other-peer"),
                          QStringLiteral("plain")}));
    // The batch size counts files, oldest first.
    QCOMPARE(c.candidateNames(2, std::numeric_limits<qint64>::max(), kBase),
             (QStringList{QStringLiteral("at-other-peer"), QStringLiteral("failed")}));
}

void TestOutgoingTransfers::oneRowPerFileOnThePreferredStore()
{
    Catalogue c;
    const qint64 other = addStore(c.db, QStringLiteral("other"));
    const qint64 third = addStore(c.db, QStringLiteral("third"));
    // "b" and "a" share a create_time: the name breaks the tie.
    QVERIFY(c.addFile(QStringLiteral("b"), kBase, 10, other));
    const qint64 preferred = c.addInstance(QStringLiteral("b"), c.store);
    QVERIFY(c.addFile(QStringLiteral("a"), kBase, 10, third));
    const qint64 firstOther = c.addInstance(QStringLiteral("a"), other);
    QVERIFY(firstOther >= 0);
    QVERIFY(c.addInstance(QStringLiteral("c"), c.store) < 0); // no such file: the foreign key refuses it
    QVERIFY(c.addFile(QStringLiteral("c"), kBase + 1, 10, other, false));
    const qint64 onlyAvailable = c.addInstance(QStringLiteral("c"), third);
    QVERIFY(c.addInstance(QStringLiteral("c"), c.store, false) >= 0); // preferred, but unavailable

    auto found = c.outgoing.candidates(kPeer, QDateTime::fromMSecsSinceEpoch(0, Qt::UTC), 10,
                                       std::numeric_limits<qint64>::max(), QStringLiteral("store"));
    QVERIFY(found.ok());
    QCOMPARE(found->size(), 3);
    QCOMPARE(found->at(0).file.name, QStringLiteral("a"));
    QCOMPARE(found->at(0).storeId, third); // no instance on "store": the first available one
    QCOMPARE(found->at(1).file.name, QStringLiteral("b"));
    QCOMPARE(found->at(1).instanceId, preferred);
    QCOMPARE(found->at(1).storeId, c.store);
    QCOMPARE(found->at(1).path, QStringLiteral("/t/%1/b").arg(c.store));
    QCOMPARE(found->at(1).file.size, 10);
    QCOMPARE(found->at(1).file.uploader, QStringLiteral("alice"));
    QCOMPARE(found->at(1).file.createTime, QDateTime::fromMSecsSinceEpoch(kBase, Qt::UTC));
    QCOMPARE(found->at(2).file.name, QStringLiteral("c"));
    QCOMPARE(found->at(2).instanceId, onlyAvailable);
}

void TestOutgoingTransfers::byteCapKeepsAtLeastOneFile()
{
    Catalogue c;
    QVERIFY(c.addFile(QStringLiteral("f1"), kBase + 1, 100));
    QVERIFY(c.addFile(QStringLiteral("f2"), kBase + 2, 200));
    QVERIFY(c.addFile(QStringLiteral("f3"), kBase + 3, 300));
    QVERIFY(c.addFile(QStringLiteral("f4"), kBase + 4, 1));
    QCOMPARE(c.candidateNames(10, 300), (QStringList{QStringLiteral("f1"), QStringLiteral("f2")}));
    QCOMPARE(c.candidateNames(10, 299), (QStringList{QStringLiteral("f1")}));
    QCOMPARE(c.candidateNames(10, 1), (QStringList{QStringLiteral("f1")})); // bigger than the cap, still sent
    QCOMPARE(c.candidateNames(10, 0), (QStringList{QStringLiteral("f1")}));
    // It stops at the first file that does not fit, so the order stays oldest first.
    QCOMPARE(c.candidateNames(10, 400), (QStringList{QStringLiteral("f1"), QStringLiteral("f2")}));
    QCOMPARE(c.candidateNames(2, 10'000), (QStringList{QStringLiteral("f1"), QStringLiteral("f2")}));
    QCOMPARE(c.candidateNames(10, 601).size(), 4);
    QCOMPARE(
        c.outgoing.candidates(kPeer, QDateTime::fromMSecsSinceEpoch(0, Qt::UTC), 10, QStringLiteral("store"))->size(),
        4);
}

void TestOutgoingTransfers::idleRunSettlesEverything()
{
    Catalogue c;
    for (int i = 0; i < 50; ++i) {
        QVERIFY(c.addFile(QStringLiteral("f%1").arg(i), kBase + i));
        QVERIFY(c.atPeer(QStringLiteral("f%1").arg(i)) >= 0);
    }
    QVERIFY(c.candidateNames().isEmpty());
    // Everything seen, nothing to send: the next run starts past the newest file.
    QCOMPARE(c.frontier(), std::make_pair(qint64(0), kBase + 50));
    QVERIFY(c.candidateNames().isEmpty());
    // A new file comes after the range: found without widening anything first.
    QVERIFY(c.addFile(QStringLiteral("new"), kBase + 100));
    QCOMPARE(c.frontier(), std::make_pair(qint64(0), kBase + 50));
    QCOMPARE(c.candidateNames(), QStringList{QStringLiteral("new")});
    // The range ends at the first candidate: it may not be sent, so it is looked at again.
    QCOMPARE(c.frontier(), std::make_pair(qint64(0), kBase + 100));
    QCOMPARE(c.candidateNames(), QStringList{QStringLiteral("new")});
    // A later `since` inside the range keeps it; one before the range starts over from there.
    QCOMPARE(c.candidateNames(1000, std::numeric_limits<qint64>::max(), kBase + 10),
             QStringList{QStringLiteral("new")});
    QCOMPARE(c.frontier(), std::make_pair(qint64(0), kBase + 100));
    QVERIFY(c.sending(QStringLiteral("new"), TransferStatus::Initiated) >= 0);
    QVERIFY(c.candidateNames(1000, std::numeric_limits<qint64>::max(), kBase + 60).isEmpty());
    QCOMPARE(c.frontier(), std::make_pair(qint64(0), kBase + 101));
}

void TestOutgoingTransfers::settledFilesComeBackWhenTheyChange_data()
{
    QTest::addColumn<QString>("change");
    QTest::newRow("remote instance removed") << "remote removed";
    QTest::newRow("live transfer failed") << "transfer failed";
    QTest::newRow("live transfer deleted") << "transfer deleted";
    QTest::newRow("instance became available") << "instance available";
    QTest::newRow("available instance added") << "instance added";
    QTest::newRow("old file arrived") << "old file";
}

void TestOutgoingTransfers::settledFilesComeBackWhenTheyChange()
{
    // Whatever code makes a settled file a candidate again, the triggers make the next run see it.
    QFETCH(QString, change);
    Catalogue c;
    qint64 remote = -1, transfer = -1, unavailable = -1;
    for (int i = 0; i < 20; ++i) {
        const QString name = QStringLiteral("f%1").arg(i, 2, 10, QLatin1Char('0'));
        if (i == 7) {
            QVERIFY(c.addFile(name, kBase + i, 10, -1, false));
            unavailable = c.files.instancesOf(name)->first().id;
            continue;
        }
        QVERIFY(c.addFile(name, kBase + i));
        if (i == 5)
            transfer = c.sending(name, TransferStatus::Staged);
        else if (i == 3)
            remote = c.atPeer(name);
        else
            QVERIFY(c.atPeer(name) >= 0);
    }
    QVERIFY(c.candidateNames().isEmpty());
    QCOMPARE(c.frontier().second, kBase + 20);

    QString expected;
    if (change == QLatin1String("remote removed")) {
        QVERIFY(c.files.removeRemoteInstance(remote).ok());
        expected = QStringLiteral("f03");
    } else if (change == QLatin1String("transfer failed")) {
        auto t = c.outgoing.find(transfer);
        t->status = TransferStatus::Failed;
        QVERIFY(c.outgoing.update(*t).ok());
        expected = QStringLiteral("f05");
    } else if (change == QLatin1String("transfer deleted")) {
        QVERIFY(SqlQuery::run(c.db, QStringLiteral("DELETE FROM outgoing_transfers WHERE id = ?"), {transfer}).ok());
        expected = QStringLiteral("f05");
    } else if (change == QLatin1String("instance available")) {
        QVERIFY(c.files.setInstanceAvailable(unavailable, true).ok());
        expected = QStringLiteral("f07");
    } else if (change == QLatin1String("instance added")) {
        QVERIFY(c.addInstance(QStringLiteral("f07"), c.store) >= 0);
        expected = QStringLiteral("f07");
    } else {
        QVERIFY(c.addFile(QStringLiteral("f10b"), kBase + 10));
        expected = QStringLiteral("f10b");
    }
    QCOMPARE(c.candidateNames(), QStringList{expected});
}

void TestOutgoingTransfers::changeDuringARunShortensTheRange()
{
    // A change that lands between a run's scan and its write must not be covered by the range.
    Catalogue c;
    for (int i = 0; i < 10; ++i) {
        QVERIFY(c.addFile(QStringLiteral("f%1").arg(i), kBase + i));
        QVERIFY(c.atPeer(QStringLiteral("f%1").arg(i)) >= 0);
    }
    auto f4 = SqlQuery::run(c.db, QStringLiteral("SELECT id FROM remote_instances WHERE file_name = 'f4'"));
    QVERIFY(f4 && f4->next());
    const qint64 f4Remote = f4->value(0).toLongLong();
    f4->finish();
    SendFrontier run(c.db, kPeer);
    QCOMPARE(*run.begin(0), qint64(0));
    QVERIFY(c.files.removeRemoteInstance(f4Remote).ok()); // the scan (not run here) may have missed this
    QVERIFY(run.settle(kBase + 10).ok());
    QCOMPARE(c.frontier(), std::make_pair(qint64(0), kBase + 4));
    QCOMPARE(c.candidateNames(), QStringList{QStringLiteral("f4")});

    // Two runs for one peer: only the one that began last writes.
    SendFrontier first(c.db, kPeer), second(c.db, kPeer);
    QVERIFY(first.begin(0).ok());
    QVERIFY(second.begin(0).ok());
    QVERIFY(first.settle(kBase + 9).ok());
    QCOMPARE(c.frontier(), std::make_pair(qint64(0), kBase + 4));
    QVERIFY(second.settle(kBase + 6).ok());
    QCOMPARE(c.frontier(), std::make_pair(qint64(0), kBase + 6));
}

// check_consumed_queue decides STAGED on the row it read before asking the destination; the
// destination's callback may have made it COMPLETED meanwhile, and that must stay.
void TestOutgoingTransfers::aConditionalUpdateLeavesARowThatMovedOn()
{
    Catalogue c;
    QVERIFY(c.addFile(QStringLiteral("f"), kBase) && c.addFile(QStringLiteral("g"), kBase));
    const qint64 id = c.sending(QStringLiteral("f"), TransferStatus::Ongoing);
    QVERIFY(id > 0);
    auto readBefore = c.outgoing.find(id);
    QVERIFY(readBefore);
    auto completed = *readBefore;
    completed.status = TransferStatus::Completed;
    QVERIFY(c.outgoing.update(completed));

    auto staged = *readBefore;
    staged.status = TransferStatus::Staged;
    auto written = c.outgoing.updateIfStatus(staged, TransferStatus::Ongoing);
    QVERIFY(written);
    QVERIFY(!*written);
    QCOMPARE(c.outgoing.find(id)->status, TransferStatus::Completed);

    const qint64 other = c.sending(QStringLiteral("g"), TransferStatus::Ongoing);
    auto still = *c.outgoing.find(other);
    still.status = TransferStatus::Staged;
    written = c.outgoing.updateIfStatus(still, TransferStatus::Ongoing);
    QVERIFY(written && *written);
    QCOMPARE(c.outgoing.find(other)->status, TransferStatus::Staged);
}

// 45 rows (groups of 32, 8, 4, 1): created with their ids in order, rewritten each with its own
// values, and moved only where their status allows.
void TestOutgoingTransfers::batchWritesGiveEachRowItsOwnValues()
{
    Catalogue c;
    QList<OutgoingTransfer> batch;
    for (int k = 0; k < 45; ++k) {
        const QString name = QStringLiteral("batch/f%1").arg(k);
        QVERIFY(c.addFile(name, kBase + k));
        OutgoingTransfer t;
        t.status = TransferStatus::Initiated;
        t.destination = kPeer;
        t.fileName = name;
        t.transferSize = k;
        t.transferChecksum = QStringLiteral("xxh3:::00112233445566778899aabbccddeeff");
        t.startTime = QDateTime::currentDateTimeUtc();
        batch << t;
    }
    auto ids = c.outgoing.createAll(batch);
    QVERIFY(ids);
    for (int k = 0; k < 45; ++k) {
        batch[k].id = ids->at(k);
        QCOMPARE(c.outgoing.find(batch[k].id)->fileName, batch[k].fileName);
        batch[k].status = TransferStatus::Ongoing;
        batch[k].remoteTransferId = 1000 + k;
        batch[k].dataPath = QStringLiteral("/data/%1").arg(1000 + k);
        batch[k].dataPort = 4000;
    }
    batch[7].status = TransferStatus::Failed;
    batch[7].error = QStringLiteral("refused");
    auto written = c.outgoing.updateAll(batch);
    QVERIFY(written);
    QCOMPARE(written->size(), 45);
    for (int k = 0; k < 45; ++k) {
        const auto row = c.outgoing.find(batch[k].id);
        QCOMPARE(row->remoteTransferId, qint64(1000 + k));
        QCOMPARE(row->dataPath, batch[k].dataPath);
        QCOMPARE(row->transferSize, qint64(k));
        QCOMPARE(row->instanceId, qint64(-1)); // NULL stays NULL
        QCOMPARE(row->status, k == 7 ? TransferStatus::Failed : TransferStatus::Ongoing);
    }
    QCOMPARE(c.outgoing.find(batch[7].id)->error, QStringLiteral("refused"));
    // Only rows still ONGOING are written or moved.
    batch[3].status = TransferStatus::Completed;
    written = c.outgoing.updateAll({batch[3], batch[7]}, TransferStatus::Ongoing);
    QVERIFY(written);
    QCOMPARE(*written, QSet<qint64>{batch[3].id});
    QList<qint64> all;
    for (const OutgoingTransfer &t : batch)
        all << t.id;
    const QDateTime end = QDateTime::fromMSecsSinceEpoch(kBase + 99, Qt::UTC);
    auto moved = c.outgoing.moveStatus(all, TransferStatus::Staged, {TransferStatus::Ongoing}, end);
    QVERIFY(moved);
    QCOMPARE(moved->size(), 43);
    QVERIFY(!moved->contains(batch[3].id) && !moved->contains(batch[7].id));
    QCOMPARE(c.outgoing.find(batch[0].id)->endTime, end);
    auto found = c.outgoing.findAll(all + QList<qint64>{999999});
    QVERIFY(found);
    QCOMPARE(found->size(), 45);
    QCOMPARE(found->value(batch[3].id).status, TransferStatus::Completed);
}

QTEST_GUILESS_MAIN(TestOutgoingTransfers)
#include "tst_outgoingtransfers.moc"
