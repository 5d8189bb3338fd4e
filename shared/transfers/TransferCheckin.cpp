#include "TransferCheckin.h"
#include "model/LogFailure.h"

#include "db/ErrorLog.h"
#include "db/FileCatalog.h"
#include "db/IncomingTransfers.h"
#include "db/OutgoingTransfers.h"
#include "db/SqlQuery.h"
#include "db/StoreRegistry.h"
#include "storage/LocalStore.h"
#include "storage/StreamedChecksums.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QHash>
#include <QLoggingCategory>
#include <optional>
#include <vector>

Q_DECLARE_LOGGING_CATEGORY(lcClone)

namespace librarian {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("TransferCheckin", text);
}
} // namespace

TransferCheckin::TransferCheckin(const Database &database, QString ourName)
    : m_database(database), m_ourName(std::move(ourName))
{
}

bool TransferCheckin::transitionAllowed(TransferStatus from, TransferStatus to)
{
    switch (from) {
    case TransferStatus::Initiated:
        return to == TransferStatus::Ongoing || to == TransferStatus::Staged || to == TransferStatus::Failed
            || to == TransferStatus::Cancelled;
    case TransferStatus::Ongoing:
        return to == TransferStatus::Staged || to == TransferStatus::Failed || to == TransferStatus::Cancelled;
    case TransferStatus::Staged:
        return to == TransferStatus::Failed || to == TransferStatus::Cancelled;
    default:
        return false; // COMPLETED, FAILED and CANCELLED are final; COMPLETED is set only by ingest
    }
}

Status TransferCheckin::moveIncoming(qint64 id, TransferStatus to, const QString &caller, bool callerIsAdmin)
{
    return moveIncoming(QList<qint64>{id}, to, caller, callerIsAdmin).constFirst();
}

QList<Status> TransferCheckin::moveIncoming(const QList<qint64> &ids, TransferStatus to, const QString &caller,
                                            bool callerIsAdmin)
{
    QList<Status> results(ids.size(), Status(Ok{}));
    auto db = m_database.connection();
    if (!db) {
        results.fill(db.error());
        return results;
    }
    IncomingTransfers incoming(*db);
    QHash<qint64, std::optional<Store>> stores; // a batch's transfers share a store or two
    const auto storeOf = [&](qint64 storeId) -> const std::optional<Store> & {
        auto found = stores.find(storeId);
        if (found == stores.end()) {
            auto store = StoreRegistry(*db).find(storeId);
            found = stores.insert(storeId, store ? std::optional(*store) : std::nullopt);
        }
        return *found;
    };
    // The rows to write: index into ids, the row as it will be.
    struct Move
    {
        qsizetype index;
        IncomingTransfer row;
    };
    std::vector<Move> moves;
    const auto rows = incoming.findAll(ids);
    if (!rows) {
        results.fill(rows.error());
        return results;
    }
    for (qsizetype i = 0; i < ids.size(); ++i) {
        const qint64 id = ids[i];
        const auto found = rows->constFind(id);
        if (found == rows->constEnd()) {
            results[i] = ApiError::notFound(tr("No incoming transfer %1.").arg(id));
            continue;
        }
        std::optional<IncomingTransfer> t = *found;
        if (!callerIsAdmin && t->source != caller) {
            results[i] = ApiError::notFound(tr("You are not authorized to change incoming transfer %1.").arg(id));
            continue;
        }
        if (!transitionAllowed(t->status, to)) {
            results[i] = ApiError{ErrorKind::NotAcceptable,
                                  tr("Transition from %1 to %2 is not permitted.")
                                      .arg(transferStatusName(t->status), transferStatusName(to)),
                                  {}};
            continue;
        }
        const std::optional<Store> &store = storeOf(t->storeId);
        if (to == TransferStatus::Staged && store) {
            // STAGED promises that every byte is here: check it rather than trust it.
            auto path = LocalStore(*store).stagedPath(t->stagingName, t->uploadName);
            const qint64 have = path ? QFileInfo(*path).size() : -1;
            if (have != t->transferSize) {
                results[i] = ApiError{ErrorKind::NotAcceptable,
                                      tr("Incoming transfer %1 holds %2 of %3 bytes; it cannot be STAGED.")
                                          .arg(id)
                                          .arg(std::max<qint64>(have, 0))
                                          .arg(t->transferSize),
                                      {}};
                continue;
            }
            // ... and that they are the right bytes: damaged ones fail now, and the sender sends again.
            // The hash streamed on arrival serves if it covers them; a re-read is remembered for
            // receive_clone, which checks the same bytes again before it commits them.
            auto expected = Checksum::parse(t->transferChecksum);
            auto actual = expected ? StreamedChecksums::instance().checksumOfStaged(*path, t->id, expected->algorithm(),
                                                                                    t->transferSize)
                                   : Result<Checksum>(expected.error());
            if (!actual || actual->toString() != expected->toString()) {
                const QString why = tr("Checksum mismatch for %1: expected %2, received %3.")
                                        .arg(t->storePath, t->transferChecksum, actual ? actual->toString() : actual.error().reason);
                t->status = TransferStatus::Failed;
                t->endTime = QDateTime::currentDateTimeUtc();
                t->error = why;
                logFailure(incoming.update(*t), lcClone(), QStringLiteral("Failing transfer %1").arg(t->id));
                LocalStore(*store).discardStaging(t->stagingName);
                logFailure(ErrorLog(*db).raise(QStringLiteral("error"), QStringLiteral("data_integrity"), why, caller),
                           lcClone(), QStringLiteral("Recording the error"));
                results[i] = ApiError{ErrorKind::NotAcceptable, why, tr("The file will be sent again.")};
                continue;
            }
        }
        t->status = to;
        if (to == TransferStatus::Failed || to == TransferStatus::Cancelled) {
            t->endTime = QDateTime::currentDateTimeUtc();
            if (t->error.isEmpty())
                t->error = tr("%1 by %2.").arg(transferStatusName(to), caller);
        }
        moves.push_back({i, *t});
    }
    if (moves.empty())
        return results;
    // Written only where the move is still allowed: the row may have changed since it was read
    // (the data plane marks INITIATED ones ONGOING meanwhile, the source may fail one).
    QList<TransferStatus> from;
    for (TransferStatus s : {TransferStatus::Initiated, TransferStatus::Ongoing, TransferStatus::Staged,
                             TransferStatus::Completed, TransferStatus::Failed, TransferStatus::Cancelled})
        if (transitionAllowed(s, to))
            from << s;
    // One transaction for the batch, not one commit (and WAL write) per file.
    const auto writeAll = [&]() -> Status {
        Transaction txn(*db);
        if (!txn.started())
            return ApiError{ErrorKind::Unavailable, tr("The catalogue is busy: no transaction could be started."),
                            tr("Try again.")};
        const auto changedMeanwhile = [&](const Move &m) {
            results[m.index] = ApiError::conflict(tr("Incoming transfer %1 changed meanwhile.").arg(m.row.id),
                                                  tr("Ask for its status and try again."));
        };
        if (to == TransferStatus::Failed || to == TransferStatus::Cancelled) {
            // Each with its own reason.
            for (const Move &m : moves) {
                auto written = incoming.updateIfStatusIn(m.row, from);
                if (!written)
                    return written.error();
                if (!*written)
                    changedMeanwhile(m);
            }
            return txn.commit();
        }
        // Only the status changes: a few statements for the batch.
        QList<qint64> ids;
        for (const Move &m : moves)
            ids.append(m.row.id);
        auto moved = incoming.moveStatus(ids, to, from);
        if (!moved)
            return moved.error();
        for (const Move &m : moves)
            if (!moved->contains(m.row.id))
                changedMeanwhile(m);
        return txn.commit();
    };
    if (auto s = writeAll(); !s) {
        for (const Move &m : moves)
            results[m.index] = s;
        return results;
    }
    for (const Move &m : moves)
        if (results[m.index] && (to == TransferStatus::Failed || to == TransferStatus::Cancelled))
            if (const std::optional<Store> &store = storeOf(m.row.storeId))
                LocalStore(*store).discardStaging(m.row.stagingName);
    return results;
}

Status TransferCheckin::moveOutgoing(qint64 id, TransferStatus to, const QString &caller, bool callerIsAdmin)
{
    auto db = m_database.connection();
    if (!db)
        return db.error();
    OutgoingTransfers outgoing(*db);
    auto t = outgoing.find(id);
    if (!t)
        return ApiError::notFound(tr("No outgoing transfer %1.").arg(id));
    if (!callerIsAdmin && t->destination != caller)
        return ApiError::notFound(tr("You are not authorized to change outgoing transfer %1.").arg(id));
    if (!transitionAllowed(t->status, to))
        return ApiError{ErrorKind::NotAcceptable,
                        tr("Transition from %1 to %2 is not permitted.").arg(transferStatusName(t->status), transferStatusName(to)),
                        {}};
    t->status = to;
    if (to == TransferStatus::Failed || to == TransferStatus::Cancelled) {
        t->endTime = QDateTime::currentDateTimeUtc();
        if (t->error.isEmpty())
            t->error = tr("%1 by %2.").arg(transferStatusName(to), caller);
    }
    return outgoing.update(*t);
}

CheckinUpdateResponse TransferCheckin::update(const CheckinUpdateRequest &request, const QString &caller,
                                              bool callerIsAdmin)
{
    CheckinUpdateResponse response;
    const QList<Status> moved = moveIncoming(request.destinationTransferIds, request.newStatus, caller, callerIsAdmin);
    for (qsizetype i = 0; i < moved.size(); ++i) {
        const qint64 id = request.destinationTransferIds[i];
        if (moved[i])
            response.modifiedDestinationTransferIds << id;
        else {
            response.unmodifiedDestinationTransferIds << id;
            response.reasons << moved[i].error().reason;
        }
    }
    for (qint64 id : request.sourceTransferIds) {
        if (auto s = moveOutgoing(id, request.newStatus, caller, callerIsAdmin); s)
            response.modifiedSourceTransferIds << id;
        else {
            response.unmodifiedSourceTransferIds << id;
            response.reasons << s.error().reason;
        }
    }
    return response;
}

CheckinStatusResponse TransferCheckin::status(const CheckinStatusRequest &request, const QString &caller,
                                              bool callerIsAdmin)
{
    CheckinStatusResponse response;
    auto db = m_database.connection();
    IncomingTransfers incoming(db ? *db : QSqlDatabase());
    OutgoingTransfers outgoing(db ? *db : QSqlDatabase());
    for (qint64 id : request.destinationTransferIds) {
        auto t = db ? incoming.find(id) : Result<IncomingTransfer>(db.error());
        response.destinationTransferStatus.insert(
            id, t && (callerIsAdmin || t->source == caller) ? std::optional(t->status) : std::nullopt);
    }
    for (qint64 id : request.sourceTransferIds) {
        auto t = db ? outgoing.find(id) : Result<OutgoingTransfer>(db.error());
        response.sourceTransferStatus.insert(
            id, t && (callerIsAdmin || t->destination == caller) ? std::optional(t->status) : std::nullopt);
    }
    return response;
}

Status TransferCheckin::completeAllIn(QSqlDatabase &db, const QList<CloneTransferIds> &completions,
                                      const QString &caller, bool callerIsAdmin, QList<Status> *results, int *completed)
{
    *completed = 0;
    OutgoingTransfers outgoing(db);
    QList<qint64> ids;
    for (const CloneTransferIds &c : completions)
        ids << c.sourceTransferId;
    auto found = outgoing.findAll(ids);
    if (!found)
        return found.error();
    QList<qint64> accepted;
    QHash<qint64, qint64> storeOf; // transfer id -> the destination's store
    for (const CloneTransferIds &c : completions) {
        const auto t = found->constFind(c.sourceTransferId);
        if (t == found->cend() || (!callerIsAdmin && t->destination != caller)) {
            results->append(ApiError::notFound(tr("Outgoing transfer %1 does not exist.").arg(c.sourceTransferId)));
        } else if (t->status == TransferStatus::Completed || storeOf.contains(t->id)) {
            results->append(Ok{}); // a repeated callback changes nothing
        } else if (t->status != TransferStatus::Ongoing && t->status != TransferStatus::Staged) {
            results->append(ApiError{ErrorKind::NotAcceptable,
                                     tr("Outgoing transfer %1 is %2 and cannot complete.")
                                         .arg(t->id)
                                         .arg(transferStatusName(t->status)),
                                     {}});
        } else {
            accepted << t->id;
            storeOf.insert(t->id, c.storeId);
            results->append(Ok{});
        }
    }
    const QDateTime now = QDateTime::currentDateTimeUtc();
    auto moved = outgoing.moveStatus(accepted, TransferStatus::Completed, {TransferStatus::Ongoing, TransferStatus::Staged}, now);
    if (!moved)
        return moved.error();
    // The rows were read in this (write-locked) transaction: they cannot have moved on since.
    if (moved->size() != accepted.size())
        return ApiError::internal(tr("%1 of %2 transfers could be completed.").arg(moved->size()).arg(accepted.size()));
    QList<RemoteInstance> remotes;
    for (qint64 id : std::as_const(accepted)) {
        const OutgoingTransfer &t = found->value(id);
        RemoteInstance remote;
        remote.fileName = t.fileName;
        remote.librarianName = t.destination;
        remote.storeId = storeOf.value(id);
        remote.copyTime = now;
        remote.sender = m_ourName;
        remotes << remote;
        if (completions.size() == 1) // a batch logs one line for all
            qCInfo(lcClone) << t.fileName << "is now held by" << t.destination;
        else
            qCDebug(lcClone) << t.fileName << "is now held by" << t.destination;
    }
    if (auto s = FileCatalog(db).insertRemoteInstances(remotes); !s)
        return s;
    *completed = int(accepted.size());
    return Ok{};
}

Status TransferCheckin::complete(const CloneTransferIds &ids, const QString &caller, bool callerIsAdmin)
{
    auto db = m_database.connection();
    if (!db)
        return db.error();
    // The check inside the transaction too: two deliveries of one callback record one remote instance.
    Transaction txn(*db);
    if (!txn.started())
        return txn.commit(); // its "catalogue is busy", before anything is written
    QList<Status> results;
    int completed = 0;
    if (auto s = completeAllIn(*db, {ids}, caller, callerIsAdmin, &results, &completed); !s)
        return s;
    if (!results.first())
        return results.first();
    return txn.commit();
}

QList<Status> TransferCheckin::completeBatch(const QList<CloneTransferIds> &completions, const QString &caller,
                                             bool callerIsAdmin)
{
    QList<Status> results;
    auto db = m_database.connection();
    if (!db) {
        for (qsizetype i = 0; i < completions.size(); ++i)
            results.append(db.error());
        return results;
    }
    int completed = 0;
    bool together = false;
    {
        Transaction txn(*db);
        if (txn.started()) {
            if (auto s = completeAllIn(*db, completions, caller, callerIsAdmin, &results, &completed); !s)
                qCWarning(lcClone) << "a batch of completions could not be written, completing one by one:"
                                   << s.error().reason;
            else if (auto c = txn.commit(); !c)
                qCWarning(lcClone) << "cannot commit a batch of completions, completing one by one:" << c.error().reason;
            else
                together = true;
        }
    }
    if (!together) {
        results.clear();
        completed = -1; // each one logs its own
        for (const CloneTransferIds &ids : completions)
            results.append(complete(ids, caller, callerIsAdmin));
    }
    if (completed > 0)
        qCInfo(lcClone).noquote() << QStringLiteral("%1 of a batch of %2 transfers completed by %3")
                                         .arg(completed)
                                         .arg(completions.size())
                                         .arg(caller);
    return results;
}

} // namespace librarian
