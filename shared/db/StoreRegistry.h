#pragma once

#include "model/Result.h"
#include "model/Store.h"

#include <QSqlDatabase>

namespace librarian {

// The stores table: the configured stores with their ids (peers see our store ids) and the
// admin's enabled switch, which survives re-running setup.
class StoreRegistry
{
public:
    explicit StoreRegistry(QSqlDatabase db) : m_db(std::move(db)) {}

    Result<QList<Store>> list();
    Result<Store> find(const QString &name);  // NotFound if absent
    Result<Store> find(qint64 id);
    // Inserts a configured store or updates its definition (by name); keeps id and enabled.
    Result<Store> upsert(const Store &definition);
    Status setEnabled(const QString &name, bool enabled);

private:
    QSqlDatabase m_db;
};

} // namespace librarian
