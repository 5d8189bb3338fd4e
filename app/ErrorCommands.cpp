#include "Command.h"

#include "model/JsonReader.h"
#include "model/Routes.h"
#include "model/messages/ErrorMessages.h"

#include <QJsonArray>

namespace librarian {

QList<Command> errorCommands()
{
    Command search;
    search.name = QStringLiteral("search-errors");
    search.summary = QObject::tr("List the errors the librarian recorded (failed transfers and the like).");
    search.addOptions = [](QCommandLineParser &p) {
        p.addOption({QStringLiteral("id"), QObject::tr("One error by id."), QStringLiteral("id")});
        p.addOption({{QStringLiteral("c"), QStringLiteral("category")}, QObject::tr("Category, e.g. transfer."), QStringLiteral("category")});
        p.addOption({{QStringLiteral("s"), QStringLiteral("severity")}, QObject::tr("critical, error, warning or info."), QStringLiteral("severity")});
        p.addOption({QStringLiteral("include-resolved"), QObject::tr("Also list cleared errors.")});
        p.addOption({QStringLiteral("max-results"), QObject::tr("At most this many."), QStringLiteral("k"), QStringLiteral("64")});
    };
    search.run = [](Invocation &in) {
        ErrorSearchRequest request;
        if (in.isSet(QStringLiteral("id")))
            request.id = in.value(QStringLiteral("id")).toLongLong();
        if (in.isSet(QStringLiteral("category")))
            request.category = in.value(QStringLiteral("category"));
        if (in.isSet(QStringLiteral("severity")))
            request.severity = in.value(QStringLiteral("severity"));
        request.includeResolved = in.isSet(QStringLiteral("include-resolved"));
        request.maxResults = in.value(QStringLiteral("max-results")).toInt();
        in.client().post(routes::kSearchError, request.toJson(), [&in](Result<QJsonValue> r) {
            if (!r && r.error().kind == ErrorKind::NotFound) {
                in.printJson(QJsonArray());
                in.print(QObject::tr("No errors found."));
                return in.succeed();
            }
            if (!r)
                return in.fail(r.error());
            auto errors = errorsFromJson(r->toArray());
            if (!errors)
                return in.fail(errors.error());
            in.printJson(*r);
            for (const ErrorRecord &e : *errors)
                in.print(QStringLiteral("%1 [%2/%3] %4 %5%6: %7")
                             .arg(e.id)
                             .arg(e.severity, e.category, toWireTime(e.raisedTime), e.caller,
                                  e.cleared ? QObject::tr(" (cleared)") : QString(), e.message));
            in.succeed();
        });
    };

    Command clear;
    clear.name = QStringLiteral("clear-error");
    clear.summary = QObject::tr("Mark an error as dealt with.");
    clear.positionals = {QStringLiteral("ERROR-ID")};
    clear.positionalsHelp = {QObject::tr("Id of the error (see search-errors).")};
    clear.check = [](const QCommandLineParser &p) -> QString {
        bool ok = false;
        p.positionalArguments().value(1).toLongLong(&ok); // after CONN
        return ok ? QString() : QObject::tr("ERROR-ID must be a number.");
    };
    clear.run = [](Invocation &in) {
        const qint64 id = in.positional(0).toLongLong();
        in.postAndReport(routes::kErrorClear, ErrorClearRequest{id}.toJson(),
                         [id](const QJsonValue &) { return QObject::tr("Error %1 cleared.").arg(id); });
    };

    Command transfers;
    transfers.name = QStringLiteral("get-transfers");
    transfers.summary = QObject::tr("List outgoing and incoming transfers with their state and any error.");
    transfers.addOptions = [](QCommandLineParser &p) {
        p.addOption({QStringLiteral("peer"), QObject::tr("Only transfers with this librarian."), QStringLiteral("name")});
        p.addOption({QStringLiteral("status"), QObject::tr("Only this state: INITIATED, ONGOING, STAGED, COMPLETED, FAILED, CANCELLED."),
                     QStringLiteral("status")});
        p.addOption({QStringLiteral("max-results"), QObject::tr("At most this many of each."), QStringLiteral("k"), QStringLiteral("64")});
    };
    transfers.check = [](const QCommandLineParser &p) -> QString {
        if (p.isSet(QStringLiteral("status")) && !transferStatusFromName(p.value(QStringLiteral("status"))))
            return QObject::tr("unknown status '%1'.").arg(p.value(QStringLiteral("status")));
        return {};
    };
    transfers.run = [](Invocation &in) {
        TransferSearchRequest request;
        if (in.isSet(QStringLiteral("peer")))
            request.peer = in.value(QStringLiteral("peer"));
        if (in.isSet(QStringLiteral("status")))
            request.status = transferStatusFromName(in.value(QStringLiteral("status")));
        request.maxResults = in.value(QStringLiteral("max-results")).toInt();
        in.client().post(routes::kSearchTransfers, request.toJson(), [&in](Result<QJsonValue> r) {
            if (!r)
                return in.fail(r.error());
            auto list = TransferList::fromJson(r->toObject());
            if (!list)
                return in.fail(list.error());
            in.printJson(*r);
            for (const OutgoingTransfer &t : list->outgoing)
                in.print(QStringLiteral("out %1 %2 -> %3 %4 (%5)%6")
                             .arg(t.id)
                             .arg(t.fileName, t.destination, transferStatusName(t.status), humanSize(t.transferSize),
                                  t.error.isEmpty() ? QString() : QStringLiteral(": ") + t.error));
            for (const IncomingTransfer &t : list->incoming)
                in.print(QStringLiteral("in  %1 %2 <- %3 %4 (%5)%6")
                             .arg(t.id)
                             .arg(t.storePath, t.source, transferStatusName(t.status), humanSize(t.transferSize),
                                  t.error.isEmpty() ? QString() : QStringLiteral(": ") + t.error));
            if (list->outgoing.isEmpty() && list->incoming.isEmpty())
                in.print(QObject::tr("No transfers."));
            in.succeed();
        });
    };
    return {search, clear, transfers};
}

} // namespace librarian
