#include "SearchMessages.h"

#include "../JsonReader.h"

#include <QCoreApplication>
#include <QJsonDocument>

namespace librarian {

QJsonObject FileSearchRequest::toJson() const
{
    QJsonObject o{{QStringLiteral("max_results"), maxResults}};
    if (name)
        o.insert(QStringLiteral("name"), *name);
    if (uploader)
        o.insert(QStringLiteral("uploader"), *uploader);
    if (source)
        o.insert(QStringLiteral("source"), *source);
    if (createTimeStart || createTimeEnd) {
        const QDateTime start = createTimeStart.value_or(QDateTime::fromMSecsSinceEpoch(0, Qt::UTC));
        const QDateTime end = createTimeEnd.value_or(QDateTime(QDate(9999, 12, 31), QTime(23, 59, 59), Qt::UTC));
        o.insert(QStringLiteral("create_time_window"), QJsonArray{toWireTime(start), toWireTime(end)});
    }
    return o;
}

Result<FileSearchRequest> FileSearchRequest::fromJson(const QJsonObject &json)
{
    JsonReader r(json);
    FileSearchRequest q;
    if (r.has(QStringLiteral("name")))
        q.name = r.string(QStringLiteral("name"));
    if (r.has(QStringLiteral("uploader")))
        q.uploader = r.string(QStringLiteral("uploader"));
    if (r.has(QStringLiteral("source")))
        q.source = r.string(QStringLiteral("source"));
    q.maxResults = int(r.optionalInteger(QStringLiteral("max_results")).value_or(64));
    if (r.has(QStringLiteral("create_time_window"))) {
        const QJsonArray window = r.array(QStringLiteral("create_time_window"));
        if (r.ok()) {
            if (window.size() != 2)
                return ApiError::badRequest(QCoreApplication::translate(
                    "SearchMessages", "Field 'create_time_window' must be [start, end]."));
            const QDateTime start = fromWireTime(window.at(0).toString());
            const QDateTime end = fromWireTime(window.at(1).toString());
            if (!start.isValid() || !end.isValid())
                return ApiError::badRequest(QCoreApplication::translate(
                    "SearchMessages", "Field 'create_time_window' must hold two ISO-8601 times."));
            q.createTimeStart = start;
            q.createTimeEnd = end;
        }
    }
    if (!r.ok())
        return r.error();
    return q;
}

QByteArray encodeFiles(const QList<File> &files)
{
    QByteArray out("[");
    for (const File &f : files) {
        if (out.size() > 1)
            out += ',';
        out += QJsonDocument(f.toJson()).toJson(QJsonDocument::Compact);
    }
    out += ']';
    return out;
}

Result<QList<File>> filesFromJson(const QJsonArray &json)
{
    QList<File> files;
    for (const QJsonValue &v : json) {
        auto f = File::fromJson(v.toObject());
        if (!f)
            return f.error();
        files.append(f.value());
    }
    return files;
}

} // namespace librarian
