#include "RemoteInstance.h"

#include "JsonReader.h"

namespace librarian {

QJsonObject RemoteInstance::toJson() const
{
    return {{QStringLiteral("id"), id},
            {QStringLiteral("file_name"), fileName},
            {QStringLiteral("librarian_name"), librarianName},
            {QStringLiteral("store_id"), storeId},
            {QStringLiteral("copy_time"), toWireTime(copyTime)},
            {QStringLiteral("sender"), sender}};
}

Result<RemoteInstance> RemoteInstance::fromJson(const QJsonObject &json)
{
    JsonReader r(json, QStringLiteral("remote instance"));
    RemoteInstance i;
    i.id = r.optionalInteger(QStringLiteral("id")).value_or(-1);
    i.fileName = r.optionalString(QStringLiteral("file_name"));
    i.librarianName = r.string(QStringLiteral("librarian_name"));
    i.storeId = r.optionalInteger(QStringLiteral("store_id")).value_or(-1);
    i.copyTime = r.optionalDateTime(QStringLiteral("copy_time")).value_or(QDateTime());
    i.sender = r.optionalString(QStringLiteral("sender"));
    if (!r.ok())
        return r.error();
    return i;
}

} // namespace librarian
