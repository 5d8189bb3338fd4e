#pragma once

#include "../Result.h"

#include <QJsonObject>

namespace librarian {

struct PingResponse
{
    QString name;        // displayed site name
    QString description;
    QString librarianName; // the server's network name (ours; absent in the reference)

    QJsonObject toJson() const;
    static Result<PingResponse> fromJson(const QJsonObject &json);
};

} // namespace librarian

namespace librarian {

struct HealthReport // GET /health
{
    bool healthy = true;
    QString name;
    QString version;
    QJsonObject toJson() const;
};

} // namespace librarian
