#include "ConsumeQueue.h"

#include "concurrency/OffLoop.h"
#include "client/BatchSender.h"
#include "client/LibrarianClient.h"
#include "db/OutgoingTransfers.h"
#include "db/Peers.h"
#include "db/SqlQuery.h"
#include "model/Routes.h"
#include "model/messages/CloneMessages.h"
#include "transfers/LocalCopy.h"


#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcTasks)

namespace librarian {

namespace {
constexpr qint64 kSendWithoutAskingBytes = 4 * 1024 * 1024;
} // namespace

void ConsumeQueue::run()
{
    m_sentFiles = 0;
    m_consumedItems = 0;
    auto db = context().database->connection();
    if (!db)
        return finish(db.error().reason);
    auto items = OutgoingTransfers(*db).pendingQueueItems(false);
    if (!items)
        return finish(items.error().reason);
    m_items = *items;
    nextItem();
}

void ConsumeQueue::nextItem()
{
    if (m_client) {
        m_client->deleteLater();
        m_client = nullptr;
    }
    if (m_items.isEmpty() || softTimedOut())
        return finish(tr("%n batch(es) sent, %1 file(s)", nullptr, m_consumedItems).arg(m_sentFiles), m_consumedItems == 0);
    m_item = m_items.takeFirst();
    auto db = context().database->connection();
    if (!db)
        return finish(db.error().reason);
    auto peer = Peers(*db).find(m_item.destination);
    if (!peer)
        return nextItem();
    auto transfers = OutgoingTransfers(*db).inQueue(m_item.id);
    if (!transfers)
        return finish(transfers.error().reason);
    m_transfers.clear();
    for (const OutgoingTransfer &t : *transfers)
        if (t.status == TransferStatus::Ongoing)
            m_transfers.append(t);
    auto client = peerClient(*peer);
    if (!client)
        return itemFailed(client.error());
    m_client = *client;
    sendNext(0);
}

void ConsumeQueue::sendNext(int index)
{
    // `local` copies first, one after another as ever; then the rest over the data plane.
    while (index < m_transfers.size() && m_transfers[index].transferMethod != QLatin1String("local"))
        ++index;
    if (index == m_transfers.size())
        return sendOverDataPlane();
    const OutgoingTransfer &t = m_transfers[index];
    // Off the task thread: the other tasks' timers keep running while a large file copies.
    runOffLoop(
        this, [t] { return copyIntoStaging(t.sourcePath, t.destPath, t.transferSize); },
        [this, index](const Status &result) {
            if (!result)
                return itemFailed(result.error());
            ++m_sentFiles;
            sendNext(index + 1);
        });
}

void ConsumeQueue::sendOverDataPlane()
{
    QList<BatchSender::File> files;
    for (const OutgoingTransfer &t : std::as_const(m_transfers)) {
        if (t.transferMethod == QLatin1String("local"))
            continue;
        BatchSender::File file;
        file.localPath = t.sourcePath;
        file.size = t.transferSize;
        file.target = HttpDataTarget{t.dataPort, t.dataPath, t.dataChunkBytes > 0 ? t.dataChunkBytes : 16LL * 1024 * 1024};
        if (const auto checksum = Checksum::parse(t.transferChecksum))
            file.checksum = *checksum;
        // A batch on its first attempt was staged empty: its small files go without asking first. A
        // big file asks, so a sender restarted mid-file resumes rather than sending it all again.
        file.knownHeld = m_item.retries == 0 && t.transferSize <= kSendWithoutAskingBytes ? 0 : -1;
        files.append(file);
    }
    if (files.isEmpty())
        return itemSent();
    auto *sender = new BatchSender(m_client, files, this);
    connect(sender, &BatchSender::fileSent, this, [this] { ++m_sentFiles; });
    connect(sender, &BatchSender::finished, this, [this, sender, dataPort = files.first().target.dataPort](const Status &result) {
        sender->deleteLater();
        qCDebug(lcTasks) << definition().name << "batch" << m_item.id << "to" << m_item.destination << "went"
                         << sender->peakInFlight() << "file(s) at a time over"
                         << m_client->dataConnectionsOpened(dataPort) << "data-plane connection(s)";
        if (!result)
            return itemFailed(result.error());
        itemSent();
    });
    sender->start();
}

void ConsumeQueue::itemSent()
{
    auto db = context().database->connection();
    if (!db)
        return finish(db.error().reason);
    m_item.consumed = true;
    m_item.consumedTime = QDateTime::currentDateTimeUtc();
    if (auto s = OutgoingTransfers(*db).updateQueueItem(m_item); !s)
        return finish(s.error().reason);
    ++m_consumedItems;
    // Sent: the peer can be told they are staged, and there is room for the next batch.
    wakeTasks(QStringLiteral("check_consumed_queue"));
    wakeTasks(QStringLiteral("send_clone"));
    nextItem();
}

void ConsumeQueue::itemFailed(const ApiError &error)
{
    auto db = context().database->connection();
    if (!db)
        return finish(db.error().reason);
    OutgoingTransfers outgoing(*db);
    m_item.retries += 1;
    qCWarning(lcTasks).noquote() << definition().name << "batch" << m_item.id << "to" << m_item.destination
                                 << "failed (attempt" << m_item.retries << "):" << error.reason;
    if (m_item.retries <= context().maxSendRetries) {
        check(outgoing.updateQueueItem(m_item), tr("Updating send-queue item %1").arg(m_item.id));
        return nextItem();
    }
    // Give up on this batch on both sides; send_clone will pick its files again.
    Transaction txn(*db);
    m_item.completed = m_item.failed = true;
    m_item.completedTime = QDateTime::currentDateTimeUtc();
    check(outgoing.updateQueueItem(m_item), tr("Updating send-queue item %1").arg(m_item.id));
    CheckinUpdateRequest failRemote;
    failRemote.newStatus = TransferStatus::Failed;
    for (OutgoingTransfer t : m_transfers) {
        t.status = TransferStatus::Failed;
        t.endTime = m_item.completedTime;
        t.error = tr("Sending failed %1 times: %2").arg(m_item.retries).arg(error.reason);
        check(outgoing.update(t), tr("Updating outgoing transfer %1").arg(t.id));
        failRemote.destinationTransferIds << t.remoteTransferId;
    }
    check(txn.commit(), tr("Committing the transfer states"));
    recordError(QStringLiteral("transfer"), tr("Batch %1 of %n file(s) to %2 failed after %3 attempts: %4", nullptr,
                                               int(m_transfers.size()))
                                                .arg(m_item.id)
                                                .arg(m_item.destination)
                                                .arg(m_item.retries)
                                                .arg(error.reason));
    if (m_client)
        m_client->post(routes::kCheckinUpdate, failRemote.toJson(), [](Result<QJsonValue>) {});
    nextItem();
}

} // namespace librarian
