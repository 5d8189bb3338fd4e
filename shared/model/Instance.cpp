#include "Instance.h"

#include "JsonReader.h"

namespace librarian {

QJsonObject Instance::toJson() const
{
    return {{QStringLiteral("id"), id},
            {QStringLiteral("file_name"), fileName},
            {QStringLiteral("store_id"), storeId},
            {QStringLiteral("path"), path},
            {QStringLiteral("deletion_policy"), int(deletionPolicy)},
            {QStringLiteral("created_time"), toWireTime(createdTime)},
            {QStringLiteral("available"), available}};
}

Result<Instance> Instance::fromJson(const QJsonObject &json)
{
    JsonReader r(json, QStringLiteral("instance"));
    Instance i;
    i.id = r.optionalInteger(QStringLiteral("id")).value_or(-1);
    i.fileName = r.optionalString(QStringLiteral("file_name"));
    i.storeId = r.integer(QStringLiteral("store_id"));
    i.path = r.string(QStringLiteral("path"), kMaxPathLength);
    i.deletionPolicy = r.optionalInteger(QStringLiteral("deletion_policy")).value_or(0) == 1
                           ? DeletionPolicy::Allowed
                           : DeletionPolicy::Disallowed;
    i.createdTime = r.optionalDateTime(QStringLiteral("created_time")).value_or(QDateTime());
    i.available = r.boolean(QStringLiteral("available"));
    if (!r.ok())
        return r.error();
    return i;
}

} // namespace librarian
