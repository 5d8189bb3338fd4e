#pragma once

#include "ApiError.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QStringList>
#include <optional>

namespace librarian {

// Reads fields out of a request/response object and remembers the first problem, so a fromJson()
// can read every field and then report one clear 400 naming the offending key.
class JsonReader
{
public:
    explicit JsonReader(const QJsonObject &object, QString context = {});

    QString string(const QString &key);                       // required
    QString optionalString(const QString &key, const QString &fallback = {});
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
