#pragma once

#include "../Result.h"

#include <QJsonArray>
#include <QJsonObject>

namespace librarian {

struct ValidateFileRequest // /validate/file
{
    QString fileName;
    QJsonObject toJson() const;
    static Result<ValidateFileRequest> fromJson(const QJsonObject &json);
};

// One copy of a file somewhere in the network reachable from the asked librarian.
struct InstanceValidation
{
    QString librarian;
    qint64 store = -1;
    qint64 instanceId = -1;
    QString originalChecksum;
    qint64 originalSize = 0;
    QString currentChecksum;
    qint64 currentSize = 0;
    bool computedSameChecksum = false;
    QJsonObject toJson() const;
    static Result<InstanceValidation> fromJson(const QJsonObject &json);
};

QJsonArray validationsToJson(const QList<InstanceValidation> &items);
Result<QList<InstanceValidation>> validationsFromJson(const QJsonArray &json);

} // namespace librarian
