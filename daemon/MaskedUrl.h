#pragma once

#include <QString>

namespace librarian {

// `url` with the password of its user info replaced by "***" ("postgresql://u:***@host/db"), for
// every message and log line that names a database URL. Works on text QUrl would refuse, too, so
// even the error about a malformed URL does not show the password in it.
QString maskedUrl(const QString &url);

} // namespace librarian
