#pragma once

#include "../ErrorRecord.h"
#include "../IncomingTransfer.h"
#include "../OutgoingTransfer.h"

#include <QJsonArray>
#include <optional>

namespace librarian {

struct ErrorSearchRequest // /search/error
{
    std::optional<qint64> id;
    std::optional<QString> category;
    std::optional<QString> severity;
    bool includeResolved = false;
    int maxResults = 64;
    QJsonObject toJson() const;
    static Result<ErrorSearchRequest> fromJson(const QJsonObject &json);
};

QJsonArray errorsToJson(const QList<ErrorRecord> &errors);
Result<QList<ErrorRecord>> errorsFromJson(const QJsonArray &json);

struct ErrorClearRequest // /error/clear
{
    qint64 id = -1;
    QJsonObject toJson() const;
    static Result<ErrorClearRequest> fromJson(const QJsonObject &json);
};

// /search/transfers (ours): the transfers of this librarian, newest first.
struct TransferSearchRequest
{
    std::optional<QString> peer;
    std::optional<TransferStatus> status;
    int maxResults = 64;
    QJsonObject toJson() const;
    static Result<TransferSearchRequest> fromJson(const QJsonObject &json);
};

struct TransferList
{
    QList<OutgoingTransfer> outgoing;
    QList<IncomingTransfer> incoming;
    QJsonObject toJson() const;
    static Result<TransferList> fromJson(const QJsonObject &json);
};

} // namespace librarian
