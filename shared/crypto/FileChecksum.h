#pragma once

#include "Checksum.h"

#include <functional>

namespace librarian {

// Checksum of a file, read in 1 MiB blocks so memory stays flat; `progress` gets the bytes done so
// far and may return false to cancel. A directory gets the reference's "checksumdir": the sorted
// hex digests of its files' contents, hashed in order (sorting makes it independent of directory
// listing order; names do not count). Symlinked files count by content and symlinked directories
// are not entered, as the reference walks them, so peers running either agree on a tree.
Result<Checksum> checksumOfPath(const QString &path, ChecksumAlgorithm algorithm,
                                const std::function<bool(qint64 bytesDone)> &progress = {});

// File size, or the sum over the files checksumOfPath would read.
Result<qint64> sizeOfPath(const QString &path);

} // namespace librarian
