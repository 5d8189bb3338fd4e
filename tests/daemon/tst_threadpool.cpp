#include "ServerFixture.h"
#include "model/Routes.h"

#include <QTest>
#include <QThreadPool>

using namespace librarian;

// Work that leaves the event loop (commits, validation, add_file) runs on the global pool, whose
// idle threads expire; the threads started for the next burst must get working connections.
class TestThreadPool : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void burstIdleBurstKeepsCommitting();
};

void TestThreadPool::burstIdleBurstKeepsCommitting()
{
    QThreadPool::globalInstance()->setExpiryTimeout(1);
    ServerFixture fixture;
    QString error;
    QVERIFY2(fixture.start(&error), qPrintable(error));
    for (int burst = 0; burst < 4; ++burst) {
        for (int i = 0; i < 3; ++i) {
            const QString name = QStringLiteral("burst%1/file%2.dat").arg(burst).arg(i);
            auto committed = fixture.upload(name, QByteArray(1000 + i, char('a' + burst)));
            QVERIFY2(committed.ok(), qPrintable(name + QStringLiteral(": ") + (committed ? QString() : committed.error().reason)));
        }
        // Idle past the expiry: the pool's threads end and the next burst starts new ones.
        QTRY_COMPARE_WITH_TIMEOUT(QThreadPool::globalInstance()->activeThreadCount(), 0, 5000);
        QTest::qWait(20);
    }
}

QTEST_GUILESS_MAIN(TestThreadPool)
#include "tst_threadpool.moc"
