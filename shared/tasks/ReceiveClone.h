#pragma once

#include "BackgroundTask.h"
#include "db/IncomingTransfers.h"
#include "model/File.h"

#include <QHash>
#include <functional>

class QTimer;

namespace librarian {

class Ingest;
class LibrarianClient;

// receive_clone (the reference's "recieve_clone"): verifies and commits every STAGED clone into a
// store (File + Instance), then calls the sender back to complete its transfer and record the
// remote instance (/clone/complete), or to fail it (/checkin/update FAILED). Fields:
// deletion_policy (0/1 or "disallowed"/"allowed"), files_per_run (1024).
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
    void nextOwed();
    void nextClone();
    void received(const IncomingTransfer &transfer, const Result<File> &file);
    // Starts the callback and goes on with the next clone while few enough are in flight.
    void callBackAndGoOn(const OwedCallback &owed);
    // One client per source for the run: callbacks share its keep-alive connections.
    Result<LibrarianClient *> clientFor(const Librarian &peer);
    // Calls the clone's source back, then continues with `then`.
    void callBack(const OwedCallback &owed, const std::function<void()> &then);
    // Arms the retry timer for the next owed callback, then ends the run.
    void done();

    QList<OwedCallback> m_owed;
    QList<IncomingTransfer> m_transfers;
    // Sources that did not answer in this run, and when they are tried again: their other
    // callbacks wait too instead of each waiting for its own timeout.
    QHash<QString, QDateTime> m_unreachable;
    QTimer *m_retryTimer = nullptr;
    QHash<QString, LibrarianClient *> m_clients;
    int m_callbacksInFlight = 0;
    bool m_waitingForCallback = false; // nextClone() waits for a callback to end
    bool m_clonesDone = false;
    int m_received = 0;
    int m_failed = 0;
    int m_delivered = 0;
    int m_postponed = 0;
};

} // namespace librarian
