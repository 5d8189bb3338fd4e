#pragma once

#include "model/File.h"
#include "model/Result.h"
#include "model/messages/SearchMessages.h"

#include <QSet>
#include <QSqlDatabase>
#include <optional>

namespace librarian {

// Files, their instances on our stores and their remote instances on peers.
class FileCatalog
{
public:
    explicit FileCatalog(QSqlDatabase db) : m_db(std::move(db)) {}

    Result<bool> exists(const QString &name);
    // Which of `names` are catalogued: a statement per 64 names.
    Result<QSet<QString>> existing(const QStringList &names);
    // For each of `names` that cannot live beside a catalogued file in a store because one is a
    // folder of the other ("a" for "a/b", "a/b/c" for "a/b"), that file. A few statements for the
    // whole list, every lookup by the name index.
    Result<QHash<QString, QString>> pathClashes(const QStringList &names);
    // pathClashes()' lookup of files inside names, %1 where its (name, low, high) tuples go: for plan tests.
    static QString insideSql(bool postgres);
    Result<File> find(const QString &name); // with instances and remote instances; NotFound if absent
    // Newest first, at most min(request.maxResults, cap) files. NotFound ("No files found.") if none.
    // Three statements whatever the number of files: the files, their instances, their remote instances.
    Result<QList<File>> search(const FileSearchRequest &request, int cap);
    // The statement search() selects the files with, and its binds: for plan tests and benchmarks.
    static QString searchSql(const FileSearchRequest &request, int cap, QVariantList *binds);

    // Inserts the File row and its first Instance; the caller holds the transaction.
    Status insertFile(const File &file);
    Result<qint64> insertInstance(const Instance &instance);
    // The same for many (a commit's batch), a few statements for all of them. A name taken fails
    // the whole call with a Conflict. The instances' ids come back by file name, so each of
    // `instances` must be of another file.
    Status insertFiles(const QList<File> &files);
    Result<QHash<QString, qint64>> insertInstances(const QList<Instance> &instances);
    Result<Instance> instance(qint64 id); // NotFound if absent
    Result<QList<Instance>> instancesOf(const QString &fileName);
    Status setInstanceAvailable(qint64 id, bool available);

    Result<qint64> insertRemoteInstance(const RemoteInstance &remote);
    // A multi-row INSERT per 32 copies.
    Status insertRemoteInstances(const QList<RemoteInstance> &remotes);
    Result<RemoteInstance> remoteInstance(qint64 id);
    Status removeRemoteInstance(qint64 id);

private:
    // Fills in the instances and remote instances of `files` (each ordered by id).
    Status attachCopies(QList<File> &files);

    QSqlDatabase m_db;
};

} // namespace librarian
