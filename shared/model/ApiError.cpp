#include "ApiError.h"

#include <QJsonDocument>

namespace librarian {

namespace {
const QString kReason = QStringLiteral("reason");
const QString kRemedy = QStringLiteral("suggested_remedy");
const QString kDetail = QStringLiteral("detail");
} // namespace

ApiError ApiError::badRequest(const QString &reason, const QString &remedy)
{
    return {ErrorKind::BadRequest, reason, remedy};
}
ApiError ApiError::notFound(const QString &reason, const QString &remedy)
{
    return {ErrorKind::NotFound, reason, remedy};
}
ApiError ApiError::conflict(const QString &reason, const QString &remedy)
{
    return {ErrorKind::Conflict, reason, remedy};
}
ApiError ApiError::internal(const QString &reason, const QString &remedy)
{
    return {ErrorKind::Internal, reason, remedy};
}

int ApiError::httpStatus() const
{
    switch (kind) {
    case ErrorKind::BadRequest: return 400;
    case ErrorKind::Unauthorized: return 401;
    case ErrorKind::Forbidden: return 403;
    case ErrorKind::NotFound: return 404;
    case ErrorKind::Conflict: return 409;
    case ErrorKind::NotAcceptable: return 406;
    case ErrorKind::PayloadTooLarge: return 413;
    case ErrorKind::InsufficientStorage: return 507;
    case ErrorKind::Unavailable: return 503;
    case ErrorKind::TooManyRequests: return 429;
    case ErrorKind::Internal: return 500;
    }
    return 500;
}

ErrorKind ApiError::kindForHttpStatus(int status)
{
    switch (status) {
    case 400: case 422: return ErrorKind::BadRequest;
    case 401: return ErrorKind::Unauthorized;
    case 403: return ErrorKind::Forbidden;
    case 404: return ErrorKind::NotFound;
    case 406: return ErrorKind::NotAcceptable;
    case 409: case 425: return ErrorKind::Conflict;
    case 413: return ErrorKind::PayloadTooLarge;
    case 429: return ErrorKind::TooManyRequests;
    case 507: return ErrorKind::InsufficientStorage;
    case 502: case 503: case 504: return ErrorKind::Unavailable;
    default: return ErrorKind::Internal;
    }
}

QJsonObject ApiError::toJson() const
{
    return {{kReason, reason}, {kRemedy, suggestedRemedy}};
}

ApiError ApiError::fromJson(int status, const QJsonObject &json)
{
    QJsonObject body = json;
    const QJsonValue detail = json.value(kDetail);
    if (detail.isObject())
        body = detail.toObject();
    else if (detail.isString()) {
        const QJsonDocument inner = QJsonDocument::fromJson(detail.toString().toUtf8());
        if (inner.isObject())
            body = inner.object();
        else
            body = {{kReason, detail.toString()}};
    }
    return {kindForHttpStatus(status), body.value(kReason).toString(), body.value(kRemedy).toString()};
}

QString ApiError::describe() const
{
    if (suggestedRemedy.isEmpty())
        return reason;
    return reason + QStringLiteral(" (") + suggestedRemedy + QLatin1Char(')');
}

} // namespace librarian
