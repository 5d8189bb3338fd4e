#pragma once

#include "model/Librarian.h"
#include "model/Result.h"

#include <QSqlDatabase>

namespace librarian {

// The librarians table: the peers this librarian pushes to or is called back by.
class Peers
{
public:
    explicit Peers(QSqlDatabase db) : m_db(std::move(db)) {}

    Result<QList<Librarian>> list();
    Result<Librarian> find(const QString &name);             // NotFound if absent
    Status add(const Librarian &librarian);                  // Conflict if the name is taken
    Status remove(const QString &name);                      // NotFound if absent
    Status setTransfersEnabled(const QString &name, bool enabled);
    Status touch(const QString &name, const QDateTime &when); // last_seen/last_heard

private:
    QSqlDatabase m_db;
};

} // namespace librarian
