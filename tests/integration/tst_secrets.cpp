#include "Cli.h"
#include "RawHttp.h"
#include "TestLibrarian.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTest>
#include <sys/stat.h>

// Secrets stay off the command line and out of files others can read: passwords from stdin or the
// environment, owner-only server files, masked database passwords, no credentials in peer URLs.
class TestSecrets : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void passwordFromStdinNeverOnTheCommandLine();
    void passwordsFromTheEnvironment();
    void authenticatorFromStdin();
    void serverFilesAreOwnerOnly();
    void configErrorsMaskTheDatabasePassword_data();
    void configErrorsMaskTheDatabasePassword();
    void peerUrlWithCredentialsIsRefused();
    void librarianAddNeedsANameAndAUrl();
    void clientConfigOpenToOthersIsWarnedAbout();

private:
    bool canLogIn(const QString &user, const QString &password);

    std::unique_ptr<TestLibrarian> m_server;
    Cli m_cli;
};

namespace {
int modeOf(const QString &path)
{
    struct stat s;
    if (::stat(QFile::encodeName(path).constData(), &s) != 0)
        return -1;
    return int(s.st_mode & 07777);
}

QByteArray octal(int mode)
{
    return QByteArray::number(mode, 8);
}
} // namespace

void TestSecrets::initTestCase()
{
    // The usual umask: without the server's own care its files would be readable by everyone.
    ::umask(022);
    m_server = std::make_unique<TestLibrarian>(QStringLiteral("site"));
    QCOMPARE(m_server->setup(), 0);
    QVERIFY(m_server->start());
    m_cli.addConnection(QStringLiteral("admin"), *m_server, QStringLiteral("admin"), m_server->adminPassword());
    QVERIFY(QFile::setPermissions(m_cli.configPath(), QFileDevice::ReadOwner | QFileDevice::WriteOwner));
}

bool TestSecrets::canLogIn(const QString &user, const QString &password)
{
    m_cli.addConnection(user, *m_server, user, password);
    const Cli::Run ping = m_cli.run({QStringLiteral("ping"), user});
    if (ping.exitCode != 0)
        qWarning().noquote() << "ping as" << user << "failed:" << describe(ping);
    return ping.exitCode == 0;
}

void TestSecrets::passwordFromStdinNeverOnTheCommandLine()
{
    const QByteArray password = "piped-secret-password";
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("LIBRARIAN_CLIENT_CONFIG"), m_cli.configPath());
    env.remove(QStringLiteral("LIBRARIAN_PASSWORD"));
    p.setProcessEnvironment(env);
    p.start(QStringLiteral(LIBRARIAN_CLI_BIN),
            {"create-user", "admin", "--username", "piped", "--password-stdin", "--auth-level", "READONLY"});
    QVERIFY(p.waitForStarted());
    // While it waits for the password, anybody may read its command line.
    // Read until the kernel shows the new program's arguments (just after the exec it may still be empty).
    QByteArray seen;
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            QFile cmdline(QStringLiteral("/proc/%1/cmdline").arg(p.processId()));
            seen = cmdline.open(QIODevice::ReadOnly) ? cmdline.readAll() : QByteArray();
            return !seen.isEmpty();
        }(),
        5000);
    QVERIFY2(seen.contains("--password-stdin"), seen.constData());
    QVERIFY(!seen.contains(password));
    p.write(password + '\n');
    p.closeWriteChannel();
    QVERIFY(p.waitForFinished(60000));
    QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
    QVERIFY(canLogIn(QStringLiteral("piped"), QString::fromUtf8(password)));

    // Only the line end is cut off; nothing on stdin is a usage error, never an empty password.
    const QByteArray spaced = "  spaced password  \r\n";
    auto r = m_cli.run({"create-user", "admin", "--username", "spaced", "--password-stdin", "--auth-level", "READONLY"},
                    {}, &spaced);
    QVERIFY2(r.exitCode == 0, describe(r));
    QVERIFY(canLogIn(QStringLiteral("spaced"), QStringLiteral("  spaced password  ")));
    const QByteArray nothing;
    r = m_cli.run({"create-user", "admin", "--username", "empty", "--password-stdin", "--auth-level", "READONLY"}, {},
               &nothing);
    QVERIFY2(r.exitCode == 2 && r.err.contains("stdin"), describe(r));
    // Without a password and without a terminal to ask on: a usage error naming every way to give one.
    r = m_cli.run({"create-user", "admin", "--username", "nopass", "--auth-level", "READONLY"});
    QVERIFY2(r.exitCode == 2 && r.err.contains("--password-stdin") && r.err.contains("LIBRARIAN_PASSWORD"),
             describe(r));
    r = m_cli.run({"create-user", "admin", "--username", "both", "--password", "x-password", "--password-stdin",
                "--auth-level", "READONLY"});
    QCOMPARE(r.exitCode, 2);
}

void TestSecrets::passwordsFromTheEnvironment()
{
    auto r = m_cli.run({"create-user", "admin", "--username", "envuser", "--auth-level", "READONLY"},
                    {{"LIBRARIAN_PASSWORD", "env-secret-password"}});
    QVERIFY2(r.exitCode == 0, describe(r));
    QVERIFY(canLogIn(QStringLiteral("envuser"), QStringLiteral("env-secret-password")));

    // The option, when given, wins over the environment.
    r = m_cli.run({"update-user", "admin", "--username", "envuser", "--password", "option-password"},
               {{"LIBRARIAN_PASSWORD", "ignored-password"}});
    QVERIFY2(r.exitCode == 0, describe(r));
    QVERIFY(canLogIn(QStringLiteral("envuser"), QStringLiteral("option-password")));

    r = m_cli.run({"change-password", "envuser"}, {{"LIBRARIAN_NEW_PASSWORD", "changed-env-password"}});
    QVERIFY2(r.exitCode == 0, describe(r));
    QVERIFY(canLogIn(QStringLiteral("envuser"), QStringLiteral("changed-env-password")));

    const QByteArray line = "stdin-new-password\n";
    r = m_cli.run({"change-password", "envuser", "--new-password-stdin"}, {}, &line);
    QVERIFY2(r.exitCode == 0, describe(r));
    QVERIFY(canLogIn(QStringLiteral("envuser"), QStringLiteral("stdin-new-password")));
}

void TestSecrets::authenticatorFromStdin()
{
    // The peer is the server itself: the connection check proves the authenticator arrived intact.
    const QByteArray authenticator = "admin:" + m_server->adminPassword().toUtf8() + "\n";
    const QStringList add{"add-librarian",
                          "admin",
                          "--name",
                          "itself",
                          "--url",
                          "http://127.0.0.1",
                          "--port",
                          QString::number(m_server->port()),
                          "--authenticator-stdin"};
    auto r = m_cli.run(add, {}, &authenticator);
    QVERIFY2(r.exitCode == 0, describe(r));
    r = m_cli.run({"remove-librarian", "admin", "--name", "itself"});
    QVERIFY2(r.exitCode == 0, describe(r));
    QStringList fromEnvironment = add;
    fromEnvironment.removeLast();
    r = m_cli.run(fromEnvironment, {{"LIBRARIAN_AUTHENTICATOR", "admin:" + m_server->adminPassword()}});
    QVERIFY2(r.exitCode == 0, describe(r));
    r = m_cli.run({"remove-librarian", "admin", "--name", "itself"});
    QVERIFY2(r.exitCode == 0, describe(r));
    const QByteArray noColon = "no-colon\n";
    r = m_cli.run(add, {}, &noColon);
    QVERIFY2(r.exitCode == 2 && r.err.contains("USER:PASSWORD"), describe(r));
}

void TestSecrets::serverFilesAreOwnerOnly()
{
    // Something written while the server runs: the WAL and its index exist now.
    auto r = m_cli.run(
        {"create-user", "admin", "--username", "writer", "--password", "writer-password", "--auth-level", "READONLY"});
    QVERIFY2(r.exitCode == 0, describe(r));
    const QString db = m_server->dbPath();
    for (const QString &file : QStringList{db, db + "-wal", db + "-shm", m_server->keyPath(), m_server->configPath()}) {
        QVERIFY2(QFileInfo::exists(file), qPrintable(file));
        QVERIFY2(modeOf(file) == 0600, qPrintable(file + " has mode " + octal(modeOf(file))));
    }
    const QString secrets = QFileInfo(m_server->keyPath()).absolutePath();
    QVERIFY2(modeOf(secrets) == 0700, qPrintable(secrets + " has mode " + octal(modeOf(secrets))));
    // And what the server makes later (store folders come from setup under the same umask).
    QVERIFY2(!(modeOf(m_server->storePath()) & 077), octal(modeOf(m_server->storePath())).constData());
}

void TestSecrets::configErrorsMaskTheDatabasePassword_data()
{
    QTest::addColumn<QString>("database");
    QTest::addColumn<QString>("extra");
    QTest::newRow("bad key") << QStringLiteral("postgresql://user:Sup3rHidden@127.0.0.1:1/db")
                             << QStringLiteral(R"("colour": 1,)");
    QTest::newRow("no database name") << QStringLiteral("postgresql://user:Sup3rHidden@127.0.0.1:1/") << QString();
    QTest::newRow("unsupported scheme") << QStringLiteral("mysql://user:Sup3rHidden@127.0.0.1/db") << QString();
    QTest::newRow("unreachable") << QStringLiteral("postgresql://user:Sup3rHidden@127.0.0.1:1/db") << QString();
}

void TestSecrets::configErrorsMaskTheDatabasePassword()
{
    QFETCH(QString, database);
    QFETCH(QString, extra);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("server.json"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(QStringLiteral(R"({%1 "database": "%2", "encryption_key_file": "%3/k"})")
                   .arg(extra, database, dir.path())
                   .toUtf8());
    file.close();
    for (const char *command : {"setup", "start"}) {
        QProcess p;
        p.setProcessChannelMode(QProcess::MergedChannels);
        p.start(TestLibrarian::serverBinary(), {QLatin1String(command), QStringLiteral("--config"), path});
        QVERIFY(p.waitForFinished(60000));
        const QString output = QString::fromUtf8(p.readAll());
        QVERIFY2(p.exitCode() != 0, qPrintable(output));
        QVERIFY2(!output.contains(QStringLiteral("Sup3rHidden")), qPrintable(output));
        if (output.contains(QStringLiteral("user:")))
            QVERIFY2(output.contains(QStringLiteral("user:***@")), qPrintable(output));
    }
}

void TestSecrets::peerUrlWithCredentialsIsRefused()
{
    const QString admin = QStringLiteral("admin:") + m_server->adminPassword();
    for (const char *url : {"http://u:p@127.0.0.1", "http://u:p@127.0.0.1:1", "http://u@127.0.0.1"}) {
        const QByteArray body = QByteArray(R"({"librarian_name": "withcreds", "url": ")") + url +
                                R"(", "port": 1, "authenticator": "a:b", "check_connection": false})";
        const auto reply = RawHttp::post(m_server->port(), "/api/v2/admin/librarians/add", body, admin);
        QVERIFY2(reply.status == 400, url);
        const QString reason = reply.json().value("reason").toString();
        QVERIFY2(reason.contains(QStringLiteral("authenticator")), qPrintable(reason));
        QVERIFY2(!reason.contains(QStringLiteral("u:p")), qPrintable(reason));
    }
    const auto r = m_cli.run({"add-librarian", "admin", "--name", "withcreds", "--url", "http://u:p@127.0.0.1",
                              "--port", "1", "--authenticator", "a:b", "--do-not-check-connection"});
    QVERIFY2(r.exitCode == 2 && r.err.contains("--authenticator"), describe(r));
    const auto list = m_cli.run({"get-librarian-list", "admin"});
    QVERIFY2(!list.out.contains("withcreds"), describe(list));
}

void TestSecrets::librarianAddNeedsANameAndAUrl()
{
    const QString admin = QStringLiteral("admin:") + m_server->adminPassword();
    const QList<std::pair<QByteArray, QByteArray>> bodies{
        {"empty name",
         R"({"librarian_name": "", "url": "http://127.0.0.1", "port": 1, "authenticator": "a:b", "check_connection": false})"},
        {"blank name",
         R"({"librarian_name": "  ", "url": "http://127.0.0.1", "port": 1, "authenticator": "a:b", "check_connection": false})"},
        {"empty url",
         R"({"librarian_name": "p", "url": "", "port": 1, "authenticator": "a:b", "check_connection": false})"},
        {"not a url",
         R"({"librarian_name": "p", "url": "no url at all", "port": 1, "authenticator": "a:b", "check_connection": false})"}};
    for (const auto &[what, body] : bodies) {
        const auto reply = RawHttp::post(m_server->port(), "/api/v2/admin/librarians/add", body, admin);
        QVERIFY2(reply.status == 400, what.constData());
        QVERIFY2(!reply.json().value("reason").toString().isEmpty(), what.constData());
    }
    const auto r = m_cli.run({"add-librarian", "admin", "--name=", "--url", "http://127.0.0.1", "--port", "1",
                              "--authenticator", "a:b", "--do-not-check-connection"});
    QVERIFY2(r.exitCode == 2, describe(r));
    const auto list = m_cli.run({"get-librarian-list", "admin", "--json"});
    QVERIFY2(list.json().array().isEmpty(), describe(list));
}

void TestSecrets::clientConfigOpenToOthersIsWarnedAbout()
{
    QVERIFY(QFile::setPermissions(m_cli.configPath(), QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                                          QFileDevice::ReadGroup | QFileDevice::ReadOther));
    auto r = m_cli.run({"ping", "admin"});
    QVERIFY2(r.exitCode == 0, describe(r));
    QVERIFY2(r.err.count(QStringLiteral("warning")) == 1 && r.err.contains(m_cli.configPath()) &&
                 r.err.trimmed().count(QLatin1Char('\n')) == 0,
             describe(r));
    QVERIFY2(r.err.contains(QStringLiteral("chmod 600")), describe(r));
    QVERIFY(QFile::setPermissions(m_cli.configPath(), QFileDevice::ReadOwner | QFileDevice::WriteOwner));
    r = m_cli.run({"ping", "admin"});
    QVERIFY2(r.exitCode == 0 && r.err.isEmpty(), describe(r));
}

QTEST_GUILESS_MAIN(TestSecrets)
#include "tst_secrets.moc"
