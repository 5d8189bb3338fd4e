#include "IncomingTransfers.h"

#include "SqlQuery.h"
#include "StatusMove.h"

#include <QCoreApplication>
#include <functional>

namespace librarian {

namespace {
const QString kColumns = QStringLiteral(
    "id, status, uploader, upload_name, source, transfer_size, transfer_checksum, store_id, staging_name, store_path, "
    "transfer_method, start_time, end_time, source_transfer_id, error");

IncomingTransfer fromRow(const QSqlQuery &q)
{
    IncomingTransfer t;
    t.id = q.value(0).toLongLong();
    t.status = transferStatusFromName(q.value(1).toString()).value_or(TransferStatus::Failed);
    t.uploader = q.value(2).toString();
    t.uploadName = q.value(3).toString();
    t.source = q.value(4).toString();
    t.transferSize = q.value(5).toLongLong();
    t.transferChecksum = q.value(6).toString();
    t.storeId = q.value(7).isNull() ? -1 : q.value(7).toLongLong();
    t.stagingName = q.value(8).toString();
    t.storePath = q.value(9).toString();
    t.transferMethod = q.value(10).toString();
    t.startTime = SqlQuery::toTime(q.value(11));
    t.endTime = SqlQuery::toTime(q.value(12));
    t.sourceTransferId = q.value(13).isNull() ? -1 : q.value(13).toLongLong();
    t.error = q.value(14).toString();
    return t;
}

// An owed callback is acted on only once the clone is settled; before that it only marks the intent.
const QString kOwed = QStringLiteral("callback_pending = 1 AND status IN ('COMPLETED', 'FAILED')");

QVariant optionalId(qint64 id)
{
    return id < 0 ? QVariant(QMetaType::fromType<qint64>()) : QVariant(id);
}
} // namespace

Result<qint64> IncomingTransfers::create(const IncomingTransfer &transfer)
{
    auto ids = createAll({transfer});
    if (!ids)
        return ids.error();
    return ids->first();
}

Result<QList<qint64>> IncomingTransfers::createAll(const QList<IncomingTransfer> &transfers)
{
    QList<QVariantList> rows;
    rows.reserve(transfers.size());
    for (const IncomingTransfer &t : transfers)
        rows.append({transferStatusName(t.status), t.uploader, t.uploadName, t.source, t.transferSize, t.transferChecksum,
                     optionalId(t.storeId), t.stagingName, t.storePath, t.transferMethod, SqlQuery::fromTime(t.startTime),
                     SqlQuery::fromTime(t.endTime), optionalId(t.sourceTransferId)});
    // RETURNING gives no promise of order, hence the staging name (unique: it starts with a UUID)
    // beside each id.
    QHash<QString, qint64> byStaging;
    auto s = SqlQuery::runOverRows(
        m_db,
        QStringLiteral("INSERT INTO incoming_transfers (status, uploader, upload_name, source, transfer_size, "
                       "transfer_checksum, store_id, staging_name, store_path, transfer_method, start_time, end_time, "
                       "source_transfer_id) VALUES %1 RETURNING id, staging_name"),
        13, rows, [&byStaging](SqlRows &q) {
            while (q.next())
                byStaging.insert(q.value(1).toString(), q.value(0).toLongLong());
        });
    if (!s)
        return s.error();
    QList<qint64> ids;
    ids.reserve(transfers.size());
    for (const IncomingTransfer &t : transfers) {
        const auto id = byStaging.constFind(t.stagingName);
        if (id == byStaging.cend() || byStaging.size() != transfers.size())
            return ApiError::internal(QCoreApplication::translate(
                "IncomingTransfers", "Database error: %1 transfer ids returned for %2 transfers.")
                                          .arg(byStaging.size())
                                          .arg(transfers.size()));
        ids << *id;
    }
    return ids;
}

Result<IncomingTransfer> IncomingTransfers::find(qint64 id)
{
    auto q = SqlQuery::run(m_db, QStringLiteral("SELECT %1 FROM incoming_transfers WHERE id = ?").arg(kColumns), {id});
    if (!q)
        return q.error();
    if (!q->next())
        return ApiError::notFound(
            QCoreApplication::translate("IncomingTransfers", "Transfer %1 does not exist.").arg(id));
    return fromRow(*q);
}

namespace {
QVariantList valuesOf(const QList<qint64> &ids)
{
    return QVariantList(ids.begin(), ids.end());
}
} // namespace

Result<QHash<qint64, IncomingTransfer>> IncomingTransfers::findAll(const QList<qint64> &ids)
{
    QHash<qint64, IncomingTransfer> found;
    auto s = SqlQuery::runOver(m_db, QStringLiteral("SELECT %1 FROM incoming_transfers WHERE id IN (%2)").arg(kColumns, QStringLiteral("%1")),
                      valuesOf(ids), [&found](SqlRows &q) {
                          while (q.next()) {
                              IncomingTransfer t = fromRow(q);
                              found.insert(t.id, t);
                          }
                      });
    if (!s)
        return s.error();
    return found;
}

Result<int> IncomingTransfers::markOngoing(const QList<qint64> &ids)
{
    auto marked = moveStatus(ids, TransferStatus::Ongoing, {TransferStatus::Initiated});
    if (!marked)
        return marked.error();
    return int(marked->size());
}

Status IncomingTransfers::update(const IncomingTransfer &t)
{
    auto written = write(t, QString());
    if (!written)
        return written.error();
    return Ok{};
}

Result<bool> IncomingTransfers::updateIfLive(const IncomingTransfer &t)
{
    return write(t, QStringLiteral(" AND status IN ('INITIATED', 'ONGOING', 'STAGED')"));
}

Result<bool> IncomingTransfers::updateIfStatusIn(const IncomingTransfer &t, const QList<TransferStatus> &from)
{
    return write(t, QStringLiteral(" AND status IN (%1)").arg(statusList(from)));
}

Result<QSet<qint64>> IncomingTransfers::moveStatus(const QList<qint64> &ids, TransferStatus to,
                                                  const QList<TransferStatus> &from, const QDateTime &endTime)
{
    return librarian::moveStatus(m_db, QStringLiteral("incoming_transfers"), ids, to, from, endTime);
}

Result<bool> IncomingTransfers::write(const IncomingTransfer &t, const QString &condition)
{
    auto q = SqlQuery::run(
        m_db,
        QStringLiteral("UPDATE incoming_transfers SET status = ?, store_id = ?, staging_name = ?, store_path = ?, "
                       "transfer_method = ?, end_time = ?, error = ?, source_transfer_id = ? WHERE id = ?")
            + condition,
        {transferStatusName(t.status), optionalId(t.storeId), t.stagingName, t.storePath, t.transferMethod,
         SqlQuery::fromTime(t.endTime), t.error, optionalId(t.sourceTransferId), t.id});
    if (!q)
        return q.error();
    return q->numRowsAffected() > 0;
}

Result<IncomingTransfer> IncomingTransfers::findResumable(const QString &checksum, const QString &storePath,
                                                         const QString &source)
{
    auto q = SqlQuery::run(m_db,
                           QStringLiteral("SELECT %1 FROM incoming_transfers WHERE transfer_checksum = ? AND store_path = ? "
                                          "AND source = ? AND status IN ('INITIATED', 'ONGOING') ORDER BY id DESC")
                               .arg(kColumns),
                           {checksum, storePath, source});
    if (!q)
        return q.error();
    if (!q->next())
        return ApiError::notFound(QCoreApplication::translate("IncomingTransfers", "No resumable transfer."));
    return fromRow(*q);
}

Result<QList<IncomingTransfer>> IncomingTransfers::select(const QString &rest, const QVariantList &binds)
{
    auto q = SqlQuery::run(m_db, QStringLiteral("SELECT %1 FROM incoming_transfers ").arg(kColumns) + rest, binds);
    if (!q)
        return q.error();
    QList<IncomingTransfer> all;
    while (q->next())
        all.append(fromRow(*q));
    return all;
}

Result<QHash<QString, QList<IncomingTransfer>>> IncomingTransfers::liveFor(const QStringList &storePaths)
{
    QHash<QString, QList<IncomingTransfer>> live;
    // Each name once, so that its rows all come from one statement, in order.
    const QSet<QString> distinct(storePaths.begin(), storePaths.end());
    auto s = SqlQuery::runOver(m_db,
                               QStringLiteral("SELECT %1 FROM incoming_transfers WHERE store_path IN (%2) AND status IN "
                                              "('INITIATED', 'ONGOING', 'STAGED') ORDER BY id")
                                   .arg(kColumns, QStringLiteral("%1")),
                               QVariantList(distinct.begin(), distinct.end()), [&live](SqlRows &q) {
                                   while (q.next()) {
                                       IncomingTransfer t = fromRow(q);
                                       live[t.storePath].append(t);
                                   }
                               });
    if (!s)
        return s.error();
    return live;
}

Result<QList<IncomingTransfer>> IncomingTransfers::search(const std::optional<QString> &source,
                                                         const std::optional<TransferStatus> &status, int limit)
{
    QStringList where{QStringLiteral("1 = 1")};
    QVariantList values;
    if (source) {
        where << QStringLiteral("source = ?");
        values << *source;
    }
    if (status) {
        where << QStringLiteral("status = ?");
        values << transferStatusName(*status);
    }
    return select(QStringLiteral("WHERE %1 ORDER BY id DESC LIMIT %2").arg(where.join(QStringLiteral(" AND "))).arg(limit),
                  values);
}

Result<QList<IncomingTransfer>> IncomingTransfers::stagedClones(int limit)
{
    return select(QStringLiteral("WHERE status = 'STAGED' AND source_transfer_id IS NOT NULL ORDER BY id LIMIT %1").arg(limit));
}

namespace {
const QString kOweCallbacks = QStringLiteral(
    "UPDATE incoming_transfers SET callback_pending = 1, callback_attempts = 0, next_callback_time = NULL WHERE id IN (%1)");
const QString kSettleCallbacks =
    QStringLiteral("UPDATE incoming_transfers SET callback_pending = 0, next_callback_time = NULL WHERE id IN (%1)");
const QString kPostponeCallback =
    QStringLiteral("UPDATE incoming_transfers SET callback_attempts = ?, next_callback_time = ? WHERE id = ?");
} // namespace

Status IncomingTransfers::inOneTransaction(bool needed, const std::function<Status()> &work)
{
    // One statement is atomic on its own; more share a transaction, so that a group is marked or
    // answered as a whole and costs one commit.
    std::optional<Transaction> txn;
    if (needed) {
        txn.emplace(m_db);
        if (!txn->started())
            return txn->commit(); // its "catalogue is busy"
    }
    if (auto s = work(); !s)
        return s;
    if (txn)
        return txn->commit();
    return Ok{};
}

Status IncomingTransfers::oweCallback(qint64 id)
{
    return oweCallbacks({id});
}

Status IncomingTransfers::oweCallbacks(const QList<qint64> &ids)
{
    return inOneTransaction(ids.size() > SqlQuery::kValuesPerStatement, [&] {
        return SqlQuery::runOver(m_db, kOweCallbacks, valuesOf(ids));
    });
}

Status IncomingTransfers::settleCallback(qint64 id)
{
    return answerCallbacks({id}, {});
}

Status IncomingTransfers::postponeCallback(qint64 id, int attempts, const QDateTime &next)
{
    IncomingTransfer t;
    t.id = id;
    return answerCallbacks({}, {OwedCallback{t, attempts, next}});
}

Status IncomingTransfers::answerCallbacks(const QList<qint64> &settled, const QList<OwedCallback> &postponed)
{
    const qsizetype statements =
        (settled.size() + SqlQuery::kValuesPerStatement - 1) / SqlQuery::kValuesPerStatement + postponed.size();
    return inOneTransaction(statements > 1, [&]() -> Status {
        if (auto s = SqlQuery::runOver(m_db, kSettleCallbacks, valuesOf(settled)); !s)
            return s;
        for (const OwedCallback &owed : postponed)
            if (auto q = SqlQuery::run(m_db, kPostponeCallback,
                                       {owed.attempts, SqlQuery::fromTime(owed.nextTime), owed.transfer.id});
                !q)
                return q.error();
        return Ok{};
    });
}

Result<QList<OwedCallback>> IncomingTransfers::dueCallbacks(const QDateTime &now, int limit)
{
    auto q = SqlQuery::run(m_db,
                           QStringLiteral("SELECT %1, callback_attempts, next_callback_time FROM incoming_transfers "
                                          "WHERE %2 AND (next_callback_time IS NULL OR next_callback_time <= ?) "
                                          "ORDER BY COALESCE(next_callback_time, 0), id LIMIT %3")
                               .arg(kColumns, kOwed)
                               .arg(limit),
                           {SqlQuery::fromTime(now)});
    if (!q)
        return q.error();
    QList<OwedCallback> due;
    while (q->next())
        due.append({fromRow(*q), q->value(15).toInt(), SqlQuery::toTime(q->value(16))});
    return due;
}

Result<QDateTime> IncomingTransfers::nextCallbackTime()
{
    auto q = SqlQuery::run(
        m_db,
        QStringLiteral("SELECT MIN(COALESCE(next_callback_time, 0)) FROM incoming_transfers WHERE %1").arg(kOwed));
    if (!q)
        return q.error();
    return q->next() ? SqlQuery::toTime(q->value(0)) : QDateTime();
}

} // namespace librarian
