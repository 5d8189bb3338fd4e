#include "Command.h"

#include "model/Routes.h"
#include "model/messages/AdminMessages.h"

#include <QUrl>

namespace librarian {

namespace {
QCommandLineOption nameOption()
{
    return {QStringLiteral("name"), QObject::tr("Name of the peer librarian (its server 'name')."), QStringLiteral("name")};
}

QString requireName(const QCommandLineParser &p)
{
    return p.isSet(QStringLiteral("name")) ? QString() : QObject::tr("--name is required.");
}
} // namespace

QList<Command> librarianCommands()
{
    Command list;
    list.name = QStringLiteral("get-librarian-list");
    list.summary = QObject::tr("List the peer librarians this one knows.");
    list.addOptions = [](QCommandLineParser &p) {
        p.addOption({QStringLiteral("ping"), QObject::tr("Ask every peer whether it answers (in parallel).")});
    };
    list.run = [](Invocation &in) {
        in.client().post(routes::kAdminLibrariansList, LibrarianListRequest{in.isSet(QStringLiteral("ping"))}.toJson(),
                         [&in](Result<QJsonValue> r) {
                             if (!r)
                                 return in.fail(r.error());
                             auto peers = librariansFromJson(r->toObject());
                             if (!peers)
                                 return in.fail(peers.error());
                             in.printJson(*r);
                             if (peers->isEmpty())
                                 in.print(QObject::tr("No librarians."));
                             for (const Librarian &l : *peers) {
                                 const QString state = !l.available ? QObject::tr("Unknown")
                                                       : *l.available ? QObject::tr("Available")
                                                                      : QObject::tr("Unavailable");
                                 in.print(QStringLiteral("%1 (%2:%3) - %4 - %5")
                                              .arg(l.name, l.url)
                                              .arg(l.port)
                                              .arg(state, l.transfersEnabled ? QObject::tr("Enabled")
                                                                             : QObject::tr("Disabled")));
                             }
                             in.succeed();
                         });
    };

    Command add;
    add.name = QStringLiteral("add-librarian");
    add.summary = QObject::tr("Register a peer librarian (its connection is checked unless told not to).");
    add.addOptions = [](QCommandLineParser &p) {
        p.addOption(nameOption());
        p.addOption({QStringLiteral("url"), QObject::tr("Scheme and host of the peer, without port."), QStringLiteral("url")});
        p.addOption({QStringLiteral("port"), QObject::tr("Port of the peer's API."), QStringLiteral("port")});
        p.addOption({QStringLiteral("do-not-check-connection"),
                     QObject::tr("Register the peer without checking that it answers with these credentials.")});
    };
    Secret authenticator;
    authenticator.name = QStringLiteral("authenticator");
    authenticator.environment = QStringLiteral("LIBRARIAN_AUTHENTICATOR");
    authenticator.help =
        QObject::tr("USER:PASSWORD of the account this librarian uses on the peer (stored encrypted).");
    authenticator.prompt = QObject::tr("USER:PASSWORD on the peer");
    authenticator.validate = [](const QString &value) {
        return value.indexOf(QLatin1Char(':')) > 0 ? QString()
                                                   : QObject::tr("the authenticator must be USER:PASSWORD.");
    };
    add.secrets = {authenticator};
    add.check = [](const QCommandLineParser &p) -> QString {
        for (const char *o : {"name", "url", "port"})
            if (!p.isSet(QLatin1String(o)))
                return QObject::tr("--%1 is required.").arg(QLatin1String(o));
        if (p.value(QStringLiteral("name")).trimmed().isEmpty())
            return QObject::tr("--name must not be empty.");
        const QUrl url(p.value(QStringLiteral("url")));
        // Checked first, so no message repeats the password.
        if (!url.userInfo().isEmpty() || p.value(QStringLiteral("url")).contains(QLatin1Char('@')))
            return QObject::tr("--url must not contain USER:PASSWORD@; give the credentials with "
                               "--authenticator-stdin, LIBRARIAN_AUTHENTICATOR or --authenticator (stored encrypted).");
        if (!url.isValid() || url.host().isEmpty()
            || (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https")))
            return QObject::tr("--url must be like http://host.example.org.");
        if (url.port() != -1)
            return QObject::tr("--url must not contain a port; give it with --port.");
        bool ok = false;
        const int port = p.value(QStringLiteral("port")).toInt(&ok);
        if (!ok || port <= 0 || port > 65535)
            return QObject::tr("--port must be a number from 1 to 65535.");
        return {};
    };
    add.run = [](Invocation &in) {
        LibrarianAddRequest request;
        request.librarianName = in.value(QStringLiteral("name"));
        request.url = in.value(QStringLiteral("url"));
        request.port = in.value(QStringLiteral("port")).toInt();
        request.authenticator = in.secret(QStringLiteral("authenticator"));
        request.checkConnection = !in.isSet(QStringLiteral("do-not-check-connection"));
        const QString name = request.librarianName;
        in.client().post(routes::kAdminLibrariansAdd, request.toJson(), [&in, name](Result<QJsonValue> r) {
            if (!r)
                return in.fail(r.error());
            auto answer = LibrarianAddResponse::fromJson(r->toObject());
            if (!answer)
                return in.fail(answer.error());
            // The reference answers 200 with success=false; the reason decides the exit code.
            if (!answer->success) {
                const ErrorKind kind = answer->alreadyExists                                   ? ErrorKind::Conflict
                                       : answer->pingSuccess && !*answer->pingSuccess ? ErrorKind::Unavailable
                                                                                      : ErrorKind::Internal;
                return in.fail({kind, answer->reason.isEmpty() ? QObject::tr("Librarian %1 was not added.").arg(name)
                                                               : answer->reason});
            }
            in.printJson(*r);
            in.print(QObject::tr("Librarian %1 added.").arg(name));
            in.succeed();
        });
    };

    Command remove;
    remove.name = QStringLiteral("remove-librarian");
    remove.summary = QObject::tr("Forget a peer librarian (its remote instances are kept).");
    remove.addOptions = [](QCommandLineParser &p) {
        p.addOption(nameOption());
        p.addOption({QStringLiteral("remove-outgoing-transfers"), QObject::tr("Also fail every transfer to it.")});
    };
    remove.check = requireName;
    remove.run = [](Invocation &in) {
        const LibrarianRemoveRequest request{in.value(QStringLiteral("name")),
                                             in.isSet(QStringLiteral("remove-outgoing-transfers"))};
        in.postAndReport(routes::kAdminLibrariansRemove, request.toJson(), [request](const QJsonValue &v) {
            QString text;
            if (request.removeOutgoingTransfers)
                text = QObject::tr("Removed %1 outgoing transfers to %2.\n")
                           .arg(LibrarianRemoveResponse::fromJson(v.toObject())->numberOfTransfersRemoved)
                           .arg(request.librarianName);
            return text + QObject::tr("Librarian %1 removed.").arg(request.librarianName);
        });
    };

    Command transfer;
    transfer.name = QStringLiteral("set-librarian-transfer");
    transfer.summary = QObject::tr("Enable or disable sending files to a peer librarian.");
    transfer.addOptions = [](QCommandLineParser &p) {
        p.addOption(nameOption());
        p.addOption({QStringLiteral("enabled"), QObject::tr("Allow transfers to the peer.")});
        p.addOption({QStringLiteral("disabled"), QObject::tr("Stop transfers to the peer.")});
    };
    transfer.check = [](const QCommandLineParser &p) -> QString {
        if (!p.isSet(QStringLiteral("name")))
            return QObject::tr("--name is required.");
        if (p.isSet(QStringLiteral("enabled")) == p.isSet(QStringLiteral("disabled")))
            return QObject::tr("give exactly one of --enabled or --disabled.");
        return {};
    };
    transfer.run = [](Invocation &in) {
        const LibrarianTransferStatus request{in.value(QStringLiteral("name")), in.isSet(QStringLiteral("enabled"))};
        in.postAndReport(routes::kAdminLibrariansTransferStatus, request.toJson(), [request](const QJsonValue &) {
            return request.transfersEnabled ? QObject::tr("Transfers to %1 enabled.").arg(request.librarianName)
                                            : QObject::tr("Transfers to %1 disabled.").arg(request.librarianName);
        });
    };
    return {list, add, remove, transfer};
}

} // namespace librarian
