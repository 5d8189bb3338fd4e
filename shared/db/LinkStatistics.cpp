#include "LinkStatistics.h"

#include "SqlQuery.h"
#include "model/TransferStatus.h"

namespace librarian {

Result<QMap<QString, LinkStatistics::Counts>> LinkStatistics::outgoing(const QDateTime &since)
{
    return count(QStringLiteral("outgoing_transfers"), QStringLiteral("destination"), QStringLiteral("1 = 1"), since);
}

Result<QMap<QString, LinkStatistics::Counts>> LinkStatistics::incomingClones(const QDateTime &since)
{
    // Client uploads have no upstream transfer.
    return count(QStringLiteral("incoming_transfers"), QStringLiteral("source"),
                 QStringLiteral("source_transfer_id IS NOT NULL"), since);
}

Result<QMap<QString, LinkStatistics::Counts>> LinkStatistics::count(const QString &table, const QString &peerColumn,
                                                                    const QString &where, const QDateTime &since)
{
    // One grouped pass; the table and column names are ours, never the caller's.
    const QString sql = QStringLiteral("SELECT %1, status, COUNT(*), SUM(CASE WHEN start_time >= ? THEN 1 ELSE 0 END) "
                                       "FROM %2 WHERE %3 GROUP BY %1, status")
                            .arg(peerColumn, table, where);
    auto q = SqlQuery::run(m_db, sql, {SqlQuery::fromTime(since)});
    if (!q)
        return q.error();
    QMap<QString, Counts> counts;
    while (q->next()) {
        Counts &c = counts[q->value(0).toString()];
        const auto status = transferStatusFromName(q->value(1).toString());
        const int n = q->value(2).toInt();
        c.total += n;
        if (status && isLive(*status))
            c.active += n;
        else if (status == TransferStatus::Failed)
            c.failedSince += q->value(3).toInt();
    }
    return counts;
}

} // namespace librarian
