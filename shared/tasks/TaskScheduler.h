#pragma once

#include "BackgroundTask.h"

#include <QMutex>
#include <QObject>
#include <QThread>

namespace librarian {

// Runs the configured background tasks on a thread of their own (never on the HTTP thread), each
// driven by a QTimer at its `every` interval, every task once right at start. A task still
// running when its timer fires is not started twice. A task that finished a step wakes the task of
// the next one (wake()); the timers remain the safety net.
class TaskScheduler : public QObject
{
    Q_OBJECT
public:
    TaskScheduler(QList<TaskDefinition> definitions, TaskContext context, QObject *parent = nullptr);
    ~TaskScheduler() override;

    void start();
    // Thread-safe: every task of `kind` runs now, or right after its run under way.
    void wake(const QString &kind);
    int taskCount() const { return int(m_definitions.size()); }

    static BackgroundTask *create(const TaskDefinition &definition, const TaskContext &context);

private:
    QList<TaskDefinition> m_definitions;
    TaskContext m_context;
    QThread m_thread;
    QMutex m_lock; // guards m_tasks: wake() comes from the API's threads too
    QList<BackgroundTask *> m_tasks;
};

} // namespace librarian
