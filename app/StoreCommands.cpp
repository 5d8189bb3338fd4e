#include "Command.h"

#include "model/Routes.h"
#include "model/messages/AdminMessages.h"

#include <QDir>

namespace librarian {

QList<Command> storeCommands()
{
    Command list;
    list.name = QStringLiteral("get-store-list");
    list.summary = QObject::tr("List the stores with their free space and state.");
    list.run = [](Invocation &in) {
        in.client().post(routes::kAdminStoresList, {}, [&in](Result<QJsonValue> r) {
            if (!r)
                return in.fail(r.error());
            auto stores = storesFromJson(r->toArray());
            if (!stores)
                return in.fail(stores.error());
            in.printJson(*r);
            for (const Store &s : *stores)
                in.print(QStringLiteral("%1 [id %2] (%3) [%4 free] - %5 - %6 - %7")
                             .arg(s.name)
                             .arg(s.id)
                             .arg(s.storeType, s.freeSpace < 0 ? QObject::tr("?") : humanSize(s.freeSpace),
                                  s.ingestable ? QObject::tr("Ingestable") : QObject::tr("Not ingestable"),
                                  s.available ? QObject::tr("Available") : QObject::tr("Not available"),
                                  s.enabled ? QObject::tr("Enabled") : QObject::tr("Disabled")));
            in.succeed();
        });
    };

    Command state;
    state.name = QStringLiteral("set-store-state");
    state.summary = QObject::tr("Enable or disable a store.");
    state.addOptions = [](QCommandLineParser &p) {
        p.addOption({QStringLiteral("store"), QObject::tr("Store name."), QStringLiteral("name")});
        p.addOption({QStringLiteral("enabled"), QObject::tr("Enable the store.")});
        p.addOption({QStringLiteral("disabled"), QObject::tr("Disable the store.")});
    };
    state.check = [](const QCommandLineParser &p) -> QString {
        if (!p.isSet(QStringLiteral("store")))
            return QObject::tr("--store is required.");
        if (p.isSet(QStringLiteral("enabled")) == p.isSet(QStringLiteral("disabled")))
            return QObject::tr("give exactly one of --enabled or --disabled.");
        return {};
    };
    state.run = [](Invocation &in) {
        StoreStateChange request;
        request.storeName = in.value(QStringLiteral("store"));
        request.enabled = in.isSet(QStringLiteral("enabled"));
        in.postAndReport(routes::kAdminStoresStateChange, request.toJson(), [request](const QJsonValue &) {
            return request.enabled ? QObject::tr("Store %1 enabled.").arg(request.storeName)
                                   : QObject::tr("Store %1 disabled.").arg(request.storeName);
        });
    };

    Command add;
    add.name = QStringLiteral("add-file");
    add.summary = QObject::tr("Register bytes already inside a store as a file or as one more instance of it.");
    add.addOptions = [](QCommandLineParser &p) {
        p.addOption({QStringLiteral("store"), QObject::tr("Store holding the bytes."), QStringLiteral("name")});
        p.addOption({QStringLiteral("path"), QObject::tr("Absolute path of the bytes on the server."), QStringLiteral("path")});
        p.addOption({QStringLiteral("name"), QObject::tr("Catalogue name of the file."), QStringLiteral("file-name")});
    };
    add.check = [](const QCommandLineParser &p) -> QString {
        for (const char *o : {"store", "path", "name"})
            if (!p.isSet(QLatin1String(o)))
                return QObject::tr("--%1 is required.").arg(QLatin1String(o));
        if (!QDir::isAbsolutePath(p.value(QStringLiteral("path"))))
            return QObject::tr("--path must be absolute.");
        return {};
    };
    add.run = [](Invocation &in) {
        AddFileRequest request;
        request.name = in.value(QStringLiteral("name"));
        request.path = in.value(QStringLiteral("path"));
        request.storeName = in.value(QStringLiteral("store"));
        in.postAndReport(routes::kAdminAddFile, request.toJson(), [request](const QJsonValue &v) {
            const auto r = AddFileResponse::fromJson(v.toObject());
            if (r && r->alreadyExists)
                return QObject::tr("%1 is already registered at that path on store %2.").arg(request.name, request.storeName);
            return QObject::tr("Registered %1 on store %2.").arg(request.name, request.storeName);
        });
    };
    return {list, state, add};
}

} // namespace librarian
