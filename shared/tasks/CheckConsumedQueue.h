#pragma once

#include "BackgroundTask.h"
#include "model/OutgoingTransfer.h"

namespace librarian {

// check_consumed_queue: for every batch whose bytes were all sent, tells the destination that its
// transfers are STAGED (it verifies each file is complete before accepting) and marks ours STAGED.
// An unreachable destination leaves the batch for the next run.
class CheckConsumedQueue : public BackgroundTask
{
    Q_OBJECT
public:
    using BackgroundTask::BackgroundTask;

protected:
    void run() override;

private:
    void nextItem();

    QList<SendQueueItem> m_items;
    int m_staged = 0;
};

} // namespace librarian
