#pragma once

#include "TransferStatus.h"

#include <QDateTime>
#include <QString>

namespace librarian {

// A file this librarian is pushing to a peer (matched to the peer's IncomingTransfer by
// remoteTransferId, and to the peer itself by name).
struct OutgoingTransfer
{
    qint64 id = -1;
    TransferStatus status = TransferStatus::Initiated;
    QString destination;
    qint64 transferSize = 0;
    QString transferChecksum;
    QDateTime startTime;
    QDateTime endTime;
    QString fileName;
    qint64 instanceId = -1;
    qint64 remoteTransferId = -1;
    QString transferMethod;
    qint64 sendQueueId = -1;
    QString sourcePath; // the local instance read from
    int dataPort = 0;   // the peer's data plane
    QString dataPath;
    qint64 dataChunkBytes = 0; // the peer's max_chunk_bytes
    QString destPath;          // "local" method: the peer's staging file, on this host
    QString error;      // why it failed, for search-errors and the operator
};

// One batch of outgoing transfers to one peer, moved together.
struct SendQueueItem
{
    qint64 id = -1;
    int priority = 0;
    QDateTime createdTime;
    int retries = 0;
    QString destination;
    QString transferMethod;
    bool consumed = false;
    QDateTime consumedTime;
    bool completed = false;
    QDateTime completedTime;
    bool failed = false;
};

} // namespace librarian
