#include "Librarian.h"

#include "JsonReader.h"

namespace librarian {

QJsonObject Librarian::toJson() const
{
    return {{QStringLiteral("name"), name},
            {QStringLiteral("url"), url},
            {QStringLiteral("port"), port},
            {QStringLiteral("available"), available ? QJsonValue(*available) : QJsonValue(QJsonValue::Null)},
            {QStringLiteral("enabled"), transfersEnabled},
            {QStringLiteral("last_seen"), toWireTime(lastSeen)},
            {QStringLiteral("last_heard"), toWireTime(lastHeard)}};
}

Result<Librarian> Librarian::fromJson(const QJsonObject &json)
{
    JsonReader r(json, QStringLiteral("librarian"));
    Librarian l;
    l.name = r.string(QStringLiteral("name"));
    l.url = r.string(QStringLiteral("url"));
    l.port = int(r.integer(QStringLiteral("port")));
    if (r.has(QStringLiteral("available")))
        l.available = r.boolean(QStringLiteral("available"));
    l.transfersEnabled = r.optionalBoolean(QStringLiteral("enabled"), true);
    if (r.has(QStringLiteral("last_seen")) && !json.value(QStringLiteral("last_seen")).toString().isEmpty())
        l.lastSeen = r.dateTime(QStringLiteral("last_seen"));
    if (r.has(QStringLiteral("last_heard")) && !json.value(QStringLiteral("last_heard")).toString().isEmpty())
        l.lastHeard = r.dateTime(QStringLiteral("last_heard"));
    if (!r.ok())
        return r.error();
    return l;
}

} // namespace librarian
