#include "TaskDefinition.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QRegularExpression>

namespace librarian {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("TaskDefinition", text);
}
} // namespace

QStringList TaskDefinition::knownKinds()
{
    // "recieve_clone" is the reference's spelling, accepted so its configs work unchanged.
    return {QStringLiteral("send_clone"), QStringLiteral("consume_queue"), QStringLiteral("check_consumed_queue"),
            QStringLiteral("receive_clone"), QStringLiteral("recieve_clone"),
            QStringLiteral("outgoing_transfer_hypervisor"), QStringLiteral("incoming_transfer_hypervisor"),
            QStringLiteral("duplicate_remote_instance_hypervisor")};
}

Result<qint64> TaskDefinition::parseDuration(const QString &text)
{
    static const QRegularExpression pattern(QStringLiteral("^(?:(\\d+):)?(\\d+):(\\d{1,2}):(\\d{1,2}(?:\\.\\d+)?)$"));
    const auto m = pattern.match(text.trimmed());
    if (!m.hasMatch())
        return ApiError::badRequest(tr("'%1' is not a duration; use HH:MM:SS.").arg(text));
    const double seconds = m.captured(1).toDouble() * 86400 + m.captured(2).toDouble() * 3600
                         + m.captured(3).toDouble() * 60 + m.captured(4).toDouble();
    return qint64(seconds * 1000);
}

Result<QList<TaskDefinition>> TaskDefinition::parseAll(const QJsonObject &background)
{
    QList<TaskDefinition> all;
    for (auto it = background.begin(); it != background.end(); ++it) {
        if (!knownKinds().contains(it.key()))
            return ApiError::badRequest(tr("background: unknown or not yet supported task '%1' (supported: %2).")
                                            .arg(it.key(), knownKinds().join(QStringLiteral(", "))));
        if (!it.value().isArray())
            return ApiError::badRequest(tr("background.%1 must be a list of task definitions.").arg(it.key()));
        for (const QJsonValue &v : it.value().toArray()) {
            const QJsonObject o = v.toObject();
            TaskDefinition d;
            d.kind = it.key() == QLatin1String("recieve_clone") ? QStringLiteral("receive_clone") : it.key();
            d.name = o.value(QStringLiteral("task_name")).toString(d.kind);
            auto every = parseDuration(o.value(QStringLiteral("every")).toString());
            if (!every)
                return ApiError::badRequest(tr("background.%1 (%2): every: %3").arg(it.key(), d.name, every.error().reason));
            if (*every < 100)
                return ApiError::badRequest(tr("background.%1 (%2): every must be at least 0.1 s.").arg(it.key(), d.name));
            d.everyMs = *every;
            if (o.contains(QStringLiteral("soft_timeout"))) {
                auto timeout = parseDuration(o.value(QStringLiteral("soft_timeout")).toString());
                if (!timeout)
                    return ApiError::badRequest(
                        tr("background.%1 (%2): soft_timeout: %3").arg(it.key(), d.name, timeout.error().reason));
                d.softTimeoutMs = *timeout;
            }
            d.fields = o;
            all.append(d);
        }
    }
    return all;
}

} // namespace librarian
