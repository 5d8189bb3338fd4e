#pragma once

#include "TaskDefinition.h"
#include "client/ClientConfig.h"
#include "db/Database.h"
#include "model/Librarian.h"

#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QObject>
#include <functional>

namespace librarian {

class SecretBox;
class LibrarianClient;

// What every task may use. Tasks run on the scheduler's thread with their own database connection.
struct TaskContext
{
    const Database *database = nullptr;
    const SecretBox *secrets = nullptr;
    QString ourName;
    qint64 maxSendRetries = 3;
    // Wakes every task of a kind ("consume_queue"), from any thread: the next step of a transfer
    // starts when the previous one finished, not on the next tick. Set by the TaskScheduler.
    std::function<void(const QString &kind)> wake;
};

// One periodic job. run() does the work, possibly asynchronously (peer calls), and ends with
// finish(); the scheduler never starts a task again before that. Long loops check softTimedOut()
// between files and leave the rest for the next run.
class BackgroundTask : public QObject
{
    Q_OBJECT
public:
    BackgroundTask(TaskDefinition definition, TaskContext context, QObject *parent = nullptr);

    const TaskDefinition &definition() const { return m_definition; }
    bool isRunning() const { return m_running; }
    // The timer's call: skipped while a run is under way.
    void trigger();
    // There is new work: runs now, or right after the run under way.
    void wake();

Q_SIGNALS:
    void ranOnce(const QString &taskName, const QString &summary);

protected:
    virtual void run() = 0;
    // `summary` is logged at info level when the run did something, at debug level when idle.
    void finish(const QString &summary, bool idle = false);
    bool softTimedOut() const;
    // Logs it and keeps it in the errors table for search-errors.
    void recordError(const QString &category, const QString &message);
    // For the bookkeeping steps whose failure must not stop the run but must not go unseen either:
    // a failed status is recorded as a "database" error naming `what`. Returns status.ok().
    bool check(const Status &status, const QString &what);
    void wakeTasks(const QString &kind) const;

    // A client for a registered peer, with the credentials we hold for it (decrypted here only).
    Result<LibrarianClient *> peerClient(const Librarian &peer);

    const TaskContext &context() const { return m_context; }

private:
    TaskDefinition m_definition;
    TaskContext m_context;
    bool m_running = false;
    bool m_wokenWhileRunning = false;
    QDeadlineTimer m_deadline;
    QElapsedTimer m_clock;
};

} // namespace librarian
