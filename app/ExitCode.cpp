#include "ExitCode.h"

namespace librarian {

int exitCodeFor(ErrorKind kind)
{
    switch (kind) {
    case ErrorKind::BadRequest:
    case ErrorKind::NotAcceptable: return ExitBadRequest;
    case ErrorKind::Unauthorized: return ExitUnauthorized;
    case ErrorKind::Forbidden: return ExitForbidden;
    case ErrorKind::NotFound: return ExitNotFound;
    case ErrorKind::Conflict: return ExitConflict;
    case ErrorKind::PayloadTooLarge:
    case ErrorKind::InsufficientStorage: return ExitTooLarge;
    case ErrorKind::Unavailable: return ExitUnavailable;
    case ErrorKind::TooManyRequests: return ExitUnavailable;
    case ErrorKind::Internal: return ExitInternal;
    }
    return ExitInternal;
}

} // namespace librarian
