#pragma once

#include "BackgroundTask.h"
#include "model/OutgoingTransfer.h"

namespace librarian {

class LibrarianClient;

// consume_queue: moves the bytes of queued batches to their destinations, resuming from what the
// destination already holds: `local` copies one after another, the rest over the built-in data
// plane, several small files side by side (BatchSender). A file that fails fails the batch's attempt. A batch that
// keeps failing (more than max_async_send_retries runs) is failed on both sides; send_clone then
// picks its files again.
class ConsumeQueue : public BackgroundTask
{
    Q_OBJECT
public:
    using BackgroundTask::BackgroundTask;

protected:
    void run() override;

private:
    void nextItem();
    // The `local` copies from `index` on, then sendOverDataPlane().
    void sendNext(int index);
    void sendOverDataPlane();
    void itemSent();
    void itemFailed(const ApiError &error);

    QList<SendQueueItem> m_items;
    SendQueueItem m_item;
    QList<OutgoingTransfer> m_transfers;
    LibrarianClient *m_client = nullptr;
    int m_sentFiles = 0;
    int m_consumedItems = 0;
};

} // namespace librarian
