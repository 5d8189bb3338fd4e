#pragma once

#include "model/IncomingTransfer.h"
#include "model/Result.h"

#include <QSqlDatabase>
#include <QHash>
#include <QSet>
#include <QVariantList>
#include <functional>
#include <optional>

namespace librarian {

// A callback a destination owes a clone's source: /clone/complete for a COMPLETED clone,
// /checkin/update FAILED for a FAILED one. Kept until the source has answered.
struct OwedCallback
{
    IncomingTransfer transfer;
    int attempts = 0;   // calls that failed so far
    QDateTime nextTime; // invalid: due now
};

// The incoming_transfers table: uploads (and, later, peer clones) being received.
class IncomingTransfers
{
public:
    explicit IncomingTransfers(QSqlDatabase db) : m_db(std::move(db)) {}

    Result<qint64> create(const IncomingTransfer &transfer);
    // The ids of `transfers`, in their order: a few statements for all (their staging names are distinct).
    Result<QList<qint64>> createAll(const QList<IncomingTransfer> &transfers);
    Result<IncomingTransfer> find(qint64 id); // NotFound if absent
    // Those of `ids` that exist, by id, in a statement per 64 ids.
    Result<QHash<qint64, IncomingTransfer>> findAll(const QList<qint64> &ids);
    Status update(const IncomingTransfer &transfer);
    // update() only while the row is still INITIATED, ONGOING or STAGED; false if it was not.
    Result<bool> updateIfLive(const IncomingTransfer &transfer);
    // update() only while the row's status is one of `from`; false if it is not.
    Result<bool> updateIfStatusIn(const IncomingTransfer &transfer, const QList<TransferStatus> &from);
    // The transfers among `ids` whose status is one of `from` take status `to` (and `endTime`, if
    // valid), a few statements for all of them; the ids that did.
    Result<QSet<qint64>> moveStatus(const QList<qint64> &ids, TransferStatus to, const QList<TransferStatus> &from,
                                    const QDateTime &endTime = {});
    // The transfers among `ids` that are still INITIATED become ONGOING (the caller's transaction,
    // if any); how many did.
    Result<int> markOngoing(const QList<qint64> &ids);
    // A live (INITIATED/ONGOING) transfer of the same bytes to the same name by the same source:
    // staging again resumes it instead of starting over. NotFound if there is none.
    Result<IncomingTransfer> findResumable(const QString &checksum, const QString &storePath, const QString &source);

    // Live transfers (INITIATED/ONGOING/STAGED) of each of these file names, oldest first; names
    // without one are absent. A statement per 64 names.
    Result<QHash<QString, QList<IncomingTransfer>>> liveFor(const QStringList &storePaths);
    // Clones whose bytes are all here, waiting for receive_clone.
    Result<QList<IncomingTransfer>> stagedClones(int limit);
    // Newest first, optionally from one source and/or in one status.
    Result<QList<IncomingTransfer>> search(const std::optional<QString> &source, const std::optional<TransferStatus> &status,
                                           int limit);

    // receive_clone is about to settle this clone (commit or fail it): its callback is owed from
    // now on, so that a crash between settling and calling back loses nothing. Only settled clones'
    // callbacks are ever made.
    Status oweCallback(qint64 id);
    // oweCallback() of a group of clones, in one transaction.
    Status oweCallbacks(const QList<qint64> &ids);
    // The source answered (or refused for good): nothing is owed any more.
    Status settleCallback(qint64 id);
    // The source was not heard: try again at `next`.
    Status postponeCallback(qint64 id, int attempts, const QDateTime &next);
    // The answers to a batch of callbacks, in one transaction: `settled` are owed no more, each of
    // `postponed` is tried again at its nextTime, with its attempts so far.
    Status answerCallbacks(const QList<qint64> &settled, const QList<OwedCallback> &postponed);
    // Owed callbacks of settled clones that are due at `now`, the longest waiting first.
    Result<QList<OwedCallback>> dueCallbacks(const QDateTime &now, int limit);
    // When the next owed callback falls due (in the past if one is due now); invalid if none is owed.
    Result<QDateTime> nextCallbackTime();

private:
    // Runs `work` in a transaction of its own when `needed` (it runs several statements).
    Status inOneTransaction(bool needed, const std::function<Status()> &work);
    // The UPDATE of update() and updateIfLive(), with `condition` appended to its WHERE; whether a
    // row changed.
    Result<bool> write(const IncomingTransfer &transfer, const QString &condition);
    // Runs "SELECT <columns> FROM incoming_transfers <rest>" and reads every row.
    Result<QList<IncomingTransfer>> select(const QString &rest, const QVariantList &binds = {});

    QSqlDatabase m_db;
};

} // namespace librarian
