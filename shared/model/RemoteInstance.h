#pragma once

#include "Result.h"

#include <QDateTime>
#include <QJsonObject>

namespace librarian {

// "Peer X, directly connected to us, holds a verified copy." Linked to the peer by its name, not a
// row id, so removing and re-adding a librarian never orphans these rows.
struct RemoteInstance
{
    qint64 id = -1;
    QString fileName;
    QString librarianName;
    qint64 storeId = -1; // the store id on the remote librarian; opaque to us
    QDateTime copyTime;
    QString sender; // our own server name

    QJsonObject toJson() const;
    static Result<RemoteInstance> fromJson(const QJsonObject &json);
};

} // namespace librarian
