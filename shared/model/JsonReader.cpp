#include "JsonReader.h"

#include <QCoreApplication>
#include <cmath>

namespace librarian {

JsonReader::JsonReader(const QJsonObject &object, QString context)
    : m_object(object), m_context(std::move(context))
{
}

void JsonReader::fail(const QString &key, const QString &what)
{
    if (!m_error)
        m_error = QCoreApplication::translate("JsonReader", "Field '%1' %2.").arg(key, what);
}

ApiError JsonReader::error() const
{
    QString reason = m_error.value_or(QString());
    if (!m_context.isEmpty())
        reason = m_context + QStringLiteral(": ") + reason;
    return ApiError::badRequest(reason, QCoreApplication::translate(
                                            "JsonReader", "Check the request body against the API documentation."));
}

bool JsonReader::has(const QString &key) const
{
    return m_object.contains(key) && !m_object.value(key).isNull();
}

QString JsonReader::string(const QString &key, qsizetype maxLength)
{
    const QJsonValue v = m_object.value(key);
    if (!v.isString()) {
        fail(key, v.isUndefined() ? QCoreApplication::translate("JsonReader", "is missing")
                                  : QCoreApplication::translate("JsonReader", "must be a string"));
        return {};
    }
    QString text = v.toString();
    if (text.size() > maxLength) {
        fail(key, QCoreApplication::translate("JsonReader", "is longer than %1 characters").arg(maxLength));
        return {};
    }
    return text;
}

QString JsonReader::optionalString(const QString &key, const QString &fallback, qsizetype maxLength)
{
    if (!has(key))
        return fallback;
    return string(key, maxLength);
}

QString JsonReader::nonEmptyString(const QString &key, qsizetype maxLength)
{
    QString text = string(key, maxLength);
    if (ok() && text.isEmpty())
        fail(key, QCoreApplication::translate("JsonReader", "must not be empty"));
    return text;
}

qint64 JsonReader::integer(const QString &key)
{
    const QJsonValue v = m_object.value(key);
    if (!v.isDouble()) {
        fail(key, v.isUndefined() ? QCoreApplication::translate("JsonReader", "is missing")
                                  : QCoreApplication::translate("JsonReader", "must be a number"));
        return 0;
    }
    const double d = v.toDouble();
    if (d != std::floor(d) || std::abs(d) > 9.0e15) {
        fail(key, QCoreApplication::translate("JsonReader", "must be an integer"));
        return 0;
    }
    return qint64(d);
}

std::optional<qint64> JsonReader::optionalInteger(const QString &key)
{
    if (!has(key))
        return std::nullopt;
    return integer(key);
}

bool JsonReader::boolean(const QString &key)
{
    const QJsonValue v = m_object.value(key);
    if (!v.isBool()) {
        fail(key, v.isUndefined() ? QCoreApplication::translate("JsonReader", "is missing")
                                  : QCoreApplication::translate("JsonReader", "must be true or false"));
        return false;
    }
    return v.toBool();
}

bool JsonReader::optionalBoolean(const QString &key, bool fallback)
{
    if (!has(key))
        return fallback;
    return boolean(key);
}

QDateTime JsonReader::dateTime(const QString &key)
{
    const QString text = string(key);
    if (!ok())
        return {};
    const QDateTime t = fromWireTime(text);
    if (!t.isValid())
        fail(key, QCoreApplication::translate("JsonReader", "must be an ISO-8601 date and time"));
    return t;
}

std::optional<QDateTime> JsonReader::optionalDateTime(const QString &key)
{
    if (!has(key))
        return std::nullopt;
    return dateTime(key);
}

QJsonArray JsonReader::array(const QString &key)
{
    const QJsonValue v = m_object.value(key);
    if (!v.isArray()) {
        fail(key, QCoreApplication::translate("JsonReader", "must be a list"));
        return {};
    }
    return v.toArray();
}

QJsonObject JsonReader::object(const QString &key)
{
    const QJsonValue v = m_object.value(key);
    if (!v.isObject()) {
        fail(key, QCoreApplication::translate("JsonReader", "must be an object"));
        return {};
    }
    return v.toObject();
}

QString toWireTime(const QDateTime &time)
{
    if (!time.isValid())
        return {};
    return time.toUTC().toString(Qt::ISODateWithMs);
}

QDateTime fromWireTime(const QString &text)
{
    QDateTime t = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!t.isValid())
        t = QDateTime::fromString(text, Qt::ISODate);
    if (!t.isValid())
        return {};
    // A time without an offset is UTC, as the reference writes naive UTC times.
    if (t.timeSpec() == Qt::LocalTime)
        t.setTimeSpec(Qt::UTC);
    return t.toUTC();
}

} // namespace librarian
