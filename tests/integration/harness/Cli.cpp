#include "Cli.h"

#include "TestLibrarian.h"

#include <QFile>
#include <QJsonObject>
#include <QProcess>

Cli::Cli() = default;

void Cli::addConnection(const QString &name, const TestLibrarian &server, const QString &user, const QString &password)
{
    addConnection(name, server.port(), user, password);
}

void Cli::addConnection(const QString &name, int port, const QString &user, const QString &password)
{
    m_connections.insert(name, QJsonObject{{"host", "http://127.0.0.1"}, {"port", port}, {"user", user}, {"password", password}});
    save();
}

void Cli::save() const
{
    QFile file(configPath());
    file.open(QIODevice::WriteOnly);
    // As the GUI saves it: the CLI warns about a config other users can read.
    file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    file.write(QJsonDocument(QJsonObject{{"connections", m_connections}}).toJson());
}

Cli::Run Cli::run(const QStringList &args, const QMap<QString, QString> &environment, const QByteArray *input) const
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("LIBRARIAN_CLIENT_CONFIG"), configPath());
    for (const char *name : {"LIBRARIAN_PASSWORD", "LIBRARIAN_NEW_PASSWORD", "LIBRARIAN_AUTHENTICATOR"})
        env.remove(QLatin1String(name));
    for (auto it = environment.begin(); it != environment.end(); ++it)
        env.insert(it.key(), it.value());
    p.setProcessEnvironment(env);
    p.start(QStringLiteral(LIBRARIAN_CLI_BIN), args);
    if (input)
        p.write(*input);
    p.closeWriteChannel();
    Run r;
    if (!p.waitForFinished(300000)) {
        p.kill();
        p.waitForFinished();
        r.err = QStringLiteral("timed out");
        return r;
    }
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

QString Cli::linkPush(const TestLibrarian &from, const TestLibrarian &to) const
{
    const QString pushes = from.name() + QStringLiteral("-pushes"), callsBack = to.name() + QStringLiteral("-calls-back");
    const QList<QStringList> steps{
        {"create-user", to.name(), "--username", from.name(), "--password", pushes, "--auth-level", "READAPPEND"},
        {"create-user", from.name(), "--username", to.name(), "--password", callsBack, "--auth-level", "CALLBACK"},
        {"add-librarian", from.name(), "--name=" + to.name(), "--url=http://127.0.0.1",
         QStringLiteral("--port=%1").arg(to.port()), "--authenticator=" + from.name() + ":" + pushes},
        {"add-librarian", to.name(), "--name=" + from.name(), "--url=http://127.0.0.1",
         QStringLiteral("--port=%1").arg(from.port()), "--authenticator=" + to.name() + ":" + callsBack}};
    for (const QStringList &step : steps)
        if (const Run r = run(step); r.exitCode != 0)
            return step.join(QLatin1Char(' ')) + QStringLiteral(": ") + QString::fromUtf8(describe(r));
    return {};
}

QByteArray describe(const Cli::Run &run)
{
    return QStringLiteral("exit %1, stdout: %2, stderr: %3").arg(run.exitCode).arg(run.out.left(500), run.err.left(500)).toUtf8();
}
