#include "ServerFixture.h"
#include "client/BatchSender.h"
#include "client/DataChannel.h"
#include "crypto/Hasher.h"
#include "model/Routes.h"
#include "model/messages/UserMessages.h"

#include <QFile>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

using namespace librarian;

// Data bundles (PUT /api/v2/data/bundle): many small transfers' bytes in one request. The receiver
// writes each part as a PUT of its own would and refuses a part alone; BatchSender sends fresh
// small files in bundles, sends refused parts on their own, and stops bundling to a data plane
// that does not know the route.
class TestDataBundle : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void partsLandAndARefusedPartStandsAlone();
    void badBundlesAreRefusedFromTheHead_data();
    void badBundlesAreRefusedFromTheHead();
    void batchGoesInBundles();
    void refusedPartIsSentAlone();
    void damagedSourceInABundleFailsTheBatch();
    void dataPlaneWithoutBundlesGetsFileByFile();

private:
    QString writeLocal(const QString &name, const QByteArray &bytes);
    Result<QJsonValue> putBundle(const DataBundle &bundle, const QList<QByteArray> &bodies);
    QByteArray staged(const UploadStageResponse &s);
    // Stages `count` files of 16 KiB (distinct bytes) and returns them as a batch to send.
    QList<BatchSender::File> stagedFiles(int count, const QString &prefix, QList<UploadStageResponse> *stagedOut,
                                         QList<QByteArray> *bytesOut);
    Status run(BatchSender &sender);

    std::unique_ptr<ServerFixture> m_fixture;
    int m_locals = 0;
};

void TestDataBundle::init()
{
    m_fixture = std::make_unique<ServerFixture>(QJsonObject{{"max_chunk_bytes", 1 << 20}});
    QString error;
    QVERIFY2(m_fixture->start(&error), qPrintable(error));
}

QString TestDataBundle::writeLocal(const QString &name, const QByteArray &bytes)
{
    const QString path = m_fixture->dir() + QStringLiteral("/local-%1-%2").arg(++m_locals).arg(name);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size())
        qFatal("cannot write %s", qPrintable(path));
    return path;
}

Result<QJsonValue> TestDataBundle::putBundle(const DataBundle &bundle, const QList<QByteArray> &bodies)
{
    QList<DataChannel::BodyPart> parts;
    for (qsizetype i = 0; i < bodies.size(); ++i)
        parts.append({writeLocal(QStringLiteral("part"), bodies[i]), 0, bodies[i].size()});
    LibrarianClient client(m_fixture->connection());
    std::optional<Result<QJsonValue>> answer;
    client.dataChannel(m_fixture->server().dataPort())
        ->putParts(QLatin1String(routes::kDataBundle) + QStringLiteral("?parts=") + bundle.toQuery(), parts,
                   [&](Result<QJsonValue> r) { answer = std::move(r); });
    if (!QTest::qWaitFor([&] { return answer.has_value(); }, 30000))
        return ApiError::internal(QStringLiteral("no answer within 30 s"));
    return *answer;
}

QByteArray TestDataBundle::staged(const UploadStageResponse &s)
{
    QFile f(s.stagingLocation);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

QList<BatchSender::File> TestDataBundle::stagedFiles(int count, const QString &prefix,
                                                     QList<UploadStageResponse> *stagedOut, QList<QByteArray> *bytesOut)
{
    QList<BatchSender::File> files;
    for (int i = 0; i < count; ++i) {
        QByteArray bytes(16 * 1024, char('a' + i % 26));
        bytes[i % bytes.size()] = '!';
        bytes[0] = char(i);
        auto s = m_fixture->stage(QStringLiteral("%1/f%2.bin").arg(prefix).arg(i), bytes);
        if (!s)
            qFatal("cannot stage: %s", qPrintable(s.error().reason));
        BatchSender::File f;
        f.localPath = writeLocal(QStringLiteral("f%1").arg(i), bytes);
        f.size = bytes.size();
        f.target = s->http;
        Hasher hasher(ChecksumAlgorithm::Xxh3);
        hasher.addData(bytes);
        f.checksum = hasher.result();
        f.knownHeld = 0;
        files.append(f);
        stagedOut->append(*s);
        bytesOut->append(bytes);
    }
    return files;
}

Status TestDataBundle::run(BatchSender &sender)
{
    std::optional<Status> result;
    connect(&sender, &BatchSender::finished, this, [&](const Status &s) { result = s; });
    sender.start();
    if (!QTest::qWaitFor([&] { return result.has_value(); }, 60000))
        return ApiError::internal(QStringLiteral("no result within 60 s"));
    return *result;
}

void TestDataBundle::partsLandAndARefusedPartStandsAlone()
{
    const QByteArray a(3000, 'a'), b(5000, 'b'), c(0, 'c'), d(7000, 'd');
    auto sa = m_fixture->stage(QStringLiteral("bundle/a"), a);
    auto sb = m_fixture->stage(QStringLiteral("bundle/b"), b);
    auto sc = m_fixture->stage(QStringLiteral("bundle/c"), c);
    auto sd = m_fixture->stage(QStringLiteral("bundle/d"), d);
    QVERIFY(sa && sb && sc && sd);
    // b is cancelled before its bytes come: its part is refused, the others land.
    QVERIFY(m_fixture->post(routes::kUploadCancel, QJsonObject{{"transfer_id", sb->transferId}}));
    DataBundle bundle;
    bundle.parts = {{sa->transferId, 0, a.size()},
                    {sb->transferId, 0, b.size()},
                    {sc->transferId, 0, 0},
                    {999999, 0, 10},
                    {sd->transferId, 0, d.size()}};
    auto answer = putBundle(bundle, {a, b, c, QByteArray(10, 'x'), d});
    QVERIFY2(answer, answer ? "" : qPrintable(answer.error().reason));
    auto parts = DataBundleAnswer::fromJson(answer->toObject());
    QVERIFY(parts);
    QCOMPARE(parts->parts.size(), 5);
    QCOMPARE(parts->parts[0].progress->bytesReceived, a.size());
    QVERIFY(parts->parts[1].error);
    QCOMPARE(parts->parts[1].error->kind, ErrorKind::Conflict);
    QVERIFY(!parts->parts[1].progress);
    QCOMPARE(parts->parts[2].progress->bytesReceived, 0);
    QCOMPARE(parts->parts[2].progress->transferSize, 0);
    QCOMPARE(parts->parts[3].error->kind, ErrorKind::NotFound);
    QCOMPARE(parts->parts[4].progress->bytesReceived, d.size());
    QCOMPARE(staged(*sa), a);
    QVERIFY(QFileInfo::exists(sc->stagingLocation));
    QCOMPARE(staged(*sd), d);
    QVERIFY(!QFileInfo::exists(sb->stagingLocation));
    // What landed commits as if it had come by PUT, its hash taken while it streamed in.
    QVERIFY(m_fixture->commit(*sa));
    QVERIFY(m_fixture->commit(*sd));
    // A part past what is on disk is refused (409) and the next part still lands.
    auto se = m_fixture->stage(QStringLiteral("bundle/e"), a);
    auto sf = m_fixture->stage(QStringLiteral("bundle/f"), b);
    QVERIFY(se && sf);
    DataBundle gap;
    gap.parts = {{se->transferId, 100, 10}, {sf->transferId, 0, b.size()}};
    answer = putBundle(gap, {QByteArray(10, 'a'), b});
    QVERIFY(answer);
    parts = DataBundleAnswer::fromJson(answer->toObject());
    QVERIFY(parts);
    QCOMPARE(parts->parts[0].error->kind, ErrorKind::Conflict);
    QCOMPARE(staged(*sf), b);
}

void TestDataBundle::badBundlesAreRefusedFromTheHead_data()
{
    QTest::addColumn<QByteArray>("request");
    QTest::addColumn<int>("status");
    QTest::newRow("no parts") << QByteArray("PUT /api/v2/data/bundle HTTP/1.1\r\nContent-Length: 0\r\n") << 400;
    QTest::newRow("not ID:OFFSET:LENGTH")
        << QByteArray("PUT /api/v2/data/bundle?parts=1:2 HTTP/1.1\r\nContent-Length: 0\r\n") << 400;
    QTest::newRow("negative length")
        << QByteArray("PUT /api/v2/data/bundle?parts=1:0:-5 HTTP/1.1\r\nContent-Length: 0\r\n") << 400;
    QTest::newRow("a transfer twice")
        << QByteArray("PUT /api/v2/data/bundle?parts=1:0:1,1:1:1 HTTP/1.1\r\nContent-Length: 2\r\n") << 400;
    QTest::newRow("length is not the parts' sum")
        << QByteArray("PUT /api/v2/data/bundle?parts=1:0:5 HTTP/1.1\r\nContent-Length: 4\r\n") << 400;
    QTest::newRow("over max_chunk_bytes")
        << QByteArray("PUT /api/v2/data/bundle?parts=1:0:2000000 HTTP/1.1\r\nContent-Length: 2000000\r\n") << 413;
    QTest::newRow("GET") << QByteArray("GET /api/v2/data/bundle?parts=1:0:0 HTTP/1.1\r\n") << 400;
    QString parts;
    for (int i = 0; i <= DataBundle::kMaxParts; ++i)
        parts += QStringLiteral("%1%2:0:0").arg(i ? "," : "").arg(i);
    QTest::newRow("too many parts") << ("PUT /api/v2/data/bundle?parts=" + parts.toLatin1()
                                        + " HTTP/1.1\r\nContent-Length: 0\r\n")
                                    << 400;
}

void TestDataBundle::badBundlesAreRefusedFromTheHead()
{
    QFETCH(QByteArray, request);
    QFETCH(int, status);
    // Without credentials: these are refused before anyone is asked who is sending.
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, quint16(m_fixture->server().dataPort()));
    QVERIFY(socket.waitForConnected(5000));
    socket.write(request + "Host: 127.0.0.1\r\n\r\n");
    QByteArray answer;
    QVERIFY(QTest::qWaitFor(
        [&] {
            answer += socket.readAll();
            return answer.contains("\r\n\r\n");
        },
        10000));
    QCOMPARE(answer.left(answer.indexOf("\r\n")).split(' ').value(1).toInt(), status);
}

void TestDataBundle::batchGoesInBundles()
{
    QList<UploadStageResponse> staged;
    QList<QByteArray> bytes;
    // More than a bundle holds, and more than fit in max_chunk_bytes (1 MiB) at once.
    const int count = BatchSender::kBundleFiles + 70;
    auto files = stagedFiles(count, QStringLiteral("batch"), &staged, &bytes);
    LibrarianClient client(m_fixture->connection());
    BatchSender sender(&client, files);
    int sent = 0;
    connect(&sender, &BatchSender::fileSent, this, [&] { ++sent; });
    const Status result = run(sender);
    QVERIFY2(result, result ? "" : qPrintable(result.error().reason));
    QCOMPARE(sent, count);
    // 1 MiB a bundle: 63 files of 16 KiB and a bit fit; no more than 64 in any case.
    const int perBundle = int(std::min<qint64>(BatchSender::kBundleFiles, (1 << 20) / (16 * 1024)));
    QCOMPARE(sender.bundlesSent(), (count + perBundle - 1) / perBundle);
    for (int i = 0; i < count; ++i)
        QCOMPARE(this->staged(staged[i]), bytes[i]);
    QVERIFY(m_fixture->commit(staged.first()));
    QVERIFY(m_fixture->commit(staged.last()));
}

void TestDataBundle::refusedPartIsSentAlone()
{
    QList<UploadStageResponse> staged;
    QList<QByteArray> bytes;
    auto files = stagedFiles(6, QStringLiteral("alone"), &staged, &bytes);
    // Sent by another account than the one that staged them.
    UserCreateRequest bob;
    bob.username = QStringLiteral("bob");
    bob.password = QStringLiteral("bob-password-1");
    bob.level = AuthLevel::ReadAppend;
    QVERIFY(m_fixture->post(routes::kUsersCreate, bob.toJson()));
    LibrarianClient asBob(m_fixture->connection(QStringLiteral("bob"), QStringLiteral("bob-password-1")));
    BatchSender sender(&asBob, files);
    const Status result = run(sender);
    // Every part is refused (all are the admin's), each then sent alone, and refused again: the
    // batch fails with that refusal, not with a bundle's error.
    QVERIFY(!result);
    QCOMPARE(result.error().kind, ErrorKind::Forbidden);
    QCOMPARE(sender.bundlesSent(), 1);

    // One refused part among good ones: the others land from the bundle, the refused one is
    // sent alone and lands once it can (here: it was cancelled, so it fails the batch alone).
    QList<UploadStageResponse> staged2;
    QList<QByteArray> bytes2;
    auto files2 = stagedFiles(5, QStringLiteral("alone2"), &staged2, &bytes2);
    QVERIFY(m_fixture->post(routes::kUploadCancel, QJsonObject{{"transfer_id", staged2[2].transferId}}));
    LibrarianClient admin(m_fixture->connection());
    BatchSender sender2(&admin, files2);
    QList<int> sent;
    connect(&sender2, &BatchSender::fileSent, this, [&](int index) { sent.append(index); });
    const Status result2 = run(sender2);
    QVERIFY(!result2);
    QCOMPARE(result2.error().kind, ErrorKind::Conflict);
    QCOMPARE(sent, QList<int>({0, 1, 3, 4}));
    for (int i : {0, 1, 3, 4})
        QCOMPARE(this->staged(staged2[i]), bytes2[i]);
}

void TestDataBundle::damagedSourceInABundleFailsTheBatch()
{
    QList<UploadStageResponse> staged;
    QList<QByteArray> bytes;
    auto files = stagedFiles(4, QStringLiteral("damaged"), &staged, &bytes);
    // The sender's copy of file 1 no longer matches the checksum it is pushed with.
    QFile local(files[1].localPath);
    QVERIFY(local.open(QIODevice::ReadWrite));
    local.seek(100);
    local.write("rot");
    local.close();
    LibrarianClient client(m_fixture->connection());
    BatchSender sender(&client, files);
    const Status result = run(sender);
    QVERIFY(!result);
    QCOMPARE(result.error().kind, ErrorKind::NotAcceptable);
    QVERIFY2(result.error().reason.contains(QStringLiteral("does not match its checksum")),
             qPrintable(result.error().reason));
}

void TestDataBundle::dataPlaneWithoutBundlesGetsFileByFile()
{
    // A data plane of an earlier version: 404 to the bundle route; any other connection is
    // forwarded to the real data plane, so the files sent one by one land there.
    QTcpServer old;
    QVERIFY(old.listen(QHostAddress::LocalHost));
    int bundles = 0;
    connect(&old, &QTcpServer::newConnection, this, [&] {
        while (QTcpSocket *client = old.nextPendingConnection()) {
            auto *upstream = new QTcpSocket(client);
            upstream->connectToHost(QHostAddress::LocalHost, quint16(m_fixture->server().dataPort()));
            auto first = std::make_shared<bool>(true);
            connect(client, &QTcpSocket::readyRead, client, [&bundles, client, upstream, first] {
                const QByteArray bytes = client->readAll();
                if (*first && bytes.startsWith("PUT /api/v2/data/bundle")) {
                    ++bundles;
                    const QByteArray body = R"({"reason": "No data-plane route.", "suggested_remedy": ""})";
                    // As our data plane refuses: answer, then drop what else comes (closing at
                    // once would reset the connection and lose the answer).
                    client->write("HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: "
                                  + QByteArray::number(body.size()) + "\r\n\r\n" + body);
                    upstream->abort();
                    upstream->setProperty("refused", true);
                }
                if (!upstream->property("refused").toBool())
                    upstream->write(bytes);
                *first = false;
            });
            connect(upstream, &QTcpSocket::readyRead, client, [client, upstream] { client->write(upstream->readAll()); });
            connect(client, &QTcpSocket::disconnected, client, &QObject::deleteLater);
        }
    });
    QList<UploadStageResponse> staged;
    QList<QByteArray> bytes;
    auto files = stagedFiles(10, QStringLiteral("old"), &staged, &bytes);
    for (auto &f : files)
        f.target.dataPort = old.serverPort();
    LibrarianClient client(m_fixture->connection());
    BatchSender sender(&client, files);
    const Status result = run(sender);
    QVERIFY2(result, result ? "" : qPrintable(result.error().reason));
    QCOMPARE(bundles, 1);
    QCOMPARE(sender.bundlesSent(), 1);
    QVERIFY(!client.takesDataBundles(old.serverPort()));
    for (int i = 0; i < files.size(); ++i)
        QCOMPARE(this->staged(staged[i]), bytes[i]);
    // The next batch to that data plane goes file by file from the start.
    QList<UploadStageResponse> staged2;
    QList<QByteArray> bytes2;
    auto files2 = stagedFiles(3, QStringLiteral("old2"), &staged2, &bytes2);
    for (auto &f : files2)
        f.target.dataPort = old.serverPort();
    BatchSender sender2(&client, files2);
    QVERIFY(run(sender2));
    QCOMPARE(sender2.bundlesSent(), 0);
    QCOMPARE(bundles, 1);
}

QTEST_GUILESS_MAIN(TestDataBundle)
#include "tst_databundle.moc"
