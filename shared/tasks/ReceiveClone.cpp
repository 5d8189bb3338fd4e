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
// Callback requests made while the next clones are verified: round trips no longer add up.
constexpr int kCallbacksInFlight = 8;
// A group's clones are verified one by one but flushed side by side and recorded in one
// transaction, and their callbacks go to each source in one request: at 256 files the costs of a
// group (a transaction, a flush per folder, a request) are small beside those of its files, and
// the first callbacks still go out soon. The bytes bound the hashing and flushing a group's
// callbacks wait for; a bigger file goes alone.
constexpr int kGroupFiles = 256;
constexpr qint64 kGroupBytes = qint64(1) << 30;
// The callbacks of one kind to one source in one request: a group's.
constexpr int kCallbacksPerRequest = kGroupFiles;
static_assert(kCallbacksPerRequest <= kMaxCloneCompletions);

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
    m_received = m_failed = m_delivered = m_postponed = m_callbackRequests = 0;
    m_unreachable.clear();
    m_withoutBatchRoute.clear();
    m_requests.clear();
    m_inFlight = 0;
    m_receiving = m_pumping = m_pumpAgain = m_ended = false;
    m_owedFirst = true;
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
    m_transfers = *staged;
    for (const OwedCallback &o : std::as_const(*owed))
        enqueue(o);
    pump();
}

void ReceiveClone::pump()
{
    // An answer may arrive while a request is being sent (a call that fails at once): the loop
    // below takes it into account instead of running a second pump inside the first.
    if (m_pumping) {
        m_pumpAgain = true;
        return;
    }
    m_pumping = true;
    do {
        m_pumpAgain = false;
        if (m_ended)
            break;
        while (m_inFlight < kCallbacksInFlight && !m_requests.isEmpty())
            send(m_requests.takeFirst());
        // Callbacks owed from earlier runs first: the oldest debts, and their answers tell which
        // sources are down before new clones' callbacks go out.
        if (m_owedFirst) {
            if (softTimedOut())
                m_requests.clear(); // still owed in the database: the next run makes them
            if (!m_requests.isEmpty() || m_inFlight > 0)
                continue;
            m_owedFirst = false;
        }
        if (softTimedOut())
            m_transfers.clear(); // still STAGED: the next run takes them
        // The next group once every callback of the last one is on its way.
        if (!m_receiving && m_requests.isEmpty() && !m_transfers.isEmpty()) {
            receiveNextGroup();
            m_pumpAgain = m_pumpAgain || !m_receiving; // it gave up at once: decide again
        } else if (!m_receiving && m_requests.isEmpty() && m_transfers.isEmpty() && m_inFlight == 0)
            done();
    } while (m_pumpAgain);
    m_pumping = false;
}

void ReceiveClone::receiveNextGroup()
{
    QList<IncomingTransfer> group;
    qint64 bytes = 0;
    while (!m_transfers.isEmpty() && group.size() < kGroupFiles
           && (group.isEmpty() || bytes + m_transfers.first().transferSize <= kGroupBytes)) {
        bytes += m_transfers.first().transferSize;
        group.append(m_transfers.takeFirst());
    }
    const QJsonValue policyField = definition().fields.value(QStringLiteral("deletion_policy"));
    const DeletionPolicy policy =
        deletionPolicyFromText(policyField.isDouble() ? QString::number(policyField.toInt()) : policyField.toString());
    auto db = context().database->connection();
    QList<qint64> ids;
    for (const IncomingTransfer &t : std::as_const(group))
        ids.append(t.id);
    // Owed before the commit, so that a crash between committing and calling back loses nothing.
    if (!db || !check(IncomingTransfers(*db).oweCallbacks(ids), tr("Marking the callbacks of %n clone(s) owed", nullptr, int(ids.size())))) {
        if (!db)
            recordError(QStringLiteral("database"), db.error().reason);
        m_transfers.clear(); // nothing committed without its callback owed: left STAGED for the next run
        return;
    }
    // Verifying reads the files: off the task thread, so the other tasks (consume_queue's chunk
    // uploads among them) keep running meanwhile.
    m_receiving = true;
    const Database *database = context().database;
    runOffLoop(
        this,
        [database, group, policy] {
            return Ingest(*database, std::numeric_limits<qint64>::max()).receiveClones(group, policy);
        },
        [this, group](const QList<Result<File>> &results) { received(group, results); });
}

void ReceiveClone::received(const QList<IncomingTransfer> &group, const QList<Result<File>> &results)
{
    m_receiving = false;
    auto db = context().database->connection();
    if (!db) {
        // What was committed is owed in the database: the next run calls back.
        recordError(QStringLiteral("database"), db.error().reason);
        m_transfers.clear();
        return pump();
    }
    IncomingTransfers incoming(*db);
    QList<qint64> notSettled;
    for (qsizetype i = 0; i < group.size(); ++i) {
        IncomingTransfer transfer = group[i];
        const Result<File> &file = results[i];
        if (file) {
            ++m_received;
            transfer.status = TransferStatus::Completed; // with its rows, in the commit's transaction
            enqueue(OwedCallback{transfer, 0, {}});
            continue;
        }
        ++m_failed;
        auto now = incoming.find(transfer.id);
        if (!now)
            continue;
        if (now->status != TransferStatus::Failed) {
            notSettled.append(transfer.id); // not failed for good (e.g. store disabled): tried again next run
            continue;
        }
        now->error = file.error().reason;
        check(incoming.update(*now), tr("Failing transfer %1").arg(now->id));
        recordError(file.error().kind == ErrorKind::NotAcceptable ? QStringLiteral("data_integrity")
                                                                  : QStringLiteral("transfer"),
                    tr("Clone of %1 from %2 failed: %3").arg(transfer.storePath, transfer.source, file.error().reason));
        enqueue(OwedCallback{*now, 0, {}});
    }
    if (!notSettled.isEmpty())
        record(notSettled, {});
    pump();
}

void ReceiveClone::enqueue(const OwedCallback &owed)
{
    const QString &source = owed.transfer.source;
    const bool completed = owed.transfer.status == TransferStatus::Completed;
    for (CallbackRequest &request : m_requests) {
        if (request.source == source && request.completed == completed && !request.single
            && request.owed.size() < kCallbacksPerRequest) {
            request.owed.append(owed);
            return;
        }
    }
    m_requests.append(CallbackRequest{source, completed, false, {owed}});
}

void ReceiveClone::send(const CallbackRequest &request)
{
    if (request.completed && !request.single && m_withoutBatchRoute.contains(request.source)) {
        for (qsizetype i = request.owed.size() - 1; i >= 0; --i)
            m_requests.prepend(CallbackRequest{request.source, true, true, {request.owed[i]}});
        return;
    }
    if (const auto until = m_unreachable.constFind(request.source); until != m_unreachable.constEnd()) {
        QList<OwedCallback> later;
        for (OwedCallback owed : request.owed) {
            owed.nextTime = *until;
            later.append(owed);
        }
        m_postponed += int(later.size());
        return record({}, later);
    }
    auto db = context().database->connection();
    auto peer = db ? Peers(*db).find(request.source) : Result<Librarian>(db.error());
    auto client = peer ? clientFor(*peer) : Result<LibrarianClient *>(peer.error());
    if (!client) {
        // Nobody to call (the peer was removed) or no way to: asking again changes nothing.
        QList<qint64> settled;
        for (const OwedCallback &owed : request.owed) {
            settled.append(owed.transfer.id);
            recordError(QStringLiteral("transfer"), tr("Cannot call %1 back for %2: %3")
                                                        .arg(request.source, owed.transfer.storePath, client.error().reason));
        }
        return record(settled, {});
    }
    ++m_inFlight;
    ++m_callbackRequests;
    if (!request.completed) {
        CheckinUpdateRequest failed;
        for (const OwedCallback &owed : request.owed)
            failed.sourceTransferIds << owed.transfer.sourceTransferId;
        failed.newStatus = TransferStatus::Failed;
        (*client)->post(routes::kCheckinUpdate, failed.toJson(), [this, request](Result<QJsonValue> r) {
            --m_inFlight;
            answered(request, r);
            pump();
        });
    } else if (request.single) {
        const IncomingTransfer &t = request.owed.first().transfer;
        const CloneTransferIds ids{t.sourceTransferId, t.id, t.storeId, {}};
        (*client)->post(routes::kCloneComplete, ids.toJson(), [this, request](Result<QJsonValue> r) {
            --m_inFlight;
            answered(request, r);
            pump();
        });
    } else {
        CloneBatchCompleteRequest batch;
        for (const OwedCallback &owed : request.owed)
            batch.completions.append({owed.transfer.sourceTransferId, owed.transfer.id, owed.transfer.storeId, {}});
        (*client)->post(routes::kCloneBatchComplete, batch.toJson(), [this, request](Result<QJsonValue> r) {
            --m_inFlight;
            batchAnswered(request, r);
            pump();
        });
    }
}

void ReceiveClone::answered(const CallbackRequest &request, const Result<QJsonValue> &answer)
{
    if (!answer && !isRefusal(answer.error().kind))
        return postpone(request, answer.error().reason);
    QList<qint64> settled;
    for (const OwedCallback &owed : request.owed) {
        settled.append(owed.transfer.id);
        if (answer)
            ++m_delivered;
        else
            recordError(QStringLiteral("transfer"), tr("%1 refused the callback for %2: %3")
                                                        .arg(request.source, owed.transfer.storePath, answer.error().reason));
    }
    record(settled, {});
}

void ReceiveClone::batchAnswered(const CallbackRequest &request, const Result<QJsonValue> &answer)
{
    if (!answer && answer.error().kind == ErrorKind::NotFound) {
        // No such route there: this run calls that source back file by file, as before it existed.
        qCInfo(lcTasks).noquote() << QStringLiteral("%1: %2 has no /clone/batch_complete; calling it back file by file")
                                         .arg(definition().name, request.source);
        m_withoutBatchRoute.insert(request.source);
        m_requests.prepend(request); // send() splits it
        return;
    }
    if (!answer)
        return answered(request, answer);
    auto results = CloneBatchCompleteResponse::fromJson(answer->toObject());
    bool readable = results && results->results.size() == request.owed.size();
    for (qsizetype i = 0; readable && i < request.owed.size(); ++i)
        readable = results->results[i].sourceTransferId == request.owed[i].transfer.sourceTransferId;
    if (!readable) // done or not there, asking again is safe: a repeated completion changes nothing
        return postpone(request, tr("unreadable answer to /clone/batch_complete"));
    QList<qint64> settled;
    QList<OwedCallback> later;
    for (qsizetype i = 0; i < request.owed.size(); ++i) {
        const OwedCallback &owed = request.owed[i];
        const std::optional<ApiError> &error = results->results[i].error;
        if (!error) {
            settled.append(owed.transfer.id);
            ++m_delivered;
        } else if (isRefusal(error->kind)) {
            settled.append(owed.transfer.id);
            recordError(QStringLiteral("transfer"),
                        tr("%1 refused the callback for %2: %3").arg(request.source, owed.transfer.storePath, error->reason));
        } else {
            // The source answered, so it is not down; only this entry waits.
            OwedCallback retry = owed;
            retry.attempts = owed.attempts + 1;
            retry.nextTime = QDateTime::currentDateTimeUtc().addMSecs(retryDelayMs(retry.attempts));
            later.append(retry);
            ++m_postponed;
            qCInfo(lcTasks).noquote() << QStringLiteral("%1: callback to %2 for %3 failed (attempt %4): %5; next try at %6")
                                             .arg(definition().name, request.source, owed.transfer.storePath)
                                             .arg(retry.attempts)
                                             .arg(error->reason, retry.nextTime.toString(Qt::ISODateWithMs));
        }
    }
    record(settled, later);
}

void ReceiveClone::record(const QList<qint64> &settled, const QList<OwedCallback> &postponed)
{
    auto db = context().database->connection();
    const Status written = db ? IncomingTransfers(*db).answerCallbacks(settled, postponed) : Status(db.error());
    check(written, tr("Recording the answers to %n callback(s)", nullptr, int(settled.size() + postponed.size())));
}

void ReceiveClone::postpone(const CallbackRequest &request, const QString &why)
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QList<OwedCallback> later;
    QDateTime soonest;
    for (OwedCallback owed : request.owed) {
        owed.attempts += 1;
        owed.nextTime = now.addMSecs(retryDelayMs(owed.attempts));
        if (!soonest.isValid() || owed.nextTime < soonest)
            soonest = owed.nextTime;
        later.append(owed);
    }
    m_unreachable.insert(request.source, soonest);
    m_postponed += int(later.size());
    const OwedCallback &first = later.first();
    const QString what = later.size() == 1 ? first.transfer.storePath
                                           : QStringLiteral("%1 files (%2, ...)").arg(later.size()).arg(first.transfer.storePath);
    qCInfo(lcTasks).noquote() << QStringLiteral("%1: callback to %2 for %3 failed (attempt %4): %5; next try at %6")
                                     .arg(definition().name, request.source, what)
                                     .arg(first.attempts)
                                     .arg(why, soonest.toString(Qt::ISODateWithMs));
    record({}, later);
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
    m_ended = true;
    finish(tr("%n file(s) received, %1 failed; %2 callback(s) delivered in %3 request(s), %4 to try again", nullptr,
              m_received)
               .arg(m_failed)
               .arg(m_delivered)
               .arg(m_callbackRequests)
               .arg(m_postponed),
           m_received + m_failed + m_delivered + m_postponed == 0);
}

} // namespace librarian
