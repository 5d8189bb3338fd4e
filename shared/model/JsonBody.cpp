#include "JsonBody.h"

#include <QCoreApplication>
#include <QJsonDocument>

namespace librarian {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("JsonBody", text);
}

ApiError refuse(qsizetype offset, const QString &why)
{
    return ApiError::badRequest(tr("Malformed JSON at offset %1: %2").arg(offset).arg(why),
                                tr("Send a JSON object in UTF-8 with Content-Type: application/json."));
}

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

// The \uXXXX at `at` (pointing at the backslash), or -1 if it is not one.
int escapedUnit(const QByteArray &body, qsizetype at)
{
    if (at + 6 > body.size() || body.at(at) != '\\' || body.at(at + 1) != 'u')
        return -1;
    int unit = 0;
    for (qsizetype i = at + 2; i < at + 6; ++i) {
        const int digit = hexValue(body.at(i));
        if (digit < 0)
            return -1;
        unit = unit * 16 + digit;
    }
    return unit;
}

bool isHighSurrogate(int unit)
{
    return unit >= 0xd800 && unit <= 0xdbff;
}

bool isLowSurrogate(int unit)
{
    return unit >= 0xdc00 && unit <= 0xdfff;
}

// Runs after QJsonDocument accepted the body, so the structure is sound and only string contents
// need a second look; outside strings Qt already refuses every stray byte.
Status scanStrings(const QByteArray &body)
{
    static const QByteArray bom("\xef\xbb\xbf");
    if (body.startsWith(bom))
        return refuse(0, tr("a UTF-8 byte order mark opens the body"));
    bool inString = false;
    for (qsizetype i = 0; i < body.size(); ++i) {
        const auto c = static_cast<unsigned char>(body.at(i));
        if (!inString) {
            if (c == '"') {
                inString = true;
                if (body.mid(i + 1, 3) == bom)
                    return refuse(i + 1, tr("a string begins with a raw U+FEFF; escape it as \\ufeff"));
            }
            continue;
        }
        if (c == '"') {
            inString = false;
        } else if (c < 0x20) {
            return refuse(
                i, tr("a string holds the raw control character 0x%1; escape it").arg(int(c), 2, 16, QLatin1Char('0')));
        } else if (c == '\\') {
            const char next = i + 1 < body.size() ? body.at(i + 1) : '\0';
            if (next == 'u') {
                const int unit = escapedUnit(body, i);
                if (unit < 0)
                    return refuse(i, tr("\\u must be followed by four hexadecimal digits"));
                if (isLowSurrogate(unit))
                    return refuse(i, tr("the escape is half a surrogate pair"));
                if (isHighSurrogate(unit)) {
                    if (!isLowSurrogate(escapedUnit(body, i + 6)))
                        return refuse(i, tr("the escape is half a surrogate pair"));
                    i += 6; // the low half is consumed with its high half
                }
                i += 5;
            } else if (QByteArrayView("\"\\/bfnrt").contains(next)) {
                ++i;
            } else {
                const auto byte = static_cast<unsigned char>(next);
                const QString shown = byte > 0x20 && byte < 0x7f
                                          ? QString(QLatin1Char(next))
                                          : QStringLiteral("0x%1").arg(int(byte), 2, 16, QLatin1Char('0'));
                return refuse(
                    i, tr("unknown escape \\%1; JSON allows \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX").arg(shown));
            }
        }
    }
    return Ok{};
}
} // namespace

Result<QJsonObject> parseJsonObject(const QByteArray &body)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError)
        return refuse(error.offset, error.errorString());
    if (!doc.isObject())
        return ApiError::badRequest(tr("The request body must be a JSON object."),
                                    tr("Send a JSON object with Content-Type: application/json."));
    if (auto s = scanStrings(body); !s)
        return s.error();
    return doc.object();
}

} // namespace librarian
