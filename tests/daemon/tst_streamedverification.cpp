#include "ServerFixture.h"
#include "crypto/Hasher.h"
#include "db/IncomingTransfers.h"
#include "db/StoreRegistry.h"
#include "model/Routes.h"
#include "storage/LocalStore.h"
#include "storage/StreamedChecksums.h"
#include "transfers/TransferCheckin.h"

#include <QFile>
#include <QRandomGenerator>
#include <QTest>

using namespace librarian;

// Verification (the upload commit, the STAGED check, receive_clone) takes the checksum the data
// plane computed while the bytes arrived, and reads the staged file again only when that stream
// does not cover it. Damaged bytes are refused either way.
class TestStreamedVerification : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void streamedUploadCommitsWithoutRereading();
    void prefixRewriteCostsOneReread();
    void damagedChunkIsRefusedByCommit();
    void stagedCheckAndReceiveCloneUseTheStream();
    void stagedCheckRefusesDamagedBytes();

private:
    Result<QJsonValue> putAt(int dataPort, const QString &path, qint64 offset, const QByteArray &bytes);
    Result<QJsonValue> putAt(const UploadStageResponse &staged, qint64 offset, const QByteArray &bytes)
    {
        return putAt(staged.http.dataPort, staged.http.path, offset, bytes);
    }
    // A clone from "admin" staged on the fixture's store as if by /clone/batch_stage.
    IncomingTransfer stageClone(const QString &name, const QByteArray &bytes);
    UploadStageResponse stage(const QString &name, const QByteArray &bytes);
    TransferStatus statusOf(qint64 transferId);
    static QByteArray randomBytes(qint64 size);
    quint64 rereads() const { return StreamedChecksums::instance().rereads(); }

    std::unique_ptr<ServerFixture> m_fixture;
};

void TestStreamedVerification::init()
{
    m_fixture = std::make_unique<ServerFixture>();
    QString error;
    QVERIFY2(m_fixture->start(&error), qPrintable(error));
}

Result<QJsonValue> TestStreamedVerification::putAt(int dataPort, const QString &path, qint64 offset,
                                                   const QByteArray &bytes)
{
    return m_fixture->putAt(dataPort, path, offset, bytes);
}

UploadStageResponse TestStreamedVerification::stage(const QString &name, const QByteArray &bytes)
{
    auto staged = m_fixture->stage(name, bytes);
    if (!staged)
        qFatal("stage failed: %s", qPrintable(staged.error().reason));
    return *staged;
}

IncomingTransfer TestStreamedVerification::stageClone(const QString &name, const QByteArray &bytes)
{
    auto db = m_fixture->server().database().connection();
    const Store store = StoreRegistry(*db).list()->first();
    auto area = LocalStore(store).stage(bytes.size(), name);
    if (!area)
        qFatal("staging failed: %s", qPrintable(area.error().reason));
    Hasher hasher(ChecksumAlgorithm::Xxh3);
    hasher.addData(bytes);
    IncomingTransfer t;
    t.status = TransferStatus::Initiated;
    t.uploader = QStringLiteral("admin");
    t.uploadName = name;
    t.source = QStringLiteral("admin");
    t.transferSize = bytes.size();
    t.transferChecksum = hasher.result().toString();
    t.storeId = store.id;
    t.stagingName = area->stagingName;
    t.storePath = name;
    t.transferMethod = QStringLiteral("http");
    t.startTime = QDateTime::currentDateTimeUtc();
    t.sourceTransferId = 1;
    auto id = IncomingTransfers(*db).create(t);
    if (!id)
        qFatal("cannot create the transfer: %s", qPrintable(id.error().reason));
    t.id = *id;
    return t;
}

TransferStatus TestStreamedVerification::statusOf(qint64 transferId)
{
    auto db = m_fixture->server().database().connection();
    return IncomingTransfers(*db).find(transferId)->status;
}

QByteArray TestStreamedVerification::randomBytes(qint64 size)
{
    QByteArray bytes(size, Qt::Uninitialized);
    QRandomGenerator::global()->fillRange(reinterpret_cast<quint32 *>(bytes.data()), size / 4);
    for (qint64 i = size / 4 * 4; i < size; ++i)
        bytes[i] = char(i);
    return bytes;
}

void TestStreamedVerification::streamedUploadCommitsWithoutRereading()
{
    const QByteArray bytes = randomBytes(3 * 1024 * 1024);
    const auto staged = stage(QStringLiteral("obs/streamed.dat"), bytes);
    // Two chunks, the second a resume at the first missing byte.
    QVERIFY(putAt(staged, 0, bytes.left(1024 * 1024)));
    QVERIFY(putAt(staged, 1024 * 1024, bytes.mid(1024 * 1024)));
    const quint64 before = rereads();
    auto committed = m_fixture->commit(staged);
    QVERIFY2(committed, committed ? "" : qPrintable(committed.error().reason));
    QCOMPARE(rereads() - before, 0u);
    QFile published(m_fixture->storePath() + QStringLiteral("/obs/streamed.dat"));
    QVERIFY(published.open(QIODevice::ReadOnly));
    QCOMPARE(published.readAll(), bytes);
}

void TestStreamedVerification::prefixRewriteCostsOneReread()
{
    const QByteArray bytes = randomBytes(2 * 1024 * 1024);
    const auto staged = stage(QStringLiteral("obs/rewritten.dat"), bytes);
    QVERIFY(putAt(staged, 0, bytes.left(1536 * 1024)));
    // A chunk may start before the first missing byte: the same bytes again, but the stream is
    // broken, so the commit reads the file once.
    QVERIFY(putAt(staged, 1024 * 1024, bytes.mid(1024 * 1024)));
    const quint64 before = rereads();
    auto committed = m_fixture->commit(staged);
    QVERIFY2(committed, committed ? "" : qPrintable(committed.error().reason));
    QCOMPARE(rereads() - before, 1u);
}

void TestStreamedVerification::damagedChunkIsRefusedByCommit()
{
    const QByteArray bytes = randomBytes(2 * 1024 * 1024);
    QByteArray damaged = bytes;
    damaged[1500000] = char(damaged[1500000] ^ 0x01);
    const int entries = StreamedChecksums::instance().size();

    // Damaged in the stream: refused from the streamed checksum, without reading the file.
    const auto first = stage(QStringLiteral("obs/damaged-in-stream.dat"), bytes);
    QVERIFY(putAt(first, 0, damaged));
    quint64 before = rereads();
    auto refused = m_fixture->commit(first);
    QVERIFY(!refused);
    QCOMPARE(refused.error().kind, ErrorKind::NotAcceptable);
    QCOMPARE(rereads() - before, 0u);
    QCOMPARE(statusOf(first.transferId), TransferStatus::Failed);

    // Damaged by a chunk re-sent over bytes already hashed: found by reading the file.
    const auto second = stage(QStringLiteral("obs/damaged-prefix.dat"), bytes);
    QVERIFY(putAt(second, 0, bytes));
    QVERIFY(putAt(second, 1024 * 1024, damaged.mid(1024 * 1024)));
    before = rereads();
    refused = m_fixture->commit(second);
    QVERIFY(!refused);
    QCOMPARE(refused.error().kind, ErrorKind::NotAcceptable);
    QCOMPARE(rereads() - before, 1u);
    QVERIFY(!QFile::exists(m_fixture->storePath() + QStringLiteral("/obs/damaged-prefix.dat")));
    QCOMPARE(StreamedChecksums::instance().size(), entries); // both stagings were discarded
}

void TestStreamedVerification::stagedCheckAndReceiveCloneUseTheStream()
{
    const QByteArray bytes = randomBytes(3 * 1024 * 1024 + 17);
    IncomingTransfer t = stageClone(QStringLiteral("obs/clone.dat"), bytes);
    const QString path = QLatin1String(routes::kData) + QString::number(t.id);
    QVERIFY(putAt(m_fixture->server().dataPort(), path, 0, bytes));
    const quint64 before = rereads();
    TransferCheckin checkin(m_fixture->server().database(), QStringLiteral("inprocess"));
    auto staged = checkin.moveIncoming(t.id, TransferStatus::Staged, QStringLiteral("admin"), true);
    QVERIFY2(staged, staged ? "" : qPrintable(staged.error().reason));
    t.status = TransferStatus::Staged;
    auto file = m_fixture->server().ingest().receiveClone(t, DeletionPolicy::Disallowed);
    QVERIFY2(file, file ? "" : qPrintable(file.error().reason));
    QCOMPARE(rereads() - before, 0u);
    QCOMPARE(statusOf(t.id), TransferStatus::Completed);
}

void TestStreamedVerification::stagedCheckRefusesDamagedBytes()
{
    const QByteArray bytes = randomBytes(1024 * 1024);
    QByteArray damaged = bytes;
    damaged[12345] = char(damaged[12345] ^ 0x80);
    const IncomingTransfer t = stageClone(QStringLiteral("obs/damaged-clone.dat"), bytes);
    QVERIFY(putAt(m_fixture->server().dataPort(), QLatin1String(routes::kData) + QString::number(t.id), 0, damaged));
    TransferCheckin checkin(m_fixture->server().database(), QStringLiteral("inprocess"));
    auto staged = checkin.moveIncoming(t.id, TransferStatus::Staged, QStringLiteral("admin"), true);
    QVERIFY(!staged);
    QCOMPARE(staged.error().kind, ErrorKind::NotAcceptable);
    QCOMPARE(statusOf(t.id), TransferStatus::Failed);
}

QTEST_GUILESS_MAIN(TestStreamedVerification)
#include "tst_streamedverification.moc"
