#pragma once

#include "model/ApiError.h"
#include "model/Result.h"

#include <QJsonValue>

namespace librarian {

// What a route answers: a status and a JSON body. The one place an ApiError becomes HTTP.
struct HttpReply
{
    int status = 200;
    QJsonValue body;
    int retryAfterSeconds = 0; // sent as Retry-After when set

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
