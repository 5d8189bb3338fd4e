#pragma once

#include "model/Result.h"
#include "model/TransferStatus.h"

#include <QDateTime>
#include <QSet>
#include <QSqlDatabase>

namespace librarian {

// The transfers of `table` (incoming_transfers or outgoing_transfers) among `ids` whose status is
// one of `from` take status `to` (and `endTime`, if valid), one UPDATE ... RETURNING id per 64 ids;
// the ids that did. A move decided on a state read earlier cannot undo a change made since.
Result<QSet<qint64>> moveStatus(QSqlDatabase &db, const QString &table, const QList<qint64> &ids, TransferStatus to,
                                const QList<TransferStatus> &from, const QDateTime &endTime = {});

// "'INITIATED','ONGOING'": names from the fixed set, not input, so one statement text per set.
QString statusList(const QList<TransferStatus> &statuses);

} // namespace librarian
