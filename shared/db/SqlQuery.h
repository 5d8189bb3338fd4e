#pragma once

#include "StatementCache.h"
#include "model/Result.h"

#include <QDateTime>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QVariantList>
#include <functional>

namespace librarian {

// Prepares (or takes from the connection's StatementCache), binds and runs one statement, turning a
// driver error into an ApiError.
class SqlQuery
{
public:
    // How many values runOver() binds in one statement.
    static constexpr qsizetype kValuesPerStatement = 64;

    static Result<SqlRows> run(QSqlDatabase &db, const QString &sql, const QVariantList &binds = {});
    // Runs `sql`, which holds %1 where a list of values goes ("... IN (%1)"), over `values`: a fixed
    // number of them a statement, the last one repeated to fill it up, so there is one statement
    // text, prepared once per connection, whatever the number of values. `each` sees the rows of
    // every statement, if given; no values run no statement.
    static Status runOver(QSqlDatabase &db, const QString &sql, const QVariantList &values,
                          const std::function<void(SqlRows &)> &each = {});
    // The same, with `leading` bound before the list in every statement ("SET x = ? WHERE id IN (%1)").
    static Status runOver(QSqlDatabase &db, const QString &sql, const QVariantList &leading, const QVariantList &values,
                          const std::function<void(SqlRows &)> &each = {});
    // Runs `sql`, which holds %1 where a list of value tuples goes ("INSERT ... VALUES %1", "WITH
    // t(a, b) AS (VALUES %1) SELECT ..."), over `rows` of `columns` values each: many rows a
    // statement, in groups of 32, 16 ... 1, so that a statement has a few texts, each prepared once
    // per connection. `each` sees what every statement returns (rows of a SELECT, RETURNING).
    static Status runOverRows(QSqlDatabase &db, const QString &sql, int columns, const QList<QVariantList> &rows,
                              const std::function<void(SqlRows &)> &each = {});
    // Schema statements, which PostgreSQL cannot prepare.
    static Status execute(QSqlDatabase &db, const QString &sql);

    // Times are stored as milliseconds since the epoch, UTC.
    static QVariant fromTime(const QDateTime &time);
    static QDateTime toTime(const QVariant &value);
};

// Begins a transaction and rolls it back unless commit() was called: every state change is one
// transaction, and an early return can never leave half of one behind.
class Transaction
{
public:
    explicit Transaction(QSqlDatabase &db);
    ~Transaction();
    Transaction(const Transaction &) = delete;
    Transaction &operator=(const Transaction &) = delete;

    bool started() const { return m_started; }
    Status commit();

private:
    QSqlDatabase &m_db;
    bool m_started = false;
    bool m_done = false;
};

} // namespace librarian
