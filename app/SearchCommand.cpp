#include "Command.h"

#include "model/JsonReader.h"
#include "model/Routes.h"
#include "model/messages/SearchMessages.h"

#include <QJsonArray>

namespace librarian {

namespace {
std::optional<QDateTime> timeOption(const QCommandLineParser &p, const QString &name)
{
    if (!p.isSet(name))
        return std::nullopt;
    QDateTime t = fromWireTime(p.value(name));
    if (!t.isValid()) {
        const QDate day = QDate::fromString(p.value(name), Qt::ISODate);
        if (day.isValid())
            t = QDateTime(day, QTime(0, 0), Qt::UTC);
    }
    return t;
}
} // namespace

QList<Command> searchCommands()
{
    Command search;
    search.name = QStringLiteral("search-files");
    search.summary = QObject::tr("Find files by name, uploader, source or creation time; shows their copies.");
    search.addOptions = [](QCommandLineParser &p) {
        p.addOption({{QStringLiteral("n"), QStringLiteral("name")}, QObject::tr("Exact file name."), QStringLiteral("name")});
        p.addOption({{QStringLiteral("u"), QStringLiteral("uploader")}, QObject::tr("Uploader."), QStringLiteral("user")});
        p.addOption({{QStringLiteral("s"), QStringLiteral("source")}, QObject::tr("Source."), QStringLiteral("source")});
        p.addOption({QStringLiteral("create-time-start"), QObject::tr("Created at or after (ISO-8601, UTC)."),
                     QStringLiteral("time")});
        p.addOption({QStringLiteral("create-time-end"), QObject::tr("Created at or before (ISO-8601, UTC)."),
                     QStringLiteral("time")});
        p.addOption({QStringLiteral("max-results"), QObject::tr("At most this many files (the server caps it)."),
                     QStringLiteral("k"), QStringLiteral("64")});
    };
    search.check = [](const QCommandLineParser &p) -> QString {
        for (const QString &o : {QStringLiteral("create-time-start"), QStringLiteral("create-time-end")})
            if (p.isSet(o) && !timeOption(p, o)->isValid())
                return QObject::tr("--%1: '%2' is not an ISO-8601 date or time.").arg(o, p.value(o));
        bool ok = false;
        if (p.value(QStringLiteral("max-results")).toInt(&ok) <= 0 || !ok)
            return QObject::tr("--max-results must be a positive number.");
        return {};
    };
    search.run = [](Invocation &in) {
        FileSearchRequest request;
        if (in.isSet(QStringLiteral("name")))
            request.name = in.value(QStringLiteral("name"));
        if (in.isSet(QStringLiteral("uploader")))
            request.uploader = in.value(QStringLiteral("uploader"));
        if (in.isSet(QStringLiteral("source")))
            request.source = in.value(QStringLiteral("source"));
        request.createTimeStart = timeOption(in.args(), QStringLiteral("create-time-start"));
        request.createTimeEnd = timeOption(in.args(), QStringLiteral("create-time-end"));
        request.maxResults = in.value(QStringLiteral("max-results")).toInt();
        in.client().post(routes::kSearchFile, request.toJson(), [&in](Result<QJsonValue> r) {
            if (!r && r.error().kind == ErrorKind::NotFound) {
                in.printJson(QJsonArray());
                in.print(QObject::tr("No results found."));
                return in.succeed();
            }
            if (!r)
                return in.fail(r.error());
            auto files = filesFromJson(r->toArray());
            if (!files)
                return in.fail(files.error());
            in.printJson(*r);
            for (const File &f : *files) {
                in.print(QStringLiteral("%1 (%2) - %3 - %4 - %5 - %6")
                             .arg(f.name, humanSize(f.size), toWireTime(f.createTime), f.uploader, f.source, f.checksum));
                for (const Instance &i : f.instances)
                    in.print(QStringLiteral("  instance %1: %2 [store %3] %4")
                                 .arg(i.id)
                                 .arg(i.path)
                                 .arg(i.storeId)
                                 .arg(i.available ? QObject::tr("AVAILABLE") : QObject::tr("NOT AVAILABLE")));
                for (const RemoteInstance &ri : f.remoteInstances)
                    in.print(QObject::tr("  remote instance %1: %2 (copied %3)")
                                 .arg(ri.id)
                                 .arg(ri.librarianName, toWireTime(ri.copyTime)));
            }
            in.succeed();
        });
    };
    return {search};
}

} // namespace librarian
