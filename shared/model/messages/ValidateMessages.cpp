#include "ValidateMessages.h"

#include "../JsonReader.h"

namespace librarian {

QJsonObject ValidateFileRequest::toJson() const
{
    return {{QStringLiteral("file_name"), fileName}};
}

Result<ValidateFileRequest> ValidateFileRequest::fromJson(const QJsonObject &json)
{
    JsonReader r(json);
    ValidateFileRequest q;
    q.fileName = r.string(QStringLiteral("file_name"));
    if (!r.ok())
        return r.error();
    return q;
}

QJsonObject InstanceValidation::toJson() const
{
    return {{QStringLiteral("librarian"), librarian},
            {QStringLiteral("store"), store},
            {QStringLiteral("instance_id"), instanceId},
            {QStringLiteral("original_checksum"), originalChecksum},
            {QStringLiteral("original_size"), originalSize},
            {QStringLiteral("current_checksum"), currentChecksum},
            {QStringLiteral("current_size"), currentSize},
            {QStringLiteral("computed_same_checksum"), computedSameChecksum}};
}

Result<InstanceValidation> InstanceValidation::fromJson(const QJsonObject &json)
{
    JsonReader r(json);
    InstanceValidation v;
    v.librarian = r.string(QStringLiteral("librarian"));
    v.store = r.optionalInteger(QStringLiteral("store")).value_or(-1);
    v.instanceId = r.optionalInteger(QStringLiteral("instance_id")).value_or(-1);
    v.originalChecksum = r.optionalString(QStringLiteral("original_checksum"));
    v.originalSize = r.optionalInteger(QStringLiteral("original_size")).value_or(0);
    v.currentChecksum = r.optionalString(QStringLiteral("current_checksum"));
    v.currentSize = r.optionalInteger(QStringLiteral("current_size")).value_or(0);
    v.computedSameChecksum = r.boolean(QStringLiteral("computed_same_checksum"));
    if (!r.ok())
        return r.error();
    return v;
}

QJsonArray validationsToJson(const QList<InstanceValidation> &items)
{
    QJsonArray a;
    for (const InstanceValidation &v : items)
        a.append(v.toJson());
    return a;
}

Result<QList<InstanceValidation>> validationsFromJson(const QJsonArray &json)
{
    QList<InstanceValidation> all;
    for (const QJsonValue &v : json) {
        auto item = InstanceValidation::fromJson(v.toObject());
        if (!item)
            return item.error();
        all.append(*item);
    }
    return all;
}

} // namespace librarian
