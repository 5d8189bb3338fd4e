#pragma once

#include <QString>
#include <optional>

namespace librarian {

// The reference's transfer lifecycle; integers on the wire, names in the database.
enum class TransferStatus : int {
    Initiated = 0,
    Ongoing = 1,
    Staged = 2,
    Completed = 3,
    Failed = 4,
    Cancelled = 5,
};

QString transferStatusName(TransferStatus status);
std::optional<TransferStatus> transferStatusFromName(const QString &name);
std::optional<TransferStatus> transferStatusFromInt(int value);
bool isLive(TransferStatus status); // INITIATED, ONGOING or STAGED

enum class DeletionPolicy : int { Disallowed = 0, Allowed = 1 };
QString deletionPolicyName(DeletionPolicy policy);
// Anything unrecognised is DISALLOWED, as in the reference: the safe side.
DeletionPolicy deletionPolicyFromText(const QString &text);

} // namespace librarian
