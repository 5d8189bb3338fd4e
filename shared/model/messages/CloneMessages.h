#pragma once

#include "../Result.h"
#include "../TransferStatus.h"
#include "UploadMessages.h"

#include <QJsonObject>
#include <QList>
#include <QMap>
#include <optional>

namespace librarian {

// One file of a /clone/batch_stage request.
struct CloneUpload
{
    qint64 uploadSize = 0;
    QString uploadChecksum;
    QString uploadName;
    QString destinationLocation;
    QString uploader;
    qint64 sourceTransferId = -1;
    QJsonObject toJson() const;
    static Result<CloneUpload> fromJson(const QJsonObject &json);
};

struct CloneBatchStageRequest // /clone/batch_stage
{
    QString source; // the sending librarian's name
    qint64 totalSize = 0;
    QList<CloneUpload> uploads;
    QJsonObject toJson() const;
    static Result<CloneBatchStageRequest> fromJson(const QJsonObject &json);
};

struct CloneStageRequest // /clone/stage: one file (the sneakernet ingest path)
{
    QString source;
    CloneUpload upload;
    QJsonObject toJson() const;
    static Result<CloneStageRequest> fromJson(const QJsonObject &json);
};

struct CloneStaged // one staged file of the answer
{
    qint64 sourceTransferId = -1;
    qint64 destinationTransferId = -1;
    QString stagingName;
    QString stagingLocation;
    QString uploadName;
    QString destinationLocation;
    HttpDataTarget http;
    QJsonObject toJson() const;
    static Result<CloneStaged> fromJson(const QJsonObject &json);
};

struct CloneBatchStageResponse
{
    QString storeName;
    QStringList transferMethods; // how the staging store accepts bytes: "http", and "local" on one host
    qint64 availableBytesOnStore = 0;
    QList<CloneStaged> uploads;
    QJsonObject toJson() const;
    static Result<CloneBatchStageResponse> fromJson(const QJsonObject &json);
};

// /clone/ongoing, /clone/staged, /clone/complete (with store_id), /clone/fail (with reason)
struct CloneTransferIds
{
    qint64 sourceTransferId = -1;
    qint64 destinationTransferId = -1;
    qint64 storeId = -1;
    QString reason;
    QJsonObject toJson() const;
    static Result<CloneTransferIds> fromJson(const QJsonObject &json);
};

// /clone/batch_complete (ours): the /clone/complete of many transfers in one request, at most
// kMaxCloneCompletions of them.
inline constexpr int kMaxCloneCompletions = 1024;
struct CloneBatchCompleteRequest
{
    QList<CloneTransferIds> completions;
    QJsonObject toJson() const;
    static Result<CloneBatchCompleteRequest> fromJson(const QJsonObject &json);
};

// What became of one completion: done, or the error /clone/complete would have answered.
struct CloneCompletion
{
    qint64 sourceTransferId = -1;
    std::optional<ApiError> error; // on the wire: "ok", and if not, the HTTP status and its body
    QJsonObject toJson() const;
    static Result<CloneCompletion> fromJson(const QJsonObject &json);
};

struct CloneBatchCompleteResponse // one result per completion, in the request's order
{
    QList<CloneCompletion> results;
    QJsonObject toJson() const;
    static Result<CloneBatchCompleteResponse> fromJson(const QJsonObject &json);
};

struct CheckinUpdateRequest // /checkin/update
{
    QList<qint64> sourceTransferIds;
    QList<qint64> destinationTransferIds;
    TransferStatus newStatus = TransferStatus::Failed;
    QJsonObject toJson() const;
    static Result<CheckinUpdateRequest> fromJson(const QJsonObject &json);
};

struct CheckinUpdateResponse
{
    QList<qint64> modifiedSourceTransferIds;
    QList<qint64> modifiedDestinationTransferIds;
    QList<qint64> unmodifiedSourceTransferIds;
    QList<qint64> unmodifiedDestinationTransferIds;
    QStringList reasons;
    QJsonObject toJson() const;
    static Result<CheckinUpdateResponse> fromJson(const QJsonObject &json);
};

struct CheckinStatusRequest // /checkin/status
{
    QList<qint64> sourceTransferIds;
    QList<qint64> destinationTransferIds;
    QJsonObject toJson() const;
    static Result<CheckinStatusRequest> fromJson(const QJsonObject &json);
};

struct CheckinStatusResponse
{
    QMap<qint64, std::optional<TransferStatus>> sourceTransferStatus;
    QMap<qint64, std::optional<TransferStatus>> destinationTransferStatus;
    QJsonObject toJson() const;
    static Result<CheckinStatusResponse> fromJson(const QJsonObject &json);
};

} // namespace librarian
