#pragma once

#include "model/Result.h"

namespace librarian {

// Catalogue names are permanent relative POSIX paths that double as paths inside a store, so
// anything that could escape the store or be misread is refused: absolute paths, empty, "." or
// ".." segments, NUL, control characters, backslashes, invalid Unicode, more than 4096 bytes
// of UTF-8 in all or more than 255 bytes in one segment.
Status validateFileName(const QString &name);

inline constexpr qsizetype kMaxFileNameBytes = 4096; // PATH_MAX, and the files.name column
inline constexpr qsizetype kMaxSegmentBytes = 255;   // NAME_MAX

} // namespace librarian
