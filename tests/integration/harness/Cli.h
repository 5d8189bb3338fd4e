#pragma once

#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QStringList>
#include <QTemporaryDir>

class TestLibrarian;

// Runs the real `librarian` CLI with a client config of its own.
class Cli
{
public:
    Cli();

    struct Run
    {
        int exitCode = -1;
        QString out;
        QString err;
        QJsonDocument json() const { return QJsonDocument::fromJson(out.toUtf8()); }
    };

    void addConnection(const QString &name, const TestLibrarian &server, const QString &user, const QString &password);
    void addConnection(const QString &name, int port, const QString &user, const QString &password);
    // `environment` is added to (and overrides) the inherited one, whose secrets (LIBRARIAN_PASSWORD
    // and the like) are dropped so a developer's shell cannot change a test; `input` goes to stdin.
    Run run(const QStringList &args, const QMap<QString, QString> &environment = {},
            const QByteArray *input = nullptr) const;
    QString configPath() const { return m_dir.filePath(QStringLiteral("client.json")); }
    // `from` pushes to `to` (both reached through connections named after them): an account named
    // after `from` on `to` (READAPPEND), one named after `to` on `from` (CALLBACK), each librarian
    // registered on the other. Empty on success, else what failed.
    QString linkPush(const TestLibrarian &from, const TestLibrarian &to) const;

private:
    void save() const;
    QTemporaryDir m_dir;
    QJsonObject m_connections;
};

// For failure messages: "exit 3, stderr: ...".
QByteArray describe(const Cli::Run &run);
