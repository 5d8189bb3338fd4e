#pragma once

#include "model/ErrorRecord.h"
#include "model/messages/ErrorMessages.h"

#include <QSqlDatabase>

namespace librarian {

// The errors table: what went wrong, for the operator (search-errors, clear-error).
class ErrorLog
{
public:
    explicit ErrorLog(QSqlDatabase db) : m_db(std::move(db)) {}

    // The same uncleared error again only updates its time.
    Status raise(const QString &severity, const QString &category, const QString &message, const QString &caller);
    // Newest first; NotFound ("No errors found.") if none.
    Result<QList<ErrorRecord>> search(const ErrorSearchRequest &request, int cap);
    // NotFound for an unknown id, BadRequest if already cleared.
    Result<ErrorRecord> clear(qint64 id);
    Result<int> countUnresolved();

private:
    QSqlDatabase m_db;
};

} // namespace librarian
