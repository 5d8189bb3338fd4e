#include "ErrorRecord.h"

#include "JsonReader.h"

namespace librarian {

QJsonObject ErrorRecord::toJson() const
{
    return {{QStringLiteral("id"), id},
            {QStringLiteral("severity"), severity},
            {QStringLiteral("category"), category},
            {QStringLiteral("message"), message},
            {QStringLiteral("raised_time"), toWireTime(raisedTime)},
            {QStringLiteral("cleared_time"), clearedTime.isValid() ? QJsonValue(toWireTime(clearedTime)) : QJsonValue()},
            {QStringLiteral("cleared"), cleared},
            {QStringLiteral("caller"), caller}};
}

Result<ErrorRecord> ErrorRecord::fromJson(const QJsonObject &json)
{
    JsonReader r(json, QStringLiteral("error"));
    ErrorRecord e;
    e.id = r.integer(QStringLiteral("id"));
    e.severity = r.string(QStringLiteral("severity"));
    e.category = r.string(QStringLiteral("category"));
    e.message = r.string(QStringLiteral("message"), kMaxLongTextLength);
    e.raisedTime = r.optionalDateTime(QStringLiteral("raised_time")).value_or(QDateTime());
    e.clearedTime = r.optionalDateTime(QStringLiteral("cleared_time")).value_or(QDateTime());
    e.cleared = r.optionalBoolean(QStringLiteral("cleared"), false);
    e.caller = r.optionalString(QStringLiteral("caller"));
    if (!r.ok())
        return r.error();
    return e;
}

} // namespace librarian
