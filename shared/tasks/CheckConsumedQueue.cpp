#include "CheckConsumedQueue.h"

#include "client/LibrarianClient.h"
#include "db/OutgoingTransfers.h"
#include "db/Peers.h"
#include "db/SqlQuery.h"
#include "model/Routes.h"
#include "model/messages/CloneMessages.h"

namespace librarian {

void CheckConsumedQueue::run()
{
    m_staged = 0;
    auto db = context().database->connection();
    if (!db)
        return finish(db.error().reason);
    auto items = OutgoingTransfers(*db).pendingQueueItems(true);
    if (!items)
        return finish(items.error().reason);
    m_items = *items;
    nextItem();
}

void CheckConsumedQueue::nextItem()
{
    if (m_items.isEmpty() || softTimedOut())
        return finish(tr("%n transfer(s) reported staged", nullptr, m_staged), m_staged == 0);
    SendQueueItem item = m_items.takeFirst();
    auto db = context().database->connection();
    if (!db)
        return finish(db.error().reason);
    auto peer = Peers(*db).find(item.destination);
    auto transfers = OutgoingTransfers(*db).inQueue(item.id);
    if (!peer || !transfers)
        return nextItem();
    CheckinUpdateRequest request;
    request.newStatus = TransferStatus::Staged;
    for (const OutgoingTransfer &t : *transfers)
        if (t.status == TransferStatus::Ongoing)
            request.destinationTransferIds << t.remoteTransferId;
    auto client = peerClient(*peer);
    if (!client)
        return nextItem();
    (*client)->call<CheckinUpdateResponse>(
        routes::kCheckinUpdate, request.toJson(),
        [this, item, transfers = *transfers, client = *client](Result<CheckinUpdateResponse> answer) mutable {
            client->deleteLater();
            if (!answer)
                return nextItem(); // unreachable: try again next run
            auto db = context().database->connection();
            if (!db)
                return finish(db.error().reason);
            OutgoingTransfers outgoing(*db);
            Transaction txn(*db);
            QList<qint64> accepted;
            QList<OutgoingTransfer> refused;
            for (OutgoingTransfer t : transfers) {
                if (t.status != TransferStatus::Ongoing)
                    continue;
                if (answer->modifiedDestinationTransferIds.contains(t.remoteTransferId)) {
                    accepted << t.id;
                    continue;
                }
                t.status = TransferStatus::Failed;
                t.endTime = QDateTime::currentDateTimeUtc();
                t.error = tr("%1 did not accept the transfer as staged: %2")
                              .arg(item.destination, answer->reasons.join(QStringLiteral("; ")));
                refused << t;
            }
            // The destination may have committed a file and called back (COMPLETED) while it
            // answered: only rows still ONGOING move, so none is set back to STAGED.
            auto staged = outgoing.moveStatus(accepted, TransferStatus::Staged, {TransferStatus::Ongoing});
            if (staged)
                m_staged += int(staged->size());
            check(statusOf(staged), tr("Marking %n outgoing transfer(s) staged", nullptr, int(accepted.size())));
            auto failed = outgoing.updateAll(refused, TransferStatus::Ongoing);
            check(statusOf(failed), tr("Updating %n outgoing transfer(s)", nullptr, int(refused.size())));
            for (const OutgoingTransfer &t : refused)
                if (failed && failed->contains(t.id))
                    recordError(QStringLiteral("transfer"), t.fileName + QStringLiteral(": ") + t.error);
            item.completed = true;
            item.completedTime = QDateTime::currentDateTimeUtc();
            check(outgoing.updateQueueItem(item), tr("Updating send-queue item %1").arg(item.id));
            check(txn.commit(), tr("Committing the transfer states"));
            nextItem();
        });
}

} // namespace librarian
