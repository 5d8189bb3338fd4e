#include "UploadMessages.h"

#include "../JsonReader.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QSet>

namespace librarian {

QJsonObject UploadStageRequest::toJson() const
{
    return {{QStringLiteral("upload_size"), uploadSize},
            {QStringLiteral("upload_checksum"), uploadChecksum},
            {QStringLiteral("upload_name"), uploadName},
            {QStringLiteral("destination_location"), destinationLocation},
            {QStringLiteral("uploader"), uploader}};
}

Result<UploadStageRequest> UploadStageRequest::fromJson(const QJsonObject &json)
{
    JsonReader r(json);
    UploadStageRequest q;
    q.uploadSize = r.integer(QStringLiteral("upload_size"));
    q.uploadChecksum = r.string(QStringLiteral("upload_checksum"));
    q.uploadName = r.string(QStringLiteral("upload_name"));
    q.destinationLocation = r.string(QStringLiteral("destination_location"));
    q.uploader = r.optionalString(QStringLiteral("uploader"), {}, kMaxNameLength);
    if (!r.ok())
        return r.error();
    return q;
}

QJsonObject HttpDataTarget::toJson() const
{
    return {{QStringLiteral("data_port"), dataPort},
            {QStringLiteral("path"), path},
            {QStringLiteral("max_chunk_bytes"), maxChunkBytes}};
}

Result<HttpDataTarget> HttpDataTarget::fromJson(const QJsonObject &json)
{
    JsonReader r(json, QStringLiteral("transfer_providers.http"));
    HttpDataTarget t;
    t.dataPort = int(r.integer(QStringLiteral("data_port")));
    t.path = r.string(QStringLiteral("path"), kMaxPathLength);
    t.maxChunkBytes = r.integer(QStringLiteral("max_chunk_bytes"));
    if (!r.ok())
        return r.error();
    return t;
}

QJsonObject UploadStageResponse::toJson() const
{
    QJsonObject o{{QStringLiteral("available_bytes_on_store"), availableBytesOnStore},
            {QStringLiteral("store_name"), storeName},
            {QStringLiteral("staging_name"), stagingName},
            {QStringLiteral("staging_location"), stagingLocation},
            {QStringLiteral("upload_name"), uploadName},
            {QStringLiteral("destination_location"), destinationLocation},
            {QStringLiteral("transfer_id"), transferId},
            {QStringLiteral("transfer_providers"), QJsonObject{{QStringLiteral("http"), http.toJson()}}}};
    if (bytesReceived >= 0)
        o.insert(QStringLiteral("bytes_received"), bytesReceived);
    return o;
}

Result<UploadStageResponse> UploadStageResponse::fromJson(const QJsonObject &json)
{
    JsonReader r(json);
    UploadStageResponse s;
    s.availableBytesOnStore = r.optionalInteger(QStringLiteral("available_bytes_on_store")).value_or(0);
    s.storeName = r.string(QStringLiteral("store_name"));
    s.stagingName = r.string(QStringLiteral("staging_name"));
    s.stagingLocation = r.optionalString(QStringLiteral("staging_location"), {}, kMaxPathLength);
    s.uploadName = r.string(QStringLiteral("upload_name"));
    s.destinationLocation = r.string(QStringLiteral("destination_location"));
    s.transferId = r.integer(QStringLiteral("transfer_id"));
    s.bytesReceived = r.optionalInteger(QStringLiteral("bytes_received")).value_or(-1);
    const QJsonObject providers = r.object(QStringLiteral("transfer_providers"));
    if (!r.ok())
        return r.error();
    auto http = HttpDataTarget::fromJson(providers.value(QStringLiteral("http")).toObject());
    if (!http)
        return http.error();
    s.http = http.value();
    return s;
}

QJsonObject UploadCommitRequest::toJson() const
{
    return {{QStringLiteral("store_name"), storeName},
            {QStringLiteral("staging_name"), stagingName},
            {QStringLiteral("staging_location"), stagingLocation},
            {QStringLiteral("upload_name"), uploadName},
            {QStringLiteral("destination_location"), destinationLocation},
            {QStringLiteral("transfer_provider_name"), transferProviderName},
            {QStringLiteral("deletion_policy"),
             deletionPolicy == DeletionPolicy::Allowed ? QStringLiteral("allowed") : QStringLiteral("disallowed")},
            {QStringLiteral("uploader"), uploader},
            {QStringLiteral("transfer_id"), transferId}};
}

Result<UploadCommitRequest> UploadCommitRequest::fromJson(const QJsonObject &json)
{
    JsonReader r(json);
    UploadCommitRequest q;
    q.storeName = r.optionalString(QStringLiteral("store_name"));
    q.stagingName = r.optionalString(QStringLiteral("staging_name"));
    q.stagingLocation = r.optionalString(QStringLiteral("staging_location"), {}, kMaxPathLength);
    q.uploadName = r.optionalString(QStringLiteral("upload_name"));
    q.destinationLocation = r.string(QStringLiteral("destination_location"));
    q.transferProviderName = r.optionalString(QStringLiteral("transfer_provider_name"), QStringLiteral("http"));
    q.deletionPolicy = deletionPolicyFromText(r.optionalString(QStringLiteral("deletion_policy")));
    q.uploader = r.optionalString(QStringLiteral("uploader"), {}, kMaxNameLength);
    q.transferId = r.integer(QStringLiteral("transfer_id"));
    if (!r.ok())
        return r.error();
    return q;
}

namespace {
// Each element of `key` read with T::fromJson; the first bad one is the error.
template <typename T>
Result<QList<T>> listFromJson(JsonReader &r, const QString &key)
{
    const QJsonArray array = r.array(key);
    if (!r.ok())
        return r.error();
    QList<T> list;
    list.reserve(array.size());
    for (const QJsonValue &v : array) {
        if (!v.isObject())
            return ApiError::badRequest(
                QCoreApplication::translate("UploadMessages", "Every element of '%1' must be an object.").arg(key));
        auto item = T::fromJson(v.toObject());
        if (!item)
            return item.error();
        list.append(std::move(item.value()));
    }
    return list;
}

template <typename T>
QJsonArray listToJson(const QList<T> &list)
{
    QJsonArray a;
    for (const T &item : list)
        a.append(item.toJson());
    return a;
}
} // namespace

QJsonObject UploadBatchStageRequest::toJson() const
{
    return {{QStringLiteral("uploads"), listToJson(uploads)}};
}

Result<UploadBatchStageRequest> UploadBatchStageRequest::fromJson(const QJsonObject &json)
{
    JsonReader r(json);
    auto uploads = listFromJson<UploadStageRequest>(r, QStringLiteral("uploads"));
    if (!uploads)
        return uploads.error();
    return UploadBatchStageRequest{*uploads};
}

QJsonObject UploadBatchStageResponse::toJson() const
{
    return {{QStringLiteral("uploads"), listToJson(uploads)}, {QStringLiteral("present"), QJsonArray::fromStringList(present)}};
}

Result<UploadBatchStageResponse> UploadBatchStageResponse::fromJson(const QJsonObject &json)
{
    JsonReader r(json);
    auto uploads = listFromJson<UploadStageResponse>(r, QStringLiteral("uploads"));
    if (!uploads)
        return uploads.error();
    UploadBatchStageResponse s{*uploads, {}};
    for (const QJsonValue &v : json.value(QStringLiteral("present")).toArray())
        s.present << v.toString();
    return s;
}

QJsonObject UploadBatchCommitRequest::toJson() const
{
    return {{QStringLiteral("commits"), listToJson(commits)}};
}

Result<UploadBatchCommitRequest> UploadBatchCommitRequest::fromJson(const QJsonObject &json)
{
    JsonReader r(json);
    auto commits = listFromJson<UploadCommitRequest>(r, QStringLiteral("commits"));
    if (!commits)
        return commits.error();
    return UploadBatchCommitRequest{*commits};
}

QJsonObject UploadCommitFailure::toJson() const
{
    return {{QStringLiteral("transfer_id"), transferId},
            {QStringLiteral("destination_location"), destinationLocation},
            {QStringLiteral("status"), error.httpStatus()},
            {QStringLiteral("error"), error.toJson()}};
}

Result<UploadCommitFailure> UploadCommitFailure::fromJson(const QJsonObject &json)
{
    JsonReader r(json, QStringLiteral("failures"));
    UploadCommitFailure f;
    f.transferId = r.integer(QStringLiteral("transfer_id"));
    f.destinationLocation = r.optionalString(QStringLiteral("destination_location"));
    const int status = int(r.integer(QStringLiteral("status")));
    const QJsonObject error = r.object(QStringLiteral("error"));
    if (!r.ok())
        return r.error();
    f.error = ApiError::fromJson(status, error);
    return f;
}

QJsonObject UploadBatchCommitResponse::toJson() const
{
    return {{QStringLiteral("files"), listToJson(files)}, {QStringLiteral("failures"), listToJson(failures)}};
}

Result<UploadBatchCommitResponse> UploadBatchCommitResponse::fromJson(const QJsonObject &json)
{
    JsonReader r(json);
    auto files = listFromJson<File>(r, QStringLiteral("files"));
    if (!files)
        return files.error();
    auto failures = listFromJson<UploadCommitFailure>(r, QStringLiteral("failures"));
    if (!failures)
        return failures.error();
    return UploadBatchCommitResponse{*files, *failures};
}

QJsonObject TransferIdRequest::toJson() const
{
    return {{QStringLiteral("transfer_id"), transferId}};
}

Result<TransferIdRequest> TransferIdRequest::fromJson(const QJsonObject &json)
{
    JsonReader r(json);
    TransferIdRequest q;
    q.transferId = r.integer(QStringLiteral("transfer_id"));
    if (!r.ok())
        return r.error();
    return q;
}

QJsonObject DataProgress::toJson() const
{
    return {{QStringLiteral("transfer_id"), transferId},
            {QStringLiteral("bytes_received"), bytesReceived},
            {QStringLiteral("transfer_size"), transferSize}};
}

Result<DataProgress> DataProgress::fromJson(const QJsonObject &json)
{
    JsonReader r(json);
    DataProgress p;
    p.transferId = r.integer(QStringLiteral("transfer_id"));
    p.bytesReceived = r.integer(QStringLiteral("bytes_received"));
    p.transferSize = r.integer(QStringLiteral("transfer_size"));
    if (!r.ok())
        return r.error();
    return p;
}

QString DataBundle::toQuery() const
{
    QStringList items;
    items.reserve(parts.size());
    for (const DataBundlePart &p : parts)
        items.append(QStringLiteral("%1:%2:%3").arg(p.transferId).arg(p.offset).arg(p.length));
    return items.join(QLatin1Char(','));
}

Result<DataBundle> DataBundle::fromQuery(const QString &text)
{
    const auto bad = [](const QString &why) {
        return ApiError::badRequest(
            QCoreApplication::translate("DataBundle", "Invalid parts of a data bundle: %1").arg(why),
            QCoreApplication::translate("DataBundle", "Send parts=ID:OFFSET:LENGTH,... with at most %1 parts.")
                .arg(kMaxParts));
    };
    const QStringList items = text.split(QLatin1Char(','));
    if (text.isEmpty() || items.size() > kMaxParts)
        return bad(QCoreApplication::translate("DataBundle", "%1 parts.").arg(text.isEmpty() ? 0 : items.size()));
    DataBundle bundle;
    QSet<qint64> seen;
    for (const QString &item : items) {
        const QStringList fields = item.split(QLatin1Char(':'));
        bool ok[3] = {false, false, false};
        DataBundlePart p;
        if (fields.size() == 3) {
            p.transferId = fields[0].toLongLong(&ok[0]);
            p.offset = fields[1].toLongLong(&ok[1]);
            p.length = fields[2].toLongLong(&ok[2]);
        }
        if (!ok[0] || !ok[1] || !ok[2] || p.transferId < 0 || p.offset < 0 || p.length < 0)
            return bad(QCoreApplication::translate("DataBundle", "'%1' is not ID:OFFSET:LENGTH.").arg(item.left(64)));
        // One part a transfer: two would race each other for the same staging file.
        if (seen.contains(p.transferId))
            return bad(QCoreApplication::translate("DataBundle", "transfer %1 appears twice.").arg(p.transferId));
        seen.insert(p.transferId);
        bundle.parts.append(p);
    }
    return bundle;
}

qint64 DataBundle::bodyLength() const
{
    qint64 total = 0;
    for (const DataBundlePart &p : parts)
        total += p.length;
    return total;
}

QJsonObject DataBundleAnswer::toJson() const
{
    QJsonArray array;
    for (const Part &p : parts) {
        QJsonObject o = p.progress ? p.progress->toJson() : QJsonObject{{QStringLiteral("transfer_id"), p.transferId}};
        if (p.error) {
            o.insert(QStringLiteral("error"), p.error->toJson());
            o.insert(QStringLiteral("error_status"), p.error->httpStatus());
        }
        array.append(o);
    }
    return {{QStringLiteral("parts"), array}};
}

Result<DataBundleAnswer> DataBundleAnswer::fromJson(const QJsonObject &json)
{
    JsonReader r(json);
    const QJsonArray array = r.array(QStringLiteral("parts"));
    if (!r.ok())
        return r.error();
    DataBundleAnswer answer;
    for (const QJsonValue &value : array) {
        const QJsonObject o = value.toObject();
        JsonReader pr(o, QStringLiteral("parts"));
        Part p;
        p.transferId = pr.integer(QStringLiteral("transfer_id"));
        if (pr.has(QStringLiteral("error"))) {
            const auto status = pr.integer(QStringLiteral("error_status"));
            p.error = ApiError::fromJson(int(status), pr.object(QStringLiteral("error")));
        } else {
            auto progress = DataProgress::fromJson(o);
            if (!progress)
                return progress.error();
            p.progress = *progress;
        }
        if (!pr.ok())
            return pr.error();
        answer.parts.append(p);
    }
    return answer;
}

} // namespace librarian
