#include "StatusMove.h"

#include "SqlQuery.h"

namespace librarian {

QString statusList(const QList<TransferStatus> &statuses)
{
    QStringList names;
    for (TransferStatus status : statuses)
        names << QLatin1Char('\'') + transferStatusName(status) + QLatin1Char('\'');
    return names.join(QLatin1Char(','));
}

Result<QSet<qint64>> moveStatus(QSqlDatabase &db, const QString &table, const QList<qint64> &ids, TransferStatus to,
                                const QList<TransferStatus> &from, const QDateTime &endTime)
{
    QSet<qint64> moved;
    auto s = SqlQuery::runOver(
        db,
        QStringLiteral("UPDATE %1 SET status = ?, end_time = COALESCE(?, end_time) WHERE status IN (%2) AND id IN (%3) "
                       "RETURNING id")
            .arg(table, statusList(from), QStringLiteral("%1")),
        {transferStatusName(to), SqlQuery::fromTime(endTime)}, QVariantList(ids.begin(), ids.end()),
        [&moved](SqlRows &q) {
            while (q.next())
                moved.insert(q.value(0).toLongLong());
        });
    if (!s)
        return s.error();
    return moved;
}

} // namespace librarian
