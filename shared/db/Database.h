#pragma once

#include "model/Result.h"

#include <QSqlDatabase>
#include <QString>

namespace librarian {

// Where the catalogue lives: "sqlite:///abs/path.db" (the embedded default) or
// "postgresql://user[:password]@host[:port]/dbname".
struct DatabaseUrl
{
    QString driver; // "QSQLITE" or "QPSQL"
    QString databaseName;
    QString host;
    int port = -1;
    QString user;
    QString password;

    static Result<DatabaseUrl> parse(const QString &url);
    bool isSqlite() const { return driver == QLatin1String("QSQLITE"); }
};

// Hands out one QSqlDatabase connection per thread (Qt's connections must not cross threads) and
// runs the versioned schema migrations. A thread's connection lives exactly as long as the thread
// (or the Database, on the thread that destroys it): connection names are never reused, so a new
// thread cannot be handed a connection another thread opened.
class Database
{
public:
    explicit Database(DatabaseUrl url);
    ~Database();
    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;

    const DatabaseUrl &url() const { return m_url; }

    // The calling thread's connection, opened on first use.
    Result<QSqlDatabase> connection() const;

    // Applies every migration newer than the schema version, each in its own transaction.
    // Re-running is a no-op. Returns the number applied.
    Result<int> migrate() const;
    Result<int> schemaVersion() const;
    static int latestSchemaVersion();

private:
    Result<QSqlDatabase> open(const QString &name) const;

    DatabaseUrl m_url;
    QString m_id;
};

} // namespace librarian
