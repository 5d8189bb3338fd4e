#pragma once

#include "Result.h"
#include "TransferStatus.h"

#include <QDateTime>
#include <QJsonObject>

namespace librarian {

// A copy of a file on one of this librarian's own stores. available=false: the bytes are gone but
// the row is kept as history.
struct Instance
{
    qint64 id = -1;
    QString fileName;
    qint64 storeId = -1;
    QString path; // absolute path on the store
    DeletionPolicy deletionPolicy = DeletionPolicy::Disallowed;
    QDateTime createdTime;
    bool available = true;

    QJsonObject toJson() const;
    static Result<Instance> fromJson(const QJsonObject &json);
};

} // namespace librarian
