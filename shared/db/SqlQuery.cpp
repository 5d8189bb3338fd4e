#include "SqlQuery.h"

#include <QCoreApplication>
#include <QLoggingCategory>
#include <QSqlError>

Q_DECLARE_LOGGING_CATEGORY(lcDatabase)

namespace librarian {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("SqlQuery", text);
}

// SQLite's primary (19) and extended (1555, 2067) constraint codes, PostgreSQL's unique_violation.
bool isUniqueViolation(const QSqlError &error)
{
    const QString code = error.nativeErrorCode();
    return code == QLatin1String("23505") || code == QLatin1String("2067") || code == QLatin1String("1555")
        || (code == QLatin1String("19") && error.databaseText().contains(QLatin1String("UNIQUE")));
}

// SQLITE_BUSY / SQLITE_LOCKED (and their extended codes), PostgreSQL's lock_not_available.
bool isLockTimeout(const QSqlError &error)
{
    bool ok = false;
    const int code = error.nativeErrorCode().toInt(&ok);
    return (ok && ((code & 0xff) == 5 || (code & 0xff) == 6)) || error.nativeErrorCode() == QLatin1String("55P03");
}

ApiError errorOf(const QSqlError &error)
{
    if (isUniqueViolation(error))
        return ApiError::conflict(tr("That already exists: %1").arg(error.databaseText()));
    if (isLockTimeout(error))
        return {ErrorKind::Unavailable, tr("The catalogue is busy: %1").arg(error.text()), tr("Try again.")};
    return ApiError::internal(tr("Database error: %1").arg(error.text()));
}

bool isSqlite(const QSqlDatabase &db)
{
    return db.driverName() == QLatin1String("QSQLITE");
}
} // namespace

Result<QSqlQuery> SqlQuery::run(QSqlDatabase &db, const QString &sql, const QVariantList &binds)
{
    QSqlQuery q(db);
    q.setForwardOnly(true);
    if (!q.prepare(sql))
        return errorOf(q.lastError());
    for (const QVariant &v : binds)
        q.addBindValue(v);
    if (!q.exec()) {
        const QSqlError error = q.lastError();
        if (isUniqueViolation(error))
            qCInfo(lcDatabase) << "unique constraint:" << sql << error.databaseText();
        else
            qCWarning(lcDatabase) << "query failed:" << sql << error.text();
        return errorOf(error);
    }
    return q;
}

Status SqlQuery::execute(QSqlDatabase &db, const QString &sql)
{
    QSqlQuery q(db);
    if (!q.exec(sql)) {
        qCWarning(lcDatabase) << "statement failed:" << sql << q.lastError().text();
        return errorOf(q.lastError());
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
    if (!isSqlite(m_db)) {
        m_started = m_db.transaction();
        return;
    }
    // SQLite answers "database is locked" at once, busy timeout or not, when a deferred
    // transaction that has read wants to write after another connection wrote. Taking the write
    // lock up front makes writers queue on the busy timeout instead; WAL readers are not held up.
    for (int attempt = 0; attempt < 3 && !m_started; ++attempt) {
        QSqlQuery begin(m_db);
        m_started = begin.exec(QStringLiteral("BEGIN IMMEDIATE"));
        if (!m_started && !isLockTimeout(begin.lastError())) {
            qCWarning(lcDatabase) << "cannot begin a transaction:" << begin.lastError().text();
            break;
        }
    }
}

Transaction::~Transaction()
{
    if (m_started && !m_done)
        m_db.rollback();
}

Status Transaction::commit()
{
    if (!m_started)
        return ApiError{ErrorKind::Unavailable, tr("The catalogue is busy: no transaction could be started."),
                        tr("Try again.")};
    m_done = true;
    if (!m_db.commit()) {
        const QSqlError error = m_db.lastError();
        m_db.rollback();
        return errorOf(error);
    }
    return Ok{};
}

} // namespace librarian
