#pragma once

#include <QProcess>
#include <QString>
#include <QTemporaryDir>
#include <memory>

// A private PostgreSQL cluster in a temporary folder: initdb and postgres from the newest
// /usr/lib/postgresql/*/bin, on 127.0.0.1 and a free port, its socket in the same folder, fsync off.
// Root cannot run PostgreSQL, so as root the cluster belongs to the `postgres` system user.
// One per test binary: databases are cheap, clusters are not.
class TestPostgres
{
public:
    TestPostgres();
    ~TestPostgres();
    TestPostgres(const TestPostgres &) = delete;
    TestPostgres &operator=(const TestPostgres &) = delete;

    // initdb and start, waiting with a deadline until the server accepts connections.
    // On false, errorString() says why (for a QSKIP).
    bool start();
    QString errorString() const { return m_error; }

    // A new database owned by a new role `name` with a password; returns the server's
    // "database" URL, postgresql://name:password@127.0.0.1:PORT/name, or an empty string.
    QString createDatabase(const QString &name);

    int port() const { return m_port; }

private:
    bool run(const QString &program, const QStringList &args, QString *output);
    void configureChild(QProcess &process) const;
    bool superuserExec(const QString &sql);

    QTemporaryDir m_dir;
    QString m_bin;
    std::unique_ptr<QProcess> m_server;
    QString m_connection;
    QString m_error;
    int m_port = 0;
    // Whom the cluster runs as when we are root; -1 when we run it as ourselves.
    int m_uid = -1;
    int m_gid = -1;
};
