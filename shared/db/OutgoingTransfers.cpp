#include "OutgoingTransfers.h"

#include "SendFrontier.h"
#include "SqlQuery.h"
#include "StatusMove.h"

#include <QCoreApplication>
#include <QHash>

#include <limits>

namespace librarian {

namespace {
const QString kColumns = QStringLiteral(
    "id, status, destination, transfer_size, transfer_checksum, start_time, end_time, file_name, instance_id, "
    "remote_transfer_id, transfer_method, send_queue_id, source_path, data_port, data_path, data_chunk_bytes, error, dest_path");
const QString kQueueColumns = QStringLiteral(
    "id, priority, created_time, retries, destination, transfer_method, consumed, consumed_time, completed, "
    "completed_time, failed");

QVariant optionalId(qint64 id)
{
    return id < 0 ? QVariant(QMetaType::fromType<qint64>()) : QVariant(id);
}

qint64 idOrNone(const QVariant &v)
{
    return v.isNull() ? -1 : v.toLongLong();
}

OutgoingTransfer fromRow(const QSqlQuery &q)
{
    OutgoingTransfer t;
    t.id = q.value(0).toLongLong();
    t.status = transferStatusFromName(q.value(1).toString()).value_or(TransferStatus::Failed);
    t.destination = q.value(2).toString();
    t.transferSize = q.value(3).toLongLong();
    t.transferChecksum = q.value(4).toString();
    t.startTime = SqlQuery::toTime(q.value(5));
    t.endTime = SqlQuery::toTime(q.value(6));
    t.fileName = q.value(7).toString();
    t.instanceId = idOrNone(q.value(8));
    t.remoteTransferId = idOrNone(q.value(9));
    t.transferMethod = q.value(10).toString();
    t.sendQueueId = idOrNone(q.value(11));
    t.sourcePath = q.value(12).toString();
    t.dataPort = q.value(13).toInt();
    t.dataPath = q.value(14).toString();
    t.dataChunkBytes = q.value(15).toLongLong();
    t.error = q.value(16).toString();
    t.destPath = q.value(17).toString();
    return t;
}

SendQueueItem queueFromRow(const QSqlQuery &q)
{
    SendQueueItem s;
    s.id = q.value(0).toLongLong();
    s.priority = q.value(1).toInt();
    s.createdTime = SqlQuery::toTime(q.value(2));
    s.retries = q.value(3).toInt();
    s.destination = q.value(4).toString();
    s.transferMethod = q.value(5).toString();
    s.consumed = q.value(6).toInt() != 0;
    s.consumedTime = SqlQuery::toTime(q.value(7));
    s.completed = q.value(8).toInt() != 0;
    s.completedTime = SqlQuery::toTime(q.value(9));
    s.failed = q.value(10).toInt() != 0;
    return s;
}

QVariantList binds(const OutgoingTransfer &t)
{
    return {transferStatusName(t.status), t.destination, t.transferSize, t.transferChecksum,
            SqlQuery::fromTime(t.startTime), SqlQuery::fromTime(t.endTime), t.fileName, optionalId(t.instanceId),
            optionalId(t.remoteTransferId), t.transferMethod, optionalId(t.sendQueueId), t.sourcePath, t.dataPort,
            t.dataPath, t.dataChunkBytes, t.error, t.destPath};
}

ApiError unknown(qint64 id)
{
    return ApiError::notFound(QCoreApplication::translate("OutgoingTransfers", "Outgoing transfer %1 does not exist.").arg(id));
}
} // namespace

Result<qint64> OutgoingTransfers::create(const OutgoingTransfer &transfer)
{
    auto ids = createAll({transfer});
    if (!ids)
        return ids.error();
    return ids->first();
}

Result<QList<qint64>> OutgoingTransfers::createAll(const QList<OutgoingTransfer> &transfers)
{
    QList<QVariantList> rows;
    rows.reserve(transfers.size());
    for (const OutgoingTransfer &t : transfers)
        rows.append(binds(t));
    // RETURNING gives no promise of order, hence the file name beside each id.
    QHash<QString, qint64> byName;
    auto s = SqlQuery::runOverRows(m_db,
                                   QStringLiteral("INSERT INTO outgoing_transfers (status, destination, transfer_size, "
                                                  "transfer_checksum, start_time, end_time, file_name, instance_id, "
                                                  "remote_transfer_id, transfer_method, send_queue_id, source_path, "
                                                  "data_port, data_path, data_chunk_bytes, error, dest_path) VALUES %1 "
                                                  "RETURNING id, file_name"),
                                   17, rows, [&byName](SqlRows &q) {
                                       while (q.next())
                                           byName.insert(q.value(1).toString(), q.value(0).toLongLong());
                                   });
    if (!s)
        return s.error();
    QList<qint64> ids;
    ids.reserve(transfers.size());
    for (const OutgoingTransfer &t : transfers) {
        const auto id = byName.constFind(t.fileName);
        if (id == byName.cend() || byName.size() != transfers.size())
            return ApiError::internal(QCoreApplication::translate(
                "OutgoingTransfers", "Database error: %1 transfer ids returned for %2 transfers.")
                                          .arg(byName.size())
                                          .arg(transfers.size()));
        ids << *id;
    }
    return ids;
}

Result<OutgoingTransfer> OutgoingTransfers::find(qint64 id)
{
    auto q = SqlQuery::run(m_db, QStringLiteral("SELECT %1 FROM outgoing_transfers WHERE id = ?").arg(kColumns), {id});
    if (!q)
        return q.error();
    if (!q->next())
        return unknown(id);
    return fromRow(*q);
}

Result<QHash<qint64, OutgoingTransfer>> OutgoingTransfers::findAll(const QList<qint64> &ids)
{
    QHash<qint64, OutgoingTransfer> found;
    auto s = SqlQuery::runOver(m_db,
                               QStringLiteral("SELECT %1 FROM outgoing_transfers WHERE id IN (%2)").arg(kColumns, QStringLiteral("%1")),
                               QVariantList(ids.begin(), ids.end()), [&found](SqlRows &q) {
                                   while (q.next()) {
                                       OutgoingTransfer t = fromRow(q);
                                       found.insert(t.id, t);
                                   }
                               });
    if (!s)
        return s.error();
    return found;
}

Status OutgoingTransfers::update(const OutgoingTransfer &t)
{
    auto written = updateAll({t});
    if (!written)
        return written.error();
    if (written->isEmpty())
        return unknown(t.id);
    return Ok{};
}

Result<bool> OutgoingTransfers::updateIfStatus(const OutgoingTransfer &t, TransferStatus was)
{
    auto written = updateAll({t}, was);
    if (!written)
        return written.error();
    return !written->isEmpty();
}

Result<QSet<qint64>> OutgoingTransfers::updateAll(const QList<OutgoingTransfer> &transfers, std::optional<TransferStatus> was)
{
    QList<QVariantList> rows;
    rows.reserve(transfers.size());
    for (const OutgoingTransfer &t : transfers) {
        QVariantList row = binds(t);
        row << t.id;
        rows.append(row);
    }
    // Each row's new values beside its id in a VALUES list, 32 rows a statement. The casts are for
    // PostgreSQL, which types a VALUES list's parameters as text; SQLite keeps the bound types.
    const QString condition =
        was ? QStringLiteral(" AND outgoing_transfers.status = '%1'").arg(transferStatusName(*was)) : QString();
    QSet<qint64> written;
    auto s = SqlQuery::runOverRows(
        m_db,
        QStringLiteral(
            "WITH v (status, destination, transfer_size, transfer_checksum, start_time, end_time, file_name, "
            "instance_id, remote_transfer_id, transfer_method, send_queue_id, source_path, data_port, data_path, "
            "data_chunk_bytes, error, dest_path, id) AS (VALUES %1) "
            "UPDATE outgoing_transfers SET status = v.status, destination = v.destination, "
            "transfer_size = CAST(v.transfer_size AS BIGINT), transfer_checksum = v.transfer_checksum, "
            "start_time = CAST(v.start_time AS BIGINT), end_time = CAST(v.end_time AS BIGINT), file_name = v.file_name, "
            "instance_id = CAST(v.instance_id AS BIGINT), remote_transfer_id = CAST(v.remote_transfer_id AS BIGINT), "
            "transfer_method = v.transfer_method, send_queue_id = CAST(v.send_queue_id AS BIGINT), "
            "source_path = v.source_path, data_port = CAST(v.data_port AS INTEGER), data_path = v.data_path, "
            "data_chunk_bytes = CAST(v.data_chunk_bytes AS BIGINT), error = v.error, dest_path = v.dest_path "
            "FROM v WHERE outgoing_transfers.id = CAST(v.id AS BIGINT)")
                + condition + QStringLiteral(" RETURNING outgoing_transfers.id"),
        18, rows, [&written](SqlRows &q) {
            while (q.next())
                written.insert(q.value(0).toLongLong());
        });
    if (!s)
        return s.error();
    return written;
}

Result<QSet<qint64>> OutgoingTransfers::moveStatus(const QList<qint64> &ids, TransferStatus to,
                                                  const QList<TransferStatus> &from, const QDateTime &endTime)
{
    return librarian::moveStatus(m_db, QStringLiteral("outgoing_transfers"), ids, to, from, endTime);
}

Result<QList<OutgoingTransfer>> OutgoingTransfers::select(const QString &rest, const QVariantList &binds)
{
    auto q = SqlQuery::run(m_db, QStringLiteral("SELECT %1 FROM outgoing_transfers ").arg(kColumns) + rest, binds);
    if (!q)
        return q.error();
    QList<OutgoingTransfer> all;
    while (q->next())
        all.append(fromRow(*q));
    return all;
}

Result<QList<OutgoingTransfer>> OutgoingTransfers::inQueue(qint64 sendQueueId)
{
    return select(QStringLiteral("WHERE send_queue_id = ? ORDER BY id"), {sendQueueId});
}

Result<QList<OutgoingTransfer>> OutgoingTransfers::search(const std::optional<QString> &peer,
                                                         const std::optional<TransferStatus> &status, int limit)
{
    QStringList where{QStringLiteral("1 = 1")};
    QVariantList values;
    if (peer) {
        where << QStringLiteral("destination = ?");
        values << *peer;
    }
    if (status) {
        where << QStringLiteral("status = ?");
        values << transferStatusName(*status);
    }
    return select(QStringLiteral("WHERE %1 ORDER BY id DESC LIMIT %2").arg(where.join(QStringLiteral(" AND "))).arg(limit),
                  values);
}

QString OutgoingTransfers::candidateFilesSql(int maxCount)
{
    // Walks files in (create_time, name) order on their index and stops at maxCount; each exclusion
    // is one seek on an index that starts with the file's name (0004_indexes.sql).
    return QStringLiteral(
               "SELECT f.name, f.create_time, f.size, f.checksum, f.uploader, f.source FROM files f "
               "WHERE f.create_time >= ? "
               "AND NOT EXISTS (SELECT 1 FROM remote_instances r WHERE r.librarian_name = ? AND r.file_name = f.name) "
               "AND NOT EXISTS (SELECT 1 FROM outgoing_transfers o WHERE o.file_name = f.name AND o.destination = ? "
               "AND o.status IN ('INITIATED', 'ONGOING', 'STAGED')) "
               "AND EXISTS (SELECT 1 FROM instances i WHERE i.file_name = f.name AND i.available = 1) "
               "ORDER BY f.create_time, f.name LIMIT %1")
        .arg(maxCount);
}

Result<QList<OutgoingTransfers::Candidate>> OutgoingTransfers::candidates(const QString &destination,
                                                                         const QDateTime &since, int limit,
                                                                         const QString &preferredStore)
{
    return candidates(destination, since, limit, std::numeric_limits<qint64>::max(), preferredStore);
}

Result<QList<OutgoingTransfers::Candidate>> OutgoingTransfers::candidates(const QString &destination,
                                                                         const QDateTime &since, int maxCount,
                                                                         qint64 maxBytes, const QString &preferredStore)
{
    if (maxCount <= 0)
        return QList<Candidate>();
    SendFrontier frontier(m_db, destination);
    auto start = frontier.begin(since.toMSecsSinceEpoch());
    if (!start)
        return start.error();
    // Read before the scan: a file added after it is a change the frontier hears of.
    auto newest = SqlQuery::run(m_db, QStringLiteral("SELECT MAX(create_time) FROM files"));
    if (!newest)
        return newest.error();
    const QVariant newestTime = newest->next() ? newest->value(0) : QVariant();
    newest->finish();

    auto q = SqlQuery::run(m_db, candidateFilesSql(maxCount), {*start, destination, destination});
    if (!q)
        return q.error();
    QList<Candidate> all;
    QHash<QString, qsizetype> byName;
    std::optional<qint64> firstTime;
    qint64 bytes = 0;
    while (q->next()) {
        Candidate c;
        c.file.name = q->value(0).toString();
        c.file.createTime = SqlQuery::toTime(q->value(1));
        c.file.size = q->value(2).toLongLong();
        c.file.checksum = q->value(3).toString();
        c.file.uploader = q->value(4).toString();
        c.file.source = q->value(5).toString();
        if (!firstTime)
            firstTime = q->value(1).toLongLong();
        if (!all.isEmpty() && c.file.size > maxBytes - bytes)
            break;
        bytes += c.file.size;
        byName.insert(c.file.name, all.size());
        all.append(c);
    }
    q->finish();

    // Every file before the first candidate was settled; with none, every file there is.
    const qint64 settledUntil = firstTime ? *firstTime : newestTime.isNull() ? *start : newestTime.toLongLong() + 1;
    if (auto s = frontier.settle(settledUntil); !s)
        return s.error();
    if (all.isEmpty())
        return all;

    // Their instances in one statement per batch of names, the preferred store's first.
    constexpr qsizetype kBatch = 500;
    for (qsizetype from = 0; from < all.size(); from += kBatch) {
        QVariantList binds;
        const qsizetype n = std::min(kBatch, all.size() - from);
        for (qsizetype k = from; k < from + n; ++k)
            binds << all[k].file.name;
        binds << preferredStore;
        auto instances = SqlQuery::run(
            m_db,
            QStringLiteral("SELECT i.file_name, i.id, i.path, i.store_id FROM instances i JOIN stores s ON s.id = i.store_id "
                           "WHERE i.available = 1 AND i.file_name IN (%1) "
                           "ORDER BY i.file_name, CASE WHEN s.name = ? THEN 0 ELSE 1 END, i.id")
                .arg(QStringLiteral("?,").repeated(n).chopped(1)),
            binds);
        if (!instances)
            return instances.error();
        while (instances->next()) {
            Candidate &c = all[byName.value(instances->value(0).toString())];
            if (c.instanceId >= 0)
                continue;
            c.instanceId = instances->value(1).toLongLong();
            c.path = instances->value(2).toString();
            c.storeId = instances->value(3).toLongLong();
        }
    }
    // An instance that went away between the two statements leaves its file for the next run.
    all.removeIf([](const Candidate &c) { return c.instanceId < 0; });
    return all;
}

Result<int> OutgoingTransfers::failAllTo(const QString &destination, const QString &reason)
{
    auto q = SqlQuery::run(m_db,
                           QStringLiteral("UPDATE outgoing_transfers SET status = 'FAILED', end_time = ?, error = ? WHERE "
                                          "destination = ? AND status IN ('INITIATED', 'ONGOING', 'STAGED')"),
                           {QDateTime::currentMSecsSinceEpoch(), reason, destination});
    if (!q)
        return q.error();
    return q->numRowsAffected();
}

Result<qint64> OutgoingTransfers::createQueueItem(const SendQueueItem &s)
{
    auto q = SqlQuery::run(m_db,
                           QStringLiteral("INSERT INTO send_queue (priority, created_time, retries, destination, "
                                          "transfer_method, consumed, completed, failed) VALUES (?, ?, ?, ?, ?, 0, 0, 0) "
                                          "RETURNING id"),
                           {s.priority, SqlQuery::fromTime(s.createdTime), s.retries, s.destination, s.transferMethod});
    if (!q)
        return q.error();
    if (!q->next())
        return ApiError::internal(QCoreApplication::translate("OutgoingTransfers", "Database error: no id returned."));
    return q->value(0).toLongLong();
}

Result<SendQueueItem> OutgoingTransfers::queueItem(qint64 id)
{
    auto q = SqlQuery::run(m_db, QStringLiteral("SELECT %1 FROM send_queue WHERE id = ?").arg(kQueueColumns), {id});
    if (!q)
        return q.error();
    if (!q->next())
        return ApiError::notFound(QCoreApplication::translate("OutgoingTransfers", "Send queue item %1 does not exist.").arg(id));
    return queueFromRow(*q);
}

Status OutgoingTransfers::updateQueueItem(const SendQueueItem &s)
{
    auto q = SqlQuery::run(m_db,
                           QStringLiteral("UPDATE send_queue SET retries = ?, consumed = ?, consumed_time = ?, "
                                          "completed = ?, completed_time = ?, failed = ? WHERE id = ?"),
                           {s.retries, s.consumed ? 1 : 0, SqlQuery::fromTime(s.consumedTime), s.completed ? 1 : 0,
                            SqlQuery::fromTime(s.completedTime), s.failed ? 1 : 0, s.id});
    if (!q)
        return q.error();
    return Ok{};
}

Result<QList<SendQueueItem>> OutgoingTransfers::pendingQueueItems(bool consumed)
{
    auto q = SqlQuery::run(m_db,
                           QStringLiteral("SELECT %1 FROM send_queue q WHERE consumed = ? AND completed = 0 AND "
                                          "EXISTS (SELECT 1 FROM librarians l WHERE l.name = q.destination AND "
                                          "l.transfers_enabled = 1) ORDER BY priority DESC, created_time, id")
                               .arg(kQueueColumns),
                           {consumed ? 1 : 0});
    if (!q)
        return q.error();
    QList<SendQueueItem> all;
    while (q->next())
        all.append(queueFromRow(*q));
    return all;
}

} // namespace librarian
