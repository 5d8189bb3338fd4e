#include "Cli.h"
#include "RawHttp.h"
#include "TestLibrarian.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QDirIterator>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTest>

// Upload and search through the real CLI, and the refusals of hostile or duplicate input.
class TestUpload : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void smallAndChunkedFilesArriveIntact();
    void directoryUpload();
    void duplicateNameChangesNothing();
    void hostileNamesAreRefused_data();
    void hostileNamesAreRefused();
    void nulInNameIsRefused();
    void malformedAndUnknownRequests();
    void oversizedChunkIsRefusedFromItsHeaders();
    void searchFilters();
    void killedUploadResumes();

private:
    QString makeFile(const QString &name, qint64 size);
    static QString xxhsum(const QString &path);
    bool stagingIsEmpty() const;
    static QStringList filesUnder(const QString &root);

    std::unique_ptr<TestLibrarian> m_server;
    Cli m_cli;
    QTemporaryDir m_dir;
};

void TestUpload::initTestCase()
{
    m_server = std::make_unique<TestLibrarian>(QStringLiteral("site"));
    m_server->set("max_chunk_bytes", 1048576); // many chunks for a few MiB
    QCOMPARE(m_server->setup(), 0);
    QVERIFY(m_server->start());
    m_cli.addConnection("site", *m_server, "admin", m_server->adminPassword());
}

QString TestUpload::makeFile(const QString &name, qint64 size)
{
    const QString path = m_dir.filePath(name);
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    f.open(QIODevice::WriteOnly);
    QByteArray block(1 << 20, Qt::Uninitialized);
    for (qint64 left = size; left > 0; left -= block.size()) {
        QRandomGenerator::global()->fillRange(reinterpret_cast<quint32 *>(block.data()), block.size() / 4);
        f.write(block.constData(), std::min<qint64>(left, block.size()));
    }
    return path;
}

QString TestUpload::xxhsum(const QString &path)
{
    QProcess p;
    p.start("xxhsum", {"-H2", path});
    p.waitForFinished();
    return "xxh3:::" + QString::fromLatin1(p.readAllStandardOutput()).section(' ', 0, 0);
}

bool TestUpload::stagingIsEmpty() const
{
    return QDir(m_server->stagingPath()).entryList(QDir::NoDotAndDotDot | QDir::AllEntries).isEmpty();
}

static QByteArray contents(const QString &path)
{
    QFile f(path);
    f.open(QIODevice::ReadOnly);
    return f.readAll();
}

void TestUpload::smallAndChunkedFilesArriveIntact()
{
    for (const auto &[name, size] : {std::pair{QStringLiteral("small.bin"), qint64(1234)},
                                     std::pair{QStringLiteral("big.bin"), qint64(40) * 1024 * 1024 + 17}}) {
        const QString local = makeFile(name, size);
        const QString dest = "2026/obs_001/" + name;
        const auto r = m_cli.run({"upload", "site", local, dest, "--json"});
        QVERIFY2(r.exitCode == 0, describe(r));
        const QJsonObject file = r.json().array().first().toObject();
        QCOMPARE(file.value("name").toString(), dest);
        QCOMPARE(file.value("size").toInteger(), size);
        QCOMPARE(file.value("checksum").toString(), xxhsum(local));

        const auto search = m_cli.run({"search-files", "site", "--name", dest, "--json"});
        QVERIFY2(search.exitCode == 0, describe(search));
        const QJsonObject found = search.json().array().first().toObject();
        QCOMPARE(found.value("checksum").toString(), xxhsum(local));
        const QJsonArray instances = found.value("instances").toArray();
        QCOMPARE(instances.size(), 1);
        const QString stored = instances.first().toObject().value("path").toString();
        QCOMPARE(stored, m_server->storePath() + "/" + dest);
        QVERIFY(contents(stored) == contents(local));
    }
    QVERIFY(stagingIsEmpty());
}

void TestUpload::directoryUpload()
{
    makeFile("tree/a.dat", 10);
    makeFile("tree/sub/b.dat", 20);
    makeFile("tree/sub/deeper/c.dat", 30);
    const auto r = m_cli.run({"upload", "site", m_dir.filePath("tree"), "books/tree", "--json"});
    QVERIFY2(r.exitCode == 0, describe(r));
    QStringList names;
    for (const QJsonValue &v : r.json().array())
        names << v.toObject().value("name").toString();
    names.sort();
    QCOMPARE(names, (QStringList{"books/tree/a.dat", "books/tree/sub/b.dat", "books/tree/sub/deeper/c.dat"}));
    QVERIFY(QFile::exists(m_server->storePath() + "/books/tree/sub/deeper/c.dat"));
    // Again: the first name already exists, so nothing is sent and nothing is left staged.
    const auto again = m_cli.run({"upload", "site", m_dir.filePath("tree"), "books/tree"});
    QCOMPARE(again.exitCode, 6);
    QVERIFY(stagingIsEmpty());
}

void TestUpload::duplicateNameChangesNothing()
{
    const QString first = makeFile("first.bin", 5000);
    QVERIFY(m_cli.run({"upload", "site", first, "dup/name.bin"}).exitCode == 0);
    const QString second = makeFile("second.bin", 6000);
    const auto r = m_cli.run({"upload", "site", second, "dup/name.bin"});
    QCOMPARE(r.exitCode, 6);
    QVERIFY2(r.err.contains("already exists"), describe(r));
    const auto search = m_cli.run({"search-files", "site", "--name", "dup/name.bin", "--json"});
    QCOMPARE(search.json().array().size(), 1);
    QCOMPARE(search.json().array().first().toObject().value("checksum").toString(), xxhsum(first));
    QVERIFY(contents(m_server->storePath() + "/dup/name.bin") == contents(first));
    QVERIFY(stagingIsEmpty());
}

void TestUpload::hostileNamesAreRefused_data()
{
    QTest::addColumn<QString>("name");
    QTest::newRow("parent") << "../escape";
    QTest::newRow("absolute") << "/etc/passwd";
    QTest::newRow("inner parent") << "a/../b";
    QTest::newRow("inner parents") << "a/../../b";
    QTest::newRow("empty segment") << "a//b";
    QTest::newRow("dot") << "a/./b";
    QTest::newRow("control") << "bad\x07name";
    QTest::newRow("newline") << "bad\nname";
    QTest::newRow("trailing slash") << "dir/";
    QTest::newRow("too long") << QString(4097, QLatin1Char('n'));
}

void TestUpload::hostileNamesAreRefused()
{
    QFETCH(QString, name);
    const QString local = makeFile("hostile.bin", 10);
    const QStringList before = filesUnder(m_server->dir());
    const qsizetype catalogued = m_cli.run({"search-files", "site", "--json", "--max-results", "1000"}).json().array().size();
    const auto r = m_cli.run({"upload", "site", local, name});
    QVERIFY2(r.exitCode == 7, describe(r));
    QVERIFY2(r.err.startsWith("librarian: error: "), describe(r));
    // The server refuses them as well, whatever a client does.
    QJsonObject body{{"upload_size", 10}, {"upload_checksum", xxhsum(local)}, {"upload_name", "x"},
                     {"destination_location", name}, {"uploader", "admin"}};
    const auto raw = RawHttp::post(m_server->port(), "/api/v2/upload/stage", QJsonDocument(body).toJson(),
                                   "admin:" + m_server->adminPassword());
    QCOMPARE(raw.status, 400);
    QVERIFY(!raw.json().value("reason").toString().isEmpty());
    QVERIFY(stagingIsEmpty());
    QVERIFY(!QFile::exists(m_server->dir() + "/escape"));
    QVERIFY(!QFile::exists(m_server->dir() + "/store/escape"));
    QCOMPARE(filesUnder(m_server->dir()), before); // nothing created anywhere (the database aside)
    const auto search = m_cli.run({"search-files", "site", "--json", "--max-results", "1000"});
    QVERIFY2(search.exitCode == 0, describe(search));
    QCOMPARE(search.json().array().size(), catalogued);
}

void TestUpload::nulInNameIsRefused()
{
    // NUL cannot pass through argv; only a raw request can carry it.
    QJsonObject body{{"upload_size", 1}, {"upload_checksum", "xxh3:::" + QString(32, '0')}, {"upload_name", "x"},
                     {"destination_location", QStringLiteral("a") + QChar(0) + QStringLiteral("b")}, {"uploader", "admin"}};
    const auto raw = RawHttp::post(m_server->port(), "/api/v2/upload/stage", QJsonDocument(body).toJson(),
                                   "admin:" + m_server->adminPassword());
    QCOMPARE(raw.status, 400);
    QVERIFY(!raw.json().value("reason").toString().isEmpty());
    QVERIFY(stagingIsEmpty());
}

QStringList TestUpload::filesUnder(const QString &root)
{
    QStringList files;
    QDirIterator it(root, QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        if (!QFileInfo(path).fileName().startsWith(QStringLiteral("catalogue.db")))
            files << path;
    }
    files.sort();
    return files;
}

void TestUpload::malformedAndUnknownRequests()
{
    const QString admin = "admin:" + m_server->adminPassword();
    auto r = RawHttp::post(m_server->port(), "/api/v2/upload/stage", "{\"upload_size\": ", admin);
    QCOMPARE(r.status, 400);
    QVERIFY(r.json().value("reason").toString().contains("Malformed JSON"));
    r = RawHttp::post(m_server->port(), "/api/v2/upload/stage", "{\"upload_size\": \"ten\"}", admin);
    QCOMPARE(r.status, 400);
    QVERIFY(r.json().value("reason").toString().contains("upload_size"));
    r = RawHttp::post(m_server->port(), "/api/v2/no/such/route", "{}", admin);
    QCOMPARE(r.status, 404);
    QVERIFY(!r.json().value("reason").toString().isEmpty());
    r = RawHttp::post(m_server->port(), "/api/v2/users/delete", "{\"username\": \"nobody\"}", admin);
    QCOMPARE(r.status, 404);
    r = RawHttp::post(m_server->port(), "/api/v2/upload/commit", "{\"transfer_id\": 999999, \"destination_location\": \"x\"}", admin);
    QCOMPARE(r.status, 404);
}

void TestUpload::oversizedChunkIsRefusedFromItsHeaders()
{
    const QString local = makeFile("chunky.bin", 3 * 1024 * 1024);
    QJsonObject body{{"upload_size", 3 * 1024 * 1024}, {"upload_checksum", xxhsum(local)}, {"upload_name", "chunky.bin"},
                     {"destination_location", "chunky.bin"}, {"uploader", "admin"}};
    const QString admin = "admin:" + m_server->adminPassword();
    const auto staged = RawHttp::post(m_server->port(), "/api/v2/upload/stage", QJsonDocument(body).toJson(), admin);
    QCOMPARE(staged.status, 201);
    const QString path = staged.json().value("transfer_providers").toObject().value("http").toObject().value("path").toString();
    // 2 MiB announced, over the 1 MiB limit: refused before a single body byte is sent.
    const QByteArray head = "PUT " + path.toLatin1() + "?offset=0 HTTP/1.1\r\nHost: x\r\nAuthorization: Basic "
                          + admin.toUtf8().toBase64() + "\r\nContent-Length: 2097152\r\n\r\n";
    const auto refused = RawHttp::headOnly(m_server->dataPort(), head);
    QCOMPARE(refused.status, 413);
    QVERIFY(refused.json().value("reason").toString().contains("max_chunk_bytes"));
    // Nothing was written.
    const auto progress = RawHttp::headOnly(m_server->dataPort(), "GET " + path.toLatin1() + " HTTP/1.1\r\nAuthorization: Basic "
                                                                     + admin.toUtf8().toBase64() + "\r\n\r\n");
    QCOMPARE(progress.status, 200);
    QCOMPARE(progress.json().value("bytes_received").toInteger(), 0);
    // A gap is refused too: the bytes on disk always form a prefix of the file.
    const auto gap = RawHttp::headOnly(m_server->dataPort(), "PUT " + path.toLatin1() + "?offset=100 HTTP/1.1\r\nAuthorization: Basic "
                                                                + admin.toUtf8().toBase64() + "\r\nContent-Length: 10\r\n\r\n");
    QCOMPARE(gap.status, 409);
    // The CLI, given the same file, resumes that staged transfer and completes it.
    const auto r = m_cli.run({"upload", "site", local, "chunky.bin"});
    QVERIFY2(r.exitCode == 0, describe(r));
}

void TestUpload::searchFilters()
{
    Cli other;
    QVERIFY(m_cli.run({"create-user", "site", "--username", "bob", "--password", "bob-password", "--auth-level",
                       "READAPPEND"}).exitCode == 0);
    m_cli.addConnection("bob", *m_server, "bob", "bob-password");
    const QString local = makeFile("bobs.bin", 100);
    QVERIFY(m_cli.run({"upload", "bob", local, "bob/file.bin"}).exitCode == 0);
    auto r = m_cli.run({"search-files", "site", "--uploader", "bob", "--json"});
    QCOMPARE(r.json().array().size(), 1);
    QCOMPARE(r.json().array().first().toObject().value("uploader").toString(), QStringLiteral("bob"));
    r = m_cli.run({"search-files", "site", "--create-time-start", "2000-01-01", "--create-time-end", "2000-12-31"});
    QCOMPARE(r.exitCode, 0);
    QVERIFY(r.out.contains("No results found."));
    r = m_cli.run({"search-files", "site", "--create-time-start", QDateTime::currentDateTimeUtc().addSecs(-600).toString(Qt::ISODate),
                   "--json", "--max-results", "2"});
    QCOMPARE(r.json().array().size(), 2);
    QCOMPARE(r.json().array().first().toObject().value("name").toString(), QStringLiteral("bob/file.bin")); // newest first
    r = m_cli.run({"search-files", "site", "--create-time-start", "someday"});
    QCOMPARE(r.exitCode, 2);
}

void TestUpload::killedUploadResumes()
{
    const QString local = makeFile("resume.bin", 200LL * 1024 * 1024);
    QProcess upload;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert("LIBRARIAN_CLIENT_CONFIG", m_cli.configPath());
    upload.setProcessEnvironment(env);
    upload.start(QStringLiteral(LIBRARIAN_CLI_BIN), {"upload", "site", local, "resume/resume.bin"});
    // Kill the client (SIGKILL: no clean-up at all) once some bytes have reached staging.
    auto stagedBytes = [this] {
        qint64 size = 0;
        QDirIterator it(m_server->stagingPath(), QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext())
            size += QFileInfo(it.next()).size();
        return size;
    };
    QTRY_VERIFY_WITH_TIMEOUT(stagedBytes() >= 4 * 1024 * 1024 || upload.state() == QProcess::NotRunning, 30000);
    QVERIFY2(upload.state() == QProcess::Running, "the upload finished before it could be interrupted");
    upload.kill();
    upload.waitForFinished();
    const qint64 kept = stagedBytes();
    QVERIFY(kept >= 4 * 1024 * 1024);
    QVERIFY(kept < 200LL * 1024 * 1024);
    QVERIFY(!QFile::exists(m_server->storePath() + "/resume/resume.bin"));

    // Run again: the same transfer resumes from the bytes already staged and completes.
    const auto r = m_cli.run({"upload", "site", local, "resume/resume.bin", "--json"});
    QVERIFY2(r.exitCode == 0, describe(r));
    QCOMPARE(r.json().array().first().toObject().value("checksum").toString(), xxhsum(local));
    QVERIFY(contents(m_server->storePath() + "/resume/resume.bin") == contents(local));
    QVERIFY(stagingIsEmpty());
    {
        QSqlDatabase db = QSqlDatabase::addDatabase("QSQLITE", "inspect");
        db.setDatabaseName(m_server->dbPath());
        QVERIFY(db.open());
        QSqlQuery q(db);
        QVERIFY(q.exec("SELECT COUNT(*), MIN(status) FROM incoming_transfers WHERE store_path = 'resume/resume.bin'"));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toInt(), 1); // one transfer, resumed, not a second one
        QCOMPARE(q.value(1).toString(), QStringLiteral("COMPLETED"));
    }
    QSqlDatabase::removeDatabase("inspect");
}

QTEST_GUILESS_MAIN(TestUpload)
#include "tst_upload.moc"
