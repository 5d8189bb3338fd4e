#pragma once

#include "Instance.h"
#include "RemoteInstance.h"
#include "Result.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>

namespace librarian {

// Catalogue metadata of one immutable file; its name is permanent and unique across the network.
// A search result carries the file's instances and remote instances along with it.
struct File
{
    QString name;
    qint64 size = 0;
    QString checksum; // "<algo>:::<hex>"
    QString uploader;
    QString source;
    QDateTime createTime;
    QList<Instance> instances;
    QList<RemoteInstance> remoteInstances;

    QJsonObject toJson() const;
    static Result<File> fromJson(const QJsonObject &json);
};

} // namespace librarian
