#include "TempCatalogue.h"
#include "db/ErrorLog.h"

#include <QThread>
#include <atomic>

using namespace librarian;

class TestErrorLog : public QObject
{
    Q_OBJECT
private slots:
    void repeatedFailureIsOneError();
    void clearSaysWhatWasWrong();
    void clearingWhileAnotherConnectionWritesNeverSeesALock();
};

void TestErrorLog::repeatedFailureIsOneError()
{
    TempCatalogue catalogue;
    ErrorLog log(catalogue.connection());
    for (int i = 0; i < 3; ++i)
        QVERIFY(log.raise("error", "transfer", "it broke", "send_clone").ok());
    QCOMPARE(*log.countUnresolved(), 1);
}

void TestErrorLog::clearSaysWhatWasWrong()
{
    TempCatalogue catalogue;
    ErrorLog log(catalogue.connection());
    QVERIFY(log.raise("error", "transfer", "it broke", "send_clone").ok());
    const auto all = log.search(ErrorSearchRequest{}, 10);
    QVERIFY(all.ok());
    const qint64 id = all->first().id;
    const auto cleared = log.clear(id);
    QVERIFY(cleared.ok());
    QVERIFY(cleared->cleared);
    QVERIFY(cleared->clearedTime.isValid());
    QCOMPARE(cleared->message, QStringLiteral("it broke"));
    QCOMPARE(log.clear(id).error().kind, ErrorKind::BadRequest);
    QCOMPARE(log.clear(id + 1000).error().kind, ErrorKind::NotFound);
    QCOMPARE(*log.countUnresolved(), 0);
}

// A retrying task raises its error again and again while an operator clears errors (CI saw
// clear-error answer "The catalogue is busy"): clearing must queue behind the writer, not fail.
void TestErrorLog::clearingWhileAnotherConnectionWritesNeverSeesALock()
{
    TempCatalogue catalogue;
    constexpr int kErrors = 300;
    {
        ErrorLog log(catalogue.connection());
        for (int i = 0; i < kErrors; ++i)
            QVERIFY(log.raise("error", "transfer", QStringLiteral("failure %1").arg(i), "send_clone").ok());
    }
    std::atomic<bool> done = false;
    std::unique_ptr<QThread> writer(QThread::create([&] {
        ErrorLog log(*catalogue.database->connection());
        while (!done)
            (void)log.raise("error", "transfer", "it keeps failing", "send_clone");
    }));
    writer->start();
    ErrorLog log(catalogue.connection());
    const auto all = log.search(ErrorSearchRequest{.maxResults = kErrors + 10}, kErrors + 10);
    QVERIFY(all.ok());
    int failures = 0;
    QString lastError;
    for (const ErrorRecord &e : *all) {
        const auto cleared = log.clear(e.id);
        if (!cleared.ok() && cleared.error().kind != ErrorKind::BadRequest) {
            ++failures;
            lastError = cleared.error().reason;
        }
    }
    done = true;
    QVERIFY(writer->wait(60000));
    QVERIFY2(failures == 0, qPrintable(QStringLiteral("%1 of %2 failed, last: %3").arg(failures).arg(all->size()).arg(lastError)));
}

QTEST_GUILESS_MAIN(TestErrorLog)
#include "tst_errorlog.moc"
