#include "ServerConfig.h"
#include "MaskedUrl.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>

namespace librarian {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("ServerConfig", text);
}

ApiError configError(const QString &path, const QString &message)
{
    return ApiError::badRequest(tr("%1: %2").arg(path, message));
}

const QSet<QString> kKnownKeys{
    QStringLiteral("name"),
    QStringLiteral("displayed_site_name"),
    QStringLiteral("displayed_site_description"),
    QStringLiteral("host"),
    QStringLiteral("port"),
    QStringLiteral("data_port"),
    QStringLiteral("database"),
    QStringLiteral("encryption_key_file"),
    QStringLiteral("max_chunk_bytes"),
    QStringLiteral("maximal_upload_size_bytes"),
    QStringLiteral("max_json_body_bytes"),
    QStringLiteral("max_search_results"),
    QStringLiteral("max_async_send_retries"),
    QStringLiteral("login_free_failures_per_address"),
    QStringLiteral("login_free_failures_per_account"),
    QStringLiteral("http_idle_timeout_seconds"),
    QStringLiteral("http_rate_window_seconds"),
    QStringLiteral("http_min_body_bytes_per_second"),
    QStringLiteral("add_stores"),
    QStringLiteral("background"),
    QStringLiteral("tls"),
};
} // namespace

QString ServerConfig::resolvePath(const QString &commandLineValue)
{
    if (!commandLineValue.isEmpty())
        return commandLineValue;
    return qEnvironmentVariable("LIBRARIAN_CONFIG_PATH");
}

Result<ServerConfig> ServerConfig::load(const QString &path)
{
    if (path.isEmpty())
        return ApiError::badRequest(tr("No configuration file given."),
                                    tr("Pass --config FILE or set LIBRARIAN_CONFIG_PATH."));
    QFile file(path);
    if (!file.exists())
        return configError(path, tr("the configuration file does not exist."));
    if (!file.open(QIODevice::ReadOnly))
        return configError(path, tr("cannot read the configuration file: %1").arg(file.errorString()));
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &error);
    if (error.error != QJsonParseError::NoError)
        return configError(path, tr("invalid JSON at offset %1: %2").arg(error.offset).arg(error.errorString()));
    if (!doc.isObject())
        return configError(path, tr("the configuration must be a JSON object."));
    return fromJson(doc.object(), QFileInfo(path).absoluteFilePath());
}

Result<ServerConfig> ServerConfig::fromJson(const QJsonObject &json, const QString &path)
{
    ServerConfig c;
    c.filePath = path;
    for (auto it = json.begin(); it != json.end(); ++it)
        if (!kKnownKeys.contains(it.key()))
            return configError(path, tr("unknown key '%1'.").arg(it.key()));

    auto readString = [&](const QString &key, QString &target, bool required) -> Status {
        const QJsonValue v = json.value(key);
        if (v.isUndefined()) {
            if (required)
                return configError(path, tr("missing key '%1'.").arg(key));
            return Ok{};
        }
        if (!v.isString() || v.toString().isEmpty())
            return configError(path, tr("key '%1' must be a non-empty string.").arg(key));
        target = v.toString();
        return Ok{};
    };
    auto readInt = [&](const QString &key, qint64 &target, qint64 min, qint64 max) -> Status {
        const QJsonValue v = json.value(key);
        if (v.isUndefined())
            return Ok{};
        const double d = v.toDouble(-1);
        if (!v.isDouble() || d != qint64(d) || d < min || d > max)
            return configError(path, tr("key '%1' must be an integer from %2 to %3.").arg(key).arg(min).arg(max));
        target = qint64(d);
        return Ok{};
    };

    for (Status s : {readString(QStringLiteral("name"), c.name, false),
                     readString(QStringLiteral("displayed_site_name"), c.displayedSiteName, false),
                     readString(QStringLiteral("displayed_site_description"), c.displayedSiteDescription, false),
                     readString(QStringLiteral("host"), c.host, false),
                     readString(QStringLiteral("database"), c.databaseText, true),
                     readString(QStringLiteral("encryption_key_file"), c.encryptionKeyFile, true)})
        if (!s)
            return s.error();

    qint64 port = c.port, dataPort = c.dataPort, searchMax = c.maxSearchResults, retries = c.maxSendRetries;
    qint64 perAddress = c.loginFreeFailuresPerAddress, perAccount = c.loginFreeFailuresPerAccount;
    qint64 idle = c.httpIdleTimeoutSeconds, window = c.httpRateWindowSeconds;
    for (Status s : {readInt(QStringLiteral("port"), port, 0, 65535),
                     readInt(QStringLiteral("data_port"), dataPort, 0, 65535),
                     readInt(QStringLiteral("max_chunk_bytes"), c.maxChunkBytes, 1024, 1LL << 32),
                     readInt(QStringLiteral("maximal_upload_size_bytes"), c.maximalUploadSizeBytes, 0, 1LL << 60),
                     readInt(QStringLiteral("max_json_body_bytes"), c.maxJsonBodyBytes, 1024, 1LL << 30),
                     readInt(QStringLiteral("max_search_results"), searchMax, 1, 100000),
                     readInt(QStringLiteral("max_async_send_retries"), retries, 0, 1000),
                     readInt(QStringLiteral("login_free_failures_per_address"), perAddress, 1, 1000000),
                     readInt(QStringLiteral("login_free_failures_per_account"), perAccount, 1, 1000000),
                     readInt(QStringLiteral("http_idle_timeout_seconds"), idle, 1, 24 * 3600),
                     readInt(QStringLiteral("http_rate_window_seconds"), window, 1, 3600),
                     readInt(QStringLiteral("http_min_body_bytes_per_second"), c.httpMinBodyBytesPerSecond, 0, 1LL << 30)})
        if (!s)
            return s.error();
    c.port = int(port);
    c.dataPort = int(dataPort);
    c.maxSearchResults = int(searchMax);
    c.maxSendRetries = int(retries);
    c.loginFreeFailuresPerAddress = int(perAddress);
    c.loginFreeFailuresPerAccount = int(perAccount);
    c.httpIdleTimeoutSeconds = int(idle);
    c.httpRateWindowSeconds = int(window);
    if (c.port != 0 && c.port == c.dataPort)
        return configError(path, tr("keys 'port' and 'data_port' must differ."));

    if (json.contains(QStringLiteral("tls")))
        return configError(path, tr("key 'tls' is not supported by this version; terminate TLS in a reverse proxy "
                                    "(nginx, haproxy) in front of the librarian."));

    auto db = DatabaseUrl::parse(c.databaseText);
    if (!db)
        return configError(path, QString(db.error().reason).replace(c.databaseText, maskedUrl(c.databaseText)));
    c.database = *db;

    const QJsonValue stores = json.value(QStringLiteral("add_stores"));
    if (!stores.isUndefined() && !stores.isArray())
        return configError(path, tr("key 'add_stores' must be a list."));
    QSet<QString> names;
    for (const QJsonValue &v : stores.toArray()) {
        if (!v.isObject())
            return configError(path, tr("every element of 'add_stores' must be an object."));
        auto store = Store::fromConfig(v.toObject());
        if (!store)
            return configError(path, store.error().reason);
        if (!QDir::isAbsolutePath(store->stagingPath) || !QDir::isAbsolutePath(store->storePath))
            return configError(path, tr("add_stores.%1: staging_path and store_path must be absolute.").arg(store->name));
        if (names.contains(store->name))
            return configError(path, tr("add_stores: store name '%1' is used twice.").arg(store->name));
        names.insert(store->name);
        c.stores.append(*store);
    }

    const QJsonValue background = json.value(QStringLiteral("background"));
    if (!background.isUndefined() && !background.isObject())
        return configError(path, tr("key 'background' must be an object."));
    auto tasks = TaskDefinition::parseAll(background.toObject());
    if (!tasks)
        return configError(path, tasks.error().reason);
    c.background = *tasks;
    return c;
}

} // namespace librarian
