#include "BackgroundTask.h"

#include "client/LibrarianClient.h"
#include "client/PeerConnection.h"
#include "db/ErrorLog.h"

#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcTasks, "librarian.tasks")

namespace librarian {

BackgroundTask::BackgroundTask(TaskDefinition definition, TaskContext context, QObject *parent)
    : QObject(parent), m_definition(std::move(definition)), m_context(std::move(context))
{
}

void BackgroundTask::trigger()
{
    if (m_running) {
        qCDebug(lcTasks) << m_definition.name << "still running; this run is skipped";
        return;
    }
    m_running = true;
    m_deadline = m_definition.softTimeoutMs > 0 ? QDeadlineTimer(m_definition.softTimeoutMs) : QDeadlineTimer::Forever;
    m_clock.start();
    run();
}

void BackgroundTask::wake()
{
    // An operator may keep a task to its timer (e.g. heavy verification at set times).
    if (!m_definition.fields.value(QStringLiteral("run_on_events")).toBool(true))
        return;
    if (m_running)
        m_wokenWhileRunning = true;
    else
        trigger();
}

void BackgroundTask::wakeTasks(const QString &kind) const
{
    if (m_context.wake)
        m_context.wake(kind);
}

void BackgroundTask::finish(const QString &summary, bool idle)
{
    m_running = false;
    if (m_wokenWhileRunning) {
        // Work arrived that this run may not have seen; queued, so the run's caller unwinds first.
        m_wokenWhileRunning = false;
        QMetaObject::invokeMethod(this, &BackgroundTask::trigger, Qt::QueuedConnection);
    }
    if (idle)
        qCDebug(lcTasks).noquote() << m_definition.name << "ran in" << m_clock.elapsed() << "ms:" << summary;
    else
        qCInfo(lcTasks).noquote() << m_definition.name << "ran in" << m_clock.elapsed() << "ms:" << summary;
    Q_EMIT ranOnce(m_definition.name, summary);
}

bool BackgroundTask::softTimedOut() const
{
    return m_deadline.hasExpired();
}

void BackgroundTask::recordError(const QString &category, const QString &message)
{
    qCWarning(lcTasks).noquote() << m_definition.name << message;
    auto db = m_context.database->connection();
    if (!db)
        return;
    if (auto s = ErrorLog(*db).raise(QStringLiteral("error"), category, message, m_definition.name); !s)
        qCWarning(lcTasks).noquote() << m_definition.name << "cannot record the error:" << s.error().reason;
}

bool BackgroundTask::check(const Status &status, const QString &what)
{
    if (status)
        return true;
    recordError(QStringLiteral("database"), tr("%1 failed: %2").arg(what, status.error().reason));
    return false;
}

Result<LibrarianClient *> BackgroundTask::peerClient(const Librarian &peer)
{
    auto connection = peerConnection(peer, *m_context.secrets);
    if (!connection)
        return connection.error();
    return new LibrarianClient(*connection, this);
}

} // namespace librarian
