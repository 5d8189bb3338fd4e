#pragma once

#include "model/File.h"
#include "model/OutgoingTransfer.h"
#include "model/Result.h"

#include <QHash>
#include <QSet>
#include <QSqlDatabase>
#include <optional>

namespace librarian {

// The outgoing_transfers and send_queue tables: what this librarian pushes to its peers.
class OutgoingTransfers
{
public:
    explicit OutgoingTransfers(QSqlDatabase db) : m_db(std::move(db)) {}

    Result<qint64> create(const OutgoingTransfer &transfer);
    // The ids of `transfers`, in their order, a few statements for all (their file names are distinct).
    Result<QList<qint64>> createAll(const QList<OutgoingTransfer> &transfers);
    Result<OutgoingTransfer> find(qint64 id);
    // Those of `ids` that exist, by id, in a statement per 64 ids.
    Result<QHash<qint64, OutgoingTransfer>> findAll(const QList<qint64> &ids);
    Status update(const OutgoingTransfer &transfer);
    // Writes `transfer` only if its row is still `was` (false otherwise): for a change decided on a
    // state read before a round trip to the peer, during which a callback may have moved it on.
    Result<bool> updateIfStatus(const OutgoingTransfer &transfer, TransferStatus was);
    // Writes every row of `transfers` (only those still `was`, if given), a statement per 32 rows;
    // the ids written.
    Result<QSet<qint64>> updateAll(const QList<OutgoingTransfer> &transfers, std::optional<TransferStatus> was = {});
    // See librarian::moveStatus (StatusMove.h).
    Result<QSet<qint64>> moveStatus(const QList<qint64> &ids, TransferStatus to, const QList<TransferStatus> &from,
                                    const QDateTime &endTime = {});
    Result<QList<OutgoingTransfer>> inQueue(qint64 sendQueueId);
    // Newest first, optionally of one peer and/or one status.
    Result<QList<OutgoingTransfer>> search(const std::optional<QString> &peer, const std::optional<TransferStatus> &status,
                                           int limit);

    // Files created since `since` with an available local instance, no remote instance at
    // `destination` and no live transfer to it: what send_clone should push next. Oldest first
    // (create_time, name), each with its first available instance, on `preferredStore` when it has
    // one there. At most maxCount files and, past the first, at most maxBytes in all. One seek per
    // file looked at; files send_clone saw settled before are skipped (SendFrontier).
    struct Candidate
    {
        File file;
        qint64 instanceId = -1;
        QString path;
        qint64 storeId = -1;
    };
    Result<QList<Candidate>> candidates(const QString &destination, const QDateTime &since, int maxCount,
                                        qint64 maxBytes, const QString &preferredStore);
    // As above without a byte cap.
    Result<QList<Candidate>> candidates(const QString &destination, const QDateTime &since, int limit,
                                        const QString &preferredStore);
    // The statement candidates() scans the files with (binds: since, destination, destination),
    // for plan tests.
    static QString candidateFilesSql(int maxCount);

    // remove-librarian --remove-outgoing-transfers: every live transfer to it fails. Returns how many.
    Result<int> failAllTo(const QString &destination, const QString &reason);

    Result<qint64> createQueueItem(const SendQueueItem &item);
    Result<SendQueueItem> queueItem(qint64 id);
    Status updateQueueItem(const SendQueueItem &item);
    // Items not yet consumed (or consumed, not completed), oldest first, for enabled peers.
    Result<QList<SendQueueItem>> pendingQueueItems(bool consumed);

private:
    // Runs "SELECT <columns> FROM outgoing_transfers <rest>" and reads every row.
    Result<QList<OutgoingTransfer>> select(const QString &rest, const QVariantList &binds);

    QSqlDatabase m_db;
};

} // namespace librarian
