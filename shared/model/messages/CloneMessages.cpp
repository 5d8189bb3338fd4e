#include "CloneMessages.h"

#include "../JsonReader.h"

#include <QCoreApplication>
#include <QJsonArray>

namespace librarian {

namespace {
QJsonArray idsToJson(const QList<qint64> &ids)
{
    QJsonArray a;
    for (qint64 id : ids)
        a.append(id);
    return a;
}

QList<qint64> idsFromJson(const QJsonValue &value)
{
    QList<qint64> ids;
    for (const QJsonValue &v : value.toArray())
        ids.append(qint64(v.toDouble()));
    return ids;
}

QJsonObject statusesToJson(const QMap<qint64, std::optional<TransferStatus>> &map)
{
    QJsonObject o;
    for (auto it = map.begin(); it != map.end(); ++it)
        o.insert(QString::number(it.key()), it.value() ? QJsonValue(int(*it.value())) : QJsonValue(QJsonValue::Null));
    return o;
}

QMap<qint64, std::optional<TransferStatus>> statusesFromJson(const QJsonValue &value)
{
    QMap<qint64, std::optional<TransferStatus>> map;
    const QJsonObject o = value.toObject();
    for (auto it = o.begin(); it != o.end(); ++it)
        map.insert(it.key().toLongLong(),
                   it.value().isNull() ? std::nullopt : transferStatusFromInt(it.value().toInt()));
    return map;
}
} // namespace

QJsonObject CloneUpload::toJson() const
{
    return {{QStringLiteral("upload_size"), uploadSize},
            {QStringLiteral("upload_checksum"), uploadChecksum},
            {QStringLiteral("upload_name"), uploadName},
            {QStringLiteral("destination_location"), destinationLocation},
            {QStringLiteral("uploader"), uploader},
            {QStringLiteral("source_transfer_id"), sourceTransferId}};
}

Result<CloneUpload> CloneUpload::fromJson(const QJsonObject &json)
{
    JsonReader r(json, QStringLiteral("uploads"));
    CloneUpload u;
    u.uploadSize = r.integer(QStringLiteral("upload_size"));
    u.uploadChecksum = r.string(QStringLiteral("upload_checksum"));
    u.uploadName = r.string(QStringLiteral("upload_name"));
    u.destinationLocation = r.string(QStringLiteral("destination_location"));
    u.uploader = r.nonEmptyString(QStringLiteral("uploader"), kMaxNameLength); // the File row's uploader
    u.sourceTransferId = r.integer(QStringLiteral("source_transfer_id"));
    if (!r.ok())
        return r.error();
    return u;
}

QJsonObject CloneBatchStageRequest::toJson() const
{
    QJsonArray a;
    for (const CloneUpload &u : uploads)
        a.append(u.toJson());
    return {{QStringLiteral("source"), source}, {QStringLiteral("total_size"), totalSize}, {QStringLiteral("uploads"), a}};
}

Result<CloneBatchStageRequest> CloneBatchStageRequest::fromJson(const QJsonObject &json)
{
    JsonReader r(json);
    CloneBatchStageRequest q;
    q.source = r.string(QStringLiteral("source"), kMaxNameLength);
    q.totalSize = r.optionalInteger(QStringLiteral("total_size")).value_or(0);
    const QJsonArray uploads = r.array(QStringLiteral("uploads"));
    if (!r.ok())
        return r.error();
    for (const QJsonValue &v : uploads) {
        auto u = CloneUpload::fromJson(v.toObject());
        if (!u)
            return u.error();
        q.uploads.append(*u);
    }
    return q;
}

QJsonObject CloneStageRequest::toJson() const
{
    QJsonObject o = upload.toJson();
    o.insert(QStringLiteral("source"), source);
    return o;
}

Result<CloneStageRequest> CloneStageRequest::fromJson(const QJsonObject &json)
{
    JsonReader r(json);
    CloneStageRequest q;
    q.source = r.string(QStringLiteral("source"), kMaxNameLength);
    if (!r.ok())
        return r.error();
    auto upload = CloneUpload::fromJson(json);
    if (!upload)
        return upload.error();
    q.upload = *upload;
    return q;
}

QJsonObject CloneStaged::toJson() const
{
    return {{QStringLiteral("source_transfer_id"), sourceTransferId},
            {QStringLiteral("destination_transfer_id"), destinationTransferId},
            {QStringLiteral("staging_name"), stagingName},
            {QStringLiteral("staging_location"), stagingLocation},
            {QStringLiteral("upload_name"), uploadName},
            {QStringLiteral("destination_location"), destinationLocation},
            {QStringLiteral("transfer_providers"), QJsonObject{{QStringLiteral("http"), http.toJson()}}}};
}

Result<CloneStaged> CloneStaged::fromJson(const QJsonObject &json)
{
    JsonReader r(json, QStringLiteral("uploads"));
    CloneStaged s;
    s.sourceTransferId = r.integer(QStringLiteral("source_transfer_id"));
    s.destinationTransferId = r.integer(QStringLiteral("destination_transfer_id"));
    s.stagingName = r.optionalString(QStringLiteral("staging_name"));
    s.stagingLocation = r.optionalString(QStringLiteral("staging_location"), {}, kMaxPathLength);
    s.uploadName = r.optionalString(QStringLiteral("upload_name"));
    s.destinationLocation = r.string(QStringLiteral("destination_location"));
    const QJsonObject providers = r.object(QStringLiteral("transfer_providers"));
    if (!r.ok())
        return r.error();
    auto http = HttpDataTarget::fromJson(providers.value(QStringLiteral("http")).toObject());
    if (!http)
        return http.error();
    s.http = *http;
    return s;
}

QJsonObject CloneBatchStageResponse::toJson() const
{
    QJsonArray a;
    for (const CloneStaged &s : uploads)
        a.append(s.toJson());
    return {{QStringLiteral("store_name"), storeName},
            {QStringLiteral("available_bytes_on_store"), availableBytesOnStore},
            {QStringLiteral("transfer_methods"), QJsonArray::fromStringList(transferMethods)},
            {QStringLiteral("uploads"), a}};
}

Result<CloneBatchStageResponse> CloneBatchStageResponse::fromJson(const QJsonObject &json)
{
    JsonReader r(json);
    CloneBatchStageResponse q;
    q.storeName = r.string(QStringLiteral("store_name"));
    q.availableBytesOnStore = r.optionalInteger(QStringLiteral("available_bytes_on_store")).value_or(0);
    for (const QJsonValue &v : json.value(QStringLiteral("transfer_methods")).toArray())
        q.transferMethods << v.toString();
    if (q.transferMethods.isEmpty())
        q.transferMethods << QStringLiteral("http");
    const QJsonArray uploads = r.array(QStringLiteral("uploads"));
    if (!r.ok())
        return r.error();
    for (const QJsonValue &v : uploads) {
        auto s = CloneStaged::fromJson(v.toObject());
        if (!s)
            return s.error();
        q.uploads.append(*s);
    }
    return q;
}

QJsonObject CloneTransferIds::toJson() const
{
    QJsonObject o{{QStringLiteral("source_transfer_id"), sourceTransferId},
                  {QStringLiteral("destination_transfer_id"), destinationTransferId}};
    if (storeId >= 0)
        o.insert(QStringLiteral("store_id"), storeId);
    if (!reason.isEmpty())
        o.insert(QStringLiteral("reason"), reason);
    return o;
}

Result<CloneTransferIds> CloneTransferIds::fromJson(const QJsonObject &json)
{
    JsonReader r(json);
    CloneTransferIds q;
    q.sourceTransferId = r.integer(QStringLiteral("source_transfer_id"));
    q.destinationTransferId = r.integer(QStringLiteral("destination_transfer_id"));
    q.storeId = r.optionalInteger(QStringLiteral("store_id")).value_or(-1);
    q.reason = r.optionalString(QStringLiteral("reason"), {}, kMaxLongTextLength);
    if (!r.ok())
        return r.error();
    return q;
}

QJsonObject CloneBatchCompleteRequest::toJson() const
{
    QJsonArray a;
    for (const CloneTransferIds &ids : completions)
        a.append(ids.toJson());
    return {{QStringLiteral("completions"), a}};
}

Result<CloneBatchCompleteRequest> CloneBatchCompleteRequest::fromJson(const QJsonObject &json)
{
    JsonReader r(json);
    const QJsonArray completions = r.array(QStringLiteral("completions"));
    if (!r.ok())
        return r.error();
    if (completions.size() > kMaxCloneCompletions)
        return ApiError{ErrorKind::PayloadTooLarge,
                        QCoreApplication::translate("CloneMessages", "A batch holds at most %1 completions; this one holds %2.")
                            .arg(kMaxCloneCompletions)
                            .arg(completions.size()),
                        QCoreApplication::translate("CloneMessages", "Send the completions in smaller batches.")};
    CloneBatchCompleteRequest q;
    for (const QJsonValue &v : completions) {
        if (!v.isObject())
            return ApiError::badRequest(
                QCoreApplication::translate("CloneMessages", "Each entry of \"completions\" must be an object."));
        auto ids = CloneTransferIds::fromJson(v.toObject());
        if (!ids)
            return ids.error();
        q.completions.append(*ids);
    }
    return q;
}

QJsonObject CloneCompletion::toJson() const
{
    QJsonObject o{{QStringLiteral("source_transfer_id"), sourceTransferId}, {QStringLiteral("ok"), !error}};
    if (error) {
        o.insert(QStringLiteral("status"), error->httpStatus());
        o.insert(QStringLiteral("error"), error->toJson());
    }
    return o;
}

Result<CloneCompletion> CloneCompletion::fromJson(const QJsonObject &json)
{
    JsonReader r(json, QStringLiteral("results"));
    CloneCompletion c;
    c.sourceTransferId = r.integer(QStringLiteral("source_transfer_id"));
    const bool ok = r.boolean(QStringLiteral("ok"));
    if (!r.ok())
        return r.error();
    if (!ok) {
        const int status = int(r.integer(QStringLiteral("status")));
        const QJsonObject error = r.object(QStringLiteral("error"));
        if (!r.ok())
            return r.error();
        c.error = ApiError::fromJson(status, error);
    }
    return c;
}

QJsonObject CloneBatchCompleteResponse::toJson() const
{
    QJsonArray a;
    for (const CloneCompletion &c : results)
        a.append(c.toJson());
    return {{QStringLiteral("results"), a}};
}

Result<CloneBatchCompleteResponse> CloneBatchCompleteResponse::fromJson(const QJsonObject &json)
{
    JsonReader r(json);
    const QJsonArray results = r.array(QStringLiteral("results"));
    if (!r.ok())
        return r.error();
    CloneBatchCompleteResponse q;
    for (const QJsonValue &v : results) {
        auto c = CloneCompletion::fromJson(v.toObject());
        if (!c)
            return c.error();
        q.results.append(*c);
    }
    return q;
}

QJsonObject CheckinUpdateRequest::toJson() const
{
    return {{QStringLiteral("source_transfer_ids"), idsToJson(sourceTransferIds)},
            {QStringLiteral("destination_transfer_ids"), idsToJson(destinationTransferIds)},
            {QStringLiteral("new_status"), int(newStatus)}};
}

Result<CheckinUpdateRequest> CheckinUpdateRequest::fromJson(const QJsonObject &json)
{
    JsonReader r(json);
    CheckinUpdateRequest q;
    const qint64 status = r.integer(QStringLiteral("new_status"));
    if (!r.ok())
        return r.error();
    const auto parsed = transferStatusFromInt(int(status));
    if (!parsed)
        return ApiError::badRequest(QCoreApplication::translate("CloneMessages", "Unknown transfer status %1.").arg(status));
    q.newStatus = *parsed;
    q.sourceTransferIds = idsFromJson(json.value(QStringLiteral("source_transfer_ids")));
    q.destinationTransferIds = idsFromJson(json.value(QStringLiteral("destination_transfer_ids")));
    return q;
}

QJsonObject CheckinUpdateResponse::toJson() const
{
    return {{QStringLiteral("modified_source_transfer_ids"), idsToJson(modifiedSourceTransferIds)},
            {QStringLiteral("modified_destination_transfer_ids"), idsToJson(modifiedDestinationTransferIds)},
            {QStringLiteral("unmodified_source_transfer_ids"), idsToJson(unmodifiedSourceTransferIds)},
            {QStringLiteral("unmodified_destination_transfer_ids"), idsToJson(unmodifiedDestinationTransferIds)},
            {QStringLiteral("reasons"), QJsonArray::fromStringList(reasons)}};
}

Result<CheckinUpdateResponse> CheckinUpdateResponse::fromJson(const QJsonObject &json)
{
    CheckinUpdateResponse q;
    q.modifiedSourceTransferIds = idsFromJson(json.value(QStringLiteral("modified_source_transfer_ids")));
    q.modifiedDestinationTransferIds = idsFromJson(json.value(QStringLiteral("modified_destination_transfer_ids")));
    q.unmodifiedSourceTransferIds = idsFromJson(json.value(QStringLiteral("unmodified_source_transfer_ids")));
    q.unmodifiedDestinationTransferIds = idsFromJson(json.value(QStringLiteral("unmodified_destination_transfer_ids")));
    for (const QJsonValue &v : json.value(QStringLiteral("reasons")).toArray())
        q.reasons << v.toString();
    return q;
}

QJsonObject CheckinStatusRequest::toJson() const
{
    return {{QStringLiteral("source_transfer_ids"), idsToJson(sourceTransferIds)},
            {QStringLiteral("destination_transfer_ids"), idsToJson(destinationTransferIds)}};
}

Result<CheckinStatusRequest> CheckinStatusRequest::fromJson(const QJsonObject &json)
{
    CheckinStatusRequest q;
    q.sourceTransferIds = idsFromJson(json.value(QStringLiteral("source_transfer_ids")));
    q.destinationTransferIds = idsFromJson(json.value(QStringLiteral("destination_transfer_ids")));
    return q;
}

QJsonObject CheckinStatusResponse::toJson() const
{
    return {{QStringLiteral("source_transfer_status"), statusesToJson(sourceTransferStatus)},
            {QStringLiteral("destination_transfer_status"), statusesToJson(destinationTransferStatus)}};
}

Result<CheckinStatusResponse> CheckinStatusResponse::fromJson(const QJsonObject &json)
{
    CheckinStatusResponse q;
    q.sourceTransferStatus = statusesFromJson(json.value(QStringLiteral("source_transfer_status")));
    q.destinationTransferStatus = statusesFromJson(json.value(QStringLiteral("destination_transfer_status")));
    return q;
}

} // namespace librarian
