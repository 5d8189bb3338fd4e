#include "Cli.h"
#include "TestLibrarian.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

// The steps of a push start each other: with every task's timer at an hour (each runs once at
// start, with nothing to do), files uploaded afterwards still travel down a waterfall of three
// librarians and are confirmed back, so nothing waited for a tick.
class TestEventDriven : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void pushRunsWithoutTicks();
    void enablingAPeerSendsWhatWaited();

private:
    void uploadFiles(const QString &prefix);
    // `from` pushes to `to`: an account for it there, one for `to`'s callbacks here, each registered.
    void link(TestLibrarian &from, TestLibrarian &to);
    int filesAt(const TestLibrarian &librarian);
    int completedFrom(const TestLibrarian &librarian);

    std::unique_ptr<TestLibrarian> m_site, m_central, m_mirror;
    Cli m_cli;
    QTemporaryDir m_dir;
};

static constexpr int kFiles = 5;
static const QString kHour = QStringLiteral("01:00:00");

void TestEventDriven::initTestCase()
{
    m_site = std::make_unique<TestLibrarian>("site_librarian");
    m_site->set("background", TestLibrarian::transferTasks({"central_librarian"}, kHour));
    m_central = std::make_unique<TestLibrarian>("central_librarian");
    m_central->set("background", TestLibrarian::transferTasks({"mirror_librarian"}, kHour));
    m_mirror = std::make_unique<TestLibrarian>("mirror_librarian");
    m_mirror->set("background", TestLibrarian::transferTasks({}, kHour));
    for (auto *l : {m_site.get(), m_central.get(), m_mirror.get()}) {
        QCOMPARE(l->setup(), 0);
        QVERIFY(l->start());
        m_cli.addConnection(l->name(), *l, "admin", l->adminPassword());
    }
    link(*m_site, *m_central);
    link(*m_central, *m_mirror);
}

void TestEventDriven::cleanupTestCase()
{
    m_site.reset();
    m_central.reset();
    m_mirror.reset();
}

void TestEventDriven::link(TestLibrarian &from, TestLibrarian &to)
{
    const QString pushes = from.name() + "-pushes", callsBack = to.name() + "-calls-back";
    QCOMPARE(m_cli.run({"create-user", to.name(), "--username", from.name(), "--password", pushes, "--auth-level", "READAPPEND"}).exitCode, 0);
    QCOMPARE(m_cli.run({"create-user", from.name(), "--username", to.name(), "--password", callsBack, "--auth-level", "CALLBACK"}).exitCode, 0);
    QCOMPARE(m_cli.run({"add-librarian", from.name(), "--name=" + to.name(), "--url=http://127.0.0.1",
                        QStringLiteral("--port=%1").arg(to.port()), "--authenticator=" + from.name() + ":" + pushes})
                 .exitCode,
             0);
    QCOMPARE(m_cli.run({"add-librarian", to.name(), "--name=" + from.name(), "--url=http://127.0.0.1",
                        QStringLiteral("--port=%1").arg(from.port()), "--authenticator=" + to.name() + ":" + callsBack})
                 .exitCode,
             0);
}

int TestEventDriven::filesAt(const TestLibrarian &librarian)
{
    const auto r = m_cli.run({"search-files", librarian.name(), "--json"});
    return r.exitCode == 0 ? int(r.json().array().size()) : 0;
}

int TestEventDriven::completedFrom(const TestLibrarian &librarian)
{
    const auto r = m_cli.run({"get-transfers", librarian.name(), "--status", "COMPLETED", "--json"});
    return int(r.json().object().value("outgoing").toArray().size());
}

void TestEventDriven::uploadFiles(const QString &prefix)
{
    for (int i = 0; i < kFiles; ++i) {
        const QString local = m_dir.filePath(QStringLiteral("%1%2.dat").arg(prefix).arg(i));
        QFile f(local);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArray(30000 + i, char('a' + i)));
        f.close();
        const auto r = m_cli.run({"upload", "site_librarian", local, QStringLiteral("%1/f%2.dat").arg(prefix).arg(i)});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    }
}

void TestEventDriven::pushRunsWithoutTicks()
{
    uploadFiles(QStringLiteral("events"));
    // Generous for a loaded machine, and still two orders of magnitude below the timers' hour.
    QTRY_COMPARE_WITH_TIMEOUT(filesAt(*m_mirror), kFiles, 60000);
    QTRY_COMPARE_WITH_TIMEOUT(completedFrom(*m_site), kFiles, 30000);
    QTRY_COMPARE_WITH_TIMEOUT(completedFrom(*m_central), kFiles, 30000);
}

// Files uploaded while pushing to a peer is disabled wait for it; enabling it again sends them
// without waiting for send_clone's next tick.
void TestEventDriven::enablingAPeerSendsWhatWaited()
{
    QCOMPARE(m_cli.run({"set-librarian-transfer", "site_librarian", "--name=central_librarian", "--disabled"}).exitCode, 0);
    uploadFiles(QStringLiteral("waited"));
    QCOMPARE(m_cli.run({"set-librarian-transfer", "site_librarian", "--name=central_librarian", "--enabled"}).exitCode, 0);
    QTRY_COMPARE_WITH_TIMEOUT(filesAt(*m_mirror), 2 * kFiles, 60000);
    QTRY_COMPARE_WITH_TIMEOUT(completedFrom(*m_site), 2 * kFiles, 30000);
}

QTEST_GUILESS_MAIN(TestEventDriven)
#include "tst_eventdriven.moc"
