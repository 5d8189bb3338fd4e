#pragma once

#include "db/Database.h"
#include "model/File.h"
#include "model/Result.h"
#include "model/messages/CloneMessages.h"

namespace librarian {

// The receiving half of a push: stage a peer's batch (IncomingTransfers and staging folders),
// take its status reports, fail transfers on request. The bytes arrive through the data plane; the
// receive_clone task then commits them, a group at a time, with Ingest::receiveClones.
class CloneReception
{
public:
    explicit CloneReception(const Database &database);

    // The caller's account must be named after the sending librarian (the seed's convention), so a
    // peer can only stage, feed and report transfers in its own name. A file that exists here, or
    // a live transfer of it from another librarian, refuses the whole batch (409) and creates
    // nothing; a live transfer of it from the same librarian is replaced (the sender restarted).
    Result<CloneBatchStageResponse> stageBatch(const CloneBatchStageRequest &request, const QString &caller,
                                               bool callerIsAdmin);

    // /clone/fail: the sender gave up; the transfer fails and its staging folder goes.
    Status fail(const CloneTransferIds &ids, const QString &caller, bool callerIsAdmin);

private:
    const Database &m_database;
};

} // namespace librarian
