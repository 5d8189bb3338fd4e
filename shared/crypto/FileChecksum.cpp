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

// What the reference's os.walk(followlinks=False) hands to checksumdir: every non-directory entry,
// symlinked files included (hashed through the link), symlinked directories listed but not
// entered. FIFOs, sockets and devices are left out: opening one would block or never end.
struct TreeEntry
{
    QString path;
    bool dangling = false; // a symlink to nothing: the reference hashes it as empty content
};

QList<TreeEntry> filesUnder(const QString &dir)
{
    QList<TreeEntry> files;
    QDirIterator it(dir, QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        const QFileInfo info = it.fileInfo();
        if (info.isSymLink() && !info.exists())
            files.append({path, true});
        else if (info.isFile())
            files.append({path, false});
    }
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
    for (const TreeEntry &entry : filesUnder(path)) {
        if (entry.dangling) {
            digests << Hasher(algorithm).result().hex();
            continue;
        }
        auto c = hashFile(entry.path, algorithm, done, progress);
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
    for (const TreeEntry &entry : filesUnder(path))
        if (!entry.dangling)
            total += QFileInfo(entry.path).size();
    return total;
}

} // namespace librarian
