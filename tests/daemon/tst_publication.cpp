#include "ServerFixture.h"
#include "db/IncomingTransfers.h"
#include "model/Routes.h"
#include "model/messages/UploadMessages.h"
#include "storage/StagingClaims.h"

#include <QFile>
#include <QTcpSocket>
#include <QTest>

using namespace librarian;

// After a commit no byte may reach a published file, and a transfer is committed once.
class TestPublication : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void commitIsRefusedWhileAPutIsOpen();
    void concurrentCommitsOfOneTransferHaveOneWinner();
    void putAfterCommitIsRefused();

private:
    UploadStageResponse stage(const QString &name, const QByteArray &bytes);
    QByteArray rawHead(const UploadStageResponse &staged, qint64 length) const;
    TransferStatus statusOf(qint64 transferId);

    std::unique_ptr<ServerFixture> m_fixture;
};

void TestPublication::init()
{
    m_fixture = std::make_unique<ServerFixture>();
    QString error;
    QVERIFY2(m_fixture->start(&error), qPrintable(error));
}

UploadStageResponse TestPublication::stage(const QString &name, const QByteArray &bytes)
{
    auto staged = m_fixture->stage(name, bytes);
    if (!staged)
        qFatal("stage failed: %s", qPrintable(staged.error().reason));
    return *staged;
}

QByteArray TestPublication::rawHead(const UploadStageResponse &staged, qint64 length) const
{
    const QByteArray credentials = ("admin:" + ServerFixture::adminPassword()).toUtf8().toBase64();
    return "PUT " + staged.http.path.toLatin1() + "?offset=0 HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Basic "
        + credentials + "\r\nContent-Length: " + QByteArray::number(length) + "\r\n\r\n";
}

TransferStatus TestPublication::statusOf(qint64 transferId)
{
    auto db = m_fixture->server().database().connection();
    return IncomingTransfers(*db).find(transferId)->status;
}

void TestPublication::commitIsRefusedWhileAPutIsOpen()
{
    const QByteArray original(64 * 1024, 'o');
    const QByteArray other(64 * 1024, 'x');
    const auto staged = stage(QStringLiteral("obs/open-put.dat"), original);
    QVERIFY(m_fixture->put(staged, original).ok());

    // A second PUT of the whole file: its head and the first bytes of its body are in.
    QTcpSocket socket;
    socket.connectToHost(QStringLiteral("127.0.0.1"), quint16(staged.http.dataPort));
    QTRY_COMPARE_WITH_TIMEOUT(socket.state(), QAbstractSocket::ConnectedState, 5000);
    socket.write(rawHead(staged, other.size()) + other.left(1024));
    QTRY_COMPARE_WITH_TIMEOUT(StagingClaims::instance().writers(staged.stagingLocation), 1, 10000);

    auto refused = m_fixture->commit(staged);
    QVERIFY2(!refused, "the commit went through while a PUT was still writing into the staged file");
    QCOMPARE(refused.error().kind, ErrorKind::Conflict);

    // The PUT finishes into staging, never into the store.
    socket.write(other.mid(1024));
    QTRY_VERIFY_WITH_TIMEOUT(socket.bytesAvailable() > 0, 10000);
    QVERIFY(socket.readAll().startsWith("HTTP/1.1 200"));
    QVERIFY(!QFile::exists(m_fixture->storePath() + QStringLiteral("/obs/open-put.dat")));
    // Those bytes are not the staged file's: the commit finds out and publishes nothing.
    auto mismatch = m_fixture->commit(staged);
    QVERIFY(!mismatch);
    QCOMPARE(mismatch.error().kind, ErrorKind::NotAcceptable);
    QVERIFY(!QFile::exists(m_fixture->storePath() + QStringLiteral("/obs/open-put.dat")));
}

void TestPublication::concurrentCommitsOfOneTransferHaveOneWinner()
{
    for (int round = 0; round < 5; ++round) {
        const QByteArray bytes(256 * 1024 + round, char('a' + round));
        const auto staged = stage(QStringLiteral("obs/race%1.dat").arg(round), bytes);
        QVERIFY(m_fixture->put(staged, bytes).ok());
        UploadCommitRequest request;
        request.transferId = staged.transferId;
        request.destinationLocation = staged.destinationLocation;
        std::vector<std::unique_ptr<LibrarianClient>> clients;
        int answered = 0, won = 0, lost = 0;
        QStringList unexpected;
        for (int i = 0; i < 5; ++i) {
            clients.push_back(std::make_unique<LibrarianClient>(m_fixture->connection()));
            clients.back()->post(routes::kUploadCommit, request.toJson(), [&](Result<QJsonValue> r) {
                ++answered;
                if (r)
                    ++won;
                else if (r.error().kind == ErrorKind::Conflict || r.error().kind == ErrorKind::NotAcceptable)
                    ++lost;
                else
                    unexpected << r.error().reason;
            });
        }
        QTRY_COMPARE_WITH_TIMEOUT(answered, 5, 30000);
        QVERIFY2(unexpected.isEmpty(), qPrintable(unexpected.join(QLatin1Char('\n'))));
        QCOMPARE(won, 1);
        QCOMPARE(lost, 4);
        QCOMPARE(statusOf(staged.transferId), TransferStatus::Completed);
        QFile published(m_fixture->storePath() + QStringLiteral("/obs/race%1.dat").arg(round));
        QVERIFY(published.open(QIODevice::ReadOnly));
        QCOMPARE(published.readAll(), bytes);
    }
}

void TestPublication::putAfterCommitIsRefused()
{
    const QByteArray bytes(32 * 1024, 'p');
    const auto staged = stage(QStringLiteral("obs/late-put.dat"), bytes);
    QVERIFY(m_fixture->put(staged, bytes).ok());
    QVERIFY(m_fixture->commit(staged).ok());
    auto late = m_fixture->put(staged, QByteArray(bytes.size(), 'L'));
    QVERIFY(!late);
    QCOMPARE(late.error().kind, ErrorKind::Conflict);
    QFile published(m_fixture->storePath() + QStringLiteral("/obs/late-put.dat"));
    QVERIFY(published.open(QIODevice::ReadOnly));
    QCOMPARE(published.readAll(), bytes);
}

QTEST_GUILESS_MAIN(TestPublication)
#include "tst_publication.moc"
