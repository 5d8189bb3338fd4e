#pragma once

#include "model/Result.h"

#include <QMap>
#include <QStringList>
#include <QUrl>

namespace librarian {

// One named way to reach a librarian, as stored in the client config.
struct Connection
{
    QString name;
    QString host; // scheme + host, no port: "http://127.0.0.1"
    int port = 0;
    QString user;
    QString password;

    QUrl baseUrl() const; // host with the port
};

// The client config shared by the CLI and the GUI:
// {"connections": {"NAME": {"host": "http://127.0.0.1", "port": 21108, "user": "...", "password": "..."}}}
// from LIBRARIAN_CLIENT_CONFIG, else ~/.config/librarian/client.json.
class ClientConfig
{
public:
    static QString defaultPath();
    static Result<ClientConfig> load(const QString &path = {});
    static ClientConfig emptyAt(const QString &path); // a config still to be written there

    Result<Connection> connection(const QString &name) const;
    QStringList names() const;
    void setConnection(const Connection &connection);
    void removeConnection(const QString &name);
    Status save(const QString &path) const; // atomically, owner-only (it holds passwords)
    QString path() const { return m_path; }
    // The file is readable or writable by its group or by others (it holds passwords).
    bool openToOthers() const;

private:
    QString m_path;
    QMap<QString, Connection> m_connections;
};

} // namespace librarian
