#pragma once

#include "BackgroundTask.h"
#include "model/IncomingTransfer.h"

namespace librarian {

class Ingest;

// receive_clone (the reference's "recieve_clone"): verifies and commits every STAGED clone into a
// store (File + Instance), then calls the sender back to complete its transfer and record the
// remote instance (/clone/complete), or to fail it (/checkin/update FAILED). Fields:
// deletion_policy (0/1 or "disallowed"/"allowed"), files_per_run (1024).
class ReceiveClone : public BackgroundTask
{
    Q_OBJECT
public:
    using BackgroundTask::BackgroundTask;

protected:
    void run() override;

private:
    void next();

    QList<IncomingTransfer> m_transfers;
    int m_received = 0;
    int m_failed = 0;
};

} // namespace librarian
