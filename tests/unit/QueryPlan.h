#pragma once

#include "db/SqlQuery.h"

#include <QSqlDatabase>
#include <QStringList>

// SQLite's EXPLAIN QUERY PLAN of `sql`, one detail line per step ("SEARCH f USING INDEX ...").
inline QStringList queryPlan(QSqlDatabase db, const QString &sql, const QVariantList &binds)
{
    QStringList steps;
    auto q = librarian::SqlQuery::run(db, QStringLiteral("EXPLAIN QUERY PLAN ") + sql, binds);
    if (!q)
        return {QStringLiteral("error: ") + q.error().reason};
    while (q->next())
        steps << q->value(3).toString();
    return steps;
}

// The step that reads `table` (its alias if the statement gives one): "SEARCH o USING ..." or
// "SCAN o ...", or an empty string.
inline QString planStep(const QStringList &plan, const QString &table)
{
    for (const QString &step : plan) {
        const QStringList words = step.split(QLatin1Char(' '));
        if (words.size() >= 2 && (words[0] == QLatin1String("SEARCH") || words[0] == QLatin1String("SCAN")) &&
            words[1] == table)
            return step;
    }
    return {};
}
