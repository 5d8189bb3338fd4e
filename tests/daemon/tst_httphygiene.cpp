#include "ServerFixture.h"

#include <QElapsedTimer>
#include <QTcpSocket>
#include <QTest>

using namespace librarian;

namespace {
bool connected(QTcpSocket &socket)
{
    return QTest::qWaitFor([&] { return socket.state() == QAbstractSocket::ConnectedState; }, 5000);
}
} // namespace

// Our HTTP listeners (JSON API and data plane) refuse bad framing, never read a body they are
// going to refuse, and drop connections that idle or trickle.
class TestHttpHygiene : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void badFramingIsRefused_data();
    void badFramingIsRefused();
    void bodiesAreRefusedFromTheirHeads();
    void chunkedBodiesPastTheLimitAreRefused();
    void aBodyInASecondSegmentIsRead();
    void idleConnectionsAreClosed();
    void tricklingBodiesAreCutOff();

private:
    // Writes `request` (in pieces if given several) and reads one answer; its status, 0 if none.
    int exchange(quint16 port, const QList<QByteArray> &pieces, QByteArray *response = nullptr);
    QByteArray credentials() const;

    std::unique_ptr<ServerFixture> m_fixture;
};

void TestHttpHygiene::initTestCase()
{
    m_fixture = std::make_unique<ServerFixture>(QJsonObject{{"max_json_body_bytes", 4096},
                                                            {"http_idle_timeout_seconds", 1},
                                                            {"http_rate_window_seconds", 1},
                                                            {"http_min_body_bytes_per_second", 512}});
    QString error;
    QVERIFY2(m_fixture->start(&error), qPrintable(error));
}

QByteArray TestHttpHygiene::credentials() const
{
    return "Authorization: Basic " + ("admin:" + ServerFixture::adminPassword()).toUtf8().toBase64() + "\r\n";
}

int TestHttpHygiene::exchange(quint16 port, const QList<QByteArray> &pieces, QByteArray *response)
{
    // The server runs on this thread: wait by spinning the event loop, never by blocking.
    QTcpSocket socket;
    socket.connectToHost(QStringLiteral("127.0.0.1"), port);
    if (!connected(socket))
        return -1;
    for (const QByteArray &piece : pieces) {
        socket.write(piece);
        socket.flush();
        if (pieces.size() > 1)
            QTest::qWait(100); // a separate TCP segment, as a slow client sends it
    }
    QByteArray answer;
    const bool complete = QTest::qWaitFor(
        [&] {
            answer += socket.readAll();
            const qsizetype end = answer.indexOf("\r\n\r\n");
            if (end >= 0) {
                const int at = answer.toLower().indexOf("content-length: ");
                const qint64 length = at >= 0 ? answer.mid(at + 16, answer.indexOf('\r', at) - at - 16).toLongLong() : 0;
                if (answer.size() >= end + 4 + length)
                    return true;
            }
            return socket.state() != QAbstractSocket::ConnectedState && socket.bytesAvailable() == 0;
        },
        10000);
    if (!complete)
        qInfo() << "no complete answer within 10 s:" << answer.left(200);
    if (response)
        *response = answer;
    return answer.startsWith("HTTP/1.1 ") ? answer.mid(9, 3).toInt() : 0;
}

void TestHttpHygiene::badFramingIsRefused_data()
{
    QTest::addColumn<QByteArray>("head");
    const QByteArray ping = "POST /api/v2/ping/ HTTP/1.1\r\nHost: x\r\n";
    QTest::newRow("negative length") << ping + "Content-Length: -5\r\n\r\n";
    QTest::newRow("length abc") << ping + "Content-Length: abc\r\n\r\n";
    QTest::newRow("signed length") << ping + "Content-Length: +2\r\n\r\n{}";
    QTest::newRow("two lengths") << ping + "Content-Length: 2\r\nContent-Length: 7\r\n\r\n{}";
    QTest::newRow("length and chunked") << ping + "Content-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n{}";
    QTest::newRow("unknown encoding") << ping + "Transfer-Encoding: gzip\r\n\r\n";
    QTest::newRow("HTTP/9.9") << QByteArray("POST /api/v2/ping/ HTTP/9.9\r\nHost: x\r\n\r\n");
    QTest::newRow("no version") << QByteArray("POST /api/v2/ping/\r\n\r\n");
    QTest::newRow("folded header") << ping + "X-A: 1\r\n  folded\r\n\r\n";
    QTest::newRow("nameless header") << ping + ": value\r\n\r\n";
    QTest::newRow("space before colon") << ping + "Content-Length : 2\r\n\r\n{}";
    QTest::newRow("bare LF") << QByteArray("POST /api/v2/ping/ HTTP/1.1\nHost: x\n\n");
}

void TestHttpHygiene::badFramingIsRefused()
{
    QFETCH(QByteArray, head);
    QByteArray response;
    QCOMPARE(exchange(quint16(m_fixture->server().port()), {head}, &response), 400);
    QByteArray dataHead = head;
    dataHead.replace("/api/v2/ping/", "/api/v2/data/1?offset=0");
    QCOMPARE(exchange(quint16(m_fixture->server().dataPort()), {dataHead}, &response), 400);
}

void TestHttpHygiene::bodiesAreRefusedFromTheirHeads()
{
    const quint16 port = quint16(m_fixture->server().port());
    // Over the limit: refused before a byte of the body is sent.
    QCOMPARE(exchange(port, {"POST /api/v2/upload/stage HTTP/1.1\r\nHost: x\r\n" + credentials()
                             + "Content-Length: 1073741824\r\n\r\n"}),
             413);
    // Under the limit but without credentials: refused without reading the body either.
    QCOMPARE(exchange(port, {"POST /api/v2/upload/stage HTTP/1.1\r\nHost: x\r\nContent-Length: 4000\r\n\r\n"}), 401);
    QCOMPARE(exchange(port, {"POST /api/v2/upload/stage HTTP/1.1\r\nHost: x\r\n"
                             "Authorization: Basic " + QByteArray("admin:wrong").toBase64() + "\r\n"
                             "Content-Length: 4000\r\n\r\n"}),
             401);
}

void TestHttpHygiene::chunkedBodiesPastTheLimitAreRefused()
{
    const quint16 port = quint16(m_fixture->server().port());
    const QByteArray head = "POST /api/v2/ping/logged HTTP/1.1\r\nHost: x\r\n" + credentials()
        + "Transfer-Encoding: chunked\r\n\r\n";
    QByteArray response;
    QCOMPARE(exchange(port, {head + "2\r\n{}\r\n0\r\n\r\n"}, &response), 200);
    const QByteArray piece(3000, ' ');
    QCOMPARE(exchange(port, {head + "bb8\r\n" + piece + "\r\nbb8\r\n" + piece + "\r\n0\r\n\r\n"}), 413);
    QCOMPARE(exchange(port, {head + "zz\r\n{}\r\n0\r\n\r\n"}), 400);
}

void TestHttpHygiene::aBodyInASecondSegmentIsRead()
{
    const quint16 port = quint16(m_fixture->server().port());
    const QByteArray head = "POST /api/v2/ping/logged HTTP/1.1\r\nHost: x\r\n" + credentials() + "Content-Length: 2\r\n\r\n";
    for (int i = 0; i < 5; ++i)
        QCOMPARE(exchange(port, {head, "{}"}), 200);
}

void TestHttpHygiene::idleConnectionsAreClosed()
{
    for (int port : {m_fixture->server().port(), m_fixture->server().dataPort()}) {
        QTcpSocket socket;
        socket.connectToHost(QStringLiteral("127.0.0.1"), quint16(port));
        QVERIFY(connected(socket));
        // Half a head: the server lets go within its timeouts (1 s here).
        socket.write("POST /api/v2/ping/ HTTP/1.1\r\n");
        QTRY_COMPARE_WITH_TIMEOUT(socket.state(), QAbstractSocket::UnconnectedState, 45000);
    }
    for (int port : {m_fixture->server().port(), m_fixture->server().dataPort()}) {
        // A head line trickled a byte at a time, never finished: cut off all the same.
        QTcpSocket socket;
        socket.connectToHost(QStringLiteral("127.0.0.1"), quint16(port));
        QVERIFY(connected(socket));
        QElapsedTimer clock;
        clock.start();
        while (socket.state() == QAbstractSocket::ConnectedState && clock.elapsed() < 20000) {
            socket.write("a");
            socket.flush();
            QTest::qWait(50);
        }
        QCOMPARE(socket.state(), QAbstractSocket::UnconnectedState);
        QVERIFY2(clock.elapsed() < 10000, qPrintable(QString::number(clock.elapsed())));
    }
}

void TestHttpHygiene::tricklingBodiesAreCutOff()
{
    QTcpSocket socket;
    socket.connectToHost(QStringLiteral("127.0.0.1"), quint16(m_fixture->server().port()));
    QVERIFY(connected(socket));
    socket.write("POST /api/v2/ping/logged HTTP/1.1\r\nHost: x\r\n" + credentials() + "Content-Length: 4000\r\n\r\n");
    // One byte every 50 ms, far under 512 bytes a second: cut off after a window or two.
    QElapsedTimer clock;
    clock.start();
    while (socket.state() == QAbstractSocket::ConnectedState && clock.elapsed() < 20000) {
        socket.write(" ");
        socket.flush();
        QTest::qWait(50);
    }
    QCOMPARE(socket.state(), QAbstractSocket::UnconnectedState);
    QVERIFY2(clock.elapsed() < 10000, qPrintable(QString::number(clock.elapsed())));
}

QTEST_GUILESS_MAIN(TestHttpHygiene)
#include "tst_httphygiene.moc"
