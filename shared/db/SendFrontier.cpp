#include "SendFrontier.h"

#include "SqlQuery.h"

#include <QCoreApplication>

namespace librarian {

Result<qint64> SendFrontier::begin(qint64 since)
{
    auto created = SqlQuery::run(m_db,
                                 QStringLiteral("INSERT INTO send_frontiers (destination, settled_from, settled_until, "
                                                "generation) VALUES (?, 0, 0, 0) ON CONFLICT (destination) DO NOTHING"),
                                 {m_destination});
    if (!created)
        return created.error();
    // Changes are counted from here on: the scan that follows sees every one made before.
    auto q = SqlQuery::run(m_db,
                           QStringLiteral("UPDATE send_frontiers SET generation = generation + 1, lowest_change = NULL "
                                          "WHERE destination = ? RETURNING settled_from, settled_until, generation"),
                           {m_destination});
    if (!q)
        return q.error();
    if (!q->next())
        return ApiError::internal(
            QCoreApplication::translate("SendFrontier", "Database error: no send frontier returned."));
    const qint64 from = q->value(0).toLongLong();
    const qint64 until = q->value(1).toLongLong();
    m_generation = q->value(2).toLongLong();
    q->finish();
    // Inside the settled range the scan starts past it; below it, nothing is known and it starts at `since`.
    const bool inside = from <= since && since < until;
    m_from = inside ? from : since;
    return inside ? until : since;
}

Status SendFrontier::settle(qint64 until)
{
    if (m_generation < 0 || until <= m_from)
        return Ok{};
    // A change seen by the triggers since begin() may have escaped the scan: the range stops before it.
    auto q = SqlQuery::run(m_db,
                           QStringLiteral("UPDATE send_frontiers SET settled_from = ?, settled_until = CASE WHEN "
                                          "lowest_change IS NOT NULL AND lowest_change >= ? AND lowest_change < ? "
                                          "THEN lowest_change ELSE ? END WHERE destination = ? AND generation = ?"),
                           {m_from, m_from, until, until, m_destination, m_generation});
    if (!q)
        return q.error();
    return Ok{};
}

} // namespace librarian
