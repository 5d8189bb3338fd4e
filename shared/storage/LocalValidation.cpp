#include "LocalValidation.h"

#include "model/LogFailure.h"

#include "crypto/FileChecksum.h"
#include "db/ErrorLog.h"
#include "db/FileCatalog.h"

#include <QCoreApplication>

Q_DECLARE_LOGGING_CATEGORY(lcStore)

namespace librarian {

LocalValidation::LocalValidation(const Database &database, QString ourName)
    : m_database(database), m_ourName(std::move(ourName))
{
}

Result<QList<InstanceValidation>> LocalValidation::validate(const QString &fileName, File *fileOut)
{
    auto db = m_database.connection();
    if (!db)
        return db.error();
    auto file = FileCatalog(*db).find(fileName);
    if (!file)
        return file.error();
    if (fileOut)
        *fileOut = *file;
    auto original = Checksum::parse(file->checksum);
    if (!original)
        return original.error();
    QList<InstanceValidation> items;
    for (const Instance &i : file->instances) {
        if (!i.available)
            continue;
        InstanceValidation v;
        v.librarian = m_ourName;
        v.store = i.storeId;
        v.instanceId = i.id;
        v.originalChecksum = file->checksum;
        v.originalSize = file->size;
        auto current = checksumOfPath(i.path, original->algorithm());
        auto size = sizeOfPath(i.path);
        v.currentChecksum = current ? current->toString() : QString();
        v.currentSize = size ? *size : -1;
        v.computedSameChecksum = current && current->toString() == original->toString() && v.currentSize == file->size;
        if (!v.computedSameChecksum)
            logFailure(ErrorLog(*db).raise(QStringLiteral("error"), QStringLiteral("data_integrity"),
                                      QCoreApplication::translate("LocalValidation",
                                                                  "Instance %1 of %2 (%3) no longer matches: %4 instead of %5.")
                                          .arg(i.id)
                                          .arg(fileName, i.path,
                                               current ? current->toString() : current.error().reason, file->checksum),
                                      QStringLiteral("validate")),
                       lcStore(), QStringLiteral("Recording a data_integrity error"));
        items.append(v);
    }
    return items;
}

} // namespace librarian
