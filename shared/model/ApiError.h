#pragma once

#include <QJsonObject>
#include <QString>

namespace librarian {

// The kinds of failure the core reports. The daemon maps each to one HTTP status, the CLI to one
// exit code, so a caller never has to parse a message to know what happened.
enum class ErrorKind {
    BadRequest,          // malformed input, unsafe name
    Unauthorized,        // wrong or missing credentials
    Forbidden,           // authenticated, level too low
    NotFound,            // unknown file/user/librarian/transfer
    Conflict,            // already exists
    NotAcceptable,       // wrong state, checksum/size mismatch
    PayloadTooLarge,     // body or file over a limit
    InsufficientStorage, // no store with room
    Unavailable,         // peer or server unreachable
    TooManyRequests,     // throttled after repeated failures; retryAfterSeconds says when to come back
    Internal,            // database or disk failure
};

struct ApiError
{
    ErrorKind kind = ErrorKind::Internal;
    QString reason;
    QString suggestedRemedy;
    int retryAfterSeconds = 0; // TooManyRequests: sent as Retry-After

    static ApiError badRequest(const QString &reason, const QString &remedy = {});
    static ApiError notFound(const QString &reason, const QString &remedy = {});
    static ApiError conflict(const QString &reason, const QString &remedy = {});
    static ApiError internal(const QString &reason, const QString &remedy = {});

    int httpStatus() const;
    // One line for a person: "reason (remedy)", as the CLI and the GUI show it.
    QString describe() const;
    static ErrorKind kindForHttpStatus(int status);

    QJsonObject toJson() const;
    // Reads an error body; tolerates the reference's {"detail": ...} wrapping.
    static ApiError fromJson(int httpStatus, const QJsonObject &json);
};

} // namespace librarian
