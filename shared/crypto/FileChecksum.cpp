#include "FileChecksum.h"

#include "Hasher.h"

#include <QCoreApplication>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <algorithm>

namespace librarian {

namespace {
constexpr qint64 kBlock = 1024 * 1024;

QString tr(const char *text)
{
    return QCoreApplication::translate("FileChecksum", text);
}

QStringList regularFilesUnder(const QString &dir)
{
    QStringList files;
    QDirIterator it(dir, QDir::Files | QDir::Hidden | QDir::NoSymLinks, QDirIterator::Subdirectories);
    while (it.hasNext())
        files << it.next();
    return files;
}

Result<Checksum> hashFile(const QString &path, ChecksumAlgorithm algorithm, qint64 &done,
                          const std::function<bool(qint64)> &progress)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return ApiError::internal(tr("Cannot read %1: %2").arg(path, file.errorString()));
    Hasher hasher(algorithm);
    QByteArray block(kBlock, Qt::Uninitialized);
    while (true) {
        const qint64 n = file.read(block.data(), kBlock);
        if (n < 0)
            return ApiError::internal(tr("Cannot read %1: %2").arg(path, file.errorString()));
        if (n == 0)
            break;
        hasher.addData(block.constData(), n);
        done += n;
        if (progress && !progress(done))
            return ApiError::internal(tr("Checksum of %1 cancelled.").arg(path));
    }
    return hasher.result();
}
} // namespace

Result<Checksum> checksumOfPath(const QString &path, ChecksumAlgorithm algorithm,
                                const std::function<bool(qint64)> &progress)
{
    const QFileInfo info(path);
    if (!info.exists())
        return ApiError::notFound(tr("%1 does not exist.").arg(path));
    qint64 done = 0;
    if (!info.isDir())
        return hashFile(path, algorithm, done, progress);
    QStringList digests;
    for (const QString &file : regularFilesUnder(path)) {
        auto c = hashFile(file, algorithm, done, progress);
        if (!c)
            return c.error();
        digests << c->hex();
    }
    std::sort(digests.begin(), digests.end());
    Hasher combined(algorithm);
    for (const QString &d : digests)
        combined.addData(d.toUtf8());
    return combined.result();
}

Result<qint64> sizeOfPath(const QString &path)
{
    const QFileInfo info(path);
    if (!info.exists())
        return ApiError::notFound(tr("%1 does not exist.").arg(path));
    if (!info.isDir())
        return info.size();
    qint64 total = 0;
    for (const QString &file : regularFilesUnder(path))
        total += QFileInfo(file).size();
    return total;
}

} // namespace librarian
