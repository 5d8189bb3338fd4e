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
#include <QFile>
#include <QFileInfo>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace librarian {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("ServerSetup", text);
}

constexpr QFileDevice::Permissions kOpenToOthers = QFileDevice::ReadGroup | QFileDevice::WriteGroup
                                                 | QFileDevice::ExeGroup | QFileDevice::ReadOther
                                                 | QFileDevice::WriteOther | QFileDevice::ExeOther;

// SQLite gives the -wal and -shm files the database file's mode, so that file is made (or, left by
// an earlier version, turned) owner-only before SQLite opens it.
Status makeOwnerOnlyDatabase(const QString &path)
{
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0 || ::fchmod(fd, 0600) != 0) {
        const QString reason = QString::fromLocal8Bit(std::strerror(errno));
        if (fd >= 0)
            ::close(fd);
        return ApiError::internal(tr("Cannot create the database %1 owner-only: %2").arg(path, reason));
    }
    ::close(fd);
    for (const char *suffix : {"-wal", "-shm"}) {
        const QString companion = path + QLatin1String(suffix);
        if (QFileInfo::exists(companion)
            && !QFile::setPermissions(companion, QFile::permissions(companion) & ~kOpenToOthers))
            return ApiError::internal(tr("Cannot make %1 owner-only.").arg(companion));
    }
    return Ok{};
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
    const bool keyDirExisted = QFileInfo::exists(keyDir);
    if (!QDir().mkpath(keyDir))
        return ApiError::internal(tr("Cannot create the key folder %1.").arg(keyDir));
    // A folder the config names may be shared (/etc/librarian): only one made here is narrowed.
    if (!keyDirExisted
        && !QFile::setPermissions(keyDir, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner))
        return ApiError::internal(tr("Cannot make the key folder %1 owner-only.").arg(keyDir));
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
    if (m_config.database.isSqlite())
        if (auto s = makeOwnerOnlyDatabase(m_config.database.databaseName); !s)
            return s.error();
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

    // 4. The config names the database, perhaps with its password: owner-only too, when it is ours.
    if (!m_config.filePath.isEmpty() && QFile::permissions(m_config.filePath).testAnyFlags(kOpenToOthers)) {
        if (QFile::setPermissions(m_config.filePath, QFile::permissions(m_config.filePath) & ~kOpenToOthers))
            report.configRestricted = true;
        else
            report.configOpen = true;
    }
    return report;
}

} // namespace librarian
