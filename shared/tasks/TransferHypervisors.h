#pragma once

#include "BackgroundTask.h"
#include "model/IncomingTransfer.h"
#include "model/OutgoingTransfer.h"

namespace librarian {

// outgoing_transfer_hypervisor: live outgoing transfers older than age_in_days are checked against
// the destination's catalogue: if it holds the file with our checksum, the lost completion
// callback is made good (remote instance, COMPLETED); if it does not, the transfer fails (and
// send_clone sends the file again). An unreachable destination is asked again next run.
class OutgoingTransferHypervisor : public BackgroundTask
{
    Q_OBJECT
public:
    using BackgroundTask::BackgroundTask;

protected:
    void run() override;

private:
    void next();
    void settle(OutgoingTransfer transfer, TransferStatus status, const QString &error, qint64 remoteStoreId = -1);

    QList<OutgoingTransfer> m_stale;
    int m_repaired = 0;
    int m_failed = 0;
};

// incoming_transfer_hypervisor: live incoming clones older than age_in_days are compared with the
// sender's view (/checkin/status): gone, failed or cancelled there -> failed here (staging removed);
// further along there -> adopted here; otherwise left alone.
class IncomingTransferHypervisor : public BackgroundTask
{
    Q_OBJECT
public:
    using BackgroundTask::BackgroundTask;

protected:
    void run() override;

private:
    void next();
    void fail(IncomingTransfer transfer, const QString &why);

    QList<IncomingTransfer> m_stale;
    int m_failed = 0;
    int m_adopted = 0;
};

// duplicate_remote_instance_hypervisor: keeps one remote instance per (file, librarian, store), the
// earliest.
class DuplicateRemoteInstanceHypervisor : public BackgroundTask
{
    Q_OBJECT
public:
    using BackgroundTask::BackgroundTask;

protected:
    void run() override;
};

} // namespace librarian
