#include "PingMessages.h"

#include "../JsonReader.h"

namespace librarian {

QJsonObject PingResponse::toJson() const
{
    return {{QStringLiteral("name"), name},
            {QStringLiteral("description"), description},
            {QStringLiteral("librarian_name"), librarianName}};
}

Result<PingResponse> PingResponse::fromJson(const QJsonObject &json)
{
    JsonReader r(json, QStringLiteral("ping"));
    PingResponse p;
    p.name = r.string(QStringLiteral("name"));
    p.description = r.optionalString(QStringLiteral("description"));
    p.librarianName = r.optionalString(QStringLiteral("librarian_name"));
    if (!r.ok())
        return r.error();
    return p;
}

} // namespace librarian

namespace librarian {

QJsonObject HealthReport::toJson() const
{
    return {{QStringLiteral("status"), healthy ? QStringLiteral("ok") : QStringLiteral("degraded")},
            {QStringLiteral("name"), name},
            {QStringLiteral("version"), version}};
}

} // namespace librarian
