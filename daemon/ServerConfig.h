#pragma once

#include "db/Database.h"
#include "model/Result.h"
#include "model/Store.h"
#include "tasks/TaskDefinition.h"

#include <QJsonObject>
#include <QList>

namespace librarian {

// The server's JSON configuration (--config FILE or LIBRARIAN_CONFIG_PATH). Unknown keys are
// refused so a typo never silently falls back to a default.
struct ServerConfig
{
    QString filePath;
    QString name = QStringLiteral("librarian_server");
    QString displayedSiteName = QStringLiteral("Untitled Librarian");
    QString displayedSiteDescription = QStringLiteral("No description set.");
    QString host = QStringLiteral("127.0.0.1");
    int port = 21108;
    int dataPort = 21109; // the streaming data plane; 0 picks a free port
    DatabaseUrl database;
    QString databaseText;
    QString encryptionKeyFile;
    qint64 maxChunkBytes = 64LL * 1024 * 1024;
    qint64 maximalUploadSizeBytes = 50'000'000'000LL;
    qint64 maxJsonBodyBytes = 16LL * 1024 * 1024;
    int maxSearchResults = 64;
    QList<Store> stores;
    int maxSendRetries = 3;
    // Wrong passwords allowed before further attempts wait (LoginThrottle).
    int loginFreeFailuresPerAddress = 5;
    int loginFreeFailuresPerAccount = 20;
    // Connections of both listeners: closed after this long without a request, or when a body
    // brings less than the minimum rate over a window (a trickling client holds nothing forever).
    int httpIdleTimeoutSeconds = 120;
    int httpRateWindowSeconds = 10;
    qint64 httpMinBodyBytesPerSecond = 1024;
    QList<TaskDefinition> background; // the "background" section

    static Result<ServerConfig> load(const QString &path);
    static Result<ServerConfig> fromJson(const QJsonObject &json, const QString &path);
    // --config if given, else LIBRARIAN_CONFIG_PATH.
    static QString resolvePath(const QString &commandLineValue);
};

} // namespace librarian
