#include "File.h"

#include "JsonReader.h"

#include <QJsonArray>

namespace librarian {

QJsonObject File::toJson() const
{
    QJsonArray local;
    for (const Instance &i : instances)
        local.append(i.toJson());
    QJsonArray remote;
    for (const RemoteInstance &i : remoteInstances)
        remote.append(i.toJson());
    return {{QStringLiteral("name"), name},
            {QStringLiteral("size"), size},
            {QStringLiteral("checksum"), checksum},
            {QStringLiteral("uploader"), uploader},
            {QStringLiteral("source"), source},
            {QStringLiteral("create_time"), toWireTime(createTime)},
            {QStringLiteral("instances"), local},
            {QStringLiteral("remote_instances"), remote}};
}

Result<File> File::fromJson(const QJsonObject &json)
{
    JsonReader r(json, QStringLiteral("file"));
    File f;
    f.name = r.string(QStringLiteral("name"));
    f.size = r.integer(QStringLiteral("size"));
    f.checksum = r.string(QStringLiteral("checksum"));
    f.uploader = r.optionalString(QStringLiteral("uploader"));
    f.source = r.optionalString(QStringLiteral("source"));
    f.createTime = r.optionalDateTime(QStringLiteral("create_time")).value_or(QDateTime());
    const QJsonArray local = json.value(QStringLiteral("instances")).toArray();
    const QJsonArray remote = json.value(QStringLiteral("remote_instances")).toArray();
    if (!r.ok())
        return r.error();
    for (const QJsonValue &v : local) {
        auto i = Instance::fromJson(v.toObject());
        if (!i)
            return i.error();
        f.instances.append(i.value());
    }
    for (const QJsonValue &v : remote) {
        auto i = RemoteInstance::fromJson(v.toObject());
        if (!i)
            return i.error();
        f.remoteInstances.append(i.value());
    }
    return f;
}

} // namespace librarian
