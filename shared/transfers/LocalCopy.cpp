#include "LocalCopy.h"

#include <QCoreApplication>
#include <QFile>

namespace librarian {

Status copyIntoStaging(const QString &sourcePath, const QString &stagingPath, qint64 size)
{
    auto failed = [](const QString &why) {
        return ApiError::internal(QCoreApplication::translate("LocalCopy", "Local copy failed: %1").arg(why));
    };
    QFile in(sourcePath);
    QFile out(stagingPath);
    if (!in.open(QIODevice::ReadOnly))
        return failed(in.errorString());
    if (!out.open(QIODevice::ReadWrite))
        return failed(out.errorString());
    const qint64 have = std::min(out.size(), size);
    if (!in.seek(have) || !out.seek(have))
        return failed(QStringLiteral("seek"));
    QByteArray block(1024 * 1024, Qt::Uninitialized);
    for (qint64 left = size - have; left > 0;) {
        const qint64 n = in.read(block.data(), std::min<qint64>(block.size(), left));
        if (n <= 0)
            return failed(in.errorString());
        if (out.write(block.constData(), n) != n)
            return failed(out.errorString());
        left -= n;
    }
    if (!out.flush())
        return failed(out.errorString());
    return Ok{};
}

} // namespace librarian
