#pragma once

#include "db/Database.h"
#include "model/Result.h"
#include "model/messages/CloneMessages.h"

namespace librarian {

// Status reports between the two ends of a push (/checkin/update, /checkin/status) and the
// destination's completion call (/clone/complete). A peer may only touch its own transfers: incoming
// ones whose source is its account name, outgoing ones whose destination is.
class TransferCheckin
{
public:
    TransferCheckin(const Database &database, QString ourName);

    // Hashes staged files when asked for STAGED: call off the event loop.
    CheckinUpdateResponse update(const CheckinUpdateRequest &request, const QString &caller, bool callerIsAdmin);
    CheckinStatusResponse status(const CheckinStatusRequest &request, const QString &caller, bool callerIsAdmin);

    // The destination verified and stored the file: the outgoing transfer completes and this
    // librarian records the remote instance, in one transaction.
    Status complete(const CloneTransferIds &ids, const QString &caller, bool callerIsAdmin);
    // /clone/batch_complete: complete() of each, all in one transaction (one each if a write fails),
    // each answered as complete() would have answered it, in order.
    QList<Status> completeBatch(const QList<CloneTransferIds> &completions, const QString &caller, bool callerIsAdmin);

    // One transfer: NotFound for an unknown or someone else's, NotAcceptable for a transition the
    // lifecycle forbids. STAGED is accepted only for complete bytes with the right checksum (damaged
    // ones fail the transfer): it hashes the file, so call it off the event loop.
    Status moveIncoming(qint64 id, TransferStatus to, const QString &caller, bool callerIsAdmin);
    // moveIncoming() of many: each checked on its own first (reads, and hashing where the stream did
    // not cover the bytes, with no lock held), then the accepted moves written in one transaction,
    // each only if its row is still as it was read. One result per id, in order.
    QList<Status> moveIncoming(const QList<qint64> &ids, TransferStatus to, const QString &caller, bool callerIsAdmin);
    Status moveOutgoing(qint64 id, TransferStatus to, const QString &caller, bool callerIsAdmin);

    static bool transitionAllowed(TransferStatus from, TransferStatus to);

private:
    // complete() of each of `completions` inside the caller's transaction: the transfers read
    // together, each checked on its own (its refusal is its result, nothing written for it), the
    // accepted ones written together (their moves to COMPLETED, their remote instances). `*results`
    // gets one Status per completion, in order, `*completed` how many this call completed (the
    // others were complete already or refused). An error return is a failed write: the transaction
    // is spoilt (on PostgreSQL) and must be rolled back.
    Status completeAllIn(QSqlDatabase &db, const QList<CloneTransferIds> &completions, const QString &caller,
                         bool callerIsAdmin, QList<Status> *results, int *completed);

    const Database &m_database;
    QString m_ourName;
};

} // namespace librarian
