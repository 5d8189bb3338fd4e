#include "HttpHead.h"

#include <QCoreApplication>

namespace librarian {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("HttpHead", text);
}

bool isTokenChar(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
        || QByteArrayView("!#$%&'*+-.^_`|~").contains(c);
}

bool isToken(QByteArrayView text)
{
    if (text.isEmpty())
        return false;
    for (char c : text)
        if (!isTokenChar(c))
            return false;
    return true;
}

ApiError malformed(const QString &why)
{
    return ApiError::badRequest(tr("Malformed HTTP request: %1").arg(why));
}
} // namespace

QByteArray HttpHead::value(const QByteArray &name) const
{
    for (const auto &field : fields)
        if (field.first == name)
            return field.second;
    return {};
}

Result<HttpHead> HttpHead::parse(const QByteArray &text)
{
    // Every line ends with CRLF; the last one's may have been taken with the blank line.
    QList<QByteArray> lines;
    qsizetype from = 0;
    while (from < text.size()) {
        qsizetype end = text.indexOf("\r\n", from);
        if (end < 0)
            end = text.size();
        const QByteArray line = text.mid(from, end - from);
        if (line.contains('\n') || line.contains('\r') || line.contains('\0'))
            return malformed(tr("lines must end with CRLF."));
        lines.append(line);
        from = end + 2;
    }
    // A few empty lines before a request are allowed (RFC 9112 2.2).
    while (!lines.isEmpty() && lines.first().isEmpty())
        lines.removeFirst();
    if (lines.isEmpty())
        return malformed(tr("no request line."));

    HttpHead head;
    const QList<QByteArray> parts = lines.takeFirst().split(' ');
    if (parts.size() != 3 || !isToken(parts[0]) || parts[1].isEmpty())
        return malformed(tr("the request line must be METHOD TARGET HTTP/1.1."));
    head.method = parts[0];
    head.target = parts[1];
    if (parts[2] == "HTTP/1.1")
        head.minorVersion = 1;
    else if (parts[2] == "HTTP/1.0")
        head.minorVersion = 0;
    else
        return malformed(tr("unsupported version %1; use HTTP/1.1.").arg(QString::fromLatin1(parts[2].left(16))));
    if (!head.target.startsWith('/'))
        return malformed(tr("the target must be a path."));
    head.url = QUrl(QString::fromLatin1(head.target), QUrl::StrictMode);
    if (!head.url.isValid())
        return malformed(tr("invalid target."));

    int contentLengths = 0;
    QByteArray connection;
    for (const QByteArray &line : lines) {
        if (line.isEmpty())
            continue;
        if (line.startsWith(' ') || line.startsWith('\t'))
            return malformed(tr("folded header lines are not allowed."));
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0 || !isToken(QByteArrayView(line).first(colon)))
            return malformed(tr("invalid header line."));
        const QByteArray name = line.left(colon).toLower();
        const QByteArray value = line.mid(colon + 1).trimmed();
        head.fields.append({name, value});
        if (name == "content-length") {
            if (++contentLengths > 1)
                return malformed(tr("more than one Content-Length."));
            bool ok = false;
            const qint64 length = value.toLongLong(&ok);
            if (value.isEmpty() || value.size() > 18 || !ok || length < 0
                || std::any_of(value.begin(), value.end(), [](char c) { return c < '0' || c > '9'; }))
                return malformed(tr("Content-Length must be a number of bytes."));
            head.contentLength = length;
        } else if (name == "transfer-encoding") {
            if (head.chunked || value.toLower() != "chunked")
                return malformed(tr("the only Transfer-Encoding understood is chunked."));
            head.chunked = true;
        } else if (name == "connection") {
            connection = value.toLower();
        }
    }
    if (head.chunked && head.contentLength)
        return malformed(tr("Content-Length and Transfer-Encoding together."));
    head.keepAlive = head.minorVersion == 1 ? !connection.contains("close") : connection.contains("keep-alive");
    return head;
}

} // namespace librarian
