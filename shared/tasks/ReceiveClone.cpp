#include "ReceiveClone.h"

#include "client/LibrarianClient.h"
#include "db/IncomingTransfers.h"
#include "db/Peers.h"
#include "model/Routes.h"
#include "model/messages/CloneMessages.h"
#include "storage/Ingest.h"

#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcTasks)

namespace librarian {

void ReceiveClone::run()
{
    m_received = m_failed = 0;
    auto db = context().database->connection();
    if (!db)
        return finish(db.error().reason);
    auto staged = IncomingTransfers(*db).stagedClones(definition().fields.value(QStringLiteral("files_per_run")).toInt(1024));
    if (!staged)
        return finish(staged.error().reason);
    m_transfers = *staged;
    next();
}

void ReceiveClone::next()
{
    if (m_transfers.isEmpty() || softTimedOut())
        return finish(tr("%n file(s) received, %1 failed", nullptr, m_received).arg(m_failed), m_received + m_failed == 0);
    const IncomingTransfer transfer = m_transfers.takeFirst();
    const QJsonValue policyField = definition().fields.value(QStringLiteral("deletion_policy"));
    const DeletionPolicy policy =
        deletionPolicyFromText(policyField.isDouble() ? QString::number(policyField.toInt()) : policyField.toString());
    Ingest ingest(*context().database, std::numeric_limits<qint64>::max());
    auto file = ingest.receiveClone(transfer, policy);
    if (file)
        ++m_received;
    else
        ++m_failed;
    auto db = context().database->connection();
    if (!db)
        return finish(db.error().reason);
    IncomingTransfers incoming(*db);
    if (!file) {
        auto now = incoming.find(transfer.id);
        if (!now || now->status != TransferStatus::Failed)
            return next(); // not failed for good (e.g. store disabled): tried again next run
        now->error = file.error().reason;
        (void)incoming.update(*now);
        recordError(file.error().kind == ErrorKind::NotAcceptable ? QStringLiteral("data_integrity")
                                                                  : QStringLiteral("transfer"),
                    tr("Clone of %1 from %2 failed: %3").arg(transfer.storePath, transfer.source, file.error().reason));
    }
    auto peer = Peers(*db).find(transfer.source);
    if (!peer) {
        qCWarning(lcTasks).noquote() << "no librarian" << transfer.source << "to call back for" << transfer.storePath;
        return next();
    }
    auto client = peerClient(*peer);
    if (!client)
        return next();
    auto done = [this, client = *client, name = transfer.storePath](Result<QJsonValue> r) {
        client->deleteLater();
        // A lost callback is repaired later by the sender's outgoing-transfer hypervisor.
        if (!r)
            qCWarning(lcTasks).noquote() << "callback for" << name << "failed:" << r.error().reason;
        next();
    };
    if (file) {
        const CloneTransferIds ids{transfer.sourceTransferId, transfer.id, transfer.storeId, {}};
        (*client)->post(routes::kCloneComplete, ids.toJson(), done);
    } else {
        CheckinUpdateRequest failed;
        failed.sourceTransferIds << transfer.sourceTransferId;
        failed.newStatus = TransferStatus::Failed;
        (*client)->post(routes::kCheckinUpdate, failed.toJson(), done);
    }
}

} // namespace librarian
