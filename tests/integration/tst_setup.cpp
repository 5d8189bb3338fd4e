#include "Cli.h"
#include "TestLibrarian.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTest>
#include <unistd.h>

// librarian-server setup/start: first run, idempotence, and clear refusals of bad configurations.
class TestSetup : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void setupCreatesEverythingAndIsIdempotent();
    void badConfigurationsNameTheProblem_data();
    void badConfigurationsNameTheProblem();
    void startRefusesWithoutUsableKeyFile_data();
    void startRefusesWithoutUsableKeyFile();
    void startRefusesBeforeSetup();
    void setupRefusesAShortAdminPassword();
    void helpAndVersion();
    void backgroundOnly();
};

namespace {
struct Outcome
{
    int code;
    QString text; // stdout and stderr
    QString out;
    QString err;
};

// Runs librarian-server to its end (these commands all stop by themselves: refusals, setup, --help).
Outcome runServer(const QStringList &args, const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment())
{
    QProcess p;
    p.setProcessEnvironment(env);
    p.start(TestLibrarian::serverBinary(), args);
    if (!p.waitForFinished(60000)) {
        p.kill();
        p.waitForFinished();
        return {-1, QStringLiteral("did not finish"), {}, {}};
    }
    const QString out = QString::fromUtf8(p.readAllStandardOutput());
    const QString err = QString::fromUtf8(p.readAllStandardError());
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, out + err, out, err};
}
Outcome runSetup(const QString &config, const QString &adminPassword)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("LIBRARIAN_ADMIN_PASSWORD"), adminPassword);
    env.remove(QStringLiteral("LIBRARIAN_ADMIN_USER"));
    return runServer({QStringLiteral("setup"), QStringLiteral("--config"), config}, env);
}
} // namespace

void TestSetup::setupCreatesEverythingAndIsIdempotent()
{
    TestLibrarian server(QStringLiteral("site"));
    QString output;
    QCOMPARE(server.setup(&output), 0);
    QVERIFY2(output.contains(QRegularExpression(QStringLiteral("[1-9][0-9]* migration\\(s\\) applied"))), qPrintable(output));
    QVERIFY(output.contains(QStringLiteral("Administrator account admin created")));
    QVERIFY(QFile::exists(server.keyPath()));
    const QFileDevice::Permissions mode = QFile::permissions(server.keyPath());
    QVERIFY(mode.testFlags(QFileDevice::ReadOwner | QFileDevice::WriteOwner));
    QVERIFY(!(mode & (QFileDevice::ReadGroup | QFileDevice::WriteGroup | QFileDevice::ExeGroup | QFileDevice::ReadOther
                      | QFileDevice::WriteOther | QFileDevice::ExeOther | QFileDevice::ExeOwner))); // 0600
    QFile key(server.keyPath());
    QVERIFY(key.open(QIODevice::ReadOnly));
    const QByteArray firstKey = key.readAll();
    QVERIFY(QFileInfo(server.storePath()).isDir());
    QVERIFY(QFileInfo(server.stagingPath()).isDir());

    QCOMPARE(server.setup(&output), 0);
    QVERIFY2(output.contains(QStringLiteral("0 migration(s) applied")), qPrintable(output));
    QVERIFY(output.contains(QStringLiteral("already exists; unchanged")));
    key.seek(0);
    QCOMPARE(key.readAll(), firstKey); // never replaced

    // A third run with another admin password: the existing admin keeps the first one.
    const Outcome third = runSetup(server.configPath(), QStringLiteral("another-admin-password"));
    QVERIFY2(third.code == 0, qPrintable(third.text));
    QVERIFY2(third.out.contains(QStringLiteral("0 migration(s) applied")), qPrintable(third.text));
    QVERIFY2(third.out.contains(QStringLiteral("already exists; unchanged")), qPrintable(third.text));

    QVERIFY(server.start());
    Cli cli;
    cli.addConnection(QStringLiteral("site"), server, QStringLiteral("admin"), server.adminPassword());
    cli.addConnection(QStringLiteral("other"), server, QStringLiteral("admin"), QStringLiteral("another-admin-password"));
    const Cli::Run ping = cli.run({QStringLiteral("ping"), QStringLiteral("site")});
    QVERIFY2(ping.exitCode == 0, describe(ping));
    const Cli::Run other = cli.run({QStringLiteral("ping"), QStringLiteral("other")});
    QVERIFY2(other.exitCode == 3, describe(other));
    // Still an administrator.
    const Cli::Run stores = cli.run({QStringLiteral("get-store-list"), QStringLiteral("site")});
    QVERIFY2(stores.exitCode == 0, describe(stores));
}

void TestSetup::setupRefusesAShortAdminPassword()
{
    TestLibrarian server(QStringLiteral("site"));
    server.writeConfig();
    const Outcome r = runSetup(server.configPath(), QStringLiteral("short"));
    QVERIFY2(r.code != 0 && r.code != -1, qPrintable(r.text));
    QVERIFY2(r.err.contains(QStringLiteral("LIBRARIAN_ADMIN_PASSWORD")), qPrintable(r.err));
    // No admin was made with it: a proper run still creates the account.
    QString output;
    QCOMPARE(server.setup(&output), 0);
    QVERIFY2(output.contains(QStringLiteral("Administrator account admin created")), qPrintable(output));
}

void TestSetup::badConfigurationsNameTheProblem_data()
{
    QTest::addColumn<QByteArray>("config");
    QTest::addColumn<QString>("named");
    QTest::newRow("unknown key") << QByteArray(R"({"database": "sqlite://@DIR@/x.db", "encryption_key_file": "@DIR@/k", "colour": 1})")
                                 << QStringLiteral("colour");
    QTest::newRow("missing database") << QByteArray(R"({"encryption_key_file": "@DIR@/k"})") << QStringLiteral("database");
    QTest::newRow("bad port") << QByteArray(R"({"database": "sqlite://@DIR@/x.db", "encryption_key_file": "@DIR@/k", "port": "eighty"})")
                              << QStringLiteral("port");
    QTest::newRow("bad json") << QByteArray("{\"database\": ") << QStringLiteral("invalid JSON");
    QTest::newRow("bad store") << QByteArray(R"({"database": "sqlite://@DIR@/x.db", "encryption_key_file": "@DIR@/k", "add_stores": [{"store_name": "s"}]})")
                               << QStringLiteral("store_data");
    QTest::newRow("relative store") << QByteArray(R"({"database": "sqlite://@DIR@/x.db", "encryption_key_file": "@DIR@/k", "add_stores": [{"store_name": "s", "store_data": {"staging_path": "a", "store_path": "b"}}]})")
                                    << QStringLiteral("absolute");
}

void TestSetup::badConfigurationsNameTheProblem()
{
    QFETCH(QByteArray, config);
    QFETCH(QString, named);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("server.json"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(config.replace("@DIR@", dir.path().toUtf8()));
    file.close();
    for (const char *command : {"setup", "start"}) {
        const Outcome r = runServer({QLatin1String(command), QStringLiteral("--config"), path});
        QVERIFY2(r.code == 2, qPrintable(r.text));
        // One line on stderr: "librarian-server: error: <file>: <message naming the key>".
        QVERIFY2(r.err.startsWith(QStringLiteral("librarian-server: error: ") + path + QStringLiteral(": ")), qPrintable(r.err));
        QVERIFY2(r.err.contains(named), qPrintable(r.err));
        QVERIFY2(r.err.trimmed().count(QLatin1Char('\n')) == 0, qPrintable(r.err));
        QVERIFY2(!r.out.contains(QStringLiteral("listening")), qPrintable(r.out));
    }
    const QString nowhere = dir.filePath(QStringLiteral("nope.json"));
    for (const char *command : {"setup", "start"}) {
        const Outcome missing = runServer({QLatin1String(command), QStringLiteral("--config"), nowhere});
        QCOMPARE(missing.code, 2);
        QVERIFY2(missing.err.contains(nowhere) && missing.err.contains(QStringLiteral("does not exist")), qPrintable(missing.err));
    }
    // A refused configuration creates nothing: no database, no key, no store folder.
    QCOMPARE(QDir(dir.path()).entryList(QDir::NoDotAndDotDot | QDir::AllEntries), QStringList{QStringLiteral("server.json")});
}

void TestSetup::startRefusesWithoutUsableKeyFile_data()
{
    QTest::addColumn<QString>("damage");
    QTest::newRow("deleted") << QStringLiteral("deleted");
    QTest::newRow("not a key") << QStringLiteral("garbage");
    QTest::newRow("unreadable (a folder)") << QStringLiteral("folder");
    QTest::newRow("unreadable (mode 000)") << QStringLiteral("mode000");
}

void TestSetup::startRefusesWithoutUsableKeyFile()
{
    QFETCH(QString, damage);
    TestLibrarian server(QStringLiteral("site"));
    QCOMPARE(server.setup(), 0);
    QVERIFY(QFile::remove(server.keyPath()));
    if (damage == QStringLiteral("garbage")) {
        QFile key(server.keyPath());
        QVERIFY(key.open(QIODevice::WriteOnly));
        key.write("not a key\n");
    } else if (damage == QStringLiteral("folder")) {
        QVERIFY(QDir().mkpath(server.keyPath()));
    } else if (damage == QStringLiteral("mode000")) {
        if (::geteuid() == 0)
            QSKIP("root reads a file of mode 000 anyway; the folder row covers an unreadable key file");
        QFile key(server.keyPath());
        QVERIFY(key.open(QIODevice::WriteOnly));
        key.write(QByteArray(44, 'A'));
        key.close();
        QVERIFY(key.setPermissions(QFileDevice::Permissions()));
    }
    // Started for real: it must end by itself, never reach "listening".
    const Outcome r = runServer({QStringLiteral("start"), QStringLiteral("--config"), server.configPath()});
    QVERIFY2(r.code != 0 && r.code != -1, qPrintable(r.text));
    QVERIFY2(r.err.contains(QStringLiteral("librarian-server: error: ")), qPrintable(r.err));
    QVERIFY2(r.err.contains(QStringLiteral("key file")) && r.err.contains(server.keyPath()), qPrintable(r.err));
    QVERIFY2(!r.out.contains(QStringLiteral("listening")), qPrintable(r.out));
}

void TestSetup::startRefusesBeforeSetup()
{
    TestLibrarian server(QStringLiteral("site"));
    server.writeConfig();
    const Outcome r = runServer({QStringLiteral("start"), QStringLiteral("--config"), server.configPath()});
    QVERIFY(r.code != 0);
    QVERIFY2(r.text.contains(QStringLiteral("setup")), qPrintable(r.text));
}

void TestSetup::helpAndVersion()
{
    const Outcome help = runServer({QStringLiteral("--help")});
    QCOMPARE(help.code, 0);
    QVERIFY(help.text.contains(QStringLiteral("setup")));
    QVERIFY(help.text.contains(QStringLiteral("start")));
    const Outcome version = runServer({QStringLiteral("--version")});
    QCOMPARE(version.code, 0);
    QVERIFY(version.text.contains(QStringLiteral(LIBRARIAN_VERSION)));
    const Outcome unknown = runServer({QStringLiteral("fly")});
    QCOMPARE(unknown.code, 2);
}

void TestSetup::backgroundOnly()
{
    TestLibrarian idle(QStringLiteral("site"));
    QCOMPARE(idle.setup(), 0);
    const Outcome none = runServer({QStringLiteral("background-only"), QStringLiteral("--config"), idle.configPath()});
    QVERIFY(none.code != 0);
    QVERIFY2(none.text.contains(QStringLiteral("background")), qPrintable(none.text));

    TestLibrarian worker(QStringLiteral("worker"));
    worker.set("background", QJsonObject{{"receive_clone", QJsonArray{QJsonObject{{"every", "00:00:01"}}}}});
    QCOMPARE(worker.setup(), 0);
    QProcess p;
    p.start(TestLibrarian::serverBinary(), {QStringLiteral("background-only"), QStringLiteral("--config"), worker.configPath()});
    QVERIFY(p.waitForStarted());
    QByteArray out;
    QTRY_VERIFY_WITH_TIMEOUT((out += p.readAllStandardOutput()).contains("background tasks running")
                                 || p.state() != QProcess::Running,
                             10000);
    QCOMPARE(p.state(), QProcess::Running);
    p.terminate();
    QVERIFY(p.waitForFinished(10000));
    QCOMPARE(p.exitCode(), 0);

    // An unknown task is a configuration error naming it.
    worker.set("background", QJsonObject{{"fly_to_the_moon", QJsonArray{}}});
    worker.writeConfig();
    const Outcome unknown = runServer({QStringLiteral("start"), QStringLiteral("--config"), worker.configPath()});
    QVERIFY(unknown.code != 0);
    QVERIFY2(unknown.text.contains(QStringLiteral("fly_to_the_moon")), qPrintable(unknown.text));
}

QTEST_GUILESS_MAIN(TestSetup)
#include "tst_setup.moc"
