#include "Command.h"

#include "model/Routes.h"
#include "model/messages/AdminMessages.h"

namespace librarian {

QList<Command> instanceCommands()
{
    Command remove;
    remove.name = QStringLiteral("delete-instance");
    remove.summary = QObject::tr("Delete a local instance's bytes (the row stays, unavailable) or forget a remote instance.");
    remove.addOptions = [](QCommandLineParser &p) {
        p.addOption({QStringLiteral("id"), QObject::tr("Instance id (see search-files)."), QStringLiteral("id")});
        p.addOption({QStringLiteral("local"), QObject::tr("A local instance: remove its bytes from the store.")});
        p.addOption({QStringLiteral("remote"), QObject::tr("A remote instance: forget that a peer holds a copy.")});
    };
    remove.check = [](const QCommandLineParser &p) -> QString {
        bool ok = false;
        p.value(QStringLiteral("id")).toLongLong(&ok);
        if (!ok)
            return QObject::tr("--id must be a number.");
        if (p.isSet(QStringLiteral("local")) == p.isSet(QStringLiteral("remote")))
            return QObject::tr("give exactly one of --local or --remote.");
        return {};
    };
    remove.run = [](Invocation &in) {
        const bool local = in.isSet(QStringLiteral("local"));
        const InstanceDeleteRequest request{in.value(QStringLiteral("id")).toLongLong(), local};
        in.postAndReport(local ? routes::kAdminInstanceDeleteLocal : routes::kAdminInstanceDeleteRemote,
                         request.toJson(), [request, local](const QJsonValue &) {
                             return local ? QObject::tr("Instance %1 deleted; its bytes are gone.").arg(request.instanceId)
                                          : QObject::tr("Remote instance %1 forgotten.").arg(request.instanceId);
                         });
    };
    return {remove};
}

} // namespace librarian
