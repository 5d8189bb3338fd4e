#pragma once

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>
#include <memory>
#include <optional>
#include <unordered_map>

namespace librarian {

class StatementShelf;

// The rows of a statement run by SqlQuery::run. Its prepared statement is the caller's alone while
// it lives; then it is reset (SQLite would otherwise keep the read snapshot of a half-read SELECT
// open) and goes back to the connection's StatementCache to be run again.
class SqlRows : public QSqlQuery
{
public:
    explicit SqlRows(QSqlQuery &&query, std::weak_ptr<StatementShelf> home = {}, QString sql = {});
    SqlRows(SqlRows &&) = default;
    SqlRows &operator=(SqlRows &&other);
    ~SqlRows();

private:
    void giveBack();


    std::weak_ptr<StatementShelf> m_home; // empty once moved from
    QString m_sql;
};

// One connection's prepared statements, kept for reuse: preparing (SQLite parses and plans each
// statement) was a fifth of a receiving librarian's CPU when each statement was prepared anew.
// Lives with the connection on its thread (Database's ThreadConnection), so it needs no lock; a
// connection without one prepares every statement as before.
class StatementCache
{
public:
    StatementCache();
    StatementCache(const StatementCache &) = delete;
    StatementCache &operator=(const StatementCache &) = delete;

    // The cache of `db`'s connection on this thread, or none (a connection not handed out by a
    // Database). Defined with the connections, in Database.cpp.
    static StatementCache *of(const QSqlDatabase &db);

    // `sql` prepared on `db`: the cached statement, or (the first time, or while the cached one is
    // still being read by an earlier caller) a new one. Empty with `error` set when preparing failed.
    std::optional<SqlRows> take(QSqlDatabase &db, const QString &sql, QSqlError *error);
    // Forgets every statement (their connection was closed).
    void clear();

    int size() const;
    // Statements prepared over the cache's life (for tests: running one again prepares nothing).
    int preparations() const { return m_preparations; }

private:
    std::shared_ptr<StatementShelf> m_shelf;
    int m_preparations = 0;
};

// The statements not in use; SqlRows puts its statement back here.
class StatementShelf
{
public:
    // Bounds memory whatever the callers do: a catalogue has a few dozen distinct statements.
    static constexpr std::size_t kMaxStatements = 256;

    std::optional<QSqlQuery> take(const QString &sql);
    void put(const QString &sql, QSqlQuery &&query);
    std::size_t size() const { return m_statements.size(); }
    void clear() { m_statements.clear(); }

private:
    std::unordered_map<QString, QSqlQuery> m_statements;
};

} // namespace librarian
