#pragma once

#include "model/Result.h"

#include <QSqlDatabase>

namespace librarian {

// For one peer, the create_time range of files that send_clone saw settled (at the peer, in flight
// to it, or without an available instance) and need not look at again: the send_frontiers table.
// Triggers shrink the range when a file in it may have become a candidate again, whatever code
// changed it (resources/sql/0005_send_frontiers.sql), so a run only scans past the range.
class SendFrontier
{
public:
    SendFrontier(QSqlDatabase db, QString destination) : m_db(std::move(db)), m_destination(std::move(destination)) {}

    // Begins a run over files created at or after `since` (ms): returns where its scan starts.
    Result<qint64> begin(qint64 since);
    // Ends the run begun last: every file created in [start of the scan, until) was seen settled.
    // Not written if another run for the same peer began meanwhile, or nothing was learnt.
    Status settle(qint64 until);

private:
    QSqlDatabase m_db;
    QString m_destination;
    qint64 m_from = 0;
    qint64 m_generation = -1;
};

} // namespace librarian
