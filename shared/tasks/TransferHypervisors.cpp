#include "TransferHypervisors.h"

#include "client/LibrarianClient.h"
#include "db/FileCatalog.h"
#include "db/IncomingTransfers.h"
#include "db/OutgoingTransfers.h"
#include "db/Peers.h"
#include "db/SqlQuery.h"
#include "db/StoreRegistry.h"
#include "model/Routes.h"
#include "model/messages/CloneMessages.h"
#include "model/messages/SearchMessages.h"
#include "storage/LocalStore.h"

namespace librarian {

namespace {
QDateTime cutoff(const TaskDefinition &d)
{
    const double days = d.fields.value(QStringLiteral("age_in_days")).toDouble(7);
    return QDateTime::currentDateTimeUtc().addMSecs(-qint64(days * 86400000.0));
}
} // namespace

void OutgoingTransferHypervisor::run()
{
    m_repaired = m_failed = 0;
    auto db = context().database->connection();
    if (!db)
        return finish(db.error().reason);
    auto stale = SqlQuery::run(*db,
                               QStringLiteral("SELECT id FROM outgoing_transfers WHERE status IN ('INITIATED', 'ONGOING', "
                                              "'STAGED') AND start_time < ? ORDER BY id"),
                               {SqlQuery::fromTime(cutoff(definition()))});
    if (!stale)
        return finish(stale.error().reason);
    m_stale.clear();
    OutgoingTransfers outgoing(*db);
    while (stale->next())
        if (auto t = outgoing.find(stale->value(0).toLongLong()))
            m_stale.append(*t);
    next();
}

void OutgoingTransferHypervisor::settle(OutgoingTransfer t, TransferStatus status, const QString &error, qint64 remoteStoreId)
{
    auto db = context().database->connection();
    if (!db)
        return;
    Transaction txn(*db);
    t.status = status;
    t.endTime = QDateTime::currentDateTimeUtc();
    t.error = error;
    if (!OutgoingTransfers(*db).update(t))
        return;
    if (status == TransferStatus::Completed) {
        RemoteInstance r{-1, t.fileName, t.destination, remoteStoreId, t.endTime, context().ourName};
        if (!FileCatalog(*db).insertRemoteInstance(r))
            return;
        ++m_repaired;
    } else {
        ++m_failed;
    }
    check(txn.commit(), tr("Committing the transfer states"));
}

void OutgoingTransferHypervisor::next()
{
    if (m_stale.isEmpty() || softTimedOut())
        return finish(tr("%n stale transfer(s) completed, %1 failed", nullptr, m_repaired).arg(m_failed),
                      m_repaired + m_failed == 0);
    const OutgoingTransfer t = m_stale.takeFirst();
    auto db = context().database->connection();
    if (!db)
        return finish(db.error().reason);
    auto peer = Peers(*db).find(t.destination);
    if (!peer) {
        settle(t, TransferStatus::Failed, tr("Librarian %1 is no longer registered.").arg(t.destination));
        return next();
    }
    auto client = peerClient(*peer);
    if (!client)
        return next();
    FileSearchRequest search;
    search.name = t.fileName;
    (*client)->post(routes::kSearchFile, search.toJson(), [this, t, client = *client](Result<QJsonValue> r) {
        if (!r && r.error().kind == ErrorKind::NotFound) {
            settle(t, TransferStatus::Failed, tr("%1 does not hold the file; it will be sent again.").arg(t.destination));
            // Tell the destination too, then go on.
            client->post(routes::kCloneFail,
                         CloneTransferIds{t.id, t.remoteTransferId, -1, tr("Abandoned by the sender.")}.toJson(),
                         [this, client](Result<QJsonValue>) {
                             client->deleteLater();
                             next();
                         });
            return;
        }
        client->deleteLater();
        if (!r)
            return next(); // unreachable or refusing: ask again next run
        auto files = filesFromJson(r->toArray());
        if (!files || files->isEmpty())
            return next();
        const File &there = files->first();
        if (there.checksum != t.transferChecksum)
            settle(t, TransferStatus::Failed,
                   tr("%1 holds the file with checksum %2, not %3.").arg(t.destination, there.checksum, t.transferChecksum));
        else
            settle(t, TransferStatus::Completed, {}, there.instances.isEmpty() ? -1 : there.instances.first().storeId);
        next();
    });
}

void IncomingTransferHypervisor::run()
{
    m_failed = m_adopted = 0;
    auto db = context().database->connection();
    if (!db)
        return finish(db.error().reason);
    auto stale = SqlQuery::run(*db,
                               QStringLiteral("SELECT id FROM incoming_transfers WHERE status IN ('INITIATED', 'ONGOING', "
                                              "'STAGED') AND source_transfer_id IS NOT NULL AND start_time < ? ORDER BY id"),
                               {SqlQuery::fromTime(cutoff(definition()))});
    if (!stale)
        return finish(stale.error().reason);
    m_stale.clear();
    IncomingTransfers incoming(*db);
    while (stale->next())
        if (auto t = incoming.find(stale->value(0).toLongLong()))
            m_stale.append(*t);
    next();
}

void IncomingTransferHypervisor::fail(IncomingTransfer t, const QString &why)
{
    auto db = context().database->connection();
    if (!db)
        return;
    t.status = TransferStatus::Failed;
    t.endTime = QDateTime::currentDateTimeUtc();
    t.error = why;
    if (!IncomingTransfers(*db).update(t))
        return;
    if (auto store = StoreRegistry(*db).find(t.storeId))
        LocalStore(*store).discardStaging(t.stagingName);
    ++m_failed;
}

void IncomingTransferHypervisor::next()
{
    if (m_stale.isEmpty() || softTimedOut())
        return finish(tr("%n stale transfer(s) failed, %1 adopted", nullptr, m_failed).arg(m_adopted),
                      m_failed + m_adopted == 0);
    const IncomingTransfer t = m_stale.takeFirst();
    auto db = context().database->connection();
    if (!db)
        return finish(db.error().reason);
    auto peer = Peers(*db).find(t.source);
    if (!peer) {
        fail(t, tr("Librarian %1 is not registered here.").arg(t.source));
        return next();
    }
    auto client = peerClient(*peer);
    if (!client)
        return next();
    CheckinStatusRequest ask;
    ask.sourceTransferIds << t.sourceTransferId;
    (*client)->call<CheckinStatusResponse>(
        routes::kCheckinStatus, ask.toJson(), [this, t, client = *client](Result<CheckinStatusResponse> r) {
            client->deleteLater();
            if (!r) {
                if (r.error().kind != ErrorKind::Unavailable)
                    fail(t, tr("%1 cannot tell about its transfer: %2").arg(t.source, r.error().reason));
                return next();
            }
            const std::optional<TransferStatus> theirs = r->sourceTransferStatus.value(t.sourceTransferId);
            if (!theirs || *theirs == TransferStatus::Failed || *theirs == TransferStatus::Cancelled
                || *theirs == TransferStatus::Completed) {
                fail(t, tr("The sender's transfer is %1.").arg(theirs ? transferStatusName(*theirs) : tr("unknown")));
                return next();
            }
            if (*theirs == t.status || t.status == TransferStatus::Staged)
                return next();
            if (t.status == TransferStatus::Ongoing && *theirs == TransferStatus::Initiated) {
                fail(t, tr("The sender has not started this transfer."));
                return next();
            }
            // The sender is further along (ONGOING or STAGED): follow it; receive_clone verifies
            // every byte before anything is committed.
            auto db = context().database->connection();
            if (db) {
                IncomingTransfer adopted = t;
                adopted.status = *theirs;
                if (IncomingTransfers(*db).update(adopted))
                    ++m_adopted;
            }
            next();
        });
}

void DuplicateRemoteInstanceHypervisor::run()
{
    auto db = context().database->connection();
    if (!db)
        return finish(db.error().reason);
    auto q = SqlQuery::run(*db, QStringLiteral("DELETE FROM remote_instances WHERE id NOT IN (SELECT MIN(id) FROM "
                                               "remote_instances GROUP BY file_name, librarian_name, store_id)"));
    if (!q)
        return finish(q.error().reason);
    const int removed = q->numRowsAffected();
    finish(tr("%n duplicate remote instance(s) removed", nullptr, removed), removed == 0);
}

} // namespace librarian
