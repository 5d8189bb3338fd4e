#include "LocalStore.h"

#include "FileName.h"
#include "StreamedChecksums.h"

#include <QCoreApplication>
#include <QDir>
#include <QLoggingCategory>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QSet>
#include <QThreadPool>
#include <QUuid>
#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <optional>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

Q_LOGGING_CATEGORY(lcStore, "librarian.store")

namespace librarian {

namespace {
constexpr qint64 kBlock = 1024 * 1024;
constexpr qsizetype kParallelFlushes = 8;
// From this many files on, a batch is flushed with one syncfs() instead of a flush per file.
constexpr qsizetype kSyncWholeFileSystemFrom = 8;

QString tr(const char *text)
{
    return QCoreApplication::translate("LocalStore", text);
}

QString errnoText(int error)
{
    return QString::fromLocal8Bit(std::strerror(error));
}

// Bytes are staged as <staging>/<uuid>-<last part of the name>, side by side: a folder per transfer
// cost an mkdir and an rmdir each, and ext4 allocates folders' inodes slowly (they are spread over
// the disk, and every inode freed recently is skipped), which was a fifth of a receiver's time for
// small files. A staging name that is a bare UUID is the older layout, a folder holding the last
// part of the name: transfers staged by an earlier version resume where they are.
bool isFolderStaging(const QString &stagingName)
{
    return stagingName.size() == 36 && !QUuid::fromString(stagingName).isNull();
}

// The last part of the upload name, shortened to keep <uuid>-<it> within one path segment.
QString stagedEntryName(const QString &uploadName)
{
    constexpr qsizetype kMaxBytes = 255 - 37;
    QString last = QDir::cleanPath(uploadName).section(QLatin1Char('/'), -1);
    while (QFile::encodeName(last).size() > kMaxBytes) {
        last.chop(1);
        if (!last.isEmpty() && last.back().isHighSurrogate())
            last.chop(1);
    }
    return last;
}

QString absoluteClean(const QString &path)
{
    return QDir::cleanPath(QFileInfo(path).absoluteFilePath());
}

// True if `path` lies strictly below `root`, by name only (symlinks are not resolved). An empty
// root would otherwise turn into "/" and contain everything.
bool lexicallyInside(const QString &root, const QString &path)
{
    if (root.isEmpty() || path.isEmpty())
        return false;
    QString r = absoluteClean(root);
    if (!r.endsWith(QLatin1Char('/')))
        r += QLatin1Char('/');
    const QString p = absoluteClean(path);
    return p.size() > r.size() && p.startsWith(r);
}

// A symlinked folder inside a root can lead anywhere: before deleting, the folder that really
// holds `path` must be the root or below it.
bool physicallyInside(const QString &root, const QString &path)
{
    const QString realRoot = QFileInfo(root).canonicalFilePath();
    const QString realParent = QFileInfo(QFileInfo(path).absolutePath()).canonicalFilePath();
    if (realRoot.isEmpty() || realParent.isEmpty())
        return false;
    return realParent == realRoot || lexicallyInside(realRoot, realParent);
}

bool existsOrDangles(const QString &path)
{
    const QFileInfo info(path);
    return info.exists() || info.isSymLink();
}

// A symlink is removed itself, never what it points to (QDir::removeRecursively on a link to a
// folder would empty the folder it points to).
bool removeTree(const QString &path)
{
    const QFileInfo info(path);
    // A committed transfer's staging folder (the older layout) is empty: one rmdir, no listing.
    if (info.isDir() && !info.isSymLink())
        return ::rmdir(QFile::encodeName(path).constData()) == 0 || QDir(path).removeRecursively();
    return QFile::remove(path) || !existsOrDangles(path);
}

std::optional<ApiError> checkStagingName(const QString &name)
{
    if (!validateFileName(name).ok() || name.contains(QLatin1Char('/')))
        return ApiError::badRequest(tr("Invalid staging name '%1': it must be a single name.").arg(name));
    return std::nullopt;
}

// False only when the data did not reach the disk (EIO, ENOSPC, EDQUOT): some file systems
// refuse fsync on a folder, or on anything, and that says nothing about the bytes. A file needs
// only fdatasync: its bytes and size, not its times.
bool syncOne(const QString &path, bool directory)
{
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_CLOEXEC | (directory ? O_DIRECTORY : 0));
    if (fd < 0)
        return true;
    const int result = directory ? ::fsync(fd) : ::fdatasync(fd);
    const bool failed = result != 0 && (errno == EIO || errno == ENOSPC || errno == EDQUOT);
    ::close(fd);
    return !failed;
}

// One syncfs() of the file system holding `path`: it writes back every dirty file there and asks the
// disk to flush its cache once, where a flush per file asks it once a file (256 files of 16 KiB:
// 8 ms instead of 31 ms with 8 flushes side by side). Since Linux 5.8 it reports a failed write-back
// of any file there since the descriptor was opened, so a false alarm can only refuse a commit.
bool syncFileSystemOf(const QString &path)
{
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_CLOEXEC | O_DIRECTORY);
    if (fd < 0)
        return false;
    const bool synced = ::syncfs(fd) == 0;
    ::close(fd);
    return synced;
}

// The bytes must be on disk before the final name points at them: otherwise a power cut could
// leave a complete-looking catalogue entry with truncated content.
bool syncTree(const QString &path)
{
    const QFileInfo info(path);
    if (info.isSymLink())
        return true;
    if (!info.isDir())
        return syncOne(path, false);
    QDirIterator it(path, QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        it.next();
        const QFileInfo entry = it.fileInfo();
        if (entry.isSymLink() || !(entry.isFile() || entry.isDir()))
            continue;
        if (!syncOne(entry.filePath(), entry.isDir()))
            return false;
    }
    return syncOne(path, true);
}

// rename(2) that never replaces an existing target. renameat2(RENAME_NOREPLACE) is atomic; file
// systems without it (some NFS and FUSE mounts) get link()+unlink(), just as atomic for files,
// and last a check-then-rename. Returns 0 or an errno value.
int renameNoReplace(const QString &from, const QString &to)
{
    const QByteArray src = QFile::encodeName(from);
    const QByteArray dst = QFile::encodeName(to);
    if (::renameat2(AT_FDCWD, src.constData(), AT_FDCWD, dst.constData(), RENAME_NOREPLACE) == 0)
        return 0;
    int error = errno;
    if (error != EINVAL && error != ENOSYS && error != EOPNOTSUPP)
        return error;
    struct stat st;
    if (::lstat(src.constData(), &st) != 0)
        return errno;
    if (!S_ISDIR(st.st_mode)) {
        if (::link(src.constData(), dst.constData()) == 0) {
            ::unlink(src.constData());
            return 0;
        }
        error = errno;
        if (error != EPERM && error != EOPNOTSUPP && error != EMLINK)
            return error;
    }
    if (::lstat(dst.constData(), &st) == 0)
        return EEXIST;
    return ::rename(src.constData(), dst.constData()) == 0 ? 0 : errno;
}

// 1 MiB blocks so memory stays flat whatever the file size; keeps the permission bits.
bool copyFile(const QString &from, const QString &to, QString *error)
{
    QFile in(from);
    if (!in.open(QIODevice::ReadOnly)) {
        *error = in.errorString();
        return false;
    }
    QFile out(to);
    if (!out.open(QIODevice::WriteOnly | QIODevice::NewOnly)) {
        *error = out.errorString();
        return false;
    }
    QByteArray block(kBlock, Qt::Uninitialized);
    while (true) {
        const qint64 n = in.read(block.data(), kBlock);
        if (n < 0) {
            *error = in.errorString();
            return false;
        }
        if (n == 0)
            break;
        if (out.write(block.constData(), n) != n) {
            *error = out.errorString();
            return false;
        }
    }
    if (!out.flush()) {
        *error = out.errorString();
        return false;
    }
    out.setPermissions(in.permissions());
    return true;
}

bool copyTree(const QString &from, const QString &to, QString *error)
{
    if (!QDir().mkdir(to)) {
        *error = tr("cannot create %1").arg(to);
        return false;
    }
    const QDir source(from);
    QDirIterator it(from, QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        it.next();
        const QFileInfo entry = it.fileInfo();
        const QString target = to + QLatin1Char('/') + source.relativeFilePath(entry.filePath());
        if (!QDir().mkpath(QFileInfo(target).absolutePath())) {
            *error = tr("cannot create %1").arg(QFileInfo(target).absolutePath());
            return false;
        }
        if (entry.isSymLink()) {
            // Recreated as written, so a relative link stays relative to its new place.
            QByteArray link(4096, Qt::Uninitialized);
            const ssize_t n = ::readlink(QFile::encodeName(entry.filePath()).constData(), link.data(), link.size());
            if (n < 0 || n >= link.size()
                || ::symlink(link.left(n).constData(), QFile::encodeName(target).constData()) != 0) {
                *error = tr("cannot copy the symbolic link %1").arg(entry.filePath());
                return false;
            }
        } else if (entry.isDir()) {
            if (!QDir().mkpath(target)) {
                *error = tr("cannot create %1").arg(target);
                return false;
            }
        } else if (entry.isFile()) {
            if (!copyFile(entry.filePath(), target, error))
                return false;
        } else {
            *error = tr("%1 is neither a file, a folder nor a symbolic link").arg(entry.filePath());
            return false;
        }
    }
    return true;
}
} // namespace

LocalStore::LocalStore(Store store) : m_store(std::move(store)) {}

Status LocalStore::ensureFolders() const
{
    for (const QString &path : {m_store.stagingPath, m_store.storePath})
        if (path.isEmpty() || !QDir().mkpath(path) || !QFileInfo(path).isDir())
            return ApiError::internal(tr("Cannot create the folder '%1' of store %2.").arg(path, m_store.name),
                                      tr("Check the path and its permissions."));
    return Ok{};
}

bool LocalStore::isAvailable() const
{
    for (const QString &path : {m_store.stagingPath, m_store.storePath}) {
        const QFileInfo info(path);
        if (path.isEmpty() || !info.isDir() || !info.isWritable())
            return false;
    }
    return true;
}

qint64 LocalStore::freeSpace() const
{
    if (!isAvailable())
        return -1;
    const double fraction = std::clamp(m_store.reportFullFraction, 0.0, 1.0);
    qint64 result = -1;
    for (const QString &path : {m_store.stagingPath, m_store.storePath}) {
        // statvfs, not QStorageInfo: that one reads all of /proc/self/mountinfo each time, and a
        // batch of uploads asks for every file.
        struct statvfs info;
        if (::statvfs(QFile::encodeName(path).constData(), &info) != 0)
            return -1;
        const qint64 total = qint64(info.f_blocks) * qint64(info.f_frsize);
        const qint64 available = qint64(info.f_bavail) * qint64(info.f_frsize);
        const qint64 reserved = qint64(double(total) * (1.0 - fraction));
        const qint64 usable = std::max<qint64>(0, available - reserved);
        result = result < 0 ? usable : std::min(result, usable);
    }
    return result;
}

Result<LocalStore::StagingArea> LocalStore::stage(qint64 size, const QString &uploadName) const
{
    qint64 room = freeSpace();
    return stageWithin(size, uploadName, room);
}

Result<LocalStore::StagingArea> LocalStore::stageWithin(qint64 size, const QString &uploadName, qint64 &room) const
{
    if (auto s = validateFileName(uploadName); !s)
        return s.error();
    if (size > room)
        return ApiError{ErrorKind::InsufficientStorage,
                        tr("Store %1 has no room for %2 bytes.").arg(m_store.name).arg(size),
                        tr("Free space on the store or use another one.")};
    const QString name = QUuid::createUuid().toString(QUuid::WithoutBraces) + QLatin1Char('-') + stagedEntryName(uploadName);
    auto location = stagedPath(name, uploadName);
    if (!location)
        return location.error();
    room -= size;
    return StagingArea{name, *location};
}

Result<QString> LocalStore::stagedPath(const QString &stagingName, const QString &uploadName) const
{
    if (auto bad = checkStagingName(stagingName))
        return *bad;
    if (auto s = validateFileName(uploadName); !s)
        return s.error();
    const QString entry = QDir::cleanPath(m_store.stagingPath + QLatin1Char('/') + stagingName);
    if (!lexicallyInside(m_store.stagingPath, entry))
        return ApiError::badRequest(tr("'%1' resolves outside the staging area.").arg(stagingName));
    if (!isFolderStaging(stagingName))
        return entry;
    const QString path = QDir::cleanPath(entry + QLatin1Char('/') + QDir::cleanPath(uploadName).section(QLatin1Char('/'), -1));
    if (!lexicallyInside(entry, path))
        return ApiError::badRequest(tr("'%1' resolves outside the staging area.").arg(uploadName));
    return path;
}

Result<QString> LocalStore::storePathFor(const QString &fileName) const
{
    if (auto s = validateFileName(fileName); !s)
        return s.error();
    const QString path = QDir::cleanPath(m_store.storePath + QLatin1Char('/') + fileName);
    if (!lexicallyInside(m_store.storePath, path))
        return ApiError::badRequest(tr("'%1' resolves outside the store.").arg(fileName));
    return path;
}

Status LocalStore::flushPublished(const QString &absolutePath) const
{
    if (!lexicallyInside(m_store.storePath, absolutePath))
        return ApiError::badRequest(tr("%1 is not inside store %2.").arg(absolutePath, m_store.name));
    if (!syncTree(absolutePath))
        return ApiError::internal(tr("Cannot flush %1 to disk.").arg(absolutePath));
    QSet<QString> folders;
    QString folder = QFileInfo(absolutePath).absolutePath();
    for (; lexicallyInside(m_store.storePath, folder); folder = QFileInfo(folder).absolutePath())
        folders.insert(folder);
    folders.insert(folder); // the root
    syncFolders(folders);
    return Ok{};
}

Status LocalStore::commit(const QString &stagedPath, const QString &fileName) const
{
    return commitBatch({{stagedPath, fileName}}).constFirst();
}

QList<Status> LocalStore::commitBatch(const QList<Publication> &files) const
{
    // Flushing a file is mostly waiting for the disk, which serves many at once about as fast as
    // one: the batch's bytes are flushed side by side first, then renamed one by one.
    // A big batch flushes its file systems whole instead, before and after the renames.
    const bool wholeFileSystem = files.size() >= kSyncWholeFileSystemFrom && syncFileSystemOf(m_store.stagingPath);
    std::vector<char> flushed(files.size(), wholeFileSystem ? 1 : 0);
    // Nothing there is publish()'s NotFound, not a failed flush.
    const auto flush = [&flushed, &files](qsizetype i) {
        flushed[i] = !existsOrDangles(files[i].stagedPath) || syncTree(files[i].stagedPath) ? 1 : 0;
    };
    if (!wholeFileSystem && files.size() == 1) { // a single commit: no threads to start
        flush(0);
    } else if (!wholeFileSystem) {
        QThreadPool pool;
        pool.setMaxThreadCount(int(std::min<qsizetype>(kParallelFlushes, files.size())));
        for (qsizetype i = 0; i < files.size(); ++i)
            pool.start([&flush, i] { flush(i); });
        pool.waitForDone();
    }
    QList<Status> results;
    results.reserve(files.size());
    QSet<QString> folders;
    for (qsizetype i = 0; i < files.size(); ++i)
        results.append(flushed[i] ? publish(files[i].stagedPath, files[i].fileName, folders)
                                  : Status(ApiError::internal(tr("Cannot flush %1 to disk.").arg(files[i].stagedPath))));
    if (!wholeFileSystem || !syncFileSystemOf(m_store.storePath))
        syncFolders(folders);
    return results;
}

void LocalStore::syncFolders(const QSet<QString> &folders)
{
    // The rename is done; a failed fsync of the folder only weakens durability after a power loss.
    for (const QString &folder : folders)
        if (!syncOne(folder, true))
            qCWarning(lcStore).noquote() << "cannot flush the folder" << folder;
}

Status LocalStore::publish(const QString &stagedPath, const QString &fileName, QSet<QString> &folders) const
{
    auto target = storePathFor(fileName);
    if (!target)
        return target.error();
    const auto taken = [&] {
        return ApiError::conflict(tr("%1 already exists in store %2.").arg(fileName, m_store.name),
                                  tr("Catalogue names are permanent: choose another name."));
    };
    const QString parent = QFileInfo(*target).absolutePath();
    // The rename is tried first: in the usual case (the folder exists) it is the only system call,
    // and the no-replace rename is what guarantees a name is never taken twice anyway.
    int error = renameNoReplace(stagedPath, *target);
    if (error == ENOENT) {
        if (!existsOrDangles(stagedPath))
            return ApiError::notFound(tr("The staged file %1 does not exist.").arg(stagedPath));
        // A folder made here is only durable once the folder holding it is flushed too.
        for (QString folder = parent; lexicallyInside(m_store.storePath, folder) && !QFileInfo::exists(folder);
             folder = QFileInfo(folder).absolutePath())
            folders.insert(QFileInfo(folder).absolutePath());
        if (!QFileInfo::exists(parent) && !QDir().mkpath(parent))
            return ApiError::internal(tr("Cannot create the folder %1.").arg(parent));
        error = renameNoReplace(stagedPath, *target);
    }
    if (error == 0) {
        folders.insert(parent);
        return Ok{};
    }
    if (error == EEXIST)
        return taken();
    if (error != EXDEV)
        return ApiError::internal(tr("Cannot move %1 into the store: %2").arg(stagedPath, errnoText(error)));

    // Staging and store on different file systems: copy beside the target under a hidden name,
    // then rename, so the final name only ever shows complete bytes. A crash leaves only a
    // ".librarian-partial-*" entry behind, never a half file under a catalogue name.
    if (existsOrDangles(*target)) // before copying it all for nothing
        return taken();
    const QFileInfo source(stagedPath);
    const QString partial = parent + QStringLiteral("/.librarian-partial-") + QUuid::createUuid().toString(QUuid::Id128);
    QString why;
    const bool copied = source.isDir() ? copyTree(stagedPath, partial, &why) : copyFile(stagedPath, partial, &why);
    if (!copied || !syncTree(partial)) {
        removeTree(partial);
        return ApiError::internal(tr("Cannot copy %1 into the store: %2")
                                      .arg(stagedPath, why.isEmpty() ? tr("cannot flush to disk") : why));
    }
    error = renameNoReplace(partial, *target);
    if (error != 0) {
        removeTree(partial);
        if (error == EEXIST)
            return taken();
        return ApiError::internal(tr("Cannot publish %1: %2").arg(fileName, errnoText(error)));
    }
    folders.insert(parent);
    removeTree(stagedPath);
    return Ok{};
}

Status LocalStore::unstage(const QString &stagingName) const
{
    if (auto bad = checkStagingName(stagingName))
        return *bad;
    const QString path = QDir::cleanPath(m_store.stagingPath + QLatin1Char('/') + stagingName);
    if (!lexicallyInside(m_store.stagingPath, path))
        return ApiError::badRequest(tr("Invalid staging name '%1'.").arg(stagingName));
    // Whatever happens to the folder, its bytes are not the ones a streamed checksum saw any more.
    StreamedChecksums::instance().forgetUnder(path);
    if (existsOrDangles(path) && !removeTree(path))
        return ApiError::internal(tr("Cannot remove %1 from the staging area.").arg(path));
    return Ok{};
}

void LocalStore::discardStaging(const QString &stagingName) const
{
    if (auto s = unstage(stagingName); !s)
        qCWarning(lcStore).noquote() << "store" << m_store.name << "keeps staging" << stagingName << ":" << s.error().reason;
}

Status LocalStore::removeFromStore(const QString &absolutePath) const
{
    const auto outside = [&] {
        return ApiError::badRequest(tr("%1 is not inside store %2.").arg(absolutePath, m_store.name));
    };
    if (!lexicallyInside(m_store.storePath, absolutePath))
        return outside();
    if (!existsOrDangles(absolutePath))
        return Ok{}; // already gone: removal is idempotent
    if (!physicallyInside(m_store.storePath, absolutePath))
        return outside();
    if (!removeTree(absolutePath))
        return ApiError::internal(tr("Cannot remove %1.").arg(absolutePath));
    // Tidy the folders the file lived in, up to the store root. rmdir only removes an empty
    // folder, so a file written there meanwhile is safe.
    QString folder = QFileInfo(absoluteClean(absolutePath)).absolutePath();
    while (lexicallyInside(m_store.storePath, folder)
           && QDir(folder).isEmpty(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden | QDir::System)) {
        if (!QDir().rmdir(folder))
            break;
        folder = QFileInfo(folder).absolutePath();
    }
    return Ok{};
}

} // namespace librarian
