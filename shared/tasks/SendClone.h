#pragma once

#include "BackgroundTask.h"

namespace librarian {

// send_clone: picks files newer than age_in_days that the destination has neither a copy of (no
// remote instance) nor a live transfer for, asks the destination to stage them as one batch, and
// queues the batch for consume_queue. Fields: destination_librarian, age_in_days (7),
// send_batch_size (128), store_preference (null).
class SendClone : public BackgroundTask
{
    Q_OBJECT
public:
    using BackgroundTask::BackgroundTask;

protected:
    void run() override;
};

} // namespace librarian
