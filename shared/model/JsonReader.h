#pragma once

#include "ApiError.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QStringList>
#include <optional>

namespace librarian {

// Longest strings a message field may hold, in UTF-16 code units: without a bound one request
// could make the server store, log and echo megabytes per field.
inline constexpr qsizetype kMaxTextLength = 4096;      // the default: file names, URLs, passwords
inline constexpr qsizetype kMaxNameLength = 256;       // who: uploaders, sources, accounts (VARCHAR(256) columns)
inline constexpr qsizetype kMaxPathLength = 16384;     // a store root plus a 4096-byte name, or it percent-encoded
inline constexpr qsizetype kMaxLongTextLength = 65536; // error messages, reasons, descriptions

// Reads fields out of a request/response object and remembers the first problem, so a fromJson()
// can read every field and then report one clear 400 naming the offending key.
class JsonReader
{
public:
    explicit JsonReader(const QJsonObject &object, QString context = {});

    QString string(const QString &key, qsizetype maxLength = kMaxTextLength); // required
    QString optionalString(const QString &key, const QString &fallback = {}, qsizetype maxLength = kMaxTextLength);
    QString nonEmptyString(const QString &key, qsizetype maxLength = kMaxTextLength); // required, not ""
    qint64 integer(const QString &key);                       // required, must be integral
    std::optional<qint64> optionalInteger(const QString &key);
    bool boolean(const QString &key);                         // required
    bool optionalBoolean(const QString &key, bool fallback);
    QDateTime dateTime(const QString &key);                   // required, ISO-8601
    std::optional<QDateTime> optionalDateTime(const QString &key);
    QJsonArray array(const QString &key);                     // required
    QJsonObject object(const QString &key);                   // required
    bool has(const QString &key) const;

    bool ok() const { return !m_error.has_value(); }
    ApiError error() const;

private:
    void fail(const QString &key, const QString &what);

    QJsonObject m_object;
    QString m_context;
    std::optional<QString> m_error;
};

// Timestamps on the wire: ISO-8601 UTC with milliseconds ("2026-11-24T04:00:00.000Z").
QString toWireTime(const QDateTime &time);
QDateTime fromWireTime(const QString &text); // invalid QDateTime if unparseable

} // namespace librarian
