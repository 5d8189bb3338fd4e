#pragma once

#include "model/ApiError.h"
#include "model/Result.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonValue>

namespace librarian {

// A JSON body as sent: compact.
inline QByteArray encodeJson(const QJsonValue &body)
{
    return body.isArray() ? QJsonDocument(body.toArray()).toJson(QJsonDocument::Compact)
                          : QJsonDocument(body.toObject()).toJson(QJsonDocument::Compact);
}

// What a route answers: a status and a JSON body. The one place an ApiError becomes HTTP.
struct HttpReply
{
    int status = 200;
    QJsonValue body;
    int retryAfterSeconds = 0; // sent as Retry-After when set
    // The body already encoded, by the worker thread that made it: a batch's answer of a thousand
    // entries is then not turned into bytes on the event loop. Empty: encoded when sent. A route
    // may give only this (a search's answer, encoded a file at a time).
    QByteArray encoded;

    void encode()
    {
        if (encoded.isEmpty())
            encoded = encodeJson(body);
    }
    QByteArray bytes() const { return encoded.isEmpty() ? encodeJson(body) : encoded; }

    static HttpReply error(const ApiError &error) { return {error.httpStatus(), error.toJson(), error.retryAfterSeconds}; }

    template <typename T>
    static HttpReply from(const Result<T> &result, int okStatus = 200)
    {
        if (!result)
            return error(result.error());
        return {okStatus, result->toJson()};
    }
};

} // namespace librarian
