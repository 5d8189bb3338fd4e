#pragma once

#include "TransferStatus.h"

#include <QDateTime>
#include <QString>

namespace librarian {

// Something being sent to this librarian: a client upload or (issue 3) a peer's clone.
// Server-side bookkeeping only; its wire views are the upload/clone messages.
struct IncomingTransfer
{
    qint64 id = -1;
    TransferStatus status = TransferStatus::Initiated;
    QString uploader;
    QString uploadName;   // name of the staged object inside the staging folder
    QString source;       // authenticated user (upload) or upstream librarian (clone)
    qint64 transferSize = 0;
    QString transferChecksum;
    qint64 storeId = -1;
    QString stagingName;  // the per-transfer staging folder (a UUID) relative to the staging root
    QString storePath;    // the final file name
    QString transferMethod;
    QDateTime startTime;
    QDateTime endTime;
    qint64 sourceTransferId = -1; // the upstream's OutgoingTransfer id (clones only)
    QString error;                // why it failed
};

} // namespace librarian
