#pragma once

#include "db/Database.h"
#include "model/File.h"
#include "model/messages/ValidateMessages.h"

namespace librarian {

// Recomputes the checksum of every available local instance of a file and compares it with the
// catalogue's; a mismatch is written to the error log (data_integrity). Reads whole files: call
// off the event loop.
class LocalValidation
{
public:
    LocalValidation(const Database &database, QString ourName);
    // NotFound if the file is unknown here.
    Result<QList<InstanceValidation>> validate(const QString &fileName, File *file = nullptr);

private:
    const Database &m_database;
    QString m_ourName;
};

} // namespace librarian
