#include "MaskedUrl.h"

namespace librarian {

QString maskedUrl(const QString &url)
{
    const qsizetype schemeEnd = url.indexOf(QLatin1String("://"));
    if (schemeEnd < 0)
        return url;
    const qsizetype authorityStart = schemeEnd + 3;
    qsizetype authorityEnd = url.size();
    for (const QChar end : {QLatin1Char('/'), QLatin1Char('?'), QLatin1Char('#')}) {
        const qsizetype at = url.indexOf(end, authorityStart);
        if (at >= 0 && at < authorityEnd)
            authorityEnd = at;
    }
    // The last '@' ends the user info: an unencoded '@' in a password stays hidden too.
    const qsizetype userInfoEnd = url.lastIndexOf(QLatin1Char('@'), authorityEnd - 1);
    if (userInfoEnd < authorityStart)
        return url;
    const qsizetype colon = url.indexOf(QLatin1Char(':'), authorityStart);
    if (colon < 0 || colon > userInfoEnd)
        return url;
    return url.left(colon + 1) + QStringLiteral("***") + url.mid(userInfoEnd);
}

} // namespace librarian
