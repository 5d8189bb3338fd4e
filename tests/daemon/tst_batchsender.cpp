#include "ServerFixture.h"
#include "client/BatchSender.h"
#include "crypto/Hasher.h"

#include <QFile>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

using namespace librarian;

namespace {

// A data plane that takes every PUT whole and answers only when the test says so: what is in
// flight, and over which connection, can be seen while it is in flight.
class HeldDataPlane : public QObject
{
public:
    struct Request
    {
        QTcpSocket *socket = nullptr;
        qint64 transferId = -1;
        qint64 end = 0; // offset + length
        bool answered = false;
    };

    HeldDataPlane()
    {
        m_server.listen(QHostAddress::LocalHost);
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = m_server.nextPendingConnection()) {
                ++m_connections;
                connect(socket, &QTcpSocket::readyRead, this, [this, socket] { read(socket); });
            }
        });
    }

    int port() const { return m_server.serverPort(); }
    int connections() const { return m_connections; }
    QList<Request> &requests() { return m_requests; }
    int unanswered() const
    {
        return int(std::count_if(m_requests.cbegin(), m_requests.cend(), [](const Request &r) { return !r.answered; }));
    }

    void answer(int index)
    {
        Request &r = m_requests[index];
        r.answered = true;
        const QByteArray body = QStringLiteral(R"({"transfer_id": %1, "bytes_received": %2, "transfer_size": %2})")
                                    .arg(r.transferId)
                                    .arg(r.end)
                                    .toUtf8();
        r.socket->write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                        + QByteArray::number(body.size()) + "\r\n\r\n" + body);
    }
    void answerAll()
    {
        for (int i = 0; i < m_requests.size(); ++i)
            if (!m_requests[i].answered)
                answer(i);
    }

private:
    void read(QTcpSocket *socket)
    {
        QByteArray &buffer = m_buffers[socket];
        buffer += socket->readAll();
        for (;;) {
            const qsizetype headEnd = buffer.indexOf("\r\n\r\n");
            if (headEnd < 0)
                return;
            const QByteArray head = buffer.left(headEnd);
            qint64 length = 0;
            for (const QByteArray &line : head.split('\n'))
                if (line.toLower().startsWith("content-length:"))
                    length = line.mid(15).trimmed().toLongLong();
            if (buffer.size() < headEnd + 4 + length)
                return; // the body is still coming
            // "PUT /api/v2/data/<id>?offset=<n> HTTP/1.1"
            const QByteArray target = head.left(head.indexOf('\r')).split(' ').value(1);
            const QByteArray path = target.left(target.indexOf('?'));
            Request r;
            r.socket = socket;
            r.transferId = path.mid(path.lastIndexOf('/') + 1).toLongLong();
            r.end = target.mid(target.indexOf("offset=") + 7).toLongLong() + length;
            m_requests.append(r);
            buffer.remove(0, headEnd + 4 + length);
        }
    }

    QTcpServer m_server;
    int m_connections = 0;
    QList<Request> m_requests;
    QHash<QTcpSocket *, QByteArray> m_buffers;
};

} // namespace

// A batch's small files go side by side, each over a connection of its own that the next file
// reuses; a big file goes alone; the first failure fails the batch once.
class TestBatchSender : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void smallFilesGoSideBySideOverReusedConnections();
    void bigFileGoesAlone();
    void batchLandsOnARealDataPlane();
    void oneFailedFileFailsTheBatch();

private:
    QString writeLocal(const QString &name, const QByteArray &bytes);
    QList<BatchSender::File> heldFiles(int port, const QList<qint64> &sizes);

    QTemporaryDir m_dir;
    std::unique_ptr<ServerFixture> m_fixture;
};

void TestBatchSender::init()
{
    m_fixture = std::make_unique<ServerFixture>();
    QString error;
    QVERIFY2(m_fixture->start(&error), qPrintable(error));
}

QString TestBatchSender::writeLocal(const QString &name, const QByteArray &bytes)
{
    const QString path = m_dir.filePath(name);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size())
        qFatal("cannot write %s", qPrintable(path));
    return path;
}

QList<BatchSender::File> TestBatchSender::heldFiles(int port, const QList<qint64> &sizes)
{
    QList<BatchSender::File> files;
    for (int i = 0; i < sizes.size(); ++i) {
        BatchSender::File f;
        f.localPath = writeLocal(QStringLiteral("held%1").arg(i), QByteArray(sizes[i], char('a' + i)));
        f.size = sizes[i];
        f.target = HttpDataTarget{port, QStringLiteral("/api/v2/data/%1").arg(i + 1), 1 << 20};
        f.knownHeld = 0;
        files.append(f);
    }
    return files;
}

void TestBatchSender::smallFilesGoSideBySideOverReusedConnections()
{
    HeldDataPlane plane;
    LibrarianClient client(m_fixture->connection());
    BatchSender sender(&client, heldFiles(plane.port(), QList<qint64>(10, 1000)));
    sender.setBundling(false); // bundles: tst_databundle
    int sent = 0;
    std::optional<Status> result;
    connect(&sender, &BatchSender::fileSent, this, [&] { ++sent; });
    connect(&sender, &BatchSender::finished, this, [&](const Status &s) { result = s; });
    sender.start();
    // Four files in flight at once, each over a connection of its own, and no fifth.
    QTRY_COMPARE(plane.requests().size(), BatchSender::kFilesInFlight);
    QCOMPARE(plane.connections(), BatchSender::kFilesInFlight);
    QCOMPARE(sender.inFlight(), BatchSender::kFilesInFlight);
    QCOMPARE(sender.peakInFlight(), BatchSender::kFilesInFlight);
    QSet<QTcpSocket *> sockets;
    for (const auto &r : plane.requests())
        sockets.insert(r.socket);
    QCOMPARE(int(sockets.size()), BatchSender::kFilesInFlight);
    // One answered: the next file goes over that file's connection, not a new one.
    plane.answer(0);
    QTRY_COMPARE(plane.requests().size(), BatchSender::kFilesInFlight + 1);
    QCOMPARE(plane.requests().last().socket, plane.requests().first().socket);
    QCOMPARE(plane.unanswered(), BatchSender::kFilesInFlight);
    QVERIFY(QTest::qWaitFor(
        [&] {
            plane.answerAll();
            return result.has_value();
        },
        30000));
    QVERIFY2(*result, *result ? "" : qPrintable(result->error().reason));
    QCOMPARE(sent, 10);
    QCOMPARE(plane.requests().size(), 10);
    QCOMPARE(plane.connections(), BatchSender::kFilesInFlight);
    QCOMPARE(client.dataConnectionsOpened(plane.port()), BatchSender::kFilesInFlight);
}

void TestBatchSender::bigFileGoesAlone()
{
    HeldDataPlane plane;
    LibrarianClient client(m_fixture->connection());
    const qint64 big = BatchSender::kSideBySideBytes + 1;
    BatchSender sender(&client, heldFiles(plane.port(), {1000, 1000, big, 1000}));
    sender.setBundling(false);
    int sent = 0;
    std::optional<Status> result;
    connect(&sender, &BatchSender::fileSent, this, [&] { ++sent; });
    connect(&sender, &BatchSender::finished, this, [&](const Status &s) { result = s; });
    sender.start();
    QTRY_COMPARE(plane.requests().size(), 2); // the big one waits for the two before it
    QCOMPARE(sender.inFlight(), 2);
    plane.answer(0);
    QTRY_COMPARE(sent, 1);
    QCOMPARE(sender.inFlight(), 1); // ... until both are done
    plane.answer(1);
    // The big file's chunks (1 MiB each), one by one, with nothing beside them.
    for (qint64 end = 1 << 20;; end = std::min(end + (1 << 20), big)) {
        QTRY_COMPARE(plane.unanswered(), 1);
        const auto &r = plane.requests().last();
        QCOMPARE(r.transferId, 3);
        QCOMPARE(r.end, end);
        plane.answer(int(plane.requests().size()) - 1);
        if (end == big)
            break;
    }
    QTRY_COMPARE(plane.unanswered(), 1);
    QCOMPARE(plane.requests().last().transferId, 4);
    plane.answerAll();
    QTRY_VERIFY(result.has_value());
    QVERIFY(*result);
    QCOMPARE(sender.peakInFlight(), 2);
}

void TestBatchSender::batchLandsOnARealDataPlane()
{
    LibrarianClient client(m_fixture->connection());
    QList<BatchSender::File> files;
    QList<QByteArray> contents;
    QList<UploadStageResponse> staged;
    for (int i = 0; i < 20; ++i) {
        QByteArray bytes(16 * 1024, char('A' + i));
        bytes[i] = '!';
        auto s = m_fixture->stage(QStringLiteral("side/f%1.bin").arg(i), bytes);
        QVERIFY(s);
        BatchSender::File f;
        f.localPath = writeLocal(QStringLiteral("real%1").arg(i), bytes);
        f.size = bytes.size();
        f.target = s->http;
        Hasher hasher(ChecksumAlgorithm::Xxh3);
        hasher.addData(bytes);
        f.checksum = hasher.result();
        f.knownHeld = 0;
        files.append(f);
        contents.append(bytes);
        staged.append(*s);
    }
    BatchSender sender(&client, files);
    sender.setBundling(false);
    std::optional<Status> result;
    connect(&sender, &BatchSender::finished, this, [&](const Status &s) { result = s; });
    sender.start();
    QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), 30000);
    QVERIFY2(*result, *result ? "" : qPrintable(result->error().reason));
    for (int i = 0; i < staged.size(); ++i) {
        QFile f(staged[i].stagingLocation);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), contents[i]);
    }
    QCOMPARE(client.dataConnectionsOpened(m_fixture->server().dataPort()), BatchSender::kFilesInFlight);
}

void TestBatchSender::oneFailedFileFailsTheBatch()
{
    LibrarianClient client(m_fixture->connection());
    QList<BatchSender::File> files;
    for (int i = 0; i < 12; ++i) {
        const QByteArray bytes(5000, char('a' + i));
        auto s = m_fixture->stage(QStringLiteral("fails/f%1.bin").arg(i), bytes);
        QVERIFY(s);
        BatchSender::File f;
        f.localPath = writeLocal(QStringLiteral("fails%1").arg(i), bytes);
        f.size = bytes.size();
        f.target = s->http;
        Hasher hasher(ChecksumAlgorithm::Xxh3);
        hasher.addData(i == 2 ? QByteArray("not these bytes") : bytes); // the third file's copy is damaged
        f.checksum = hasher.result();
        f.knownHeld = 0;
        files.append(f);
    }
    BatchSender sender(&client, files);
    int sent = 0, reports = 0;
    std::optional<Status> result;
    connect(&sender, &BatchSender::fileSent, this, [&] { ++sent; });
    connect(&sender, &BatchSender::finished, this, [&](const Status &s) {
        result = s;
        ++reports;
    });
    sender.start();
    QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), 30000);
    QVERIFY(!*result);
    QCOMPARE(result->error().kind, ErrorKind::NotAcceptable);
    QVERIFY2(result->error().reason.contains("fails2"), qPrintable(result->error().reason));
    QCOMPARE(reports, 1);
    QVERIFY(sent < 12);
}

QTEST_GUILESS_MAIN(TestBatchSender)
#include "tst_batchsender.moc"
