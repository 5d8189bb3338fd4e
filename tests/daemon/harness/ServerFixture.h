#pragma once

#include "LibrarianServer.h"
#include "client/LibrarianClient.h"
#include "model/messages/UploadMessages.h"

#include <QJsonObject>
#include <QTemporaryDir>
#include <memory>

// A LibrarianServer in this process on 127.0.0.1 (ports 0) over a fresh SQLite catalogue in a
// temporary folder, with an ADMIN account "admin". Tests drive it through LibrarianClient and
// wait for answers by spinning the event loop (fine in a test, never in the daemon).
class ServerFixture
{
public:
    explicit ServerFixture(const QJsonObject &extraConfig = {});
    ~ServerFixture();

    // setup + start; false (with the reason in `error`) if either fails.
    bool start(QString *error = nullptr);
    // Shuts the server down as the daemon does when it quits; the folder and catalogue stay.
    void stop() { m_server.reset(); }
    QString catalogue() const { return m_dir.filePath(QStringLiteral("catalogue.db")); }

    librarian::LibrarianServer &server() { return *m_server; }
    QString dir() const { return m_dir.path(); }
    QString stagingPath() const { return m_dir.filePath(QStringLiteral("store/staging")); }
    QString storePath() const { return m_dir.filePath(QStringLiteral("store/files")); }
    static QString adminPassword() { return QStringLiteral("admin-password"); }

    librarian::Connection connection(const QString &user = QStringLiteral("admin"),
                                     const QString &password = adminPassword()) const;
    // POSTs and waits for the answer (deadline 30 s).
    librarian::Result<QJsonValue> post(const char *route, const QJsonObject &body,
                                       const QString &user = QStringLiteral("admin"),
                                       const QString &password = adminPassword());
    // The three steps of an upload as the admin, each waited for (deadline 30 s), and all three.
    librarian::Result<librarian::UploadStageResponse> stage(const QString &name, const QByteArray &bytes);
    librarian::Result<QJsonValue> put(const librarian::UploadStageResponse &staged, const QByteArray &bytes);
    // PUTs `bytes` as the chunk at `offset` of the transfer at `path` on the data plane.
    librarian::Result<QJsonValue> putAt(int dataPort, const QString &path, qint64 offset, const QByteArray &bytes);
    librarian::Result<QJsonValue> commit(const librarian::UploadStageResponse &staged);
    // Stage, PUT and commit `bytes` under `name`: the result of the commit.
    librarian::Result<QJsonValue> upload(const QString &name, const QByteArray &bytes);

private:
    QTemporaryDir m_dir;
    QJsonObject m_config;
    std::unique_ptr<librarian::LibrarianServer> m_server;
    int m_puts = 0;
};
