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
        return refuse(QT_TRANSLATE_NOOP("FileName", "it is empty"));
    // A lone surrogate becomes U+FFFD in UTF-8: two different names would share one file.
    if (!QStringView(name).isValidUtf16())
        return refuse(QT_TRANSLATE_NOOP("FileName", "it is not valid Unicode"));
    if (name.toUtf8().size() > kMaxFileNameBytes)
        return refuse(QT_TRANSLATE_NOOP("FileName", "it is longer than 4096 bytes"));
    for (const QChar c : name) {
        if (c.unicode() < 0x20 || c.unicode() == 0x7f)
            return refuse(QT_TRANSLATE_NOOP("FileName", "it contains a control character"));
        if (c == QLatin1Char('\\'))
            return refuse(QT_TRANSLATE_NOOP("FileName", "it contains a backslash"));
    }
    if (name.startsWith(QLatin1Char('/')))
        return refuse(QT_TRANSLATE_NOOP("FileName", "it is an absolute path"));
    for (const QStringView segment : QStringView(name).split(QLatin1Char('/'))) {
        if (segment.isEmpty())
            return refuse(QT_TRANSLATE_NOOP("FileName", "it has an empty path segment"));
        if (segment == QLatin1String(".") || segment == QLatin1String(".."))
            return refuse(QT_TRANSLATE_NOOP("FileName", "it has a '.' or '..' segment"));
        // NAME_MAX of every common file system: a longer segment could be staged but never written.
        if (segment.toUtf8().size() > kMaxSegmentBytes)
            return refuse(QT_TRANSLATE_NOOP("FileName", "a path segment is longer than 255 bytes"));
    }
    return Ok{};
}

} // namespace librarian
