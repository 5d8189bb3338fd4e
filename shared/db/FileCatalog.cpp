#include "FileCatalog.h"

#include "SqlQuery.h"

#include <QCoreApplication>
#include <QHash>

namespace librarian {

namespace {
const QString kInstanceColumns =
    QStringLiteral("id, path, file_name, store_id, deletion_policy, created_time, available");
const QString kRemoteColumns = QStringLiteral("id, file_name, librarian_name, store_id, copy_time, sender");

Instance instanceFromRow(const QSqlQuery &q)
{
    Instance i;
    i.id = q.value(0).toLongLong();
    i.path = q.value(1).toString();
    i.fileName = q.value(2).toString();
    i.storeId = q.value(3).toLongLong();
    i.deletionPolicy = q.value(4).toInt() == 1 ? DeletionPolicy::Allowed : DeletionPolicy::Disallowed;
    i.createdTime = SqlQuery::toTime(q.value(5));
    i.available = q.value(6).toInt() != 0;
    return i;
}

RemoteInstance remoteFromRow(const QSqlQuery &q)
{
    RemoteInstance r;
    r.id = q.value(0).toLongLong();
    r.fileName = q.value(1).toString();
    r.librarianName = q.value(2).toString();
    r.storeId = q.value(3).toLongLong();
    r.copyTime = SqlQuery::toTime(q.value(4));
    r.sender = q.value(5).toString();
    return r;
}

File fileFromRow(const QSqlQuery &q)
{
    File f;
    f.name = q.value(0).toString();
    f.createTime = SqlQuery::toTime(q.value(1));
    f.size = q.value(2).toLongLong();
    f.checksum = q.value(3).toString();
    f.uploader = q.value(4).toString();
    f.source = q.value(5).toString();
    return f;
}

const QString kFileColumns = QStringLiteral("name, create_time, size, checksum, uploader, source");
} // namespace

Result<bool> FileCatalog::exists(const QString &name)
{
    auto q = SqlQuery::run(m_db, QStringLiteral("SELECT 1 FROM files WHERE name = ?"), {name});
    if (!q)
        return q.error();
    return q->next();
}

Result<QSet<QString>> FileCatalog::existing(const QStringList &names)
{
    QSet<QString> found;
    auto s = SqlQuery::runOver(m_db, QStringLiteral("SELECT name FROM files WHERE name IN (%1)"),
                               QVariantList(names.begin(), names.end()), [&found](SqlRows &q) {
                                   while (q.next())
                                       found.insert(q.value(0).toString());
                               });
    if (!s)
        return s.error();
    return found;
}

QString FileCatalog::insideSql(bool postgres)
{
    const QString column = postgres ? QStringLiteral("f.name COLLATE \"C\"") : QStringLiteral("f.name");
    return QStringLiteral("WITH wanted(name, low, high) AS (VALUES %2) SELECT name, (SELECT f.name FROM files f WHERE "
                          "%1 >= low AND %1 < high LIMIT 1) FROM wanted")
        .arg(column, QStringLiteral("%1"));
}

Result<QHash<QString, QString>> FileCatalog::pathClashes(const QStringList &names)
{
    QHash<QString, QString> clashes;
    // Files that would be folders of a name: its proper prefixes ending before a '/', looked up for
    // the whole list at once (a batch's files share most of their folders).
    const auto foldersOf = [](const QString &name) {
        QStringList folders;
        for (qsizetype slash = name.indexOf(QLatin1Char('/')); slash > 0; slash = name.indexOf(QLatin1Char('/'), slash + 1))
            folders << name.left(slash);
        return folders;
    };
    QSet<QString> folderSet;
    for (const QString &name : names)
        for (const QString &folder : foldersOf(name))
            folderSet.insert(folder);
    if (!folderSet.isEmpty()) {
        auto files = existing(QStringList(folderSet.begin(), folderSet.end()));
        if (!files)
            return files.error();
        for (const QString &name : names)
            for (const QString &folder : foldersOf(name))
                if (files->contains(folder)) {
                    clashes.insert(name, folder);
                    break;
                }
    }
    // Files inside a name as a folder: the range ["name/", "name0"), '0' being the character after
    // '/', one indexed lookup a name. PostgreSQL compares in the database's collation, which may not
    // order by code point, so there the range is taken in "C" (correct on every collation).
    QList<QVariantList> ranges;
    for (const QString &name : names)
        if (!clashes.contains(name))
            ranges.append({name, name + QLatin1Char('/'), name + QLatin1Char('0')});
    auto s = SqlQuery::runOverRows(
        m_db, insideSql(m_db.driverName() == QLatin1String("QPSQL")),
        3, ranges, [&clashes](SqlRows &q) {
            while (q.next())
                if (!q.value(1).isNull())
                    clashes.insert(q.value(0).toString(), q.value(1).toString());
        });
    if (!s)
        return s.error();
    return clashes;
}

Result<File> FileCatalog::find(const QString &name)
{
    auto q = SqlQuery::run(m_db, QStringLiteral("SELECT %1 FROM files WHERE name = ?").arg(kFileColumns), {name});
    if (!q)
        return q.error();
    if (!q->next())
        return ApiError::notFound(QCoreApplication::translate("FileCatalog", "File %1 does not exist.").arg(name));
    QList<File> files{fileFromRow(*q)};
    q->finish();
    if (auto s = attachCopies(files); !s)
        return s.error();
    return files.first();
}

QString FileCatalog::searchSql(const FileSearchRequest &request, int cap, QVariantList *binds)
{
    QStringList where;
    if (request.name) {
        where << QStringLiteral("name = ?");
        *binds << *request.name;
    }
    if (request.uploader) {
        where << QStringLiteral("uploader = ?");
        *binds << *request.uploader;
    }
    if (request.source) {
        where << QStringLiteral("source = ?");
        *binds << *request.source;
    }
    if (request.createTimeStart) {
        where << QStringLiteral("create_time >= ?");
        *binds << request.createTimeStart->toMSecsSinceEpoch();
    }
    if (request.createTimeEnd) {
        where << QStringLiteral("create_time <= ?");
        *binds << request.createTimeEnd->toMSecsSinceEpoch();
    }
    const int limit = std::clamp(request.maxResults, 0, cap);
    QString sql = QStringLiteral("SELECT %1 FROM files").arg(kFileColumns);
    if (!where.isEmpty())
        sql += QStringLiteral(" WHERE ") + where.join(QStringLiteral(" AND "));
    sql += QStringLiteral(" ORDER BY create_time DESC, name LIMIT %1").arg(limit);
    return sql;
}

Result<QList<File>> FileCatalog::search(const FileSearchRequest &request, int cap)
{
    QVariantList binds;
    auto q = SqlQuery::run(m_db, searchSql(request, cap, &binds), binds);
    if (!q)
        return q.error();
    QList<File> files;
    while (q->next())
        files.append(fileFromRow(*q));
    q->finish();
    if (files.isEmpty())
        return ApiError::notFound(QCoreApplication::translate("FileCatalog", "No files found."),
                                  QCoreApplication::translate("FileCatalog", "Check the search criteria."));
    if (auto s = attachCopies(files); !s)
        return s.error();
    return files;
}

Status FileCatalog::attachCopies(QList<File> &files)
{
    // A constant number of statements whatever the number of files: each reads one table for a
    // batch of names on its file_name index (not 1 + 2 per file).
    constexpr qsizetype kBatch = 500;
    QHash<QString, qsizetype> byName;
    for (qsizetype k = 0; k < files.size(); ++k)
        byName.insert(files[k].name, k);
    for (qsizetype from = 0; from < files.size(); from += kBatch) {
        const qsizetype n = std::min(kBatch, files.size() - from);
        QVariantList names;
        for (qsizetype k = from; k < from + n; ++k)
            names << files[k].name;
        const QString marks = QStringLiteral("?,").repeated(n).chopped(1);
        auto instances = SqlQuery::run(
            m_db, QStringLiteral("SELECT %1 FROM instances WHERE file_name IN (%2) ORDER BY id").arg(kInstanceColumns, marks),
            names);
        if (!instances)
            return instances.error();
        while (instances->next()) {
            Instance i = instanceFromRow(*instances);
            files[byName.value(i.fileName)].instances.append(i);
        }
        auto remotes = SqlQuery::run(
            m_db,
            QStringLiteral("SELECT %1 FROM remote_instances WHERE file_name IN (%2) ORDER BY id").arg(kRemoteColumns, marks),
            names);
        if (!remotes)
            return remotes.error();
        while (remotes->next()) {
            RemoteInstance r = remoteFromRow(*remotes);
            files[byName.value(r.fileName)].remoteInstances.append(r);
        }
    }
    return Ok{};
}

Status FileCatalog::insertFile(const File &f)
{
    auto q = SqlQuery::run(m_db,
                           QStringLiteral("INSERT INTO files (name, create_time, size, checksum, uploader, source) "
                                          "VALUES (?, ?, ?, ?, ?, ?)"),
                           {f.name, SqlQuery::fromTime(f.createTime), f.size, f.checksum, f.uploader, f.source});
    if (!q)
        return q.error();
    return Ok{};
}

Result<qint64> FileCatalog::insertInstance(const Instance &i)
{
    auto q = SqlQuery::run(m_db,
                           QStringLiteral("INSERT INTO instances (path, file_name, store_id, deletion_policy, "
                                          "created_time, available) VALUES (?, ?, ?, ?, ?, ?) RETURNING id"),
                           {i.path, i.fileName, i.storeId, int(i.deletionPolicy), SqlQuery::fromTime(i.createdTime),
                            i.available ? 1 : 0});
    if (!q)
        return q.error();
    if (!q->next())
        return ApiError::internal(QCoreApplication::translate("FileCatalog", "Database error: no instance id returned."));
    return q->value(0).toLongLong();
}

Status FileCatalog::insertFiles(const QList<File> &files)
{
    QList<QVariantList> rows;
    rows.reserve(files.size());
    for (const File &f : files)
        rows.append({f.name, SqlQuery::fromTime(f.createTime), f.size, f.checksum, f.uploader, f.source});
    return SqlQuery::runOverRows(
        m_db, QStringLiteral("INSERT INTO files (name, create_time, size, checksum, uploader, source) VALUES %1"), 6, rows);
}

Result<QHash<QString, qint64>> FileCatalog::insertInstances(const QList<Instance> &instances)
{
    QList<QVariantList> rows;
    rows.reserve(instances.size());
    for (const Instance &i : instances)
        rows.append({i.path, i.fileName, i.storeId, int(i.deletionPolicy), SqlQuery::fromTime(i.createdTime),
                     i.available ? 1 : 0});
    // RETURNING gives no promise of order, hence the name beside each id.
    QHash<QString, qint64> ids;
    auto s = SqlQuery::runOverRows(m_db,
                                  QStringLiteral("INSERT INTO instances (path, file_name, store_id, deletion_policy, "
                                                 "created_time, available) VALUES %1 RETURNING id, file_name"),
                                  6, rows, [&ids](SqlRows &q) {
                                      while (q.next())
                                          ids.insert(q.value(1).toString(), q.value(0).toLongLong());
                                  });
    if (!s)
        return s.error();
    if (ids.size() != instances.size())
        return ApiError::internal(QCoreApplication::translate("FileCatalog", "Database error: %1 instance ids returned for %2 instances.")
                                      .arg(ids.size())
                                      .arg(instances.size()));
    return ids;
}

Result<Instance> FileCatalog::instance(qint64 id)
{
    auto q = SqlQuery::run(m_db, QStringLiteral("SELECT %1 FROM instances WHERE id = ?").arg(kInstanceColumns), {id});
    if (!q)
        return q.error();
    if (!q->next())
        return ApiError::notFound(QCoreApplication::translate("FileCatalog", "Instance %1 does not exist.").arg(id));
    return instanceFromRow(*q);
}

Result<QList<Instance>> FileCatalog::instancesOf(const QString &fileName)
{
    auto q = SqlQuery::run(m_db,
                           QStringLiteral("SELECT %1 FROM instances WHERE file_name = ? ORDER BY id").arg(kInstanceColumns),
                           {fileName});
    if (!q)
        return q.error();
    QList<Instance> all;
    while (q->next())
        all.append(instanceFromRow(*q));
    return all;
}

Status FileCatalog::setInstanceAvailable(qint64 id, bool available)
{
    auto q = SqlQuery::run(m_db, QStringLiteral("UPDATE instances SET available = ? WHERE id = ?"), {available ? 1 : 0, id});
    if (!q)
        return q.error();
    if (q->numRowsAffected() == 0)
        return ApiError::notFound(QCoreApplication::translate("FileCatalog", "Instance %1 does not exist.").arg(id));
    return Ok{};
}

Result<qint64> FileCatalog::insertRemoteInstance(const RemoteInstance &r)
{
    auto q = SqlQuery::run(m_db,
                           QStringLiteral("INSERT INTO remote_instances (file_name, librarian_name, store_id, copy_time, "
                                          "sender) VALUES (?, ?, ?, ?, ?) RETURNING id"),
                           {r.fileName, r.librarianName, r.storeId, SqlQuery::fromTime(r.copyTime), r.sender});
    if (!q)
        return q.error();
    if (!q->next())
        return ApiError::internal(QCoreApplication::translate("FileCatalog", "Database error: no id returned."));
    return q->value(0).toLongLong();
}

Status FileCatalog::insertRemoteInstances(const QList<RemoteInstance> &remotes)
{
    QList<QVariantList> rows;
    rows.reserve(remotes.size());
    for (const RemoteInstance &r : remotes)
        rows.append({r.fileName, r.librarianName, r.storeId, SqlQuery::fromTime(r.copyTime), r.sender});
    return SqlQuery::runOverRows(
        m_db, QStringLiteral("INSERT INTO remote_instances (file_name, librarian_name, store_id, copy_time, sender) VALUES %1"),
        5, rows);
}

Result<RemoteInstance> FileCatalog::remoteInstance(qint64 id)
{
    auto q = SqlQuery::run(m_db, QStringLiteral("SELECT %1 FROM remote_instances WHERE id = ?").arg(kRemoteColumns), {id});
    if (!q)
        return q.error();
    if (!q->next())
        return ApiError::notFound(
            QCoreApplication::translate("FileCatalog", "Remote instance %1 does not exist.").arg(id));
    return remoteFromRow(*q);
}

Status FileCatalog::removeRemoteInstance(qint64 id)
{
    auto q = SqlQuery::run(m_db, QStringLiteral("DELETE FROM remote_instances WHERE id = ?"), {id});
    if (!q)
        return q.error();
    if (q->numRowsAffected() == 0)
        return ApiError::notFound(
            QCoreApplication::translate("FileCatalog", "Remote instance %1 does not exist.").arg(id));
    return Ok{};
}

} // namespace librarian
