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

bool isSqlite(const QSqlDatabase &db)
{
    return db.driverName() == QLatin1String("QSQLITE");
}

enum class Failure { UniqueViolation, Busy, Other };

// Read by the driver that answered: QSQLITE reports SQLite result codes (an extended code carries
// its primary code in the low byte), QPSQL the five-character SQLSTATE, some of them all digits.
Failure failureOf(const QSqlDatabase &db, const QSqlError &error)
{
    const QString code = error.nativeErrorCode();
    if (!isSqlite(db)) {
        if (code == QLatin1String("23505")) // unique_violation
            return Failure::UniqueViolation;
        // lock_not_available, serialization_failure, deadlock_detected: a competing transaction was
        // in the way, so the same request can succeed when sent again.
        if (code == QLatin1String("55P03") || code == QLatin1String("40001") || code == QLatin1String("40P01"))
            return Failure::Busy;
        return Failure::Other;
    }
    bool ok = false;
    const int number = code.toInt(&ok);
    if (!ok)
        return Failure::Other;
    // SQLITE_CONSTRAINT_UNIQUE, _PRIMARYKEY, or the primary SQLITE_CONSTRAINT naming UNIQUE.
    if (number == 2067 || number == 1555 || (number == 19 && error.databaseText().contains(QLatin1String("UNIQUE"))))
        return Failure::UniqueViolation;
    if ((number & 0xff) == 5 || (number & 0xff) == 6) // SQLITE_BUSY, SQLITE_LOCKED
        return Failure::Busy;
    return Failure::Other;
}

ApiError errorOf(const QSqlDatabase &db, const QSqlError &error)
{
    switch (failureOf(db, error)) {
    case Failure::UniqueViolation:
        return ApiError::conflict(tr("That already exists: %1").arg(error.databaseText()));
    case Failure::Busy:
        return {ErrorKind::Unavailable, tr("The catalogue is busy: %1").arg(error.text()), tr("Try again.")};
    case Failure::Other:
        break;
    }
    return ApiError::internal(tr("Database error: %1").arg(error.text()));
}
} // namespace

Result<SqlRows> SqlQuery::run(QSqlDatabase &db, const QString &sql, const QVariantList &binds)
{
    QSqlError prepareError;
    std::optional<SqlRows> q = [&]() -> std::optional<SqlRows> {
        if (StatementCache *cache = StatementCache::of(db))
            return cache->take(db, sql, &prepareError);
        QSqlQuery fresh(db);
        fresh.setForwardOnly(true);
        if (!fresh.prepare(sql)) {
            prepareError = fresh.lastError();
            return std::nullopt;
        }
        return SqlRows(std::move(fresh));
    }();
    if (!q)
        return errorOf(db, prepareError);
    for (int i = 0; i < binds.size(); ++i)
        q->bindValue(i, binds[i]);
    if (!q->exec()) {
        const QSqlError error = q->lastError();
        if (failureOf(db, error) == Failure::Other)
            qCWarning(lcDatabase) << "query failed:" << sql << error.text();
        else
            qCInfo(lcDatabase) << "query refused:" << sql << error.text();
        return errorOf(db, error);
    }
    return std::move(*q);
}

Status SqlQuery::execute(QSqlDatabase &db, const QString &sql)
{
    QSqlQuery q(db);
    if (!q.exec(sql)) {
        qCWarning(lcDatabase) << "statement failed:" << sql << q.lastError().text();
        return errorOf(db, q.lastError());
    }
    return Ok{};
}

Status SqlQuery::runOver(QSqlDatabase &db, const QString &sql, const QVariantList &values,
                        const std::function<void(SqlRows &)> &each)
{
    return runOver(db, sql, {}, values, each);
}

Status SqlQuery::runOver(QSqlDatabase &db, const QString &sql, const QVariantList &leading, const QVariantList &values,
                        const std::function<void(SqlRows &)> &each)
{
    static const QString marks = QStringLiteral("?,").repeated(kValuesPerStatement).chopped(1);
    const QString statement = sql.arg(marks);
    for (qsizetype first = 0; first < values.size(); first += kValuesPerStatement) {
        QVariantList binds = leading;
        binds.reserve(leading.size() + kValuesPerStatement);
        for (qsizetype i = first; i < first + kValuesPerStatement; ++i)
            binds << values[std::min(i, values.size() - 1)];
        auto q = run(db, statement, binds);
        if (!q)
            return q.error();
        if (each)
            each(*q);
    }
    return Ok{};
}

Status SqlQuery::runOverRows(QSqlDatabase &db, const QString &sql, int columns, const QList<QVariantList> &rows,
                            const std::function<void(SqlRows &)> &each)
{
    const QString tuple = QLatin1Char('(') + QStringLiteral("?,").repeated(columns).chopped(1) + QLatin1Char(')');
    qsizetype first = 0;
    for (qsizetype group = 32; group > 0; group /= 2) {
        const QString statement = sql.arg((tuple + QLatin1Char(',')).repeated(group).chopped(1));
        for (; rows.size() - first >= group; first += group) {
            QVariantList binds;
            binds.reserve(group * columns);
            for (qsizetype r = first; r < first + group; ++r) {
                Q_ASSERT(rows[r].size() == columns);
                binds << rows[r];
            }
            auto q = run(db, statement, binds);
            if (!q)
                return q.error();
            if (each)
                each(*q);
        }
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
        if (!m_started && failureOf(m_db, begin.lastError()) != Failure::Busy) {
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
        return errorOf(m_db, error);
    }
    return Ok{};
}

} // namespace librarian
