#include "OngoingMarks.h"
#include "ServerFixture.h"
#include "client/BatchSender.h"
#include "db/IncomingTransfers.h"

#include <QElapsedTimer>
#include <QFile>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTest>

using namespace librarian;

// Transfers whose bytes arrived become ONGOING, many in one transaction rather than one per PUT,
// and none is forgotten when the server stops.
class TestOngoingMarks : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void marksOfOneMomentAreOneWrite();
    void pendingMarksAreWrittenWhenDestroyed();
    void onlyInitiatedTransfersChange();
    void putTransfersBecomeOngoingInFewTransactions();
    void stoppingTheServerWritesPendingMarks();

private:
    // Stages `count` files of 16 KiB (their transfers' ids into `ids`), to be sent by send().
    QList<BatchSender::File> stage(ServerFixture &fixture, int count, QList<qint64> *ids);
    // Sends their bytes, several at once, as a push does.
    Status send(ServerFixture &fixture, const QList<BatchSender::File> &files);
    QTemporaryDir m_dir;
};

void TestOngoingMarks::marksOfOneMomentAreOneWrite()
{
    QList<QList<qint64>> writes;
    OngoingMarks marks([&](const QList<qint64> &ids) {
        writes.append(ids);
        return Status(Ok{});
    });
    for (qint64 id = 1; id <= 100; ++id)
        marks.mark(id);
    marks.mark(7); // a transfer's second PUT before the write
    QVERIFY(writes.isEmpty()); // nothing written from inside a PUT
    QTRY_COMPARE(writes.size(), 1);
    QList<qint64> written = writes.first();
    std::sort(written.begin(), written.end());
    QCOMPARE(written.size(), 100);
    QCOMPARE(written.first(), 1);
    QCOMPARE(written.last(), 100);
    QCOMPARE(marks.transactions(), 1);
    QCOMPARE(marks.pending(), 0);
    // A later mark is a later write.
    marks.mark(101);
    QTRY_COMPARE(writes.size(), 2);
    QCOMPARE(writes.last(), QList<qint64>{101});
}

void TestOngoingMarks::pendingMarksAreWrittenWhenDestroyed()
{
    QList<qint64> written;
    {
        OngoingMarks marks([&](const QList<qint64> &ids) {
            written += ids;
            return Status(Ok{});
        });
        marks.mark(5);
        marks.mark(6);
    }
    std::sort(written.begin(), written.end());
    QCOMPARE(written, (QList<qint64>{5, 6}));
}

QList<BatchSender::File> TestOngoingMarks::stage(ServerFixture &fixture, int count, QList<qint64> *ids)
{
    QList<BatchSender::File> files;
    for (int i = 0; i < count; ++i) {
        const QByteArray bytes(16 * 1024, char('a' + i % 26));
        auto staged = fixture.stage(QStringLiteral("marks/f%1.bin").arg(i), bytes);
        if (!staged)
            qFatal("cannot stage: %s", qPrintable(staged.error().reason));
        const QString local = m_dir.filePath(QStringLiteral("f%1").arg(staged->transferId));
        QFile f(local);
        if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size())
            qFatal("cannot write %s", qPrintable(local));
        files.append(BatchSender::File{local, bytes.size(), staged->http, std::nullopt, 0});
        ids->append(staged->transferId);
    }
    return files;
}

Status TestOngoingMarks::send(ServerFixture &fixture, const QList<BatchSender::File> &files)
{
    LibrarianClient client(fixture.connection());
    BatchSender sender(&client, files);
    std::optional<Status> result;
    connect(&sender, &BatchSender::finished, this, [&](const Status &s) { result = s; });
    sender.start();
    if (!QTest::qWaitFor([&] { return result.has_value(); }, 30000))
        return ApiError::internal(QStringLiteral("not sent within 30 s"));
    return *result;
}

TransferStatus statusIn(LibrarianServer &server, qint64 id)
{
    auto db = server.database().connection();
    auto t = db ? IncomingTransfers(*db).find(id) : Result<IncomingTransfer>(db.error());
    return t ? t->status : TransferStatus::Failed;
}

void TestOngoingMarks::onlyInitiatedTransfersChange()
{
    ServerFixture fixture;
    QString error;
    QVERIFY2(fixture.start(&error), qPrintable(error));
    QList<qint64> ids;
    for (int i = 0; i < 70; ++i) { // more than one statement's worth of ids
        auto staged = fixture.stage(QStringLiteral("only/f%1").arg(i), QByteArray(10, 'x'));
        QVERIFY(staged);
        ids.append(staged->transferId);
    }
    auto db = fixture.server().database().connection();
    QVERIFY(db);
    IncomingTransfers incoming(*db);
    auto cancelled = incoming.find(ids[3]);
    QVERIFY(cancelled);
    cancelled->status = TransferStatus::Cancelled;
    QVERIFY(incoming.update(*cancelled));
    auto marked = incoming.markOngoing(ids);
    QVERIFY(marked);
    QCOMPARE(*marked, 69);
    QCOMPARE(statusIn(fixture.server(), ids[3]), TransferStatus::Cancelled);
    QCOMPARE(statusIn(fixture.server(), ids[69]), TransferStatus::Ongoing);
    QCOMPARE(*incoming.markOngoing(ids), 0); // nothing INITIATED is left
}

void TestOngoingMarks::putTransfersBecomeOngoingInFewTransactions()
{
    ServerFixture fixture;
    QString error;
    QVERIFY2(fixture.start(&error), qPrintable(error));
    OngoingMarks *marks = fixture.server().ongoingMarks();
    QVERIFY(marks);
    QList<qint64> ids;
    const auto files = stage(fixture, 40, &ids);
    const int before = marks->transactions();
    QElapsedTimer clock;
    clock.start();
    const Status sent = send(fixture, files);
    QVERIFY2(sent, sent ? "" : qPrintable(sent.error().reason));
    const qint64 sendingMs = clock.elapsed();
    for (qint64 id : ids)
        QTRY_COMPARE(statusIn(fixture.server(), id), TransferStatus::Ongoing);
    // Writes are at least kDelayMs apart. One per PUT would be 40 within a few dozen ms.
    const int transactions = marks->transactions() - before;
    QVERIFY2(transactions >= 1 && transactions <= 1 + clock.elapsed() / OngoingMarks::kDelayMs,
             qPrintable(QStringLiteral("%1 transactions for %2 PUTs in %3 ms (sent in %4 ms)")
                            .arg(transactions)
                            .arg(ids.size())
                            .arg(clock.elapsed())
                            .arg(sendingMs)));
}

void TestOngoingMarks::stoppingTheServerWritesPendingMarks()
{
    ServerFixture fixture;
    QString error;
    QVERIFY2(fixture.start(&error), qPrintable(error));
    QList<qint64> ids;
    stage(fixture, 3, &ids);
    // Marked as the data plane marks them, and the server stopped at once, before the marks' timer
    // could fire: they are written on the way out.
    for (qint64 id : ids)
        fixture.server().ongoingMarks()->mark(id);
    QCOMPARE(fixture.server().ongoingMarks()->pending(), 3);
    fixture.stop();
    int ongoing = 0;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("inspect"));
        db.setDatabaseName(fixture.catalogue());
        QVERIFY(db.open());
        QSqlQuery q(db);
        QVERIFY(q.exec(QStringLiteral("SELECT COUNT(*) FROM incoming_transfers WHERE status = 'ONGOING'")));
        QVERIFY(q.next());
        ongoing = q.value(0).toInt();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("inspect"));
    QCOMPARE(ongoing, ids.size());
}

QTEST_GUILESS_MAIN(TestOngoingMarks)
#include "tst_ongoingmarks.moc"
