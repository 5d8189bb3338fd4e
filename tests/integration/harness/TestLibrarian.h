#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <memory>

// One real librarian-server in a temporary folder on 127.0.0.1, with OS-chosen ports.
class TestLibrarian
{
public:
    explicit TestLibrarian(const QString &name, const QString &adminPassword = QStringLiteral("admin-password"));
    ~TestLibrarian();

    // Before setup(): extra config keys and stores.
    void set(const QString &key, const QJsonValue &value) { m_config.insert(key, value); }
    void addStore(const QString &storeName, bool ingestable, double reportFullFraction = 1.0);
    // How the stores accept bytes ("http", "local").
    void setTransferMethods(const QStringList &methods);
    // Replaces every store by one at the given folders (e.g. on a small file system).
    void useOnlyStoreAt(const QString &stagingPath, const QString &storePath);

    // The "background" section of the seed's procedure: receive_clone, and for a sender one
    // send_clone per destination (age_in_days 1, plus `sendOptions`) with consume_queue and
    // check_consumed_queue, all every `every`.
    static QJsonObject transferTasks(const QStringList &destinations, const QString &every,
                                     const QJsonObject &sendOptions = {});

    // Writes the config and runs `librarian-server setup`; returns its exit code.
    int setup(QString *output = nullptr);
    // Starts the server and waits (with a deadline) for its "listening" line.
    bool start();
    void stop();
    void kill();
    // Starts again on the same ports (peers have them registered).
    bool restart();

    QString name() const { return m_name; }
    QString adminPassword() const { return m_adminPassword; }
    int port() const { return m_port; }
    int dataPort() const { return m_dataPort; }
    QString dir() const { return m_dir.path(); }
    QString configPath() const { return m_dir.filePath(QStringLiteral("server.json")); }
    QString dbPath() const { return m_dir.filePath(QStringLiteral("catalogue.db")); }
    QString keyPath() const { return m_dir.filePath(QStringLiteral("secrets/encryption.key")); }
    QString storePath(const QString &store = QStringLiteral("store")) const;
    QString stagingPath(const QString &store = QStringLiteral("store")) const;
    QString serverOutput() const { return m_output; }
    // Everything the running server wrote (stdout and stderr) since it started. The harness reads
    // it only here and while starting: keep a chatty server's log small (QT_LOGGING_RULES) or its
    // pipe fills.
    QString output();
    void writeConfig();

    static QString serverBinary() { return QStringLiteral(LIBRARIAN_SERVER_BIN); }

private:
    QString m_name;
    QString m_adminPassword;
    QTemporaryDir m_dir;
    QJsonObject m_config;
    QJsonArray m_stores;
    std::unique_ptr<QProcess> m_process;
    QString m_output;
    int m_port = 0;
    int m_dataPort = 0;
};
