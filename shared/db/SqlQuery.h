#pragma once

#include "StatementCache.h"
#include "model/Result.h"

#include <QDateTime>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QVariantList>

namespace librarian {

// Prepares (or takes from the connection's StatementCache), binds and runs one statement, turning a
// driver error into an ApiError.
class SqlQuery
{
public:
    static Result<SqlRows> run(QSqlDatabase &db, const QString &sql, const QVariantList &binds = {});
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
