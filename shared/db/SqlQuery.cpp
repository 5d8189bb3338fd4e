#include "SqlQuery.h"

#include <QCoreApplication>
#include <QLoggingCategory>
#include <QSqlError>

Q_DECLARE_LOGGING_CATEGORY(lcDatabase)

namespace librarian {

Result<QSqlQuery> SqlQuery::run(QSqlDatabase &db, const QString &sql, const QVariantList &binds)
{
    QSqlQuery q(db);
    q.setForwardOnly(true);
    if (!q.prepare(sql))
        return ApiError::internal(
            QCoreApplication::translate("SqlQuery", "Database error: %1").arg(q.lastError().text()));
    for (const QVariant &v : binds)
        q.addBindValue(v);
    if (!q.exec()) {
        qCWarning(lcDatabase) << "query failed:" << sql << q.lastError().text();
        return ApiError::internal(
            QCoreApplication::translate("SqlQuery", "Database error: %1").arg(q.lastError().text()));
    }
    return q;
}

Status SqlQuery::execute(QSqlDatabase &db, const QString &sql)
{
    QSqlQuery q(db);
    if (!q.exec(sql)) {
        qCWarning(lcDatabase) << "statement failed:" << sql << q.lastError().text();
        return ApiError::internal(
            QCoreApplication::translate("SqlQuery", "Database error: %1").arg(q.lastError().text()));
    }
    return Ok{};
}

QVariant SqlQuery::fromTime(const QDateTime &time)
{
    return time.isValid() ? QVariant(time.toMSecsSinceEpoch()) : QVariant(QMetaType::fromType<qint64>());
}

QDateTime SqlQuery::toTime(const QVariant &value)
{
    if (value.isNull())
        return {};
    return QDateTime::fromMSecsSinceEpoch(value.toLongLong(), Qt::UTC);
}

Transaction::Transaction(QSqlDatabase &db) : m_db(db)
{
    m_started = m_db.transaction();
}

Transaction::~Transaction()
{
    if (m_started && !m_done)
        m_db.rollback();
}

Status Transaction::commit()
{
    if (!m_started)
        return ApiError::internal(QCoreApplication::translate("SqlQuery", "Database error: no transaction: %1")
                                      .arg(m_db.lastError().text()));
    m_done = true;
    if (!m_db.commit()) {
        const QString error = m_db.lastError().text();
        m_db.rollback();
        return ApiError::internal(QCoreApplication::translate("SqlQuery", "Database error: %1").arg(error));
    }
    return Ok{};
}

} // namespace librarian
