#pragma once

#include "Result.h"

#include <QByteArray>
#include <QJsonObject>

namespace librarian {

// Parses a request body that must be one JSON object (RFC 8259), strictly: besides what
// QJsonDocument refuses (malformed syntax, invalid UTF-8, trailing bytes), it refuses what Qt 6.4
// quietly accepts and changes: a leading UTF-8 byte order mark, unknown escapes such as \x41 or \q
// (Qt drops the backslash), raw control characters inside strings (NUL included), escaped lone
// surrogates, and a raw U+FEFF opening a string (Qt drops it). Each refusal is a BadRequest naming
// the byte offset.
Result<QJsonObject> parseJsonObject(const QByteArray &body);

} // namespace librarian
