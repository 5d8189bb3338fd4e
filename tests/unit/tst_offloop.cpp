#include "concurrency/OffLoop.h"

#include <QTest>
#include <QTimer>
#include <QThread>
#include <atomic>
#include <optional>

using namespace librarian;

// runOffLoop: the work leaves the calling thread, the answer comes back to the context's thread,
// and never to a context that is gone.
class TestOffLoop : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void workRunsElsewhereAndAnswersOnTheContextThread();
    void aDestroyedContextGetsNoAnswer();
    void theLoopTurnsWhileWorkRuns();
    void aBoundedPoolQueuesWork();
};

void TestOffLoop::workRunsElsewhereAndAnswersOnTheContextThread()
{
    QObject context;
    QThread *workThread = nullptr;
    QThread *doneThread = nullptr;
    std::optional<int> result;
    runOffLoop(
        &context,
        [&] {
            workThread = QThread::currentThread();
            return 42;
        },
        [&](int value) {
            doneThread = QThread::currentThread();
            result = value;
        });
    QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), 5000);
    QCOMPARE(*result, 42);
    QVERIFY(workThread != QThread::currentThread());
    QCOMPARE(doneThread, QThread::currentThread());
}

void TestOffLoop::aDestroyedContextGetsNoAnswer()
{
    std::atomic<bool> release = false;
    std::atomic<bool> workDone = false;
    bool answered = false;
    auto *context = new QObject;
    runOffLoop(
        context,
        [&] {
            while (!release)
                QThread::msleep(1);
            workDone = true;
        },
        [&] { answered = true; });
    delete context;
    release = true;
    QTRY_VERIFY_WITH_TIMEOUT(workDone.load(), 5000);
    QVERIFY(QThreadPool::globalInstance()->waitForDone(5000));
    QCoreApplication::processEvents();
    QVERIFY(!answered);
}

void TestOffLoop::theLoopTurnsWhileWorkRuns()
{
    QObject context;
    std::atomic<bool> release = false;
    bool done = false;
    runOffLoop(
        &context,
        [&] {
            while (!release)
                QThread::msleep(1);
        },
        [&] { done = true; });
    // A timer on this loop fires while the work is still held: the loop was not blocked by it.
    bool ticked = false;
    QTimer::singleShot(10, &context, [&] {
        ticked = true;
        release = true;
    });
    QTRY_VERIFY_WITH_TIMEOUT(done, 5000);
    QVERIFY(ticked);
}

void TestOffLoop::aBoundedPoolQueuesWork()
{
    QThreadPool pool;
    pool.setMaxThreadCount(1);
    QObject context;
    std::atomic<int> running = 0;
    std::atomic<int> mostAtOnce = 0;
    int answered = 0;
    for (int i = 0; i < 4; ++i)
        runOffLoop(
            &context,
            [&] {
                mostAtOnce = std::max(mostAtOnce.load(), ++running);
                QThread::msleep(5);
                --running;
            },
            [&] { ++answered; }, &pool);
    QTRY_COMPARE_WITH_TIMEOUT(answered, 4, 5000);
    QCOMPARE(mostAtOnce.load(), 1);
}

QTEST_GUILESS_MAIN(TestOffLoop)
#include "tst_offloop.moc"
