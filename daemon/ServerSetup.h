#pragma once

#include "ServerConfig.h"
#include "model/Result.h"

namespace librarian {

// `librarian-server setup`: everything a first start needs, idempotent. Checks all it can before
// writing anything, so a bad config or an unwritable folder leaves no partial state behind.
class ServerSetup
{
public:
    explicit ServerSetup(ServerConfig config);

    struct Report
    {
        int migrationsApplied = 0;
        bool keyCreated = false;
        bool adminCreated = false;
        QString adminUser;
        QString generatedPassword; // set when no password was given and one was made up
        QStringList stores;
        bool configRestricted = false; // the config was open to others and is owner-only now
        bool configOpen = false;       // it is open to others and could not be changed (not ours)
    };

    // Admin account from LIBRARIAN_ADMIN_USER (default "admin") and LIBRARIAN_ADMIN_PASSWORD.
    Result<Report> run(const QString &adminUser, const QString &adminPassword);

private:
    ServerConfig m_config;
};

} // namespace librarian
