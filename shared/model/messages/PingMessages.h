#pragma once

#include "../AuthLevel.h"
#include "../Result.h"

#include <QJsonObject>
#include <optional>

namespace librarian {

struct PingResponse
{
    QString name;        // displayed site name
    QString description;
    QString librarianName; // the server's network name (ours; absent in the reference)
    // ping/logged and ping/admin only (ours): who the caller is signed in as, so a client can show
    // it and disable what the account may not do.
    QString user;
    std::optional<AuthLevel> userLevel; // "user_level" on the wire, as "permission" elsewhere (int)

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
