#include "Cli.h"
#include "TestLibrarian.h"

#include <QFile>
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

QTEST_GUILESS_MAIN(TestSetup)
#include "tst_setup.moc"
