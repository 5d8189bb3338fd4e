#include "ErrorLog.h"

#include "SqlQuery.h"

#include <QCoreApplication>

namespace librarian {

namespace {
const QString kColumns = QStringLiteral("id, severity, category, message, raised_time, cleared_time, cleared, caller");

ErrorRecord fromRow(const QSqlQuery &q)
{
    ErrorRecord e;
    e.id = q.value(0).toLongLong();
    e.severity = q.value(1).toString();
    e.category = q.value(2).toString();
    e.message = q.value(3).toString();
    e.raisedTime = SqlQuery::toTime(q.value(4));
    e.clearedTime = SqlQuery::toTime(q.value(5));
    e.cleared = q.value(6).toInt() != 0;
    e.caller = q.value(7).toString();
    return e;
}
} // namespace

Status ErrorLog::raise(const QString &severity, const QString &category, const QString &message, const QString &caller)
{
    // A failure that repeats on every retry is one error, raised again, not a flood of rows.
    auto repeat = SqlQuery::run(m_db,
                                QStringLiteral("UPDATE errors SET raised_time = ? WHERE cleared = 0 AND severity = ? AND "
                                               "category = ? AND message = ? AND caller = ?"),
                                {QDateTime::currentMSecsSinceEpoch(), severity, category, message, caller});
    if (!repeat)
        return repeat.error();
    if (repeat->numRowsAffected() > 0)
        return Ok{};
    auto q = SqlQuery::run(m_db,
                           QStringLiteral("INSERT INTO errors (severity, category, message, raised_time, cleared, caller) "
                                          "VALUES (?, ?, ?, ?, 0, ?)"),
                           {severity, category, message, QDateTime::currentMSecsSinceEpoch(), caller});
    if (!q)
        return q.error();
    return Ok{};
}

Result<QList<ErrorRecord>> ErrorLog::search(const ErrorSearchRequest &request, int cap)
{
    QStringList where;
    QVariantList binds;
    if (request.id) {
        where << QStringLiteral("id = ?");
        binds << *request.id;
    }
    if (request.category) {
        where << QStringLiteral("category = ?");
        binds << *request.category;
    }
    if (request.severity) {
        where << QStringLiteral("severity = ?");
        binds << *request.severity;
    }
    if (!request.includeResolved)
        where << QStringLiteral("cleared = 0");
    QString sql = QStringLiteral("SELECT %1 FROM errors").arg(kColumns);
    if (!where.isEmpty())
        sql += QStringLiteral(" WHERE ") + where.join(QStringLiteral(" AND "));
    sql += QStringLiteral(" ORDER BY raised_time DESC, id DESC LIMIT %1").arg(std::clamp(request.maxResults, 0, cap));
    auto q = SqlQuery::run(m_db, sql, binds);
    if (!q)
        return q.error();
    QList<ErrorRecord> all;
    while (q->next())
        all.append(fromRow(*q));
    if (all.isEmpty())
        return ApiError::notFound(QCoreApplication::translate("ErrorLog", "No errors found."));
    return all;
}

Result<ErrorRecord> ErrorLog::clear(qint64 id)
{
    // One statement: a SELECT left open before the UPDATE holds a read snapshot, and SQLite refuses
    // at once ("database is locked") to write from it once a retrying task has raised an error since.
    const QDateTime now = QDateTime::currentDateTimeUtc();
    auto q = SqlQuery::run(m_db,
                           QStringLiteral("UPDATE errors SET cleared = 1, cleared_time = ? WHERE id = ? AND cleared = 0 "
                                          "RETURNING %1")
                               .arg(kColumns),
                           {SqlQuery::fromTime(now), id});
    if (!q)
        return q.error();
    if (q->next())
        return fromRow(*q);
    auto exists = SqlQuery::run(m_db, QStringLiteral("SELECT COUNT(*) FROM errors WHERE id = ?"), {id});
    if (!exists)
        return exists.error();
    if (exists->next() && exists->value(0).toInt() > 0)
        return ApiError::badRequest(QCoreApplication::translate("ErrorLog", "Error %1 is already cleared.").arg(id));
    return ApiError::notFound(QCoreApplication::translate("ErrorLog", "Error %1 does not exist.").arg(id));
}

Result<int> ErrorLog::countUnresolved()
{
    auto q = SqlQuery::run(m_db, QStringLiteral("SELECT COUNT(*) FROM errors WHERE cleared = 0"));
    if (!q)
        return q.error();
    return q->next() ? q->value(0).toInt() : 0;
}

} // namespace librarian
