#include "Cli.h"
#include "RawHttp.h"
#include "TestLibrarian.h"

#include <QFile>
#include <QTest>

// Every denial: 401 for missing or wrong credentials, 403 for a level too low, JSON bodies.
class TestAuth : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void missingOrWrongCredentialsAre401();
    void levelsAreEnforced();
    void changePasswordAndUpdateUser();
    void deleteUserAndDuplicates();

private:
    std::unique_ptr<TestLibrarian> m_server;
    Cli m_cli;
    QString m_file;
    QTemporaryDir m_dir;
};

void TestAuth::initTestCase()
{
    m_server = std::make_unique<TestLibrarian>(QStringLiteral("site"));
    QCOMPARE(m_server->setup(), 0);
    QVERIFY(m_server->start());
    m_cli.addConnection("admin", *m_server, "admin", m_server->adminPassword());
    m_cli.addConnection("wrong", *m_server, "admin", "not-the-password");
    m_cli.addConnection("ghost", *m_server, "ghost", "ghost-password");
    const QList<std::pair<QString, QString>> accounts{
        {"nobody", "NONE"}, {"reader", "READONLY"}, {"callback", "CALLBACK"}, {"appender", "READAPPEND"}};
    for (const auto &[user, level] : accounts) {
        const auto r = m_cli.run({"create-user", "admin", "--username", user, "--password", user + "-password",
                                  "--auth-level", level});
        QVERIFY2(r.exitCode == 0, describe(r));
        m_cli.addConnection(user, *m_server, user, user + "-password");
    }
    m_file = m_dir.filePath("data.bin");
    QFile f(m_file);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(QByteArray(1000, 'd'));
}

void TestAuth::missingOrWrongCredentialsAre401()
{
    for (const char *connection : {"wrong", "ghost"}) {
        const auto r = m_cli.run({"ping", connection});
        QCOMPARE(r.exitCode, 3);
        QVERIFY2(r.err.contains("Incorrect username or password"), describe(r));
    }
    const auto none = RawHttp::post(m_server->port(), "/api/v2/ping/logged", "{}", QString());
    QCOMPARE(none.status, 401);
    QVERIFY(!none.json().value("reason").toString().isEmpty());
    const auto search = RawHttp::post(m_server->port(), "/api/v2/search/file", "{}", QString());
    QCOMPARE(search.status, 401);
    const auto wrong = RawHttp::post(m_server->port(), "/api/v2/ping/logged", "{}", "admin:not-the-password");
    QCOMPARE(wrong.status, 401);
    QVERIFY(!wrong.json().value("reason").toString().isEmpty());
    QVERIFY(wrong.json().contains("suggested_remedy"));
    const auto unknown = RawHttp::post(m_server->port(), "/api/v2/ping/logged", "{}", "ghost:ghost-password");
    QCOMPARE(unknown.status, 401);
    QCOMPARE(unknown.json().value("reason"), wrong.json().value("reason")); // an unknown user is not told apart
    // The unauthenticated ping answers anybody, as the reference's does.
    QCOMPARE(RawHttp::post(m_server->port(), "/api/v2/ping/", "{}", QString()).status, 200);
    // The data plane uses the same accounts.
    const auto data = RawHttp::headOnly(m_server->dataPort(), "GET /api/v2/data/1 HTTP/1.1\r\nHost: x\r\n\r\n");
    QCOMPARE(data.status, 401);
}

void TestAuth::levelsAreEnforced()
{
    QCOMPARE(m_cli.run({"ping", "nobody"}).exitCode, 4);
    QCOMPARE(m_cli.run({"ping", "reader"}).exitCode, 0);
    QCOMPARE(m_cli.run({"search-files", "callback"}).exitCode, 0); // CALLBACK >= READONLY
    const auto upload = m_cli.run({"upload", "reader", m_file, "denied.bin"});
    QCOMPARE(upload.exitCode, 4);
    QVERIFY2(upload.err.contains("READONLY") && upload.err.contains("READAPPEND"), describe(upload));
    QCOMPARE(m_cli.run({"upload", "callback", m_file, "denied.bin"}).exitCode, 4);
    const auto allowed = m_cli.run({"upload", "appender", m_file, "allowed.bin"});
    QVERIFY2(allowed.exitCode == 0, describe(allowed));

    const QList<QStringList> adminOnly{
        {"create-user", "appender", "--username", "x", "--password", "x-password", "--auth-level", "ADMIN"},
        {"delete-user", "appender", "--username", "reader"},
        {"delete-instance", "appender", "--id", "1", "--local"},
        {"add-librarian", "appender", "--name=p", "--url=http://127.0.0.1", "--port=1", "--authenticator=a:b",
         "--do-not-check-connection"},
        {"remove-librarian", "appender", "--name=p"},
        {"get-store-list", "appender"},
        {"get-librarian-list", "appender"}};
    for (const QStringList &args : adminOnly) {
        const auto r = m_cli.run(args);
        QVERIFY2(r.exitCode == 4, describe(r) + " for " + args.join(' ').toUtf8());
    }
    // Nothing of that happened.
    const auto search = m_cli.run({"search-files", "admin", "--json"});
    QCOMPARE(search.json().array().size(), 1);
    QCOMPARE(m_cli.run({"ping", "reader"}).exitCode, 0);
    const auto forbidden = RawHttp::post(m_server->port(), "/api/v2/users/create",
                                         R"({"username":"y","password":"y-password","permission":100})", "reader:reader-password");
    QCOMPARE(forbidden.status, 403);
    QVERIFY(forbidden.json().value("reason").toString().contains("ADMIN"));
}

void TestAuth::changePasswordAndUpdateUser()
{
    auto r = m_cli.run({"change-password", "reader", "--new-password", "fresh-password"});
    QVERIFY2(r.exitCode == 0, describe(r));
    QCOMPARE(m_cli.run({"ping", "reader"}).exitCode, 3); // the old one is refused
    m_cli.addConnection("reader", *m_server, "reader", "fresh-password");
    QCOMPARE(m_cli.run({"ping", "reader"}).exitCode, 0);
    r = m_cli.run({"change-password", "reader", "--new-password", "another-password", "--password", "not-current"});
    QCOMPARE(r.exitCode, 3);
    r = m_cli.run({"change-password", "reader", "--new-password", "short"});
    QCOMPARE(r.exitCode, 7);

    QCOMPARE(m_cli.run({"upload", "reader", m_file, "later.bin"}).exitCode, 4);
    r = m_cli.run({"update-user", "admin", "--username", "reader", "--auth-level", "READAPPEND"});
    QVERIFY2(r.exitCode == 0, describe(r));
    r = m_cli.run({"upload", "reader", m_file, "later.bin"});
    QVERIFY2(r.exitCode == 0, describe(r));
    QCOMPARE(m_cli.run({"update-user", "admin", "--username", "nobody-at-all", "--auth-level", "ADMIN"}).exitCode, 5);
    QCOMPARE(m_cli.run({"update-user", "admin", "--username", "reader", "--auth-level", "ROOT"}).exitCode, 2);
}

void TestAuth::deleteUserAndDuplicates()
{
    auto r = m_cli.run({"create-user", "admin", "--username", "callback", "--password", "other-password", "--auth-level",
                        "ADMIN"});
    QCOMPARE(r.exitCode, 6);
    QCOMPARE(m_cli.run({"ping", "callback"}).exitCode, 0); // unchanged
    QCOMPARE(m_cli.run({"get-store-list", "callback"}).exitCode, 4);
    r = m_cli.run({"delete-user", "admin", "--username", "callback"});
    QVERIFY2(r.exitCode == 0, describe(r));
    QCOMPARE(m_cli.run({"ping", "callback"}).exitCode, 3);
    QCOMPARE(m_cli.run({"delete-user", "admin", "--username", "callback"}).exitCode, 5);
}

QTEST_GUILESS_MAIN(TestAuth)
#include "tst_auth.moc"
