#pragma once

#include "../Result.h"
#include "../TransferStatus.h"

#include <QJsonObject>

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

} // namespace librarian
