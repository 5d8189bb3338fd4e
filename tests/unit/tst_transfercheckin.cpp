#include "TempCatalogue.h"
#include "crypto/Hasher.h"
#include "db/IncomingTransfers.h"
#include "db/StoreRegistry.h"
#include "storage/LocalStore.h"
#include "transfers/TransferCheckin.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTest>

using namespace librarian;

// /checkin/update for a batch of incoming transfers: each one checked and answered on its own,
// the accepted moves written together.
class TestTransferCheckin : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void batchToStagedAnswersEachOnItsOwn();
    void moveWrittenOnlyWhereStillAllowed();

private:
    // A transfer from `source` staged on the store, with `arrived` of its `bytes` in staging.
    IncomingTransfer stage(const QString &name, const QString &source, const QByteArray &bytes, qint64 arrived,
                           const QByteArray &claimed = {});
    TransferStatus statusOf(qint64 id);

    std::unique_ptr<TempCatalogue> m_catalogue;
    Store m_store;
};

void TestTransferCheckin::init()
{
    m_catalogue = std::make_unique<TempCatalogue>();
    m_store = Store{};
    m_store.name = QStringLiteral("dest");
    m_store.ingestable = true;
    m_store.stagingPath = m_catalogue->dir.filePath(QStringLiteral("dest/staging"));
    m_store.storePath = m_catalogue->dir.filePath(QStringLiteral("dest/store"));
    QVERIFY(QDir().mkpath(m_store.stagingPath) && QDir().mkpath(m_store.storePath));
    m_store = *StoreRegistry(m_catalogue->connection()).upsert(m_store);
}

void TestTransferCheckin::cleanup()
{
    m_catalogue.reset();
}

IncomingTransfer TestTransferCheckin::stage(const QString &name, const QString &source, const QByteArray &bytes,
                                            qint64 arrived, const QByteArray &claimed)
{
    auto area = LocalStore(m_store).stage(bytes.size(), name);
    if (!area)
        qFatal("staging failed: %s", qPrintable(area.error().reason));
    QFile f(area->stagingLocation);
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes.left(arrived)) != arrived)
        qFatal("cannot write %s", qPrintable(area->stagingLocation));
    f.close();
    Hasher hasher(ChecksumAlgorithm::Xxh3);
    hasher.addData(claimed.isEmpty() ? bytes : claimed);
    IncomingTransfer t;
    t.status = TransferStatus::Ongoing;
    t.uploader = source;
    t.uploadName = name;
    t.source = source;
    t.transferSize = bytes.size();
    t.transferChecksum = hasher.result().toString();
    t.storeId = m_store.id;
    t.stagingName = area->stagingName;
    t.storePath = name;
    t.transferMethod = QStringLiteral("http");
    t.startTime = QDateTime::currentDateTimeUtc();
    t.sourceTransferId = 1;
    auto id = IncomingTransfers(m_catalogue->connection()).create(t);
    if (!id)
        qFatal("cannot create the transfer: %s", qPrintable(id.error().reason));
    t.id = *id;
    return t;
}

TransferStatus TestTransferCheckin::statusOf(qint64 id)
{
    return IncomingTransfers(m_catalogue->connection()).find(id)->status;
}

void TestTransferCheckin::batchToStagedAnswersEachOnItsOwn()
{
    const QByteArray bytes(4096, 'b');
    const IncomingTransfer good1 = stage(QStringLiteral("a/good1"), QStringLiteral("peer"), bytes, bytes.size());
    const IncomingTransfer shortOne = stage(QStringLiteral("a/short"), QStringLiteral("peer"), bytes, 100);
    const IncomingTransfer theirs = stage(QStringLiteral("a/theirs"), QStringLiteral("other"), bytes, bytes.size());
    const IncomingTransfer damaged =
        stage(QStringLiteral("a/damaged"), QStringLiteral("peer"), bytes, bytes.size(), QByteArray(4096, 'x'));
    const IncomingTransfer good2 = stage(QStringLiteral("a/good2"), QStringLiteral("peer"), bytes, bytes.size());

    CheckinUpdateRequest request;
    request.newStatus = TransferStatus::Staged;
    request.destinationTransferIds = {good1.id, shortOne.id, 424242, theirs.id, damaged.id, good2.id};
    TransferCheckin checkin(*m_catalogue->database, QStringLiteral("us"));
    const CheckinUpdateResponse answer = checkin.update(request, QStringLiteral("peer"), false);

    QCOMPARE(answer.modifiedDestinationTransferIds, (QList<qint64>{good1.id, good2.id}));
    QCOMPARE(answer.unmodifiedDestinationTransferIds, (QList<qint64>{shortOne.id, 424242, theirs.id, damaged.id}));
    QCOMPARE(answer.reasons.size(), 4);
    QVERIFY2(answer.reasons[0].contains("100 of 4096"), qPrintable(answer.reasons[0]));
    QVERIFY2(answer.reasons[3].contains("Checksum mismatch"), qPrintable(answer.reasons[3]));
    QCOMPARE(statusOf(good1.id), TransferStatus::Staged);
    QCOMPARE(statusOf(good2.id), TransferStatus::Staged);
    QCOMPARE(statusOf(shortOne.id), TransferStatus::Ongoing); // resumable: left as it was
    QCOMPARE(statusOf(theirs.id), TransferStatus::Ongoing);   // another peer's: untouched
    QCOMPARE(statusOf(damaged.id), TransferStatus::Failed);   // sent again by the source
    QVERIFY(!QFileInfo::exists(*LocalStore(m_store).stagedPath(damaged.stagingName, damaged.uploadName)));

    // STAGED twice is a transition the lifecycle forbids: refused, nothing written.
    request.destinationTransferIds = {good1.id};
    const CheckinUpdateResponse again = checkin.update(request, QStringLiteral("peer"), false);
    QVERIFY(again.modifiedDestinationTransferIds.isEmpty());
    QCOMPARE(again.unmodifiedDestinationTransferIds, (QList<qint64>{good1.id}));
    QCOMPARE(statusOf(good1.id), TransferStatus::Staged);
}

void TestTransferCheckin::moveWrittenOnlyWhereStillAllowed()
{
    const QByteArray bytes(64, 'c');
    IncomingTransfer t = stage(QStringLiteral("b/one"), QStringLiteral("peer"), bytes, bytes.size());
    IncomingTransfers transfers(m_catalogue->connection());
    IncomingTransfer moved = t;
    moved.status = TransferStatus::Staged;
    QCOMPARE(*transfers.updateIfStatusIn(moved, {TransferStatus::Initiated}), false); // it is ONGOING
    QCOMPARE(statusOf(t.id), TransferStatus::Ongoing);
    QCOMPARE(*transfers.updateIfStatusIn(moved, {TransferStatus::Initiated, TransferStatus::Ongoing}), true);
    QCOMPARE(statusOf(t.id), TransferStatus::Staged);

    // Read INITIATED, marked ONGOING by the data plane before the move is written: still STAGED.
    IncomingTransfer initiated = stage(QStringLiteral("b/two"), QStringLiteral("peer"), bytes, bytes.size());
    initiated.status = TransferStatus::Initiated;
    QVERIFY(transfers.update(initiated));
    QVERIFY(transfers.markOngoing({initiated.id}));
    TransferCheckin checkin(*m_catalogue->database, QStringLiteral("us"));
    QVERIFY(checkin.moveIncoming(initiated.id, TransferStatus::Staged, QStringLiteral("peer"), false));
    QCOMPARE(statusOf(initiated.id), TransferStatus::Staged);
}

QTEST_GUILESS_MAIN(TestTransferCheckin)
#include "tst_transfercheckin.moc"
