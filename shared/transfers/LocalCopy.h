#pragma once

#include "model/Result.h"

namespace librarian {

// The "local" transfer method: both stores are on this host, so the bytes are copied straight
// into the destination's staging file, in 1 MiB blocks, continuing after the bytes already there
// (a restarted copy resumes like the data plane does).
Status copyIntoStaging(const QString &sourcePath, const QString &stagingPath, qint64 size);

} // namespace librarian
