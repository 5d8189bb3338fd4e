#include "TaskScheduler.h"

#include "CheckConsumedQueue.h"
#include "ConsumeQueue.h"
#include "ReceiveClone.h"
#include "SendClone.h"
#include "TransferHypervisors.h"

#include <QTimer>

namespace librarian {

TaskScheduler::TaskScheduler(QList<TaskDefinition> definitions, TaskContext context, QObject *parent)
    : QObject(parent), m_definitions(std::move(definitions)), m_context(std::move(context))
{
    m_context.wake = [this](const QString &kind) { wake(kind); };
    m_thread.setObjectName(QStringLiteral("background-tasks"));
}

TaskScheduler::~TaskScheduler()
{
    {
        QMutexLocker locked(&m_lock);
        m_tasks.clear(); // they are deleted with the thread
    }
    m_thread.quit();
    m_thread.wait();
}

BackgroundTask *TaskScheduler::create(const TaskDefinition &d, const TaskContext &context)
{
    if (d.kind == QLatin1String("send_clone"))
        return new SendClone(d, context);
    if (d.kind == QLatin1String("consume_queue"))
        return new ConsumeQueue(d, context);
    if (d.kind == QLatin1String("check_consumed_queue"))
        return new CheckConsumedQueue(d, context);
    if (d.kind == QLatin1String("receive_clone"))
        return new ReceiveClone(d, context);
    if (d.kind == QLatin1String("outgoing_transfer_hypervisor"))
        return new OutgoingTransferHypervisor(d, context);
    if (d.kind == QLatin1String("incoming_transfer_hypervisor"))
        return new IncomingTransferHypervisor(d, context);
    if (d.kind == QLatin1String("duplicate_remote_instance_hypervisor"))
        return new DuplicateRemoteInstanceHypervisor(d, context);
    return nullptr;
}

void TaskScheduler::wake(const QString &kind)
{
    QMutexLocker locked(&m_lock);
    for (BackgroundTask *task : std::as_const(m_tasks))
        if (task->definition().kind == kind)
            QMetaObject::invokeMethod(task, &BackgroundTask::wake, Qt::QueuedConnection);
}

void TaskScheduler::start()
{
    m_thread.start();
    for (const TaskDefinition &d : m_definitions) {
        BackgroundTask *task = create(d, m_context);
        if (!task)
            continue;
        task->moveToThread(&m_thread);
        {
            QMutexLocker locked(&m_lock);
            m_tasks.append(task);
        }
        connect(&m_thread, &QThread::finished, task, &QObject::deleteLater);
        // The timer is made inside the task thread so it fires there.
        QMetaObject::invokeMethod(task, [task, every = d.everyMs] {
            auto *timer = new QTimer(task);
            timer->setInterval(int(std::min<qint64>(every, std::numeric_limits<int>::max())));
            QObject::connect(timer, &QTimer::timeout, task, &BackgroundTask::trigger);
            timer->start();
            task->trigger();
        });
    }
}

} // namespace librarian
