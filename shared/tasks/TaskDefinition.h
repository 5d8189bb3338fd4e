#pragma once

#include "model/Result.h"

#include <QJsonObject>
#include <QList>

namespace librarian {

// One entry of the server config's "background" section: {"send_clone": [{...}, ...], ...}.
// Common fields are the reference's: task_name, every, soft_timeout ("HH:MM:SS"); the rest is the
// task's own and read by the task.
struct TaskDefinition
{
    QString kind;      // "send_clone", "consume_queue", ...
    QString name;      // task_name, for the logs
    qint64 everyMs = 0;
    qint64 softTimeoutMs = 0; // 0: none
    QJsonObject fields;

    static Result<QList<TaskDefinition>> parseAll(const QJsonObject &background);
    static Result<qint64> parseDuration(const QString &text); // "HH:MM:SS" or "D:HH:MM:SS" -> ms
    static QStringList knownKinds();
};

} // namespace librarian
