#pragma once

#include "../File.h"
#include "../Result.h"
#include "../TransferStatus.h"

#include <QJsonObject>
#include <QList>
#include <QStringList>

namespace librarian {

struct UploadStageRequest // /upload/stage
{
    qint64 uploadSize = 0;
    QString uploadChecksum;      // "<algo>:::<hex>"; the server recomputes it at commit
    QString uploadName;          // basename of the staged object
    QString destinationLocation; // the permanent file name
    QString uploader;
    QJsonObject toJson() const;
    static Result<UploadStageRequest> fromJson(const QJsonObject &json);
};

// Where and how to send the bytes with the built-in "http" data plane.
struct HttpDataTarget
{
    int dataPort = 0;          // the streaming listener of the server
    QString path;              // e.g. /api/v2/data/42
    qint64 maxChunkBytes = 0;  // a PUT body must not exceed this
    QJsonObject toJson() const;
    static Result<HttpDataTarget> fromJson(const QJsonObject &json);
};

struct UploadStageResponse
{
    qint64 availableBytesOnStore = 0;
    QString storeName;
    QString stagingName;     // per-transfer staging folder, relative to the staging root
    QString stagingLocation; // absolute path of the staged object on the server
    QString uploadName;
    QString destinationLocation;
    qint64 transferId = -1;
    HttpDataTarget http;     // "transfer_providers": {"http": {...}}
    // Ours, only in /upload/batch_stage answers: bytes the server already holds (0 for a transfer
    // just staged, so the sender need not ask first); -1 when not told (then ask).
    qint64 bytesReceived = -1;
    QJsonObject toJson() const;
    static Result<UploadStageResponse> fromJson(const QJsonObject &json);
};

struct UploadCommitRequest // /upload/commit
{
    QString storeName;
    QString stagingName;
    QString stagingLocation;
    QString uploadName;
    QString destinationLocation;
    QString transferProviderName = QStringLiteral("http");
    DeletionPolicy deletionPolicy = DeletionPolicy::Disallowed; // "allowed"/"disallowed" on the wire
    QString uploader;
    qint64 transferId = -1;
    QJsonObject toJson() const;
    static Result<UploadCommitRequest> fromJson(const QJsonObject &json);
};

// Ours, not the reference's: many small uploads staged and committed with one request (and one
// transaction) each instead of one per file. At most kMaxUploadBatch entries a request.
inline constexpr int kMaxUploadBatch = 1000;

struct UploadBatchStageRequest // /upload/batch_stage
{
    QList<UploadStageRequest> uploads;
    QJsonObject toJson() const;
    static Result<UploadBatchStageRequest> fromJson(const QJsonObject &json);
};

struct UploadBatchStageResponse
{
    QList<UploadStageResponse> uploads; // the staged entries, in the order of the request
    // Destination names the catalogue already holds with the same checksum: nothing was staged for
    // them (an interrupted folder upload, run again, skips what it delivered before).
    QStringList present;
    QJsonObject toJson() const;
    static Result<UploadBatchStageResponse> fromJson(const QJsonObject &json);
};

struct UploadBatchCommitRequest // /upload/batch_commit
{
    QList<UploadCommitRequest> commits;
    QJsonObject toJson() const;
    static Result<UploadBatchCommitRequest> fromJson(const QJsonObject &json);
};

// One file of a batch commit that was refused; the others are committed regardless.
struct UploadCommitFailure
{
    qint64 transferId = -1;
    QString destinationLocation;
    ApiError error; // on the wire: the HTTP status /upload/commit would have answered, and its body
    QJsonObject toJson() const;
    static Result<UploadCommitFailure> fromJson(const QJsonObject &json);
};

struct UploadBatchCommitResponse
{
    QList<File> files;
    QList<UploadCommitFailure> failures;
    QJsonObject toJson() const;
    static Result<UploadBatchCommitResponse> fromJson(const QJsonObject &json);
};

struct TransferIdRequest // /upload/cancel
{
    qint64 transferId = -1;
    QJsonObject toJson() const;
    static Result<TransferIdRequest> fromJson(const QJsonObject &json);
};

// What the data plane reports about a staged upload (GET /api/v2/data/<id>): where to resume.
struct DataProgress
{
    qint64 transferId = -1;
    qint64 bytesReceived = 0;
    qint64 transferSize = 0;
    QJsonObject toJson() const;
    static Result<DataProgress> fromJson(const QJsonObject &json);
};

// Ours: many transfers' bytes in one data-plane request (PUT /api/v2/data/bundle?parts=...), for
// files so small that a request each costs more than their bytes. A part is bytes [offset,
// offset + length) of one transfer; the body is the parts' bytes one after another, in order.
struct DataBundlePart
{
    qint64 transferId = -1;
    qint64 offset = 0;
    qint64 length = 0;
};

struct DataBundle
{
    static constexpr int kMaxParts = 256;
    QList<DataBundlePart> parts;
    // The parts as the query's value: "ID:OFFSET:LENGTH,ID:OFFSET:LENGTH,...".
    QString toQuery() const;
    static Result<DataBundle> fromQuery(const QString &parts);
    qint64 bodyLength() const;
};

// The answer: per part, in the request's order, the transfer's progress, or why its bytes were
// refused (they were read and dropped; the other parts stand).
struct DataBundleAnswer
{
    struct Part
    {
        qint64 transferId = -1;
        std::optional<DataProgress> progress;
        std::optional<ApiError> error;
    };
    QList<Part> parts;
    QJsonObject toJson() const;
    static Result<DataBundleAnswer> fromJson(const QJsonObject &json);
};

} // namespace librarian
