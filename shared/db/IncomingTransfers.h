#pragma once

#include "model/IncomingTransfer.h"
#include "model/Result.h"

#include <QSqlDatabase>
#include <optional>

namespace librarian {

// The incoming_transfers table: uploads (and, later, peer clones) being received.
class IncomingTransfers
{
public:
    explicit IncomingTransfers(QSqlDatabase db) : m_db(std::move(db)) {}

    Result<qint64> create(const IncomingTransfer &transfer);
    Result<IncomingTransfer> find(qint64 id); // NotFound if absent
    Status update(const IncomingTransfer &transfer);
    // A live (INITIATED/ONGOING) transfer of the same bytes to the same name by the same source:
    // staging again resumes it instead of starting over. NotFound if there is none.
    Result<IncomingTransfer> findResumable(const QString &checksum, const QString &storePath, const QString &source);

    // Live transfers (INITIATED/ONGOING/STAGED) of a file name.
    Result<QList<IncomingTransfer>> liveFor(const QString &storePath);
    // Clones whose bytes are all here, waiting for receive_clone.
    Result<QList<IncomingTransfer>> stagedClones(int limit);
    // Newest first, optionally from one source and/or in one status.
    Result<QList<IncomingTransfer>> search(const std::optional<QString> &source, const std::optional<TransferStatus> &status,
                                           int limit);

private:
    // Runs "SELECT <columns> FROM incoming_transfers <rest>" and reads every row.
    Result<QList<IncomingTransfer>> select(const QString &rest, const QVariantList &binds = {});

    QSqlDatabase m_db;
};

} // namespace librarian
