#include "Cli.h"
#include "TestLibrarian.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

// `librarian pair`: the seed's two-librarian procedure in one step.
class TestPair : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void pairsBothWays();
    void needsAdminOnBothAndLeavesNothingOnFailure();
};

void TestPair::pairsBothWays()
{
    TestLibrarian source("source_librarian"), destination("destination_librarian");
    for (auto *l : {&source, &destination}) {
        QCOMPARE(l->setup(), 0);
        QVERIFY(l->start());
    }
    Cli cli;
    cli.addConnection("source", source, "admin", source.adminPassword());
    cli.addConnection("destination", destination, "admin", destination.adminPassword());
    const auto r = cli.run({"pair", "source", "destination"});
    QVERIFY2(r.exitCode == 0, describe(r));
    QCOMPARE(r.out.count("ok: "), 4);
    for (const auto &[connection, peer] : {std::pair{"source", "destination_librarian"}, {"destination", "source_librarian"}}) {
        const auto list = cli.run({"get-librarian-list", connection, "--ping", "--json"});
        const QJsonArray librarians = list.json().object().value("librarians").toArray();
        QCOMPARE(librarians.size(), 1);
        QCOMPARE(librarians.first().toObject().value("name").toString(), QLatin1String(peer));
        QCOMPARE(librarians.first().toObject().value("available").toBool(), true);
    }
    // The accounts exist with the seed's levels: the destination's on the source is CALLBACK.
    const auto levels = cli.run({"update-user", "source", "--username", "destination_librarian", "--auth-level", "CALLBACK"});
    QCOMPARE(levels.exitCode, 0);
    QVERIFY(!r.out.contains("password")); // the generated passwords are never printed
    // Pairing again fails cleanly: the accounts exist.
    QCOMPARE(cli.run({"pair", "source", "destination"}).exitCode, 6);
}

void TestPair::needsAdminOnBothAndLeavesNothingOnFailure()
{
    TestLibrarian source("source_librarian"), destination("destination_librarian");
    for (auto *l : {&source, &destination}) {
        QCOMPARE(l->setup(), 0);
        QVERIFY(l->start());
    }
    Cli cli;
    cli.addConnection("source", source, "admin", source.adminPassword());
    cli.addConnection("destination", destination, "admin", destination.adminPassword());
    QCOMPARE(cli.run({"create-user", "destination", "--username", "reader", "--password", "reader-password", "--auth-level",
                      "READONLY"}).exitCode, 0);
    cli.addConnection("destination_reader", destination, "reader", "reader-password");
    auto r = cli.run({"pair", "source", "destination_reader"});
    QCOMPARE(r.exitCode, 4);
    // The destination already has an account named after the source: step 2 fails, step 1 is undone.
    QCOMPARE(cli.run({"create-user", "destination", "--username", "source_librarian", "--password", "taken-password",
                      "--auth-level", "READAPPEND"}).exitCode, 0);
    r = cli.run({"pair", "source", "destination"});
    QCOMPARE(r.exitCode, 6);
    QVERIFY2(r.err.contains("source_librarian"), describe(r));
    QCOMPARE(cli.run({"delete-user", "source", "--username", "destination_librarian"}).exitCode, 5); // rolled back
    QVERIFY(cli.run({"get-librarian-list", "source"}).out.contains("No librarians."));
}

QTEST_GUILESS_MAIN(TestPair)
#include "tst_pair.moc"
