#pragma once

#include <QList>
#include <QString>
#include <optional>

namespace librarian {

// Ordered: a route needs at least its level. Values are the reference's, so they match on the wire.
enum class AuthLevel : int {
    None = 0,
    ReadOnly = 1,
    Callback = 2,
    ReadAppend = 3,
    ReadWrite = 4,
    Admin = 100,
};

QString authLevelName(AuthLevel level);                       // "READAPPEND"
QList<AuthLevel> allAuthLevels();                              // lowest first
std::optional<AuthLevel> authLevelFromName(const QString &name); // case-insensitive
std::optional<AuthLevel> authLevelFromInt(int value);
inline bool atLeast(AuthLevel have, AuthLevel need) { return int(have) >= int(need); }

} // namespace librarian
