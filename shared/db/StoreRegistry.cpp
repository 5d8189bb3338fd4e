#include "StoreRegistry.h"

#include "SqlQuery.h"

#include <QCoreApplication>

namespace librarian {

namespace {
const QString kColumns = QStringLiteral(
    "id, name, store_type, ingestable, enabled, staging_path, store_path, report_full_fraction, transfer_methods");

Store fromRow(const QSqlQuery &q)
{
    Store s;
    s.id = q.value(0).toLongLong();
    s.name = q.value(1).toString();
    s.storeType = q.value(2).toString();
    s.ingestable = q.value(3).toInt() != 0;
    s.enabled = q.value(4).toInt() != 0;
    s.stagingPath = q.value(5).toString();
    s.storePath = q.value(6).toString();
    s.reportFullFraction = q.value(7).toDouble();
    s.transferMethods = q.value(8).toString().split(QLatin1Char(','), Qt::SkipEmptyParts);
    return s;
}

ApiError unknownStore(const QString &name)
{
    return ApiError::notFound(QCoreApplication::translate("StoreRegistry", "Store %1 does not exist.").arg(name),
                              QCoreApplication::translate("StoreRegistry", "get-store-list shows the stores."));
}
} // namespace

Result<QList<Store>> StoreRegistry::list()
{
    auto q = SqlQuery::run(m_db, QStringLiteral("SELECT %1 FROM stores ORDER BY id").arg(kColumns));
    if (!q)
        return q.error();
    QList<Store> all;
    while (q->next())
        all.append(fromRow(*q));
    return all;
}

Result<Store> StoreRegistry::find(const QString &name)
{
    auto q = SqlQuery::run(m_db, QStringLiteral("SELECT %1 FROM stores WHERE name = ?").arg(kColumns), {name});
    if (!q)
        return q.error();
    if (!q->next())
        return unknownStore(name);
    return fromRow(*q);
}

Result<Store> StoreRegistry::find(qint64 id)
{
    auto q = SqlQuery::run(m_db, QStringLiteral("SELECT %1 FROM stores WHERE id = ?").arg(kColumns), {id});
    if (!q)
        return q.error();
    if (!q->next())
        return unknownStore(QString::number(id));
    return fromRow(*q);
}

Result<Store> StoreRegistry::upsert(const Store &s)
{
    const QString methods = s.transferMethods.join(QLatin1Char(','));
    auto existing = find(s.name);
    if (existing) {
        auto q = SqlQuery::run(m_db,
                               QStringLiteral("UPDATE stores SET store_type = ?, ingestable = ?, staging_path = ?, "
                                              "store_path = ?, report_full_fraction = ?, transfer_methods = ? WHERE name = ?"),
                               {s.storeType, s.ingestable ? 1 : 0, s.stagingPath, s.storePath, s.reportFullFraction,
                                methods, s.name});
        if (!q)
            return q.error();
    } else if (existing.error().kind == ErrorKind::NotFound) {
        auto q = SqlQuery::run(m_db,
                               QStringLiteral("INSERT INTO stores (name, store_type, ingestable, enabled, staging_path, "
                                              "store_path, report_full_fraction, transfer_methods) VALUES (?, ?, ?, 1, ?, ?, ?, ?)"),
                               {s.name, s.storeType, s.ingestable ? 1 : 0, s.stagingPath, s.storePath,
                                s.reportFullFraction, methods});
        if (!q)
            return q.error();
    } else {
        return existing.error();
    }
    return find(s.name);
}

Status StoreRegistry::setEnabled(const QString &name, bool enabled)
{
    auto q = SqlQuery::run(m_db, QStringLiteral("UPDATE stores SET enabled = ? WHERE name = ?"), {enabled ? 1 : 0, name});
    if (!q)
        return q.error();
    if (q->numRowsAffected() == 0)
        return unknownStore(name);
    return Ok{};
}

} // namespace librarian
