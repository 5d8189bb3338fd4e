#pragma once

#include "Result.h"

#include <QDateTime>
#include <QJsonObject>

namespace librarian {

// A problem the librarian recorded for its operators (failed transfers above all), searchable and
// clearable with search-errors / clear-error. Severity and category values are the reference's.
struct ErrorRecord
{
    qint64 id = -1;
    QString severity = QStringLiteral("error");  // critical, error, warning, info
    QString category = QStringLiteral("transfer"); // data_integrity, data_availability, configuration, store_full,
                                                  // programming, librarian_network_availability, transfer
    QString message;
    QDateTime raisedTime;
    QDateTime clearedTime;
    bool cleared = false;
    QString caller; // what raised it, e.g. the task name

    QJsonObject toJson() const;
    static Result<ErrorRecord> fromJson(const QJsonObject &json);
};

} // namespace librarian
