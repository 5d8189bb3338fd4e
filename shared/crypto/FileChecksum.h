#pragma once

#include "Checksum.h"

#include <functional>

namespace librarian {

// Checksum of a file, read in 1 MiB blocks so memory stays flat; `progress` gets the bytes done so
// far and may return false to cancel. A directory gets the reference's "checksumdir": the sorted
// hex digests of its regular files' contents, hashed in order (names do not count).
Result<Checksum> checksumOfPath(const QString &path, ChecksumAlgorithm algorithm,
                                const std::function<bool(qint64 bytesDone)> &progress = {});

// File size, or the sum over a directory's regular files.
Result<qint64> sizeOfPath(const QString &path);

} // namespace librarian
