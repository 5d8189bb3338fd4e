#include "LibrarianServer.h"

#include <QThread>
#include <QThreadPool>
#include <algorithm>

#include "ApiConnection.h"
#include "DataPlaneConnection.h"
#include "HttpListener.h"
#include "OngoingMarks.h"
#include "tasks/TaskScheduler.h"

#include <QCoreApplication>
#include <QHostAddress>
#include <QLoggingCategory>
#include <QTcpServer>

Q_LOGGING_CATEGORY(lcServer, "librarian.server")

namespace librarian {

namespace {
} // namespace

LibrarianServer::LibrarianServer(ServerConfig config, QObject *parent)
    : QObject(parent), m_config(std::move(config))
{
}

LibrarianServer::~LibrarianServer()
{
    // Children use the database, ingest and authenticator members, which die before ~QObject
    // would delete the children: stop them first.
    delete m_tasks;
    delete m_dataPlane;
    // No PUT can mark more now: what is pending is written before the catalogue closes.
    if (m_ongoingMarks)
        m_ongoingMarks->flush();
    m_ongoingMarks.reset();
    delete m_api;
}

Status LibrarianServer::openCatalogue()
{
    m_database = std::make_unique<Database>(m_config.database);
    auto version = m_database->schemaVersion();
    if (!version)
        return version.error();
    if (*version != Database::latestSchemaVersion())
        return ApiError::internal(tr("The database is at schema version %1, this server needs %2.")
                                      .arg(*version)
                                      .arg(Database::latestSchemaVersion()),
                                  tr("Run 'librarian-server setup' first."));
    auto secrets = SecretBox::fromKeyFile(m_config.encryptionKeyFile);
    if (!secrets)
        return ApiError::internal(secrets.error().reason, tr("Run 'librarian-server setup' to create the key file."));
    m_secrets = *secrets;
    m_ingest = std::make_unique<Ingest>(*m_database, m_config.maximalUploadSizeBytes);
    LoginThrottle::Limits limits;
    limits.freeFailuresPerAddress = m_config.loginFreeFailuresPerAddress;
    limits.freeFailuresPerAccount = m_config.loginFreeFailuresPerAccount;
    m_authenticator = std::make_unique<Authenticator>(*m_database, limits);
    return Ok{};
}

void LibrarianServer::startTasks()
{
    if (m_config.background.isEmpty())
        return;
    m_tasks = new TaskScheduler(m_config.background,
                                TaskContext{m_database.get(), &*m_secrets, m_config.name, m_config.maxSendRetries}, this);
    m_tasks->start();
    qCInfo(lcServer) << m_tasks->taskCount() << "background task(s) started";
}

void LibrarianServer::wakeTasks(const QString &kind) const
{
    if (m_tasks)
        m_tasks->wake(kind);
}

Status LibrarianServer::startBackgroundOnly()
{
    if (auto s = openCatalogue(); !s)
        return s;
    if (m_config.background.isEmpty())
        return ApiError::badRequest(tr("%1: the 'background' section defines no task.").arg(m_config.filePath));
    startTasks();
    return Ok{};
}

Status LibrarianServer::start()
{
    if (auto s = openCatalogue(); !s)
        return s;

    const QHostAddress address(m_config.host == QLatin1String("localhost") ? QStringLiteral("127.0.0.1") : m_config.host);
    if (address.isNull())
        return ApiError::badRequest(tr("%1: key 'host' must be an IP address, not '%2'.").arg(m_config.filePath, m_config.host));

    // Requests' work runs on the global pool, and much of it waits for the disk (a commit's flushes):
    // with a thread a core, two commits under way left a batch's staging waiting for a thread.
    QThreadPool::globalInstance()->setMaxThreadCount(std::max(4, 2 * QThread::idealThreadCount()));
    m_router = std::make_unique<ApiRouter>(*m_authenticator);
    HttpConnection::Limits limits;
    limits.idleMs = m_config.httpIdleTimeoutSeconds * 1000;
    limits.headMs = std::min(limits.headMs, limits.idleMs);
    limits.rateWindowMs = m_config.httpRateWindowSeconds * 1000;
    limits.minBytesPerWindow = m_config.httpMinBodyBytesPerSecond * m_config.httpRateWindowSeconds;
    m_api = new HttpListener(
        [this, limits](QTcpSocket *socket, QObject *parent) {
            new ApiConnection(socket, *m_router, m_config.maxJsonBodyBytes, limits, parent);
        },
        this);
    if (!m_api->listen(address, quint16(m_config.port)))
        return ApiError{ErrorKind::Unavailable,
                        tr("Cannot listen on %1:%2: %3").arg(m_config.host).arg(m_config.port).arg(m_api->errorString()),
                        tr("Choose another port or stop the program using it.")};
    m_port = m_api->serverPort();

    m_ongoingMarks = std::make_unique<OngoingMarks>([this](const QList<qint64> &ids) { return m_ingest->markOngoing(ids); });
    m_dataPlane = new HttpListener(
        [this, limits](QTcpSocket *socket, QObject *parent) {
            new DataPlaneConnection(socket, *m_ingest, *m_authenticator, *m_ongoingMarks, m_config.maxChunkBytes,
                                    limits, parent);
        },
        this);
    if (!m_dataPlane->listen(address, quint16(m_config.dataPort)))
        return ApiError{ErrorKind::Unavailable,
                        tr("Cannot listen for the data plane on %1:%2: %3")
                            .arg(m_config.host)
                            .arg(m_config.dataPort)
                            .arg(m_dataPlane->errorString()),
                        tr("Choose another data_port or stop the program using it.")};
    m_dataPort = m_dataPlane->serverPort();
    addRoutes();
    startTasks();
    qCInfo(lcServer) << "librarian" << m_config.name << "serving on" << m_config.host << m_port << "data plane on"
                     << m_dataPort;
    return Ok{};
}

void LibrarianServer::addRoutes()
{
    addPingRoutes(*m_router, *this);
    addUserRoutes(*m_router, *this);
    addUploadRoutes(*m_router, *this);
    addSearchRoutes(*m_router, *this);
    addStoreRoutes(*m_router, *this);
    addLibrarianRoutes(*m_router, *this);
    addInstanceRoutes(*m_router, *this);
    addOperationsRoutes(*m_router, *this);
    addCloneRoutes(*m_router, *this);
    addErrorRoutes(*m_router, *this);
    addValidateRoutes(*m_router, *this);
    addNetworkRoutes(*m_router, *this);
}

} // namespace librarian
