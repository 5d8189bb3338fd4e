#pragma once

#include "BackgroundTask.h"

#include <QObject>
#include <QThread>

namespace librarian {

// Runs the configured background tasks on a thread of their own (never on the HTTP thread), each
// driven by a QTimer at its `every` interval, every task once right at start. A task still
// running when its timer fires is not started twice.
class TaskScheduler : public QObject
{
    Q_OBJECT
public:
    TaskScheduler(QList<TaskDefinition> definitions, TaskContext context, QObject *parent = nullptr);
    ~TaskScheduler() override;

    void start();
    int taskCount() const { return int(m_definitions.size()); }

    static BackgroundTask *create(const TaskDefinition &definition, const TaskContext &context);

private:
    QList<TaskDefinition> m_definitions;
    TaskContext m_context;
    QThread m_thread;
};

} // namespace librarian
