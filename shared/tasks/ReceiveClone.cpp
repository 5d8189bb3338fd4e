#include "ReceiveClone.h"

#include "concurrency/OffLoop.h"
#include "client/LibrarianClient.h"
#include "db/Peers.h"
#include "model/Routes.h"
#include "model/messages/CloneMessages.h"
#include "storage/Ingest.h"

#include <QLoggingCategory>
#include <QTimer>
#include <algorithm>

Q_DECLARE_LOGGING_CATEGORY(lcTasks)

namespace librarian {

namespace {
constexpr qint64 kFirstRetryMs = 5 * 1000;
constexpr qint64 kLongestRetryMs = 5 * 60 * 1000;
constexpr qint64 kShortestWaitMs = 1000;
// Callbacks made while the next clones are verified: a round trip per file no longer adds up.
constexpr int kCallbacksInFlight = 8;

// An answer that will not change by asking again. Credentials (401/403) can be fixed on either
// side without touching the transfer, and 5xx or no answer at all are passing: those are retried.
bool isRefusal(ErrorKind kind)
{
    switch (kind) {
    case ErrorKind::BadRequest:
    case ErrorKind::NotFound:
    case ErrorKind::Conflict:
    case ErrorKind::NotAcceptable:
    case ErrorKind::PayloadTooLarge:
        return true;
    default:
        return false;
    }
}
} // namespace

qint64 ReceiveClone::retryDelayMs(int failures)
{
    return std::min(kFirstRetryMs << std::clamp(failures - 1, 0, 16), kLongestRetryMs);
}

void ReceiveClone::run()
{
    m_received = m_failed = m_delivered = m_postponed = 0;
    m_unreachable.clear();
    m_callbacksInFlight = 0;
    m_waitingForCallback = m_clonesDone = false;
    auto db = context().database->connection();
    if (!db)
        return finish(db.error().reason);
    const int limit = definition().fields.value(QStringLiteral("files_per_run")).toInt(1024);
    IncomingTransfers incoming(*db);
    auto owed = incoming.dueCallbacks(QDateTime::currentDateTimeUtc(), limit);
    if (!owed)
        return finish(owed.error().reason);
    auto staged = incoming.stagedClones(limit);
    if (!staged)
        return finish(staged.error().reason);
    m_owed = *owed;
    m_transfers = *staged;
    nextOwed();
}

// Callbacks owed from earlier runs first: the oldest debts, and they tell which sources are down.
void ReceiveClone::nextOwed()
{
    if (m_owed.isEmpty() || softTimedOut())
        return nextClone();
    callBack(m_owed.takeFirst(), [this] { nextOwed(); });
}

void ReceiveClone::nextClone()
{
    if (m_transfers.isEmpty() || softTimedOut()) {
        m_clonesDone = true;
        if (m_callbacksInFlight == 0)
            done();
        return;
    }
    const IncomingTransfer transfer = m_transfers.takeFirst();
    const QJsonValue policyField = definition().fields.value(QStringLiteral("deletion_policy"));
    const DeletionPolicy policy =
        deletionPolicyFromText(policyField.isDouble() ? QString::number(policyField.toInt()) : policyField.toString());
    auto db = context().database->connection();
    if (!db)
        return finish(db.error().reason);
    if (auto s = IncomingTransfers(*db).oweCallback(transfer.id); !s)
        return finish(s.error().reason);
    // Verifying reads the whole file: off the task thread, so the other tasks (consume_queue's
    // chunk uploads among them) keep running meanwhile.
    const Database *database = context().database;
    runOffLoop(
        this,
        [database, transfer, policy] {
            return Ingest(*database, std::numeric_limits<qint64>::max()).receiveClone(transfer, policy);
        },
        [this, transfer](const Result<File> &file) { received(transfer, file); });
}

void ReceiveClone::received(const IncomingTransfer &transfer, const Result<File> &file)
{
    if (file)
        ++m_received;
    else
        ++m_failed;
    auto db = context().database->connection();
    if (!db)
        return finish(db.error().reason);
    IncomingTransfers incoming(*db);
    auto now = incoming.find(transfer.id);
    if (!now)
        return nextClone();
    if (!file) {
        if (now->status != TransferStatus::Failed) {
            check(incoming.settleCallback(transfer.id), tr("Settling the callback of transfer %1").arg(transfer.id));
            return nextClone(); // not failed for good (e.g. store disabled): tried again next run
        }
        now->error = file.error().reason;
        check(incoming.update(*now), tr("Failing transfer %1").arg(now->id));
        recordError(file.error().kind == ErrorKind::NotAcceptable ? QStringLiteral("data_integrity")
                                                                  : QStringLiteral("transfer"),
                    tr("Clone of %1 from %2 failed: %3").arg(transfer.storePath, transfer.source, file.error().reason));
    }
    callBackAndGoOn(OwedCallback{*now, 0, {}});
}

void ReceiveClone::callBackAndGoOn(const OwedCallback &owed)
{
    ++m_callbacksInFlight;
    callBack(owed, [this] {
        --m_callbacksInFlight;
        if (m_waitingForCallback) {
            m_waitingForCallback = false;
            nextClone();
        } else if (m_clonesDone && m_callbacksInFlight == 0) {
            done();
        }
    });
    if (m_callbacksInFlight < kCallbacksInFlight) // it may also have ended at once
        nextClone();
    else
        m_waitingForCallback = true;
}

Result<LibrarianClient *> ReceiveClone::clientFor(const Librarian &peer)
{
    if (LibrarianClient *client = m_clients.value(peer.name))
        return client;
    auto client = peerClient(peer);
    if (client)
        m_clients.insert(peer.name, *client);
    return client;
}

void ReceiveClone::callBack(const OwedCallback &owed, const std::function<void()> &then)
{
    const IncomingTransfer &transfer = owed.transfer;
    auto db = context().database->connection();
    if (!db)
        return finish(db.error().reason);
    IncomingTransfers incoming(*db);
    if (const auto until = m_unreachable.constFind(transfer.source); until != m_unreachable.constEnd()) {
        check(incoming.postponeCallback(transfer.id, owed.attempts, *until), tr("Postponing the callback of transfer %1").arg(transfer.id));
        ++m_postponed;
        return then();
    }
    auto peer = Peers(*db).find(transfer.source);
    auto client = peer ? clientFor(*peer) : Result<LibrarianClient *>(peer.error());
    if (!client) {
        // Nobody to call (the peer was removed) or no way to: asking again changes nothing.
        check(incoming.settleCallback(transfer.id), tr("Settling the callback of transfer %1").arg(transfer.id));
        recordError(
            QStringLiteral("transfer"),
            tr("Cannot call %1 back for %2: %3").arg(transfer.source, transfer.storePath, client.error().reason));
        return then();
    }
    auto answered = [this, owed, then](Result<QJsonValue> r) {
        const IncomingTransfer &transfer = owed.transfer;
        auto db = context().database->connection();
        if (!db)
            return finish(db.error().reason);
        IncomingTransfers incoming(*db);
        if (r) {
            check(incoming.settleCallback(transfer.id), tr("Settling the callback of transfer %1").arg(transfer.id));
            ++m_delivered;
        } else if (isRefusal(r.error().kind)) {
            check(incoming.settleCallback(transfer.id), tr("Settling the callback of transfer %1").arg(transfer.id));
            recordError(
                QStringLiteral("transfer"),
                tr("%1 refused the callback for %2: %3").arg(transfer.source, transfer.storePath, r.error().reason));
        } else {
            const int failures = owed.attempts + 1;
            const QDateTime next = QDateTime::currentDateTimeUtc().addMSecs(retryDelayMs(failures));
            check(incoming.postponeCallback(transfer.id, failures, next), tr("Postponing the callback of transfer %1").arg(transfer.id));
            m_unreachable.insert(transfer.source, next);
            ++m_postponed;
            const QString line = QStringLiteral("%1: callback to %2 for %3 failed (attempt %4): %5; next try at %6")
                                     .arg(definition().name, transfer.source, transfer.storePath)
                                     .arg(failures)
                                     .arg(r.error().reason, next.toString(Qt::ISODateWithMs));
            qCInfo(lcTasks).noquote() << line;
        }
        then();
    };
    if (transfer.status == TransferStatus::Completed) {
        const CloneTransferIds ids{transfer.sourceTransferId, transfer.id, transfer.storeId, {}};
        (*client)->post(routes::kCloneComplete, ids.toJson(), answered);
    } else {
        CheckinUpdateRequest failed;
        failed.sourceTransferIds << transfer.sourceTransferId;
        failed.newStatus = TransferStatus::Failed;
        (*client)->post(routes::kCheckinUpdate, failed.toJson(), answered);
    }
}

void ReceiveClone::done()
{
    for (LibrarianClient *client : std::as_const(m_clients))
        client->deleteLater();
    m_clients.clear();
    if (m_received > 0)
        wakeTasks(QStringLiteral("send_clone")); // down the waterfall without waiting for a tick
    auto db = context().database->connection();
    const auto next = db ? IncomingTransfers(*db).nextCallbackTime() : Result<QDateTime>(db.error());
    if (next && next->isValid()) {
        // Made here, in run(), so that it lives on the task's thread.
        if (!m_retryTimer) {
            m_retryTimer = new QTimer(this);
            m_retryTimer->setSingleShot(true);
            m_retryTimer->setTimerType(Qt::PreciseTimer); // never early: the callback must be due
            connect(m_retryTimer, &QTimer::timeout, this, &BackgroundTask::trigger);
        }
        // At least a second: a callback left due (soft timeout) must not make the task spin.
        const qint64 wait =
            std::clamp<qint64>(QDateTime::currentDateTimeUtc().msecsTo(*next), kShortestWaitMs, kLongestRetryMs);
        m_retryTimer->start(int(wait));
    } else if (m_retryTimer) {
        m_retryTimer->stop();
    }
    finish(tr("%n file(s) received, %1 failed; %2 callback(s) delivered, %3 to try again", nullptr, m_received)
               .arg(m_failed)
               .arg(m_delivered)
               .arg(m_postponed),
           m_received + m_failed + m_delivered + m_postponed == 0);
}

} // namespace librarian
