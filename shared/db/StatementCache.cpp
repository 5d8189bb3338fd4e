#include "StatementCache.h"

#include <QSqlError>

namespace librarian {

SqlRows::SqlRows(QSqlQuery &&query, std::weak_ptr<StatementShelf> home, QString sql)
    : QSqlQuery(std::move(query)), m_home(std::move(home)), m_sql(std::move(sql))
{
}

SqlRows &SqlRows::operator=(SqlRows &&other)
{
    if (this != &other) {
        giveBack();
        QSqlQuery::operator=(std::move(other));
        m_home = std::move(other.m_home);
        m_sql = std::move(other.m_sql);
    }
    return *this;
}

SqlRows::~SqlRows()
{
    giveBack();
}

void SqlRows::giveBack()
{
    if (auto shelf = m_home.lock()) {
        finish();
        shelf->put(m_sql, std::move(*static_cast<QSqlQuery *>(this)));
    }
    m_home.reset();
}

std::optional<QSqlQuery> StatementShelf::take(const QString &sql)
{
    auto found = m_statements.find(sql);
    if (found == m_statements.end())
        return std::nullopt;
    std::optional<QSqlQuery> query(std::move(found->second));
    m_statements.erase(found);
    return query;
}

void StatementShelf::put(const QString &sql, QSqlQuery &&query)
{
    if (m_statements.size() < kMaxStatements)
        m_statements.try_emplace(sql, std::move(query)); // a second copy of a statement is dropped
}

StatementCache::StatementCache() : m_shelf(std::make_shared<StatementShelf>()) {}

std::optional<SqlRows> StatementCache::take(QSqlDatabase &db, const QString &sql, QSqlError *error)
{
    if (auto cached = m_shelf->take(sql))
        return SqlRows(std::move(*cached), m_shelf, sql);
    QSqlQuery q(db);
    q.setForwardOnly(true);
    ++m_preparations;
    if (!q.prepare(sql)) {
        *error = q.lastError();
        return std::nullopt;
    }
    return SqlRows(std::move(q), m_shelf, sql);
}

void StatementCache::clear()
{
    // Statements being read stay with their readers; they come back to a new shelf never.
    m_shelf = std::make_shared<StatementShelf>();
}

int StatementCache::size() const
{
    return int(m_shelf->size());
}

} // namespace librarian
