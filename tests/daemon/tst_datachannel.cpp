#include "ServerFixture.h"
#include "client/ChunkSender.h"
#include "client/DataChannel.h"
#include "crypto/Hasher.h"

#include <QFile>
#include <QTcpServer>
#include <QTest>

using namespace librarian;

// The sender's side of the data plane: files after one another share one connection, a
// connection the server closed meanwhile is replaced without failing the request, a refusal
// from the head alone comes back as it is, and a damaged source is caught while it is read.
class TestDataChannel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void filesShareOneConnection();
    void connectionClosedByTheServerIsReplaced();
    void chunkRefusedFromItsHead();
    void nobodyListening();
    void damagedSourceIsCaughtWhileRead();

private:
    QString writeLocal(const QString &name, const QByteArray &bytes);
    Status send(LibrarianClient &client, const UploadStageResponse &staged, const QString &local, qint64 size,
                std::optional<Checksum> expected = std::nullopt);
    QByteArray stagedBytes(const UploadStageResponse &staged);

    std::unique_ptr<ServerFixture> m_fixture;
};

void TestDataChannel::init()
{
    // A 1 s idle timeout, so a kept-alive connection is closed by the server within the test.
    m_fixture = std::make_unique<ServerFixture>(QJsonObject{{"http_idle_timeout_seconds", 1}, {"max_chunk_bytes", 1 << 20}});
    QString error;
    QVERIFY2(m_fixture->start(&error), qPrintable(error));
}

QString TestDataChannel::writeLocal(const QString &name, const QByteArray &bytes)
{
    const QString path = m_fixture->dir() + QLatin1Char('/') + name;
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size())
        qFatal("cannot write %s", qPrintable(path));
    return path;
}

Status TestDataChannel::send(LibrarianClient &client, const UploadStageResponse &staged, const QString &local,
                             qint64 size, std::optional<Checksum> expected)
{
    ChunkSender sender(&client, local, size, staged.http);
    if (expected)
        sender.expectChecksum(*expected);
    std::optional<Status> result;
    connect(&sender, &ChunkSender::finished, this, [&](const Status &s) { result = s; });
    sender.start();
    if (!QTest::qWaitFor([&] { return result.has_value(); }, 30000))
        return ApiError::internal(QStringLiteral("no result within 30 s"));
    return *result;
}

QByteArray TestDataChannel::stagedBytes(const UploadStageResponse &staged)
{
    QFile f(staged.stagingLocation);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

void TestDataChannel::filesShareOneConnection()
{
    LibrarianClient client(m_fixture->connection());
    for (int i = 0; i < 3; ++i) {
        // 2.5 MiB: three chunks of at most max_chunk_bytes each.
        QByteArray bytes(5 * 512 * 1024, char('a' + i));
        bytes[12345] = 'z';
        auto staged = m_fixture->stage(QStringLiteral("share/f%1.bin").arg(i), bytes);
        QVERIFY(staged);
        const Status sent = send(client, *staged, writeLocal(QStringLiteral("f%1").arg(i), bytes), bytes.size());
        QVERIFY2(sent, sent ? "" : qPrintable(sent.error().reason));
        QCOMPARE(stagedBytes(*staged), bytes);
        QVERIFY(m_fixture->commit(*staged));
    }
    QCOMPARE(client.dataChannel(m_fixture->server().dataPort())->connectionsOpened(), 1);
}

void TestDataChannel::connectionClosedByTheServerIsReplaced()
{
    LibrarianClient client(m_fixture->connection());
    const QByteArray first(1000, 'x'), second(2000, 'y');
    auto one = m_fixture->stage(QStringLiteral("idle/one.bin"), first);
    auto two = m_fixture->stage(QStringLiteral("idle/two.bin"), second);
    QVERIFY(one && two);
    QVERIFY(send(client, *one, writeLocal("one", first), first.size()));
    DataChannel *channel = client.dataChannel(m_fixture->server().dataPort());
    QCOMPARE(channel->connectionsOpened(), 1);
    // Past the server's idle timeout: it has closed the connection (we may not have noticed yet).
    QTest::qWait(1500);
    // Straight on the channel, so no retry of ChunkSender's can hide a failed first attempt.
    std::optional<Result<QJsonValue>> answer;
    channel->put(two->http.path, 0, writeLocal("two", second), second.size(), [&](Result<QJsonValue> r) { answer = std::move(r); });
    QVERIFY(QTest::qWaitFor([&] { return answer.has_value(); }, 30000));
    QVERIFY2(*answer, *answer ? "" : qPrintable(answer->error().reason));
    QCOMPARE(stagedBytes(*two), second);
    QCOMPARE(channel->connectionsOpened(), 2);
}

void TestDataChannel::chunkRefusedFromItsHead()
{
    LibrarianClient client(m_fixture->connection());
    const QByteArray bytes(3 << 20, 'q');
    auto staged = m_fixture->stage(QStringLiteral("big/refused.bin"), bytes);
    QVERIFY(staged);
    DataChannel *channel = client.dataChannel(staged->http.dataPort);
    std::optional<Result<QJsonValue>> answer;
    // Over max_chunk_bytes (1 MiB): refused from the head, before the 3 MiB body went out.
    channel->put(staged->http.path, 0, writeLocal("refused", bytes), bytes.size(),
                 [&](Result<QJsonValue> r) { answer = std::move(r); });
    QVERIFY(QTest::qWaitFor([&] { return answer.has_value(); }, 30000));
    QVERIFY(!*answer);
    QCOMPARE(answer->error().kind, ErrorKind::PayloadTooLarge);
    // The connection was dropped (its framing is lost); the next request works on a new one.
    answer.reset();
    channel->get(staged->http.path, [&](Result<QJsonValue> r) { answer = std::move(r); });
    QVERIFY(QTest::qWaitFor([&] { return answer.has_value(); }, 30000));
    QVERIFY(*answer);
    QCOMPARE((*answer)->toObject().value("bytes_received").toInteger(), 0);
    QCOMPARE(channel->connectionsOpened(), 2);
}

void TestDataChannel::nobodyListening()
{
    QTcpServer probe;
    QVERIFY(probe.listen(QHostAddress::LocalHost));
    const int port = probe.serverPort();
    probe.close(); // a port nobody listens on
    LibrarianClient client(m_fixture->connection());
    std::optional<Result<QJsonValue>> answer;
    client.dataChannel(port)->get(QStringLiteral("/api/v2/data/1"), [&](Result<QJsonValue> r) { answer = std::move(r); });
    QVERIFY(QTest::qWaitFor([&] { return answer.has_value(); }, 30000));
    QVERIFY(!*answer);
    QCOMPARE(answer->error().kind, ErrorKind::Unavailable);
}

void TestDataChannel::damagedSourceIsCaughtWhileRead()
{
    LibrarianClient client(m_fixture->connection());
    const QByteArray bytes(100000, 'g');
    auto staged = m_fixture->stage(QStringLiteral("damaged/source.bin"), bytes);
    QVERIFY(staged);
    Hasher hasher(ChecksumAlgorithm::Xxh3);
    hasher.addData(bytes);
    QByteArray damaged = bytes;
    damaged[500] = 'X'; // the catalogue says `bytes`; this copy rotted
    const Status sent = send(client, *staged, writeLocal("damaged", damaged), damaged.size(), hasher.result());
    QVERIFY(!sent);
    QCOMPARE(sent.error().kind, ErrorKind::NotAcceptable);
    QVERIFY2(sent.error().reason.contains("does not match its checksum"), qPrintable(sent.error().reason));
    // The intact copy of the same file passes.
    auto again = m_fixture->stage(QStringLiteral("damaged/intact.bin"), bytes);
    QVERIFY(again);
    QVERIFY(send(client, *again, writeLocal("intact", bytes), bytes.size(), hasher.result()));
}

QTEST_GUILESS_MAIN(TestDataChannel)
#include "tst_datachannel.moc"
