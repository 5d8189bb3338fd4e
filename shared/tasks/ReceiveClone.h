#pragma once

#include "BackgroundTask.h"
#include "db/IncomingTransfers.h"
#include "model/File.h"

#include <QHash>
#include <QSet>

class QTimer;

namespace librarian {

class LibrarianClient;

// receive_clone (the reference's "recieve_clone"): verifies and commits the STAGED clones into a
// store (File + Instance), a group at a time, then calls their senders back to complete their
// transfers and record the remote instances (/clone/batch_complete, or /clone/complete file by file
// for a sender without it), or to fail them (/checkin/update FAILED). Fields: deletion_policy (0/1
// or "disallowed"/"allowed"), files_per_run (1024).
// A callback the sender did not hear is kept in the database and made again with back-off
// (retryDelayMs), on a timer of its own, until the sender answers.
class ReceiveClone : public BackgroundTask
{
    Q_OBJECT
public:
    using BackgroundTask::BackgroundTask;

    // The wait after the `failures`-th failed callback: 5 s, doubling, at most 5 minutes.
    static qint64 retryDelayMs(int failures);

protected:
    void run() override;

private:
    // One request to one source for a list of callbacks of the same kind.
    struct CallbackRequest
    {
        QString source;
        bool completed = true; // COMPLETED clones; false: FAILED ones (/checkin/update)
        bool single = false;   // /clone/complete of its only entry (a source without batch_complete)
        QList<OwedCallback> owed;
    };

    // Takes the next step that can be taken now: send callbacks, receive the next group, or end.
    void pump();
    void receiveNextGroup();
    void received(const QList<IncomingTransfer> &group, const QList<Result<File>> &results);
    // Queues the callback, in a request of its source and kind that still has room.
    void enqueue(const OwedCallback &owed);
    void send(const CallbackRequest &request);
    // The answer to a whole request, the same for each of its entries.
    void answered(const CallbackRequest &request, const Result<QJsonValue> &answer);
    // The answer to /clone/batch_complete: one result per entry.
    void batchAnswered(const CallbackRequest &request, const Result<QJsonValue> &answer);
    // Writes what became of a request's callbacks, in one transaction.
    void record(const QList<qint64> &settled, const QList<OwedCallback> &postponed);
    // The entries of a request that got no (usable) answer: tried again with back-off, and the
    // source's other callbacks wait with them for the rest of the run.
    void postpone(const CallbackRequest &request, const QString &why);
    // One client per source for the run: callbacks share its keep-alive connections.
    Result<LibrarianClient *> clientFor(const Librarian &peer);
    // Arms the retry timer for the next owed callback, then ends the run.
    void done();

    QList<IncomingTransfer> m_transfers; // STAGED clones not yet taken
    QList<CallbackRequest> m_requests;   // waiting to be sent
    // Sources that did not answer in this run, and when they are tried again: their other
    // callbacks wait too instead of each waiting for its own timeout.
    QHash<QString, QDateTime> m_unreachable;
    // Sources that answered 404 to /clone/batch_complete (an older or the reference librarian).
    QSet<QString> m_withoutBatchRoute;
    QTimer *m_retryTimer = nullptr;
    QHash<QString, LibrarianClient *> m_clients;
    int m_inFlight = 0;
    bool m_owedFirst = true; // callbacks owed from earlier runs are answered before new clones
    bool m_receiving = false;
    bool m_pumping = false;
    bool m_pumpAgain = false;
    bool m_ended = true;
    int m_received = 0;
    int m_failed = 0;
    int m_delivered = 0;
    int m_postponed = 0;
    int m_callbackRequests = 0;
};

} // namespace librarian
