#include "ServerSetup.h"

#include "crypto/PasswordHasher.h"
#include "crypto/RandomPassword.h"
#include "crypto/SecretBox.h"
#include "db/Accounts.h"
#include "db/SqlQuery.h"
#include "db/StoreRegistry.h"
#include "storage/LocalStore.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

namespace librarian {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("ServerSetup", text);
}
} // namespace

ServerSetup::ServerSetup(ServerConfig config) : m_config(std::move(config)) {}

Result<ServerSetup::Report> ServerSetup::run(const QString &adminUser, const QString &adminPassword)
{
    Report report;
    report.adminUser = adminUser;
    if (!adminPassword.isEmpty() && adminPassword.size() < 8)
        return ApiError::badRequest(tr("LIBRARIAN_ADMIN_PASSWORD must have at least 8 characters."));

    // 1. Folders: the database's, the key file's and every store's.
    if (m_config.database.isSqlite()) {
        const QString dir = QFileInfo(m_config.database.databaseName).absolutePath();
        if (!QDir().mkpath(dir))
            return ApiError::internal(tr("Cannot create the database folder %1.").arg(dir));
    }
    const QString keyDir = QFileInfo(m_config.encryptionKeyFile).absolutePath();
    if (!QDir().mkpath(keyDir))
        return ApiError::internal(tr("Cannot create the key folder %1.").arg(keyDir));
    for (const Store &store : m_config.stores) {
        if (auto s = LocalStore(store).ensureFolders(); !s)
            return s.error();
        report.stores << store.name;
    }

    // 2. The encryption key for peer authenticators: created once, never replaced (replacing it
    //    would make every stored authenticator unreadable).
    if (QFileInfo::exists(m_config.encryptionKeyFile)) {
        auto key = SecretBox::fromKeyFile(m_config.encryptionKeyFile);
        if (!key)
            return key.error();
    } else {
        if (auto s = SecretBox::createKeyFile(m_config.encryptionKeyFile); !s)
            return s.error();
        report.keyCreated = true;
    }

    // 3. Schema, stores and the first administrator.
    Database database(m_config.database);
    auto applied = database.migrate();
    if (!applied)
        return applied.error();
    report.migrationsApplied = *applied;
    auto db = database.connection();
    if (!db)
        return db.error();
    Transaction txn(*db);
    StoreRegistry registry(*db);
    for (const Store &store : m_config.stores)
        if (auto s = registry.upsert(store); !s)
            return s.error();
    Accounts accounts(*db);
    auto existing = accounts.find(adminUser);
    if (!existing && existing.error().kind != ErrorKind::NotFound)
        return existing.error();
    if (!existing) {
        QString password = adminPassword;
        if (password.isEmpty()) {
            password = randomPassword(24);
            report.generatedPassword = password;
        }
        if (auto s = accounts.create(User{adminUser, PasswordHasher::hash(password), AuthLevel::Admin}); !s)
            return s.error();
        report.adminCreated = true;
    }
    if (auto s = txn.commit(); !s)
        return s.error();
    return report;
}

} // namespace librarian
