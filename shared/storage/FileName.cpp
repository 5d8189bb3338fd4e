#include "FileName.h"

#include <QCoreApplication>

namespace librarian {

Status validateFileName(const QString &name)
{
    auto refuse = [&name](const char *why) {
        return ApiError::badRequest(QCoreApplication::translate("FileName", "Invalid file name '%1': %2.")
                                        .arg(name.left(200), QCoreApplication::translate("FileName", why)),
                                    QCoreApplication::translate("FileName",
                                                                "Use a relative path like 2026/obs_001/data.h5."));
    };
    if (name.isEmpty())
        return refuse("it is empty");
    if (name.toUtf8().size() > 4096)
        return refuse("it is longer than 4096 bytes");
    for (const QChar c : name) {
        if (c.unicode() < 0x20 || c.unicode() == 0x7f)
            return refuse("it contains a control character");
        if (c == QLatin1Char('\\'))
            return refuse("it contains a backslash");
    }
    if (name.startsWith(QLatin1Char('/')))
        return refuse("it is an absolute path");
    for (const QStringView segment : QStringView(name).split(QLatin1Char('/'))) {
        if (segment.isEmpty())
            return refuse("it has an empty path segment");
        if (segment == QLatin1String(".") || segment == QLatin1String(".."))
            return refuse("it has a '.' or '..' segment");
    }
    return Ok{};
}

} // namespace librarian
