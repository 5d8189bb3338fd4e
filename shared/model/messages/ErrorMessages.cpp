#include "ErrorMessages.h"

#include "../JsonReader.h"

#include <QCoreApplication>

namespace librarian {

QJsonObject ErrorSearchRequest::toJson() const
{
    QJsonObject o{{QStringLiteral("include_resolved"), includeResolved}, {QStringLiteral("max_results"), maxResults}};
    if (id)
        o.insert(QStringLiteral("id"), *id);
    if (category)
        o.insert(QStringLiteral("category"), *category);
    if (severity)
        o.insert(QStringLiteral("severity"), *severity);
    return o;
}

Result<ErrorSearchRequest> ErrorSearchRequest::fromJson(const QJsonObject &json)
{
    JsonReader r(json);
    ErrorSearchRequest q;
    q.id = r.optionalInteger(QStringLiteral("id"));
    if (r.has(QStringLiteral("category")))
        q.category = r.string(QStringLiteral("category"));
    if (r.has(QStringLiteral("severity")))
        q.severity = r.string(QStringLiteral("severity"));
    q.includeResolved = r.optionalBoolean(QStringLiteral("include_resolved"), false);
    q.maxResults = int(r.optionalInteger(QStringLiteral("max_results")).value_or(64));
    if (!r.ok())
        return r.error();
    return q;
}

QJsonArray errorsToJson(const QList<ErrorRecord> &errors)
{
    QJsonArray a;
    for (const ErrorRecord &e : errors)
        a.append(e.toJson());
    return a;
}

Result<QList<ErrorRecord>> errorsFromJson(const QJsonArray &json)
{
    QList<ErrorRecord> all;
    for (const QJsonValue &v : json) {
        auto e = ErrorRecord::fromJson(v.toObject());
        if (!e)
            return e.error();
        all.append(*e);
    }
    return all;
}

QJsonObject ErrorClearRequest::toJson() const
{
    return {{QStringLiteral("id"), id}};
}

Result<ErrorClearRequest> ErrorClearRequest::fromJson(const QJsonObject &json)
{
    JsonReader r(json);
    ErrorClearRequest q;
    q.id = r.integer(QStringLiteral("id"));
    if (!r.ok())
        return r.error();
    return q;
}

QJsonObject TransferSearchRequest::toJson() const
{
    QJsonObject o{{QStringLiteral("max_results"), maxResults}};
    if (peer)
        o.insert(QStringLiteral("peer"), *peer);
    if (status)
        o.insert(QStringLiteral("status"), int(*status));
    return o;
}

Result<TransferSearchRequest> TransferSearchRequest::fromJson(const QJsonObject &json)
{
    JsonReader r(json);
    TransferSearchRequest q;
    if (r.has(QStringLiteral("peer")))
        q.peer = r.string(QStringLiteral("peer"));
    if (auto s = r.optionalInteger(QStringLiteral("status"))) {
        q.status = transferStatusFromInt(int(*s));
        if (!q.status)
            return ApiError::badRequest(QCoreApplication::translate("ErrorMessages", "Unknown transfer status %1.").arg(*s));
    }
    q.maxResults = int(r.optionalInteger(QStringLiteral("max_results")).value_or(64));
    if (!r.ok())
        return r.error();
    return q;
}

namespace {
QJsonObject outgoingToJson(const OutgoingTransfer &t)
{
    return {{QStringLiteral("id"), t.id},
            {QStringLiteral("status"), transferStatusName(t.status)},
            {QStringLiteral("peer"), t.destination},
            {QStringLiteral("file_name"), t.fileName},
            {QStringLiteral("size"), t.transferSize},
            {QStringLiteral("start_time"), toWireTime(t.startTime)},
            {QStringLiteral("end_time"), toWireTime(t.endTime)},
            {QStringLiteral("remote_transfer_id"), t.remoteTransferId},
            {QStringLiteral("transfer_method"), t.transferMethod},
            {QStringLiteral("error"), t.error}};
}

QJsonObject incomingToJson(const IncomingTransfer &t)
{
    return {{QStringLiteral("id"), t.id},
            {QStringLiteral("status"), transferStatusName(t.status)},
            {QStringLiteral("peer"), t.source},
            {QStringLiteral("file_name"), t.storePath},
            {QStringLiteral("size"), t.transferSize},
            {QStringLiteral("start_time"), toWireTime(t.startTime)},
            {QStringLiteral("end_time"), toWireTime(t.endTime)},
            {QStringLiteral("source_transfer_id"), t.sourceTransferId},
            {QStringLiteral("error"), t.error}};
}
} // namespace

QJsonObject TransferList::toJson() const
{
    QJsonArray out, in;
    for (const OutgoingTransfer &t : outgoing)
        out.append(outgoingToJson(t));
    for (const IncomingTransfer &t : incoming)
        in.append(incomingToJson(t));
    return {{QStringLiteral("outgoing"), out}, {QStringLiteral("incoming"), in}};
}

Result<TransferList> TransferList::fromJson(const QJsonObject &json)
{
    TransferList list;
    for (const QJsonValue &v : json.value(QStringLiteral("outgoing")).toArray()) {
        const QJsonObject o = v.toObject();
        OutgoingTransfer t;
        t.id = o.value(QStringLiteral("id")).toInteger();
        t.status = transferStatusFromName(o.value(QStringLiteral("status")).toString()).value_or(TransferStatus::Failed);
        t.destination = o.value(QStringLiteral("peer")).toString();
        t.fileName = o.value(QStringLiteral("file_name")).toString();
        t.transferSize = o.value(QStringLiteral("size")).toInteger();
        t.startTime = fromWireTime(o.value(QStringLiteral("start_time")).toString());
        t.endTime = fromWireTime(o.value(QStringLiteral("end_time")).toString());
        t.remoteTransferId = o.value(QStringLiteral("remote_transfer_id")).toInteger(-1);
        t.transferMethod = o.value(QStringLiteral("transfer_method")).toString();
        t.error = o.value(QStringLiteral("error")).toString();
        list.outgoing.append(t);
    }
    for (const QJsonValue &v : json.value(QStringLiteral("incoming")).toArray()) {
        const QJsonObject o = v.toObject();
        IncomingTransfer t;
        t.id = o.value(QStringLiteral("id")).toInteger();
        t.status = transferStatusFromName(o.value(QStringLiteral("status")).toString()).value_or(TransferStatus::Failed);
        t.source = o.value(QStringLiteral("peer")).toString();
        t.storePath = o.value(QStringLiteral("file_name")).toString();
        t.transferSize = o.value(QStringLiteral("size")).toInteger();
        t.startTime = fromWireTime(o.value(QStringLiteral("start_time")).toString());
        t.endTime = fromWireTime(o.value(QStringLiteral("end_time")).toString());
        t.sourceTransferId = o.value(QStringLiteral("source_transfer_id")).toInteger(-1);
        t.error = o.value(QStringLiteral("error")).toString();
        list.incoming.append(t);
    }
    return list;
}

} // namespace librarian
