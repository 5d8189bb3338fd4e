#pragma once

#include "model/Result.h"

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QUrl>
#include <optional>

namespace librarian {

// One HTTP/1.x request head, parsed strictly: anything a lenient parser would have to guess at
// (a duplicate or signed Content-Length, both Content-Length and Transfer-Encoding, folded or
// nameless header lines, an unknown version) is refused, because two parsers guessing differently
// is how requests get smuggled.
struct HttpHead
{
    QByteArray method;
    QByteArray target;
    QUrl url;
    int minorVersion = 1;
    QList<QPair<QByteArray, QByteArray>> fields; // names lower-case, in order
    std::optional<qint64> contentLength;
    bool chunked = false;
    bool keepAlive = true;

    // The first field of that (lower-case) name, or empty.
    QByteArray value(const QByteArray &name) const;
    bool hasBody() const { return chunked || contentLength.value_or(0) > 0; }

    // `head` is everything before the blank line that ends it.
    static Result<HttpHead> parse(const QByteArray &head);
};

} // namespace librarian
