#include "TempCatalogue.h"
#include "db/IncomingTransfers.h"

#include <QUuid>

using namespace librarian;

// The owed-callback bookkeeping of incoming_transfers (receive_clone's retries).
class TestIncomingTransfers : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void owedCallbackIsDueOnlyOnceSettled();
    void postponedCallbackFallsDueAtItsTime();
    void settledCallbackIsNoLongerOwed();
    void callbacksAreOwedAndAnsweredInGroups();
    void moveStatusMovesOnlyTheAllowedOnes();
    void createAllGivesEachTransferItsOwnId();
};

namespace {
qint64 addClone(IncomingTransfers &incoming, const QString &name, TransferStatus status)
{
    IncomingTransfer t;
    t.status = status;
    t.uploader = QStringLiteral("admin");
    t.source = QStringLiteral("source_librarian");
    t.transferSize = 10;
    t.transferChecksum = QStringLiteral("xxh3-128:00");
    t.uploadName = name;
    t.storePath = name;
    t.startTime = QDateTime::currentDateTimeUtc();
    t.sourceTransferId = 7;
    auto id = incoming.create(t);
    return id ? *id : -1;
}

void settle(IncomingTransfers &incoming, qint64 id, TransferStatus status)
{
    auto t = incoming.find(id);
    QVERIFY(t.ok());
    t->status = status;
    QVERIFY(incoming.update(*t).ok());
}
} // namespace

void TestIncomingTransfers::owedCallbackIsDueOnlyOnceSettled()
{
    TempCatalogue catalogue;
    IncomingTransfers incoming(catalogue.connection());
    const qint64 id = addClone(incoming, QStringLiteral("a"), TransferStatus::Staged);
    QVERIFY(incoming.oweCallback(id).ok());
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QVERIFY(incoming.dueCallbacks(now, 10)->isEmpty()); // still STAGED: nothing to say yet
    QVERIFY(!incoming.nextCallbackTime()->isValid());
    settle(incoming, id, TransferStatus::Completed);
    auto due = incoming.dueCallbacks(now, 10);
    QVERIFY(due.ok());
    QCOMPARE(due->size(), 1);
    QCOMPARE(due->first().transfer.id, id);
    QCOMPARE(due->first().transfer.status, TransferStatus::Completed);
    QCOMPARE(due->first().attempts, 0);
    QVERIFY(*incoming.nextCallbackTime() <= now);
}

void TestIncomingTransfers::postponedCallbackFallsDueAtItsTime()
{
    TempCatalogue catalogue;
    IncomingTransfers incoming(catalogue.connection());
    const qint64 id = addClone(incoming, QStringLiteral("a"), TransferStatus::Staged);
    QVERIFY(incoming.oweCallback(id).ok());
    settle(incoming, id, TransferStatus::Failed);
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const QDateTime next = now.addSecs(5);
    QVERIFY(incoming.postponeCallback(id, 2, next).ok());
    QVERIFY(incoming.dueCallbacks(now, 10)->isEmpty());
    QCOMPARE(incoming.nextCallbackTime()->toMSecsSinceEpoch(), next.toMSecsSinceEpoch());
    auto due = incoming.dueCallbacks(next, 10);
    QCOMPARE(due->size(), 1);
    QCOMPARE(due->first().attempts, 2);
    QCOMPARE(due->first().nextTime.toMSecsSinceEpoch(), next.toMSecsSinceEpoch());
    // Owing again (a clone received again) starts the count over.
    QVERIFY(incoming.oweCallback(id).ok());
    QCOMPARE(incoming.dueCallbacks(now, 10)->first().attempts, 0);
}

void TestIncomingTransfers::settledCallbackIsNoLongerOwed()
{
    TempCatalogue catalogue;
    IncomingTransfers incoming(catalogue.connection());
    const qint64 a = addClone(incoming, QStringLiteral("a"), TransferStatus::Completed);
    const qint64 b = addClone(incoming, QStringLiteral("b"), TransferStatus::Completed);
    const qint64 never = addClone(incoming, QStringLiteral("c"), TransferStatus::Completed);
    QVERIFY(incoming.oweCallback(a).ok() && incoming.oweCallback(b).ok());
    QVERIFY(incoming.settleCallback(a).ok());
    auto due = incoming.dueCallbacks(QDateTime::currentDateTimeUtc(), 10);
    QCOMPARE(due->size(), 1);
    QCOMPARE(due->first().transfer.id, b);
    QVERIFY(never > 0);
    QVERIFY(incoming.settleCallback(b).ok());
    QVERIFY(!incoming.nextCallbackTime()->isValid());
}

void TestIncomingTransfers::callbacksAreOwedAndAnsweredInGroups()
{
    TempCatalogue catalogue;
    IncomingTransfers incoming(catalogue.connection());
    QList<qint64> ids;
    for (int i = 0; i < 4; ++i)
        ids.append(addClone(incoming, QStringLiteral("g%1").arg(i), TransferStatus::Staged));
    QVERIFY(incoming.oweCallbacks(ids).ok());
    for (qint64 id : ids)
        settle(incoming, id, TransferStatus::Completed);
    const QDateTime now = QDateTime::currentDateTimeUtc();
    auto due = incoming.dueCallbacks(now, 10);
    QCOMPARE(due->size(), 4);
    // Two answered, one to try again later with its second failure, one left alone.
    OwedCallback later = due->at(2);
    later.attempts = 2;
    later.nextTime = now.addSecs(60);
    QVERIFY(incoming.answerCallbacks({ids[0], ids[1]}, {later}).ok());
    due = incoming.dueCallbacks(now, 10);
    QCOMPARE(due->size(), 1);
    QCOMPARE(due->first().transfer.id, ids[3]);
    due = incoming.dueCallbacks(now.addSecs(61), 10);
    QCOMPARE(due->size(), 2);
    QCOMPARE(due->last().transfer.id, ids[2]);
    QCOMPARE(due->last().attempts, 2);
}

// More ids than one statement takes: the ones in an allowed status move, the others stay, and the
// answer says which moved. An end time is written only when given.
void TestIncomingTransfers::moveStatusMovesOnlyTheAllowedOnes()
{
    TempCatalogue catalogue;
    IncomingTransfers incoming(catalogue.connection());
    QList<qint64> ids;
    QSet<qint64> live;
    for (int k = 0; k < 100; ++k) {
        const bool failed = k % 7 == 0;
        ids.append(addClone(incoming, QStringLiteral("f%1").arg(k), failed ? TransferStatus::Failed : TransferStatus::Ongoing));
        if (!failed)
            live.insert(ids.last());
    }
    const QList<TransferStatus> from{TransferStatus::Initiated, TransferStatus::Ongoing};
    auto moved = incoming.moveStatus(ids, TransferStatus::Staged, from);
    QVERIFY(moved.ok());
    QCOMPARE(*moved, live);
    QVERIFY(!incoming.find(ids[1])->endTime.isValid());
    QCOMPARE(incoming.find(ids[0])->status, TransferStatus::Failed);
    QCOMPARE(incoming.find(ids[1])->status, TransferStatus::Staged);
    QVERIFY(incoming.moveStatus(ids, TransferStatus::Staged, from)->isEmpty()); // none is ONGOING now

    const QDateTime end = QDateTime::fromMSecsSinceEpoch(1'700'000'000'000, Qt::UTC);
    auto completed = incoming.moveStatus({ids[1], ids[2]}, TransferStatus::Completed, {TransferStatus::Staged}, end);
    QVERIFY(completed.ok());
    QCOMPARE(completed->size(), 2);
    QCOMPARE(incoming.find(ids[2])->status, TransferStatus::Completed);
    QCOMPARE(incoming.find(ids[2])->endTime, end);
}

// 45 rows go as groups of 32, 8, 4 and 1: the ids come back in the order of the transfers, each
// naming its own row.
void TestIncomingTransfers::createAllGivesEachTransferItsOwnId()
{
    TempCatalogue c;
    IncomingTransfers incoming(c.connection());
    QList<IncomingTransfer> transfers;
    for (int k = 0; k < 45; ++k) {
        IncomingTransfer t;
        t.status = TransferStatus::Initiated;
        t.source = QStringLiteral("alice");
        t.uploader = QStringLiteral("alice");
        t.transferChecksum = QStringLiteral("xxh3-128:00");
        t.transferSize = k;
        t.uploadName = QStringLiteral("f%1").arg(k);
        t.storePath = QStringLiteral("batch/f%1").arg(k);
        t.stagingName = QStringLiteral("%1-f%2").arg(QUuid::createUuid().toString(QUuid::WithoutBraces)).arg(k);
        t.startTime = QDateTime::currentDateTimeUtc();
        transfers << t;
    }
    const auto ids = incoming.createAll(transfers);
    QVERIFY2(ids.ok(), qPrintable(ids.ok() ? QString() : ids.error().reason));
    QCOMPARE(ids->size(), transfers.size());
    for (int k = 0; k < 45; ++k) {
        const auto row = incoming.find(ids->at(k));
        QVERIFY(row.ok());
        QCOMPARE(row->stagingName, transfers[k].stagingName);
        QCOMPARE(row->transferSize, qint64(k));
    }
}

QTEST_GUILESS_MAIN(TestIncomingTransfers)
#include "tst_incomingtransfers.moc"
