#include "Cli.h"
#include "TestLibrarian.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTest>

// The seed's two-librarian example (Connections.rst), provisioned with the real CLI exactly as
// the documentation shows it.
class TestProvisioning : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void seedExampleConnectsBothWays();
    void transferSwitch();
    void wrongAuthenticatorIsRefusedUnlessNotChecked();
    void authenticatorIsNeverShownNorStoredInClear();
    void removeAndUnknownNames();
    void cleanupTestCase();

private:
    QJsonArray librarians(const QString &connection, bool ping);

    std::unique_ptr<TestLibrarian> m_source;
    std::unique_ptr<TestLibrarian> m_destination;
    Cli m_cli;
    const QString m_sourcePassword = QStringLiteral("source-librarian-secret:with-colon");
    const QString m_destinationPassword = QStringLiteral("destination-librarian-secret");
};

void TestProvisioning::initTestCase()
{
    m_source = std::make_unique<TestLibrarian>(QStringLiteral("source_librarian"));
    m_destination = std::make_unique<TestLibrarian>(QStringLiteral("destination_librarian"));
    for (auto *s : {m_source.get(), m_destination.get()}) {
        QCOMPARE(s->setup(), 0);
        QVERIFY(s->start());
    }
    m_cli.addConnection(QStringLiteral("source"), *m_source, QStringLiteral("admin"), m_source->adminPassword());
    m_cli.addConnection(QStringLiteral("destination"), *m_destination, QStringLiteral("admin"),
                        m_destination->adminPassword());

    // On the source librarian, an account for the destination with Callback privileges.
    auto r = m_cli.run({"create-user", "source", "--username", "destination_librarian", "--password",
                        m_destinationPassword, "--auth-level", "CALLBACK"});
    QVERIFY2(r.exitCode == 0, describe(r));
    // On the destination librarian, an account for the source with ReadAppend privileges.
    r = m_cli.run({"create-user", "destination", "--username", "source_librarian", "--password", m_sourcePassword,
                   "--auth-level", "READAPPEND"});
    QVERIFY2(r.exitCode == 0, describe(r));
}

QJsonArray TestProvisioning::librarians(const QString &connection, bool ping)
{
    QStringList args{"get-librarian-list", connection, "--json"};
    if (ping)
        args << "--ping";
    const auto r = m_cli.run(args);
    if (r.exitCode != 0)
        qWarning() << describe(r);
    return r.json().object().value("librarians").toArray();
}

void TestProvisioning::seedExampleConnectsBothWays()
{
    auto r = m_cli.run({"add-librarian", "source", "--name=destination_librarian", "--url=http://127.0.0.1",
                        QStringLiteral("--port=%1").arg(m_destination->port()),
                        "--authenticator=source_librarian:" + m_sourcePassword});
    QVERIFY2(r.exitCode == 0, describe(r));
    QVERIFY(r.out.contains("Librarian destination_librarian added."));
    QVERIFY(!(r.out + r.err).contains(m_sourcePassword));
    r = m_cli.run({"add-librarian", "destination", "--name=source_librarian", "--url=http://127.0.0.1",
                   QStringLiteral("--port=%1").arg(m_source->port()),
                   "--authenticator=destination_librarian:" + m_destinationPassword});
    QVERIFY2(r.exitCode == 0, describe(r));
    QVERIFY(!(r.out + r.err).contains(m_destinationPassword));

    for (const auto &[connection, peer] : {std::pair{"source", "destination_librarian"}, {"destination", "source_librarian"}}) {
        const QJsonArray list = librarians(QLatin1String(connection), true);
        QCOMPARE(list.size(), 1);
        const QJsonObject entry = list.first().toObject();
        QCOMPARE(entry.value("name").toString(), QLatin1String(peer));
        QCOMPARE(entry.value("available").toBool(), true);
        QCOMPARE(entry.value("enabled").toBool(), true);
        // Without --ping nobody is asked: availability unknown.
        QVERIFY(librarians(QLatin1String(connection), false).first().toObject().value("available").isNull());
    }
    const auto text = m_cli.run({"get-librarian-list", "source", "--ping"});
    QVERIFY2(text.out.contains(QStringLiteral("destination_librarian (http://127.0.0.1:%1) - Available - Enabled")
                                   .arg(m_destination->port())),
             describe(text));
}

void TestProvisioning::transferSwitch()
{
    auto r = m_cli.run({"set-librarian-transfer", "source", "--name=destination_librarian", "--disabled"});
    QVERIFY2(r.exitCode == 0, describe(r));
    QCOMPARE(librarians("source", false).first().toObject().value("enabled").toBool(), false);
    r = m_cli.run({"set-librarian-transfer", "source", "--name=destination_librarian", "--enabled"});
    QVERIFY2(r.exitCode == 0, describe(r));
    QCOMPARE(librarians("source", false).first().toObject().value("enabled").toBool(), true);
    r = m_cli.run({"set-librarian-transfer", "source", "--name=destination_librarian"});
    QCOMPARE(r.exitCode, 2); // one of --enabled/--disabled is required
    r = m_cli.run({"set-librarian-transfer", "source", "--name=nobody", "--enabled"});
    QCOMPARE(r.exitCode, 5);
}

void TestProvisioning::wrongAuthenticatorIsRefusedUnlessNotChecked()
{
    auto r = m_cli.run({"add-librarian", "source", "--name=impostor", "--url=http://127.0.0.1",
                        QStringLiteral("--port=%1").arg(m_destination->port()), "--authenticator=source_librarian:wrong-pw-7d1c"});
    QCOMPARE(r.exitCode, 9);
    QVERIFY2(r.err.contains("impostor"), describe(r));
    QVERIFY2(!(r.out + r.err).contains("wrong-pw-7d1c"), describe(r)); // not even when it is wrong
    QCOMPARE(librarians("source", false).size(), 1);

    // A peer that is down, registered anyway.
    r = m_cli.run({"add-librarian", "source", "--name=later", "--url=http://127.0.0.1", "--port=1",
                   "--authenticator=source_librarian:whatever", "--do-not-check-connection"});
    QVERIFY2(r.exitCode == 0, describe(r));
    QCOMPARE(librarians("source", false).size(), 2);
    const QJsonArray pinged = librarians("source", true);
    for (const QJsonValue &v : pinged)
        QCOMPARE(v.toObject().value("available").toBool(), v.toObject().value("name").toString() != "later");

    r = m_cli.run({"add-librarian", "source", "--name=later", "--url=http://127.0.0.1", "--port=1",
                   "--authenticator=a:b", "--do-not-check-connection"});
    QCOMPARE(r.exitCode, 6); // duplicate name
    r = m_cli.run({"add-librarian", "source", "--name=x", "--url=http://127.0.0.1:80", "--port=1",
                   "--authenticator=a:b"});
    QCOMPARE(r.exitCode, 2); // a port in the url
}

void TestProvisioning::authenticatorIsNeverShownNorStoredInClear()
{
    for (const QString &connection : {QStringLiteral("source"), QStringLiteral("destination")}) {
        const auto r = m_cli.run({"get-librarian-list", connection, "--ping", "--json"});
        QVERIFY(!r.out.contains(m_sourcePassword) && !r.out.contains(m_destinationPassword));
        QVERIFY(!r.out.contains("authenticator"));
    }
    QVERIFY(!m_source->serverOutput().contains(m_sourcePassword));
    {
        QSqlDatabase db = QSqlDatabase::addDatabase("QSQLITE", "inspect");
        db.setDatabaseName(m_source->dbPath());
        db.setConnectOptions("QSQLITE_OPEN_READONLY");
        QVERIFY(db.open());
        QSqlQuery q(db);
        QVERIFY(q.exec("SELECT authenticator FROM librarians WHERE name = 'destination_librarian'"));
        QVERIFY(q.next());
        const QString stored = q.value(0).toString();
        QVERIFY(!stored.isEmpty());
        QVERIFY(!stored.contains(m_sourcePassword));
        QVERIFY(!stored.contains("source_librarian"));
        QVERIFY(!QByteArray::fromBase64(stored.toLatin1()).contains(m_sourcePassword.toUtf8()));
    }
    QSqlDatabase::removeDatabase("inspect");
}

void TestProvisioning::removeAndUnknownNames()
{
    auto r = m_cli.run({"remove-librarian", "source", "--name=later"});
    QVERIFY2(r.exitCode == 0, describe(r));
    QVERIFY(r.out.contains("Librarian later removed."));
    QCOMPARE(librarians("source", false).size(), 1);
    r = m_cli.run({"remove-librarian", "source", "--name=later"});
    QCOMPARE(r.exitCode, 5);
    QVERIFY2(r.err.contains("later"), describe(r));
}

void TestProvisioning::cleanupTestCase()
{
    m_source.reset();
    m_destination.reset();
}

QTEST_GUILESS_MAIN(TestProvisioning)
#include "tst_provisioning.moc"
