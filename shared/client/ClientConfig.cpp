#include "ClientConfig.h"

#include "model/JsonReader.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QSaveFile>
#include <QStandardPaths>

namespace librarian {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("ClientConfig", text);
}
} // namespace

QUrl Connection::baseUrl() const
{
    QUrl url(host);
    url.setPort(port);
    return url;
}

QString ClientConfig::defaultPath()
{
    const QString env = qEnvironmentVariable("LIBRARIAN_CLIENT_CONFIG");
    if (!env.isEmpty())
        return env;
    return QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation)
         + QStringLiteral("/librarian/client.json");
}

Result<ClientConfig> ClientConfig::load(const QString &givenPath)
{
    const QString path = givenPath.isEmpty() ? defaultPath() : givenPath;
    QFile file(path);
    if (!file.exists())
        return ApiError::badRequest(tr("The client config %1 does not exist.").arg(path),
                                    tr("Write it as docs/cli.md shows, or point LIBRARIAN_CLIENT_CONFIG at one."));
    if (!file.open(QIODevice::ReadOnly))
        return ApiError::badRequest(tr("Cannot read the client config %1: %2").arg(path, file.errorString()));
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        return ApiError::badRequest(tr("The client config %1 is not a JSON object: %2").arg(path, error.errorString()));
    const QJsonValue connections = doc.object().value(QStringLiteral("connections"));
    if (!connections.isObject())
        return ApiError::badRequest(tr("%1: key 'connections' must be an object of named connections.").arg(path));
    ClientConfig config;
    config.m_path = path;
    const QJsonObject all = connections.toObject();
    for (auto it = all.begin(); it != all.end(); ++it) {
        JsonReader r(it.value().toObject(), tr("%1: connection '%2'").arg(path, it.key()));
        Connection c;
        c.name = it.key();
        c.host = r.string(QStringLiteral("host"));
        c.port = int(r.integer(QStringLiteral("port")));
        c.user = r.string(QStringLiteral("user"));
        c.password = r.string(QStringLiteral("password"));
        if (!r.ok())
            return r.error();
        const QUrl url(c.host);
        if (!url.isValid() || url.host().isEmpty() || url.port() != -1)
            return ApiError::badRequest(
                tr("%1: connection '%2': host must be a URL like http://127.0.0.1 without a port.").arg(path, c.name));
        config.m_connections.insert(c.name, c);
    }
    return config;
}

ClientConfig ClientConfig::emptyAt(const QString &path)
{
    ClientConfig config;
    config.m_path = path.isEmpty() ? defaultPath() : path;
    return config;
}

bool ClientConfig::openToOthers() const
{
    const QFileDevice::Permissions open = QFileDevice::ReadGroup | QFileDevice::WriteGroup | QFileDevice::ReadOther
                                        | QFileDevice::WriteOther;
    return QFileInfo::exists(m_path) && QFile::permissions(m_path).testAnyFlags(open);
}

void ClientConfig::removeConnection(const QString &name)
{
    m_connections.remove(name);
}

Result<Connection> ClientConfig::connection(const QString &name) const
{
    const auto it = m_connections.constFind(name);
    if (it == m_connections.cend())
        return ApiError::notFound(tr("No connection named '%1' in %2.").arg(name, m_path),
                                  names().isEmpty() ? tr("The file defines no connections.")
                                                    : tr("Known connections: %1.").arg(names().join(QStringLiteral(", "))));
    return *it;
}

QStringList ClientConfig::names() const
{
    return m_connections.keys();
}

void ClientConfig::setConnection(const Connection &connection)
{
    m_connections.insert(connection.name, connection);
}

Status ClientConfig::save(const QString &path) const
{
    QJsonObject all;
    for (const Connection &c : m_connections)
        all.insert(c.name, QJsonObject{{QStringLiteral("host"), c.host},
                                       {QStringLiteral("port"), c.port},
                                       {QStringLiteral("user"), c.user},
                                       {QStringLiteral("password"), c.password}});
    QDir().mkpath(QFileInfo(path).absolutePath());
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || !file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner))
        return ApiError::internal(tr("Cannot write %1: %2").arg(path, file.errorString()));
    file.write(QJsonDocument(QJsonObject{{QStringLiteral("connections"), all}}).toJson());
    if (!file.commit())
        return ApiError::internal(tr("Cannot write %1: %2").arg(path, file.errorString()));
    return Ok{};
}

} // namespace librarian
