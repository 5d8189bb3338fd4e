#include "ServerFixture.h"
#include "crypto/Hasher.h"
#include "db/IncomingTransfers.h"
#include "model/Routes.h"
#include "model/messages/UploadMessages.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QTest>

using namespace librarian;

// Our /upload/batch_stage and /upload/batch_commit: many files with one request each way, each
// file still verified and refused on its own.
class TestBatchUpload : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void manyFilesStagedAndCommittedTogether();
    void aCorruptFileFailsAlone();
    void batchesOverTheLimitAreRefused();
    void presentFilesAreSkippedAndConflictsRefuseTheBatch();
    void restagingResumesTheLiveTransfer();

private:
    static QByteArray bytesOf(int i, int size = 4096);
    static UploadStageRequest stageRequest(const QString &name, const QByteArray &bytes);
    Result<UploadBatchStageResponse> stageBatch(const QList<UploadStageRequest> &uploads);
    Result<UploadBatchCommitResponse> commitBatch(const QList<UploadStageResponse> &staged);
    TransferStatus statusOf(qint64 transferId);
    QStringList stagingEntries() const;

    std::unique_ptr<ServerFixture> m_fixture;
};

void TestBatchUpload::init()
{
    m_fixture = std::make_unique<ServerFixture>();
    QString error;
    QVERIFY2(m_fixture->start(&error), qPrintable(error));
}

QByteArray TestBatchUpload::bytesOf(int i, int size)
{
    QByteArray bytes(size, Qt::Uninitialized);
    for (int k = 0; k < size; ++k)
        bytes[k] = char((i * 131 + k * 7) & 0xff);
    return bytes;
}

UploadStageRequest TestBatchUpload::stageRequest(const QString &name, const QByteArray &bytes)
{
    Hasher hasher(ChecksumAlgorithm::Xxh3);
    hasher.addData(bytes);
    return {bytes.size(), hasher.result().toString(), name.section(QLatin1Char('/'), -1), name, {}};
}

Result<UploadBatchStageResponse> TestBatchUpload::stageBatch(const QList<UploadStageRequest> &uploads)
{
    auto answer = m_fixture->post(routes::kUploadBatchStage, UploadBatchStageRequest{uploads}.toJson());
    if (!answer)
        return answer.error();
    return UploadBatchStageResponse::fromJson(answer->toObject());
}

Result<UploadBatchCommitResponse> TestBatchUpload::commitBatch(const QList<UploadStageResponse> &staged)
{
    UploadBatchCommitRequest request;
    for (const UploadStageResponse &s : staged) {
        UploadCommitRequest c;
        c.transferId = s.transferId;
        c.destinationLocation = s.destinationLocation;
        request.commits.append(c);
    }
    auto answer = m_fixture->post(routes::kUploadBatchCommit, request.toJson());
    if (!answer)
        return answer.error();
    return UploadBatchCommitResponse::fromJson(answer->toObject());
}

TransferStatus TestBatchUpload::statusOf(qint64 transferId)
{
    auto db = m_fixture->server().database().connection();
    return IncomingTransfers(*db).find(transferId)->status;
}

QStringList TestBatchUpload::stagingEntries() const
{
    return QDir(m_fixture->stagingPath()).entryList(QDir::NoDotAndDotDot | QDir::AllEntries);
}

void TestBatchUpload::manyFilesStagedAndCommittedTogether()
{
    constexpr int kFiles = 300;
    QList<UploadStageRequest> uploads;
    for (int i = 0; i < kFiles; ++i)
        uploads.append(stageRequest(QStringLiteral("many/d%1/f%2.bin").arg(i % 7).arg(i), bytesOf(i)));
    auto staged = stageBatch(uploads);
    QVERIFY2(staged, qPrintable(staged ? QString() : staged.error().reason));
    QCOMPARE(staged->uploads.size(), kFiles);
    QVERIFY(staged->present.isEmpty());
    for (int i = 0; i < kFiles; ++i) {
        const UploadStageResponse &s = staged->uploads[i];
        QCOMPARE(s.destinationLocation, uploads[i].destinationLocation);
        QCOMPARE(s.bytesReceived, 0); // fresh: the sender need not ask first
        QVERIFY(s.http.path.endsWith(QString::number(s.transferId)));
        QVERIFY(m_fixture->put(s, bytesOf(i)).ok());
    }
    auto committed = commitBatch(staged->uploads);
    QVERIFY2(committed, qPrintable(committed ? QString() : committed.error().reason));
    QVERIFY(committed->failures.isEmpty());
    QCOMPARE(committed->files.size(), kFiles);
    for (int i = 0; i < kFiles; ++i) {
        const File &file = committed->files[i];
        QCOMPARE(file.name, uploads[i].destinationLocation);
        QCOMPARE(file.checksum, uploads[i].uploadChecksum);
        QCOMPARE(file.instances.size(), 1);
        QFile stored(m_fixture->storePath() + QLatin1Char('/') + file.name);
        QVERIFY(stored.open(QIODevice::ReadOnly));
        QCOMPARE(stored.readAll(), bytesOf(i));
        QCOMPARE(statusOf(staged->uploads[i].transferId), TransferStatus::Completed);
    }
    QVERIFY(stagingEntries().isEmpty());
    // The files are in the catalogue like any committed file.
    auto search = m_fixture->post(routes::kSearchFile, QJsonObject{{"name", uploads[42].destinationLocation}});
    QVERIFY(search.ok());
}

void TestBatchUpload::aCorruptFileFailsAlone()
{
    QList<UploadStageRequest> uploads;
    for (int i = 0; i < 5; ++i)
        uploads.append(stageRequest(QStringLiteral("corrupt/f%1.bin").arg(i), bytesOf(i)));
    auto staged = stageBatch(uploads);
    QVERIFY(staged.ok());
    QCOMPARE(staged->uploads.size(), 5);
    for (int i = 0; i < 5; ++i) {
        QByteArray bytes = bytesOf(i);
        if (i == 2)
            bytes[100] = char(bytes[100] ^ 0x01); // one bit flipped on the way
        QVERIFY(m_fixture->put(staged->uploads[i], bytes).ok());
    }
    auto committed = commitBatch(staged->uploads);
    QVERIFY(committed.ok());
    QCOMPARE(committed->files.size(), 4);
    QCOMPARE(committed->failures.size(), 1);
    const UploadCommitFailure &failure = committed->failures.first();
    QCOMPARE(failure.transferId, staged->uploads[2].transferId);
    QCOMPARE(failure.destinationLocation, QStringLiteral("corrupt/f2.bin"));
    QCOMPARE(failure.error.kind, ErrorKind::NotAcceptable);
    QVERIFY2(failure.error.reason.contains(QLatin1String("Checksum mismatch")), qPrintable(failure.error.reason));
    QCOMPARE(statusOf(staged->uploads[2].transferId), TransferStatus::Failed);
    QVERIFY(!QFile::exists(m_fixture->storePath() + QStringLiteral("/corrupt/f2.bin")));
    for (int i : {0, 1, 3, 4}) {
        QVERIFY(QFile::exists(m_fixture->storePath() + QStringLiteral("/corrupt/f%1.bin").arg(i)));
        QCOMPARE(statusOf(staged->uploads[i].transferId), TransferStatus::Completed);
    }
    QVERIFY(stagingEntries().isEmpty()); // the bad file's staging went with its transfer
}

void TestBatchUpload::batchesOverTheLimitAreRefused()
{
    QList<UploadStageRequest> uploads;
    for (int i = 0; i <= kMaxUploadBatch; ++i)
        uploads.append(stageRequest(QStringLiteral("limit/f%1.bin").arg(i), bytesOf(i, 16)));
    auto tooMany = stageBatch(uploads);
    QVERIFY(!tooMany);
    QCOMPARE(tooMany.error().kind, ErrorKind::PayloadTooLarge);
    QVERIFY2(tooMany.error().reason.contains(QString::number(kMaxUploadBatch)), qPrintable(tooMany.error().reason));
    QVERIFY(stagingEntries().isEmpty());

    QList<UploadStageResponse> commits(kMaxUploadBatch + 1);
    for (int i = 0; i < commits.size(); ++i) {
        commits[i].transferId = i + 1;
        commits[i].destinationLocation = QStringLiteral("limit/f%1.bin").arg(i);
    }
    auto tooManyCommits = commitBatch(commits);
    QVERIFY(!tooManyCommits);
    QCOMPARE(tooManyCommits.error().kind, ErrorKind::PayloadTooLarge);

    auto empty = stageBatch({});
    QVERIFY(!empty);
    QCOMPARE(empty.error().kind, ErrorKind::BadRequest);
    auto twice = stageBatch({stageRequest("limit/same.bin", bytesOf(1)), stageRequest("limit/same.bin", bytesOf(1))});
    QVERIFY(!twice);
    QCOMPARE(twice.error().kind, ErrorKind::BadRequest);

    // Over max_json_body_bytes: refused before anything is read into a batch.
    ServerFixture small(QJsonObject{{"max_json_body_bytes", 4096}});
    QString error;
    QVERIFY2(small.start(&error), qPrintable(error));
    auto tooBig = small.post(routes::kUploadBatchStage, UploadBatchStageRequest{uploads.mid(0, 100)}.toJson());
    QVERIFY(!tooBig);
    QCOMPARE(tooBig.error().kind, ErrorKind::PayloadTooLarge);
}

void TestBatchUpload::presentFilesAreSkippedAndConflictsRefuseTheBatch()
{
    QVERIFY(m_fixture->upload(QStringLiteral("again/a.bin"), bytesOf(1)).ok());
    QVERIFY(m_fixture->upload(QStringLiteral("again/b.bin"), bytesOf(2)).ok());
    // a.bin with the same bytes is there already; c.bin is new.
    auto staged = stageBatch({stageRequest("again/a.bin", bytesOf(1)), stageRequest("again/c.bin", bytesOf(3))});
    QVERIFY2(staged, qPrintable(staged ? QString() : staged.error().reason));
    QCOMPARE(staged->present, QStringList{"again/a.bin"});
    QCOMPARE(staged->uploads.size(), 1);
    QCOMPARE(staged->uploads.first().destinationLocation, QStringLiteral("again/c.bin"));
    const qint64 cTransfer = staged->uploads.first().transferId;

    // b.bin with other bytes is a conflict: the whole batch is refused and what it staged is gone.
    const QStringList before = stagingEntries();
    auto refused = stageBatch({stageRequest("again/d.bin", bytesOf(4)), stageRequest("again/b.bin", bytesOf(5))});
    QVERIFY(!refused);
    QCOMPARE(refused.error().kind, ErrorKind::Conflict);
    QVERIFY2(refused.error().reason.contains(QLatin1String("again/b.bin")), qPrintable(refused.error().reason));
    QCOMPARE(stagingEntries(), before);
    auto db = m_fixture->server().database().connection();
    auto live = IncomingTransfers(*db).liveFor({QStringLiteral("again/d.bin")});
    QVERIFY(live.ok());
    QVERIFY(live->isEmpty());
    QCOMPARE(statusOf(cTransfer), TransferStatus::Initiated); // an earlier batch is not touched
}

void TestBatchUpload::restagingResumesTheLiveTransfer()
{
    const QByteArray bytes = bytesOf(7, 10000);
    auto first = stageBatch({stageRequest("resume/a.bin", bytes)});
    QVERIFY(first.ok());
    QVERIFY(m_fixture->put(first->uploads.first(), bytes).ok());
    // The uploader comes back (killed after sending): the same transfer, with what it holds.
    auto again = stageBatch({stageRequest("resume/a.bin", bytes)});
    QVERIFY(again.ok());
    QCOMPARE(again->uploads.first().transferId, first->uploads.first().transferId);
    QCOMPARE(again->uploads.first().bytesReceived, bytes.size());
    auto committed = commitBatch(again->uploads);
    QVERIFY(committed.ok());
    QCOMPARE(committed->files.size(), 1);
    // Committing it once more: refused on its own, as /upload/commit would.
    auto twice = commitBatch(again->uploads);
    QVERIFY(twice.ok());
    QVERIFY(twice->files.isEmpty());
    QCOMPARE(twice->failures.size(), 1);
    QCOMPARE(twice->failures.first().error.kind, ErrorKind::NotAcceptable);
}

QTEST_GUILESS_MAIN(TestBatchUpload)
#include "tst_batchupload.moc"
