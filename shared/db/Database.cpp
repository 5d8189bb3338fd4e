#include "Database.h"

#include "SqlQuery.h"
#include "StatementCache.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QLoggingCategory>
#include <QMutex>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>
#include <QRegularExpression>
#include <QUrl>
#include <QUuid>
#include <atomic>
#include <chrono>
#include <map>
#include <memory>
#include <sqlite3.h>
#include <thread>

Q_LOGGING_CATEGORY(lcDatabase, "librarian.db")

// The migrations live in a resource of this static library: register it before first use.
static void initMigrationResources()
{
    Q_INIT_RESOURCE(migrations);
}

namespace librarian {

namespace {

// SQLite's own busy timeout backs off to 100 ms sleeps: a writer waiting for a lock held 1 ms
// sleeps up to 100 ms anyway (strace of a 1 000-file push: 2 204 sleeps, 5.7 s, on the receiver).
// Retry every 0.5 ms instead, for at most 10 s, the same limit as before.
constexpr int kBusyRetryMicroseconds = 500;
constexpr int kBusyRetries = 10 * 1000 * 1000 / kBusyRetryMicroseconds;

int retryShortly(void *, int attempts)
{
    if (attempts >= kBusyRetries)
        return 0;
    std::this_thread::sleep_for(std::chrono::microseconds(kBusyRetryMicroseconds));
    return 1;
}

void retryBusyPromptly(QSqlDatabase &db)
{
    const QVariant handle = db.driver()->handle();
    if (handle.isValid() && qstrcmp(handle.typeName(), "sqlite3*") == 0)
        if (sqlite3 *connection = *static_cast<sqlite3 *const *>(handle.constData()))
            sqlite3_busy_handler(connection, retryShortly, nullptr);
}

struct Migration
{
    int version;
    const char *resource;
};

// Append only: a released migration never changes.
constexpr Migration kMigrations[] = {
    {1, ":/migrations/0001_initial.sql"},
    {2, ":/migrations/0002_push_transfers.sql"},
    {3, ":/migrations/0003_callback_retry.sql"},
    {4, ":/migrations/0004_indexes.sql"},
    {5, ":/migrations/0005_send_frontiers.sql"},
    {6, ":/migrations/0006_send_queue_indexes.sql"},
};

QString tr(const char *text)
{
    return QCoreApplication::translate("Database", text);
}

// Qt's registry of connections is a global static: once the application object is gone, the
// process is exiting and the registry may be destroyed before the pool threads whose connections
// it holds end (a pool thread's ThreadConnection then crashed in QSqlDatabase::contains, at exit,
// after every test had passed). From then on a thread's connection is left to the registry's own
// destruction. The mutex makes the switch and a removal in progress exclude each other.
QBasicMutex s_registryMutex;
bool s_registryClosing = false;

void closeRegistry()
{
    QMutexLocker lock(&s_registryMutex);
    s_registryClosing = true;
}

// One thread's connection to one Database; removing it from Qt's registry when the thread ends is
// what keeps a later thread from being handed it.
class ThreadConnection
{
public:
    explicit ThreadConnection(QString name)
        : m_name(std::move(name)), m_statements(std::make_unique<StatementCache>())
    {
        static const bool watching = [] {
            qAddPostRoutine(closeRegistry);
            return true;
        }();
        Q_UNUSED(watching);
    }
    ~ThreadConnection()
    {
        m_statements.reset(); // its prepared statements go before their connection
        QMutexLocker lock(&s_registryMutex);
        if (s_registryClosing || !QSqlDatabase::contains(m_name))
            return;
        {
            QSqlDatabase db = QSqlDatabase::database(m_name, false);
            db.close();
        }
        QSqlDatabase::removeDatabase(m_name);
    }
    ThreadConnection(const ThreadConnection &) = delete;
    ThreadConnection &operator=(const ThreadConnection &) = delete;
    const QString &name() const { return m_name; }
    StatementCache &statements() { return *m_statements; }

private:
    QString m_name;
    std::unique_ptr<StatementCache> m_statements;
};

// Keyed by the Database's id, which is never reused (an address could be).
thread_local std::map<QString, std::unique_ptr<ThreadConnection>> t_connections;
std::atomic<quint64> s_connectionSerial = 0;

} // namespace

StatementCache *StatementCache::of(const QSqlDatabase &db)
{
    const QString name = db.connectionName();
    for (const auto &[id, connection] : t_connections) // one per Database the thread uses
        if (connection->name() == name)
            return &connection->statements();
    return nullptr;
}

Result<DatabaseUrl> DatabaseUrl::parse(const QString &text)
{
    DatabaseUrl url;
    const QLatin1String sqlitePrefix("sqlite://");
    if (text.startsWith(sqlitePrefix)) {
        url.driver = QStringLiteral("QSQLITE");
        const QString path = text.mid(sqlitePrefix.size()); // "sqlite:///abs/path" -> "/abs/path"
        if (path.isEmpty() || path == QLatin1String("/"))
            return ApiError::badRequest(tr("database: the sqlite URL names no file: %1").arg(text),
                                        tr("Use sqlite:///absolute/path/librarian.db"));
        url.databaseName = path;
        return url;
    }
    const QUrl u(text);
    if (u.isValid() && (u.scheme() == QLatin1String("postgresql") || u.scheme() == QLatin1String("postgres"))) {
        url.driver = QStringLiteral("QPSQL");
        url.host = u.host();
        url.port = u.port(5432);
        url.user = u.userName();
        url.password = u.password();
        url.databaseName = u.path().mid(1);
        if (url.databaseName.isEmpty())
            return ApiError::badRequest(tr("database: the PostgreSQL URL names no database: %1").arg(text));
        return url;
    }
    return ApiError::badRequest(tr("database: unsupported URL '%1'").arg(text),
                                tr("Use sqlite:///path/to/file.db or postgresql://user@host:5432/dbname"));
}

Database::Database(DatabaseUrl url)
    : m_url(std::move(url)), m_id(QUuid::createUuid().toString(QUuid::Id128).left(8))
{
    initMigrationResources();
}

Database::~Database()
{
    // Only this thread's connection can be removed here; other threads drop theirs when they end.
    t_connections.erase(m_id);
}

Result<QSqlDatabase> Database::connection() const
{
    auto found = t_connections.find(m_id);
    if (found != t_connections.end()) {
        QSqlDatabase db = QSqlDatabase::database(found->second->name(), false);
        if (db.isOpen())
            return db;
        found->second->statements().clear(); // prepared on the handle that was closed
        if (db.open())
            return db;
        return ApiError::internal(tr("Cannot open the database: %1").arg(db.lastError().text()));
    }
    const QString name = QStringLiteral("librarian-%1-%2").arg(m_id).arg(++s_connectionSerial);
    auto db = open(name);
    if (db)
        t_connections.emplace(m_id, std::make_unique<ThreadConnection>(name));
    return db;
}

Result<QSqlDatabase> Database::open(const QString &name) const
{
    if (!QSqlDatabase::isDriverAvailable(m_url.driver))
        return ApiError::internal(tr("The Qt SQL driver %1 is not installed.").arg(m_url.driver),
                                  tr("Install libqt6sql6-sqlite or libqt6sql6-psql."));
    QSqlDatabase db = QSqlDatabase::addDatabase(m_url.driver, name);
    db.setDatabaseName(m_url.databaseName);
    if (m_url.isSqlite()) {
        // The busy handler is set after open (below); Qt's timeout stays as the fallback.
        db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=10000"));
    } else {
        db.setHostName(m_url.host);
        db.setPort(m_url.port);
        db.setUserName(m_url.user);
        db.setPassword(m_url.password);
    }
    if (!db.open()) {
        const QString error = db.lastError().text();
        db = QSqlDatabase();
        QSqlDatabase::removeDatabase(name);
        return ApiError::internal(tr("Cannot open the database %1: %2").arg(m_url.databaseName, error));
    }
    if (m_url.isSqlite()) {
        // WAL lets readers go on while a writer commits; foreign keys are off by default in SQLite.
        retryBusyPromptly(db);
        QSqlQuery q(db);
        q.exec(QStringLiteral("PRAGMA journal_mode=WAL"));
        q.exec(QStringLiteral("PRAGMA synchronous=NORMAL"));
        q.exec(QStringLiteral("PRAGMA foreign_keys=ON"));
    }
    return db;
}

int Database::latestSchemaVersion()
{
    return std::end(kMigrations)[-1].version;
}

Result<int> Database::schemaVersion() const
{
    auto db = connection();
    if (!db)
        return db.error();
    if (!db->tables().contains(QStringLiteral("schema_version")))
        return 0;
    auto q = SqlQuery::run(*db, QStringLiteral("SELECT MAX(version) FROM schema_version"));
    if (!q)
        return q.error();
    return q->next() ? q->value(0).toInt() : 0;
}

Result<int> Database::migrate() const
{
    auto db = connection();
    if (!db)
        return db.error();
    if (!db->tables().contains(QStringLiteral("schema_version"))) {
        auto created = SqlQuery::execute(
            *db, QStringLiteral("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_time BIGINT NOT NULL)"));
        if (!created)
            return created.error();
    }
    auto current = schemaVersion();
    if (!current)
        return current.error();
    if (*current > latestSchemaVersion())
        return ApiError::internal(tr("The database schema (version %1) is newer than this program knows (%2).")
                                      .arg(*current)
                                      .arg(latestSchemaVersion()),
                                  tr("Run a newer librarian-server."));
    const QString idColumn = m_url.isSqlite() ? QStringLiteral("INTEGER PRIMARY KEY AUTOINCREMENT")
                                              : QStringLiteral("BIGSERIAL PRIMARY KEY");
    int applied = 0;
    for (const Migration &m : kMigrations) {
        if (m.version <= *current)
            continue;
        QFile file(QString::fromLatin1(m.resource));
        if (!file.open(QIODevice::ReadOnly))
            return ApiError::internal(tr("Migration %1 is missing from the program.").arg(m.version));
        QString script = QString::fromUtf8(file.readAll());
        script.replace(QLatin1String("{{ID}}"), idColumn);
        if (!db->transaction())
            return ApiError::internal(tr("Cannot start a transaction: %1").arg(db->lastError().text()));
        const QStringList statements = script.split(QRegularExpression(QStringLiteral("\\n;\\s*(\\n|$)")));
        for (QString statement : statements) {
            // Drop comment lines, keep the SQL. "-- only <driver>" keeps the statement to that driver
            // (SQLite and PostgreSQL write triggers differently).
            QStringList lines;
            bool otherDriver = false;
            for (const QString &line : statement.split(QLatin1Char('\n'))) {
                const QString trimmed = line.trimmed();
                if (trimmed.startsWith(QLatin1String("-- only ")))
                    otherDriver = trimmed.mid(8).trimmed() != m_url.driver;
                if (!trimmed.startsWith(QLatin1String("--")))
                    lines.append(line);
            }
            statement = lines.join(QLatin1Char('\n')).trimmed();
            if (statement.isEmpty() || otherDriver)
                continue;
            auto r = SqlQuery::execute(*db, statement);
            if (!r) {
                db->rollback();
                return ApiError::internal(tr("Migration %1 failed: %2").arg(m.version).arg(r.error().reason));
            }
        }
        auto mark = SqlQuery::run(*db, QStringLiteral("INSERT INTO schema_version (version, applied_time) VALUES (?, ?)"),
                                  {m.version, QDateTime::currentMSecsSinceEpoch()});
        if (!mark || !db->commit()) {
            db->rollback();
            return ApiError::internal(tr("Cannot record migration %1.").arg(m.version));
        }
        qCInfo(lcDatabase) << "applied migration" << m.version;
        ++applied;
    }
    return applied;
}

} // namespace librarian
