#include "SendClone.h"

#include "client/LibrarianClient.h"
#include "db/OutgoingTransfers.h"
#include "db/Peers.h"
#include "db/SqlQuery.h"
#include "model/Routes.h"
#include "model/messages/CloneMessages.h"

#include <QFileInfo>
#include <numeric>

namespace librarian {

namespace {
// Batches staged at a peer but not yet sent: enough to keep consume_queue busy, few enough that a
// peer going away leaves little to fail.
constexpr int kBatchesAhead = 2;
constexpr qint64 kDefaultBatchBytes = 1LL << 30;

int unconsumedBatches(OutgoingTransfers &outgoing, const QString &destination)
{
    auto items = outgoing.pendingQueueItems(false);
    if (!items)
        return kBatchesAhead; // cannot tell: leave it to the timer
    return int(std::count_if(items->cbegin(), items->cend(),
                             [&destination](const SendQueueItem &item) { return item.destination == destination; }));
}
} // namespace

void SendClone::run()
{
    const QString destination = definition().fields.value(QStringLiteral("destination_librarian")).toString();
    const double ageDays = definition().fields.value(QStringLiteral("age_in_days")).toDouble(7);
    const int batchSize = definition().fields.value(QStringLiteral("send_batch_size")).toInt(128);
    // Bytes too: a batch of big files is sent and confirmed before the next ones wait behind it.
    const qint64 batchBytes =
        qint64(definition().fields.value(QStringLiteral("send_batch_bytes")).toDouble(double(kDefaultBatchBytes)));
    const QString preferred = definition().fields.value(QStringLiteral("store_preference")).toString();

    auto db = context().database->connection();
    if (!db)
        return finish(db.error().reason);
    auto peer = Peers(*db).find(destination);
    if (!peer)
        return finish(peer.error().reason);
    if (!peer->transfersEnabled)
        return finish(tr("transfers to %1 are disabled; nothing sent").arg(destination), true);
    const QDateTime since = QDateTime::currentDateTimeUtc().addMSecs(-qint64(ageDays * 86400000.0));
    OutgoingTransfers outgoing(*db);
    auto candidates = outgoing.candidates(destination, since, batchSize, batchBytes, preferred);
    if (!candidates)
        return finish(candidates.error().reason);
    if (candidates->isEmpty())
        return finish(tr("nothing to send to %1").arg(destination), true);
    const qint64 bytes = std::accumulate(candidates->cbegin(), candidates->cend(), qint64(0),
                                         [](qint64 sum, const OutgoingTransfers::Candidate &c) { return sum + c.file.size; });
    const bool full = candidates->size() >= batchSize || bytes >= batchBytes;

    // The outgoing transfers exist before the peer is asked, so its answer can name them.
    QList<OutgoingTransfer> batch;
    CloneBatchStageRequest request;
    request.source = context().ourName;
    {
        Transaction txn(*db);
        for (const auto &c : *candidates) {
            OutgoingTransfer t;
            t.status = TransferStatus::Initiated;
            t.destination = destination;
            t.transferSize = c.file.size;
            t.transferChecksum = c.file.checksum;
            t.startTime = QDateTime::currentDateTimeUtc();
            t.fileName = c.file.name;
            t.instanceId = c.instanceId;
            t.transferMethod = QStringLiteral("http");
            t.sourcePath = c.path;
            batch.append(t);
        }
        auto ids = outgoing.createAll(batch);
        if (!ids)
            return finish(ids.error().reason);
        for (qsizetype k = 0; k < batch.size(); ++k) {
            const auto &file = candidates->at(k).file;
            batch[k].id = ids->at(k);
            request.uploads.append({file.size, file.checksum, file.name, file.name, file.uploader, batch[k].id});
            request.totalSize += file.size;
        }
        if (auto s = txn.commit(); !s)
            return finish(s.error().reason);
    }
    auto client = peerClient(*peer);
    if (!client)
        return finish(client.error().reason);
    (*client)->call<CloneBatchStageResponse>(
        routes::kCloneBatchStage, request.toJson(),
        [this, batch, destination, full, client = *client](Result<CloneBatchStageResponse> answer) mutable {
            client->deleteLater();
            auto db = context().database->connection();
            if (!db)
                return finish(db.error().reason);
            OutgoingTransfers outgoing(*db);
            Transaction txn(*db);
            if (!answer) {
                // Failed transfers are not live: the next run picks these files again.
                for (OutgoingTransfer &t : batch) {
                    t.status = TransferStatus::Failed;
                    t.endTime = QDateTime::currentDateTimeUtc();
                    t.error = tr("%1 refused the batch: %2").arg(destination, answer.error().reason);
                }
                check(statusOf(outgoing.updateAll(batch)), tr("Updating %n outgoing transfer(s)", nullptr, int(batch.size())));
                check(txn.commit(), tr("Committing the transfer states"));
                const QString message = tr("%n file(s) not staged at %1: %2", nullptr, int(batch.size()))
                                            .arg(destination, answer.error().reason);
                recordError(answer.error().kind == ErrorKind::Unavailable ? QStringLiteral("librarian_network_availability")
                                                                           : QStringLiteral("transfer"),
                            message);
                return finish(message);
            }
            SendQueueItem item;
            item.createdTime = QDateTime::currentDateTimeUtc();
            item.destination = destination;
            item.transferMethod = QStringLiteral("http");
            auto queueId = outgoing.createQueueItem(item);
            if (!queueId)
                return finish(queueId.error().reason);
            int queued = 0;
            for (OutgoingTransfer &t : batch) {
                const auto staged = std::find_if(answer->uploads.cbegin(), answer->uploads.cend(),
                                                 [&t](const CloneStaged &s) { return s.sourceTransferId == t.id; });
                if (staged == answer->uploads.cend()) {
                    t.status = TransferStatus::Failed;
                    t.error = tr("%1 did not stage it.").arg(destination);
                } else {
                    // "local": the peer's staging area is visible on this host, so copy straight in.
                    const QFileInfo stagingFolder(QFileInfo(staged->stagingLocation).absolutePath());
                    if (answer->transferMethods.contains(QLatin1String("local")) && !staged->stagingLocation.isEmpty()
                        && stagingFolder.isDir() && stagingFolder.isWritable()) {
                        t.transferMethod = QStringLiteral("local");
                        t.destPath = staged->stagingLocation;
                    }
                    t.status = TransferStatus::Ongoing;
                    t.remoteTransferId = staged->destinationTransferId;
                    t.dataPort = staged->http.dataPort;
                    t.dataPath = staged->http.path;
                    t.dataChunkBytes = staged->http.maxChunkBytes;
                    t.sendQueueId = *queueId;
                    ++queued;
                }
            }
            if (auto s = outgoing.updateAll(batch); !s)
                return finish(s.error().reason);
            if (auto s = txn.commit(); !s)
                return finish(s.error().reason);
            if (queued > 0)
                wakeTasks(QStringLiteral("consume_queue"));
            // A full batch leaves more to send: stage the next one now, while this one is sent, as
            // long as the queue to this peer is short (consume_queue wakes us when it takes one).
            if (full && unconsumedBatches(outgoing, destination) < kBatchesAhead)
                wake();
            finish(tr("%n file(s) staged at %1 and queued", nullptr, queued).arg(destination));
        });
}

} // namespace librarian
