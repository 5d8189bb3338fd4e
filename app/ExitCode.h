#pragma once

#include "model/ApiError.h"

namespace librarian {

// The one mapping from failures to the CLI's exit codes (documented in docs/cli.md).
enum ExitCode : int {
    ExitOk = 0,
    ExitInternal = 1,
    ExitUsage = 2,
    ExitUnauthorized = 3,
    ExitForbidden = 4,
    ExitNotFound = 5,
    ExitConflict = 6,
    ExitBadRequest = 7,
    ExitTooLarge = 8,
    ExitUnavailable = 9,
};

int exitCodeFor(ErrorKind kind);

} // namespace librarian
