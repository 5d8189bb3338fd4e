#pragma once

#include "Result.h"

#include <QLoggingCategory>

namespace librarian {

// For a status whose failure cannot change what the caller does next but must not go unseen
// (a bookkeeping row, a directory fsync): logged as a warning naming `what`. Returns status.ok().
inline bool logFailure(const Status &status, const QLoggingCategory &category, const QString &what)
{
    if (!status)
        qCWarning(category).noquote() << what << "failed:" << status.error().reason;
    return status.ok();
}

} // namespace librarian
