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
    QCOMPARE(m_cli.linkPush(*m_site, *m_central), QString());
    QCOMPARE(m_cli.linkPush(*m_central, *m_mirror), QString());
}

void TestEventDriven::cleanupTestCase()
{
    m_site.reset();
    m_central.reset();
    m_mirror.reset();
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
