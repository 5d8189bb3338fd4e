#pragma once

#include "ApiRouter.h"
#include "Authenticator.h"
#include "ServerConfig.h"
#include "crypto/SecretBox.h"
#include "db/Database.h"
#include "storage/Ingest.h"

#include <QObject>
#include <memory>
#include <optional>

namespace librarian {

class HttpListener;
class OngoingMarks;
class TaskScheduler;

// The running daemon: the catalogue, the JSON API and the streaming data plane (two HttpListeners).
// A thin composition of core parts; routes live in *Routes.cpp, one file per route group.
class LibrarianServer : public QObject
{
    Q_OBJECT
public:
    explicit LibrarianServer(ServerConfig config, QObject *parent = nullptr);
    ~LibrarianServer() override;

    // Opens the database (which must be set up), loads the key, listens on both ports, starts the
    // background tasks.
    Status start();
    // Only the background tasks, on the same database: with PostgreSQL, other hosts can share the
    // work of one catalogue.
    Status startBackgroundOnly();

    const ServerConfig &config() const { return m_config; }
    const Database &database() const { return *m_database; }
    Ingest &ingest() { return *m_ingest; }
    Authenticator &authenticator() { return *m_authenticator; }
    // The data plane's ONGOING marks (null before start()).
    OngoingMarks *ongoingMarks() { return m_ongoingMarks.get(); }
    const SecretBox &secrets() const { return *m_secrets; }
    // Thread-safe: starts the background tasks of `kind` now instead of at their next tick.
    void wakeTasks(const QString &kind) const;
    quint16 port() const { return m_port; }
    quint16 dataPort() const { return m_dataPort; }

private:
    Status openCatalogue();
    void startTasks();
    void addRoutes();

    ServerConfig m_config;
    std::unique_ptr<Database> m_database;
    std::optional<SecretBox> m_secrets;
    std::unique_ptr<Ingest> m_ingest;
    std::unique_ptr<Authenticator> m_authenticator;
    HttpListener *m_api = nullptr;
    std::unique_ptr<ApiRouter> m_router;
    HttpListener *m_dataPlane = nullptr;
    std::unique_ptr<OngoingMarks> m_ongoingMarks;
    TaskScheduler *m_tasks = nullptr;
    quint16 m_port = 0;
    quint16 m_dataPort = 0;
};

// Route groups (one file each).
void addPingRoutes(ApiRouter &router, LibrarianServer &server);
void addUserRoutes(ApiRouter &router, LibrarianServer &server);
void addUploadRoutes(ApiRouter &router, LibrarianServer &server);
void addSearchRoutes(ApiRouter &router, LibrarianServer &server);
void addStoreRoutes(ApiRouter &router, LibrarianServer &server);
void addLibrarianRoutes(ApiRouter &router, LibrarianServer &server);
void addInstanceRoutes(ApiRouter &router, LibrarianServer &server);
void addOperationsRoutes(ApiRouter &router, LibrarianServer &server);
void addCloneRoutes(ApiRouter &router, LibrarianServer &server);
void addErrorRoutes(ApiRouter &router, LibrarianServer &server);
void addNetworkRoutes(ApiRouter &router, LibrarianServer &server);
void addValidateRoutes(ApiRouter &router, LibrarianServer &server);

} // namespace librarian
