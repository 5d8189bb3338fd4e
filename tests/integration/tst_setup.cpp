#include "Cli.h"
#include "TestLibrarian.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTest>

// librarian-server setup/start: first run, idempotence, and clear refusals of bad configurations.
class TestSetup : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void setupCreatesEverythingAndIsIdempotent();
    void badConfigurationsNameTheProblem_data();
    void badConfigurationsNameTheProblem();
    void startRefusesWithoutKeyFile();
    void startRefusesBeforeSetup();
    void helpAndVersion();
    void backgroundOnly();
};

namespace {
struct Outcome
{
    int code;
    QString text;
};

Outcome runServer(const QStringList &args)
{
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(TestLibrarian::serverBinary(), args);
    p.waitForFinished(60000);
    return {p.exitCode(), QString::fromUtf8(p.readAll())};
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

    QVERIFY(server.start());
    Cli cli;
    cli.addConnection(QStringLiteral("site"), server, QStringLiteral("admin"), server.adminPassword());
    const Cli::Run ping = cli.run({QStringLiteral("ping"), QStringLiteral("site")});
    QVERIFY2(ping.exitCode == 0, describe(ping));
}

void TestSetup::badConfigurationsNameTheProblem_data()
{
    QTest::addColumn<QByteArray>("config");
    QTest::addColumn<QString>("named");
    QTest::newRow("unknown key") << QByteArray(R"({"database": "sqlite:///tmp/x.db", "encryption_key_file": "/tmp/k", "colour": 1})")
                                 << QStringLiteral("colour");
    QTest::newRow("missing database") << QByteArray(R"({"encryption_key_file": "/tmp/k"})") << QStringLiteral("database");
    QTest::newRow("bad port") << QByteArray(R"({"database": "sqlite:///tmp/x.db", "encryption_key_file": "/tmp/k", "port": "eighty"})")
                              << QStringLiteral("port");
    QTest::newRow("bad json") << QByteArray("{\"database\": ") << QStringLiteral("invalid JSON");
    QTest::newRow("bad store") << QByteArray(R"({"database": "sqlite:///tmp/x.db", "encryption_key_file": "/tmp/k", "add_stores": [{"store_name": "s"}]})")
                               << QStringLiteral("store_data");
    QTest::newRow("relative store") << QByteArray(R"({"database": "sqlite:///tmp/x.db", "encryption_key_file": "/tmp/k", "add_stores": [{"store_name": "s", "store_data": {"staging_path": "a", "store_path": "b"}}]})")
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
    file.write(config);
    file.close();
    for (const char *command : {"setup", "start"}) {
        const Outcome r = runServer({QLatin1String(command), QStringLiteral("--config"), path});
        QVERIFY2(r.code != 0, qPrintable(r.text));
        QVERIFY2(r.text.contains(named), qPrintable(r.text));
        QVERIFY2(r.text.contains(path), qPrintable(r.text)); // names the file too
    }
    QVERIFY(!QFile::exists(QStringLiteral("/tmp/k")) || named != QStringLiteral("colour"));
    const Outcome missing = runServer({QStringLiteral("setup"), QStringLiteral("--config"), dir.filePath(QStringLiteral("nope.json"))});
    QVERIFY(missing.code != 0);
    QVERIFY2(missing.text.contains(QStringLiteral("does not exist")), qPrintable(missing.text));
}

void TestSetup::startRefusesWithoutKeyFile()
{
    TestLibrarian server(QStringLiteral("site"));
    QCOMPARE(server.setup(), 0);
    QVERIFY(QFile::remove(server.keyPath()));
    const Outcome r = runServer({QStringLiteral("start"), QStringLiteral("--config"), server.configPath()});
    QVERIFY(r.code != 0);
    QVERIFY2(r.text.contains(QStringLiteral("key file")), qPrintable(r.text));
    QVERIFY(!r.text.contains(QStringLiteral("listening")));
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
