#pragma once

#include "Result.h"

#include <QJsonObject>
#include <QStringList>

namespace librarian {

// A local storage area: files are written into a per-transfer staging folder, verified, then
// committed (renamed) into the store folder. Defined in the server config's "add_stores".
struct Store
{
    qint64 id = -1;
    QString name;
    QString storeType = QStringLiteral("local");
    bool ingestable = true;
    bool enabled = true;
    QString stagingPath;
    QString storePath;
    double reportFullFraction = 1.0;
    QStringList transferMethods{QStringLiteral("http")};

    // Filled at run time, not stored:
    qint64 freeSpace = -1; // bytes, -1 if unavailable
    bool available = false;

    QJsonObject toJson() const; // the wire form of /admin/stores/list
    static Result<Store> fromJson(const QJsonObject &json);

    // One element of the server config's "add_stores".
    static Result<Store> fromConfig(const QJsonObject &json);
};

} // namespace librarian
