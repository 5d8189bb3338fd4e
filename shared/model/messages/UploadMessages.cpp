#include "UploadMessages.h"

#include "../JsonReader.h"

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
    return {{QStringLiteral("available_bytes_on_store"), availableBytesOnStore},
            {QStringLiteral("store_name"), storeName},
            {QStringLiteral("staging_name"), stagingName},
            {QStringLiteral("staging_location"), stagingLocation},
            {QStringLiteral("upload_name"), uploadName},
            {QStringLiteral("destination_location"), destinationLocation},
            {QStringLiteral("transfer_id"), transferId},
            {QStringLiteral("transfer_providers"), QJsonObject{{QStringLiteral("http"), http.toJson()}}}};
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

} // namespace librarian
