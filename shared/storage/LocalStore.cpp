#include "LocalStore.h"

#include "FileName.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStorageInfo>
#include <QUuid>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>

namespace librarian {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("LocalStore", text);
}

// True if `path` (cleaned) lies strictly below `root`.
bool strictlyInside(const QString &root, const QString &path)
{
    const QString r = QDir::cleanPath(root) + QLatin1Char('/');
    const QString p = QDir::cleanPath(path);
    return p.startsWith(r) && p.size() > r.size();
}

qint64 usable(const QString &path, double fraction)
{
    const QStorageInfo info(path);
    if (!info.isValid())
        return -1;
    const qint64 reserved = qint64(double(info.bytesTotal()) * (1.0 - fraction));
    return std::max<qint64>(0, info.bytesAvailable() - reserved);
}

// rename(2) that refuses to replace an existing target, atomically.
bool renameNoReplace(const QString &from, const QString &to, QString *error)
{
    if (::renameat2(AT_FDCWD, QFile::encodeName(from).constData(), AT_FDCWD, QFile::encodeName(to).constData(),
                     RENAME_NOREPLACE)
        == 0)
        return true;
    *error = QString::fromLocal8Bit(std::strerror(errno));
    return false;
}
} // namespace

LocalStore::LocalStore(Store store) : m_store(std::move(store)) {}

Status LocalStore::ensureFolders() const
{
    for (const QString &path : {m_store.stagingPath, m_store.storePath})
        if (!QDir().mkpath(path))
            return ApiError::internal(tr("Cannot create the folder %1 of store %2.").arg(path, m_store.name),
                                      tr("Check the path and its permissions."));
    return Ok{};
}

bool LocalStore::isAvailable() const
{
    for (const QString &path : {m_store.stagingPath, m_store.storePath}) {
        const QFileInfo info(path);
        if (!info.isDir() || !info.isWritable())
            return false;
    }
    return true;
}

qint64 LocalStore::freeSpace() const
{
    if (!isAvailable())
        return -1;
    return std::min(usable(m_store.stagingPath, m_store.reportFullFraction),
                    usable(m_store.storePath, m_store.reportFullFraction));
}

Result<LocalStore::StagingArea> LocalStore::stage(qint64 size, const QString &uploadName) const
{
    if (auto s = validateFileName(uploadName); !s)
        return s.error();
    if (size > freeSpace())
        return ApiError{ErrorKind::InsufficientStorage,
                        tr("Store %1 has no room for %2 bytes.").arg(m_store.name).arg(size),
                        tr("Free space on the store or use another one.")};
    const QString name = QUuid::createUuid().toString(QUuid::WithoutBraces);
    const QString location = QDir(m_store.stagingPath).filePath(name + QLatin1Char('/') + uploadName);
    if (!QDir().mkpath(QFileInfo(location).absolutePath()))
        return ApiError::internal(tr("Cannot create a staging folder in %1.").arg(m_store.stagingPath));
    return StagingArea{name, location};
}

Result<QString> LocalStore::stagedPath(const QString &stagingName, const QString &uploadName) const
{
    if (stagingName.isEmpty() || stagingName.contains(QLatin1Char('/')) || stagingName == QLatin1String(".")
        || stagingName == QLatin1String(".."))
        return ApiError::badRequest(tr("Invalid staging name '%1'.").arg(stagingName));
    if (auto s = validateFileName(uploadName); !s)
        return s.error();
    const QString path = QDir::cleanPath(m_store.stagingPath + QLatin1Char('/') + stagingName + QLatin1Char('/') + uploadName);
    if (!strictlyInside(m_store.stagingPath + QLatin1Char('/') + stagingName, path))
        return ApiError::badRequest(tr("'%1' resolves outside the staging area.").arg(uploadName));
    return path;
}

Result<QString> LocalStore::storePathFor(const QString &fileName) const
{
    if (auto s = validateFileName(fileName); !s)
        return s.error();
    const QString path = QDir::cleanPath(m_store.storePath + QLatin1Char('/') + fileName);
    if (!strictlyInside(m_store.storePath, path))
        return ApiError::badRequest(tr("'%1' resolves outside the store.").arg(fileName));
    return path;
}

Status LocalStore::commit(const QString &stagedPath, const QString &fileName) const
{
    auto target = storePathFor(fileName);
    if (!target)
        return target.error();
    if (QFileInfo::exists(*target))
        return ApiError::conflict(tr("%1 already exists in store %2.").arg(fileName, m_store.name));
    const QString parent = QFileInfo(*target).absolutePath();
    if (!QDir().mkpath(parent))
        return ApiError::internal(tr("Cannot create the folder %1.").arg(parent));
    QString error;
    if (renameNoReplace(stagedPath, *target, &error))
        return Ok{};
    if (errno == EEXIST)
        return ApiError::conflict(tr("%1 already exists in store %2.").arg(fileName, m_store.name));
    if (errno != EXDEV)
        return ApiError::internal(tr("Cannot move %1 into the store: %2").arg(stagedPath, error));
    // Staging and store on different file systems: copy beside the target under a hidden name,
    // then rename, so the final name only ever shows complete bytes.
    const QString partial = parent + QStringLiteral("/.librarian-partial-") + QUuid::createUuid().toString(QUuid::Id128);
    if (!QFile::copy(stagedPath, partial)) {
        QFile::remove(partial);
        return ApiError::internal(tr("Cannot copy %1 into the store.").arg(stagedPath));
    }
    if (!renameNoReplace(partial, *target, &error)) {
        const bool exists = errno == EEXIST;
        QFile::remove(partial);
        if (exists)
            return ApiError::conflict(tr("%1 already exists in store %2.").arg(fileName, m_store.name));
        return ApiError::internal(tr("Cannot publish %1: %2").arg(fileName, error));
    }
    QFile::remove(stagedPath);
    return Ok{};
}

Status LocalStore::unstage(const QString &stagingName) const
{
    if (stagingName.isEmpty() || stagingName.contains(QLatin1Char('/')) || stagingName.startsWith(QLatin1Char('.')))
        return ApiError::badRequest(tr("Invalid staging name '%1'.").arg(stagingName));
    QDir dir(m_store.stagingPath + QLatin1Char('/') + stagingName);
    if (dir.exists() && !dir.removeRecursively())
        return ApiError::internal(tr("Cannot remove the staging folder %1.").arg(dir.path()));
    return Ok{};
}

Status LocalStore::removeFromStore(const QString &absolutePath) const
{
    if (!strictlyInside(m_store.storePath, absolutePath))
        return ApiError::badRequest(tr("%1 is not inside store %2.").arg(absolutePath, m_store.name));
    const QFileInfo info(absolutePath);
    const bool removed = info.isDir() ? QDir(absolutePath).removeRecursively() : QFile::remove(absolutePath);
    if (!removed && info.exists())
        return ApiError::internal(tr("Cannot remove %1.").arg(absolutePath));
    // Tidy the folders the file lived in, up to the store root.
    QDir parent = info.absoluteDir();
    const QString root = QDir::cleanPath(m_store.storePath);
    while (QDir::cleanPath(parent.path()) != root && strictlyInside(root, parent.path())
           && parent.isEmpty(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden)) {
        const QString name = parent.dirName();
        if (!parent.cdUp() || !parent.rmdir(name))
            break;
    }
    return Ok{};
}

} // namespace librarian
