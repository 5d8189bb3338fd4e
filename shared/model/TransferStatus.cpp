#include "TransferStatus.h"

#include <array>
#include <utility>

namespace librarian {

namespace {
constexpr std::array<std::pair<TransferStatus, const char *>, 6> kNames{{
    {TransferStatus::Initiated, "INITIATED"},
    {TransferStatus::Ongoing, "ONGOING"},
    {TransferStatus::Staged, "STAGED"},
    {TransferStatus::Completed, "COMPLETED"},
    {TransferStatus::Failed, "FAILED"},
    {TransferStatus::Cancelled, "CANCELLED"},
}};
} // namespace

QString transferStatusName(TransferStatus status)
{
    for (const auto &[value, name] : kNames)
        if (value == status)
            return QString::fromLatin1(name);
    return QStringLiteral("FAILED");
}

std::optional<TransferStatus> transferStatusFromName(const QString &name)
{
    for (const auto &[value, text] : kNames)
        if (name.compare(QLatin1String(text), Qt::CaseInsensitive) == 0)
            return value;
    return std::nullopt;
}

std::optional<TransferStatus> transferStatusFromInt(int number)
{
    for (const auto &entry : kNames)
        if (int(entry.first) == number)
            return entry.first;
    return std::nullopt;
}

bool isLive(TransferStatus status)
{
    return status == TransferStatus::Initiated || status == TransferStatus::Ongoing
        || status == TransferStatus::Staged;
}

QString deletionPolicyName(DeletionPolicy policy)
{
    return policy == DeletionPolicy::Allowed ? QStringLiteral("ALLOWED") : QStringLiteral("DISALLOWED");
}

DeletionPolicy deletionPolicyFromText(const QString &text)
{
    const QString t = text.trimmed();
    if (t.compare(QLatin1String("allowed"), Qt::CaseInsensitive) == 0 || t == QLatin1String("1"))
        return DeletionPolicy::Allowed;
    return DeletionPolicy::Disallowed;
}

} // namespace librarian
