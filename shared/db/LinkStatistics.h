#pragma once

#include "model/Result.h"

#include <QDateTime>
#include <QMap>
#include <QSqlDatabase>

namespace librarian {

// How the transfers with each peer are doing, counted in the database for the network status.
class LinkStatistics
{
public:
    struct Counts
    {
        int active = 0;     // INITIATED, ONGOING or STAGED
        int failedSince = 0; // FAILED, started after `since`
        int total = 0;
    };

    explicit LinkStatistics(QSqlDatabase db) : m_db(std::move(db)) {}

    Result<QMap<QString, Counts>> outgoing(const QDateTime &since); // by destination
    Result<QMap<QString, Counts>> incomingClones(const QDateTime &since); // by source librarian; no uploads

private:
    Result<QMap<QString, Counts>> count(const QString &table, const QString &peerColumn, const QString &where,
                                        const QDateTime &since);
    QSqlDatabase m_db;
};

} // namespace librarian
