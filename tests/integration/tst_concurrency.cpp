#include "Cli.h"
#include "RawHttp.h"
#include "TestLibrarian.h"
#include "TestPostgres.h"

#include "crypto/Hasher.h"
#include "db/Database.h"
#include "db/SqlQuery.h"
#include "model/Routes.h"
#include "model/messages/UploadMessages.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTest>
#include <future>
#include <thread>

using namespace librarian;

// Parallel writers never see a lock error (issue 8, finding 2): 50 CLI uploads at once, 8 commits at
// once, two accounts racing for one name (one wins, the other gets 409). Each on SQLite and on a
// private PostgreSQL cluster started once for the whole binary.
class TestConcurrency : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void parallelCliUploads_data() { backends(); }
    void parallelCliUploads();
    void parallelCommits_data() { backends(); }
    void parallelCommits();
    void racingAccountsOneWins_data() { backends(); }
    void racingAccountsOneWins();
    void postgresRefusalsAreConflictsOrBusy();

private:
    // One upload staged and its bytes sent through the raw API, ready for its commit.
    struct Staged
    {
        QString credentials;
        QByteArray bytes;
        QString checksum;
        UploadStageResponse stage;
    };

    static void backends();
    std::unique_ptr<TestLibrarian> startServer(const QString &backend, const QString &name);
    Staged stageAndSend(const TestLibrarian &server, const QString &user, const QString &password, const QString &name);
    static QList<RawHttp::Reply> commitAtOnce(const TestLibrarian &server, const QList<Staged> &uploads);
    static QJsonArray catalogue(const Cli &cli, const QString &connection);
    static bool stagingIsEmpty(const TestLibrarian &server);

    std::unique_ptr<TestPostgres> m_postgres;
    bool m_postgresUp = false;
    QTemporaryDir m_dir;
};

// QSKIP must be called from the test function itself.
#define SKIP_UNLESS_BACKEND_UP(backend)                                                                                \
    if ((backend) == QLatin1String("postgresql") && !m_postgresUp)                                                     \
    QSKIP(qPrintable(QStringLiteral("PostgreSQL could not be started: ") + m_postgres->errorString()))

void TestConcurrency::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_postgres = std::make_unique<TestPostgres>();
    m_postgresUp = m_postgres->start();
    if (!m_postgresUp)
        qWarning().noquote() << "PostgreSQL rows will be skipped:" << m_postgres->errorString();
}

void TestConcurrency::backends()
{
    QTest::addColumn<QString>("backend");
    QTest::newRow("sqlite") << QStringLiteral("sqlite");
    QTest::newRow("postgresql") << QStringLiteral("postgresql");
}

std::unique_ptr<TestLibrarian> TestConcurrency::startServer(const QString &backend, const QString &name)
{
    auto server = std::make_unique<TestLibrarian>(name);
    if (backend == QLatin1String("postgresql")) {
        const QString url = m_postgres->createDatabase(name);
        if (url.isEmpty()) {
            qWarning().noquote() << "cannot create a database:" << m_postgres->errorString();
            return {};
        }
        server->set(QStringLiteral("database"), url);
    }
    QString output;
    if (server->setup(&output) != 0) {
        qWarning().noquote() << "setup failed:" << output;
        return {};
    }
    if (!server->start())
        return {};
    if (backend == QLatin1String("postgresql") && QFile::exists(server->dbPath())) {
        qWarning() << "the server made a SQLite catalogue instead of using PostgreSQL";
        return {};
    }
    return server;
}

static QString describeFailures(const QStringList &failures, int total)
{
    return QStringLiteral("%1 of %2 failed; %3")
        .arg(failures.size())
        .arg(total)
        .arg(failures.mid(0, 3).join(QStringLiteral(" | ")));
}

void TestConcurrency::parallelCliUploads()
{
    QFETCH(QString, backend);
    SKIP_UNLESS_BACKEND_UP(backend);
    auto server = startServer(backend, QStringLiteral("uploads_") + backend);
    QVERIFY(server);
    Cli cli;
    cli.addConnection("site", *server, "admin", server->adminPassword());
    const auto ping = cli.run({"ping", "site"}); // one scrypt; the 50 below find the login cached
    QVERIFY2(ping.exitCode == 0, describe(ping));

    constexpr int kUploads = 50;
    const QString folder = m_dir.filePath(backend);
    QVERIFY(QDir().mkpath(folder));
    std::vector<std::unique_ptr<QProcess>> uploads;
    for (int i = 0; i < kUploads; ++i) {
        const QString local = folder + QStringLiteral("/file_%1.bin").arg(i);
        QFile f(local);
        QVERIFY(f.open(QIODevice::WriteOnly));
        QByteArray bytes(1000 + i, Qt::Uninitialized);
        QRandomGenerator::global()->fillRange(reinterpret_cast<quint32 *>(bytes.data()), bytes.size() / 4);
        f.write(bytes);
        f.close();
        auto p = std::make_unique<QProcess>();
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("LIBRARIAN_CLIENT_CONFIG"), cli.configPath());
        p->setProcessEnvironment(env);
        uploads.push_back(std::move(p));
        uploads.back()->start(QStringLiteral(LIBRARIAN_CLI_BIN),
                              {"upload", "site", local, QStringLiteral("parallel/file_%1.bin").arg(i)});
    }
    const auto allDone = [&uploads] {
        return std::all_of(uploads.begin(), uploads.end(),
                           [](const auto &p) { return p->state() == QProcess::NotRunning; });
    };
    QTRY_VERIFY_WITH_TIMEOUT(allDone(), 60000);
    QStringList failures;
    for (int i = 0; i < kUploads; ++i) {
        QProcess &p = *uploads[size_t(i)];
        if (p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0)
            failures << QStringLiteral("file_%1: exit %2, %3")
                            .arg(i)
                            .arg(p.exitCode())
                            .arg(QString::fromUtf8(p.readAllStandardError()).trimmed());
    }
    QVERIFY2(failures.isEmpty(), qPrintable(describeFailures(failures, kUploads)));
    QStringList names;
    for (const QJsonValue &v : catalogue(cli, "site"))
        names << v.toObject().value("name").toString();
    QCOMPARE(names.filter(QRegularExpression("^parallel/file_\\d+\\.bin$")).size(), kUploads);
    QVERIFY(stagingIsEmpty(*server));
}

TestConcurrency::Staged TestConcurrency::stageAndSend(const TestLibrarian &server, const QString &user,
                                                      const QString &password, const QString &name)
{
    Staged s;
    s.credentials = user + QLatin1Char(':') + password;
    s.bytes = QByteArray(2048, Qt::Uninitialized);
    QRandomGenerator::global()->fillRange(reinterpret_cast<quint32 *>(s.bytes.data()), s.bytes.size() / 4);
    Hasher hasher(ChecksumAlgorithm::Xxh3);
    hasher.addData(s.bytes);
    s.checksum = hasher.result().toString();

    UploadStageRequest request;
    request.uploadSize = s.bytes.size();
    request.uploadChecksum = s.checksum;
    request.uploadName = name.section(QLatin1Char('/'), -1);
    request.destinationLocation = name;
    request.uploader = user;
    const auto staged =
        RawHttp::post(server.port(), routes::kUploadStage, QJsonDocument(request.toJson()).toJson(), s.credentials);
    if (staged.status != 201) {
        qWarning() << "stage of" << name << "answered" << staged.status << staged.body;
        return {};
    }
    auto response = UploadStageResponse::fromJson(staged.json());
    if (!response)
        return {};
    s.stage = *response;

    QNetworkAccessManager network;
    QNetworkRequest put(
        QUrl(QStringLiteral("http://127.0.0.1:%1%2?offset=0").arg(server.dataPort()).arg(s.stage.http.path)));
    put.setRawHeader("Authorization", "Basic " + s.credentials.toUtf8().toBase64());
    std::unique_ptr<QNetworkReply> reply(network.put(put, s.bytes));
    QSignalSpy finished(reply.get(), &QNetworkReply::finished);
    if (!finished.wait(30000) || reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() != 200) {
        qWarning() << "sending" << name << "answered" << reply->attribute(QNetworkRequest::HttpStatusCodeAttribute)
                   << reply->readAll();
        return {};
    }
    return s;
}

// Every commit on a network manager of its own (one manager would queue all but 6 per host), all
// sent before any answer is read.
QList<RawHttp::Reply> TestConcurrency::commitAtOnce(const TestLibrarian &server, const QList<Staged> &uploads)
{
    std::vector<std::unique_ptr<QNetworkAccessManager>> networks;
    std::vector<std::unique_ptr<QNetworkReply>> replies;
    for (const Staged &s : uploads) {
        UploadCommitRequest commit;
        commit.storeName = s.stage.storeName;
        commit.stagingName = s.stage.stagingName;
        commit.stagingLocation = s.stage.stagingLocation;
        commit.uploadName = s.stage.uploadName;
        commit.destinationLocation = s.stage.destinationLocation;
        commit.uploader = s.credentials.section(QLatin1Char(':'), 0, 0);
        commit.transferId = s.stage.transferId;
        QNetworkRequest request(
            QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(server.port()).arg(routes::kUploadCommit)));
        request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
        request.setRawHeader("Authorization", "Basic " + s.credentials.toUtf8().toBase64());
        networks.push_back(std::make_unique<QNetworkAccessManager>());
        replies.emplace_back(networks.back()->post(request, QJsonDocument(commit.toJson()).toJson()));
    }
    const auto allDone = [&replies] {
        return std::all_of(replies.begin(), replies.end(), [](const auto &r) { return r->isFinished(); });
    };
    QDeadlineTimer deadline(30000);
    while (!allDone() && !deadline.hasExpired())
        QTest::qWait(10); // spins the event loop the replies need, until they are in
    QList<RawHttp::Reply> answers;
    for (const auto &r : replies)
        answers.append({r->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), r->readAll()});
    return answers;
}

void TestConcurrency::parallelCommits()
{
    QFETCH(QString, backend);
    SKIP_UNLESS_BACKEND_UP(backend);
    auto server = startServer(backend, QStringLiteral("commits_") + backend);
    QVERIFY(server);
    constexpr int kRounds = 5;
    constexpr int kCommits = 8;
    QStringList failures;
    for (int round = 0; round < kRounds; ++round) {
        QList<Staged> uploads;
        for (int i = 0; i < kCommits; ++i) {
            uploads.append(stageAndSend(*server, "admin", server->adminPassword(),
                                        QStringLiteral("commits/round_%1/file_%2.bin").arg(round).arg(i)));
            QVERIFY(uploads.last().stage.transferId > 0);
        }
        const auto answers = commitAtOnce(*server, uploads);
        for (int i = 0; i < kCommits; ++i)
            if (answers[i].status != 200)
                failures << QStringLiteral("round %1 commit %2: %3 %4")
                                .arg(round)
                                .arg(i)
                                .arg(answers[i].status)
                                .arg(QString::fromUtf8(answers[i].body));
    }
    QVERIFY2(failures.isEmpty(), qPrintable(describeFailures(failures, kRounds * kCommits)));
    Cli cli;
    cli.addConnection("site", *server, "admin", server->adminPassword());
    QCOMPARE(catalogue(cli, "site").size(), kRounds * kCommits);
    QVERIFY(stagingIsEmpty(*server));
}

void TestConcurrency::racingAccountsOneWins()
{
    QFETCH(QString, backend);
    SKIP_UNLESS_BACKEND_UP(backend);
    auto server = startServer(backend, QStringLiteral("race_") + backend);
    QVERIFY(server);
    Cli cli;
    cli.addConnection("admin", *server, "admin", server->adminPassword());
    const QStringList accounts{"alice", "bob"};
    for (const QString &account : accounts) {
        const auto created = cli.run({"create-user", "admin", "--username", account, "--password",
                                      account + "-password", "--auth-level", "READAPPEND"});
        QVERIFY2(created.exitCode == 0, describe(created));
    }
    constexpr int kRounds = 10;
    QStringList failures;
    for (int round = 0; round < kRounds; ++round) {
        const QString name = QStringLiteral("race/round_%1.bin").arg(round);
        QList<Staged> uploads;
        for (const QString &account : accounts) {
            uploads.append(stageAndSend(*server, account, account + "-password", name));
            QVERIFY(uploads.last().stage.transferId > 0);
        }
        const auto answers = commitAtOnce(*server, uploads);
        const bool aliceWon = answers[0].status == 200 && answers[1].status == 409;
        const bool bobWon = answers[1].status == 200 && answers[0].status == 409;
        if (!aliceWon && !bobWon) {
            failures << QStringLiteral("round %1: alice %2 %3, bob %4 %5")
                            .arg(round)
                            .arg(answers[0].status)
                            .arg(QString::fromUtf8(answers[0].body))
                            .arg(answers[1].status)
                            .arg(QString::fromUtf8(answers[1].body));
            continue;
        }
        const Staged &winner = uploads[aliceWon ? 0 : 1];
        const auto found = cli.run({"search-files", "admin", "--name", name, "--json"});
        QVERIFY2(found.exitCode == 0, describe(found));
        const QJsonArray files = found.json().array();
        QCOMPARE(files.size(), 1);
        const QJsonObject file = files.first().toObject();
        QCOMPARE(file.value("checksum").toString(), winner.checksum);
        QCOMPARE(file.value("uploader").toString(), accounts[aliceWon ? 0 : 1]);
        const QJsonArray instances = file.value("instances").toArray();
        QCOMPARE(instances.size(), 1);
        QFile stored(instances.first().toObject().value("path").toString());
        QVERIFY(stored.open(QIODevice::ReadOnly));
        QVERIFY(stored.readAll() == winner.bytes);
    }
    QVERIFY2(failures.isEmpty(), qPrintable(describeFailures(failures, kRounds)));
    QCOMPARE(catalogue(cli, "admin").size(), kRounds);
    QVERIFY(stagingIsEmpty(*server)); // the loser's bytes are discarded, not left staged
}

// What QPSQL reports for PostgreSQL's refusals (nativeErrorCode is the SQLSTATE) becomes a 409 for
// a unique key and a 503 for a competitor in the way (lock_not_available, serialization_failure,
// deadlock_detected), never a 500.
void TestConcurrency::postgresRefusalsAreConflictsOrBusy()
{
    if (!m_postgresUp)
        QSKIP(qPrintable(QStringLiteral("PostgreSQL could not be started: ") + m_postgres->errorString()));
    const QString url = m_postgres->createDatabase(QStringLiteral("refusals"));
    QVERIFY2(!url.isEmpty(), qPrintable(m_postgres->errorString()));
    const auto parsed = DatabaseUrl::parse(url);
    QVERIFY(parsed);
    // Two Database objects: two connections on this thread, and one more on the worker below.
    Database first(*parsed);
    Database second(*parsed);
    auto a = first.connection();
    auto b = second.connection();
    QVERIFY(a && b);
    QVERIFY(SqlQuery::execute(*a, "CREATE TABLE t (id INTEGER PRIMARY KEY, v INTEGER NOT NULL)"));
    QVERIFY(SqlQuery::execute(*a, "INSERT INTO t VALUES (1, 0), (2, 0)"));

    auto duplicate = SqlQuery::run(*a, "INSERT INTO t VALUES (?, 0)", {1});
    QVERIFY(!duplicate);
    QCOMPARE(duplicate.error().kind, ErrorKind::Conflict);

    QVERIFY(a->transaction());
    QVERIFY(SqlQuery::run(*a, "UPDATE t SET v = 1 WHERE id = 1"));
    auto locked = SqlQuery::run(*b, "SELECT v FROM t WHERE id = 1 FOR UPDATE NOWAIT");
    QVERIFY(!locked);
    QCOMPARE(locked.error().kind, ErrorKind::Unavailable);
    QVERIFY(a->commit());

    QVERIFY(SqlQuery::execute(*b, "BEGIN ISOLATION LEVEL REPEATABLE READ"));
    QVERIFY(SqlQuery::run(*b, "SELECT v FROM t WHERE id = 2")); // the snapshot
    QVERIFY(SqlQuery::run(*a, "UPDATE t SET v = 2 WHERE id = 2"));
    auto stale = SqlQuery::run(*b, "UPDATE t SET v = 3 WHERE id = 2");
    QVERIFY(!stale);
    QCOMPARE(stale.error().kind, ErrorKind::Unavailable);
    QVERIFY(SqlQuery::execute(*b, "ROLLBACK"));

    // Each transaction holds one row and wants the other's: PostgreSQL ends one of them.
    Database third(*parsed);
    std::promise<void> holding;
    std::optional<ErrorKind> workerRefused;
    bool workerRan = false;
    QVERIFY(a->transaction());
    QVERIFY(SqlQuery::run(*a, "UPDATE t SET v = 4 WHERE id = 1"));
    std::thread worker([&] {
        auto c = third.connection();
        if (!c || !c->transaction() || !SqlQuery::run(*c, "UPDATE t SET v = 5 WHERE id = 2")) {
            holding.set_value();
            return;
        }
        holding.set_value();
        workerRan = true;
        auto wanted = SqlQuery::run(*c, "UPDATE t SET v = 5 WHERE id = 1");
        if (wanted) {
            c->commit();
        } else {
            workerRefused = wanted.error().kind;
            c->rollback();
        }
    });
    const bool held = holding.get_future().wait_for(std::chrono::seconds(20)) == std::future_status::ready;
    auto mine = held ? SqlQuery::run(*a, "UPDATE t SET v = 4 WHERE id = 2")
                     : Result<SqlRows>(ApiError::internal("no worker"));
    bool committed = false;
    if (mine)
        committed = a->commit();
    else
        a->rollback();
    worker.join();
    QVERIFY(held && workerRan);
    QVERIFY(committed || !mine);
    QVERIFY2(bool(mine) == workerRefused.has_value(), "exactly one of the two transactions is ended");
    QCOMPARE(mine ? *workerRefused : mine.error().kind, ErrorKind::Unavailable);
}

QJsonArray TestConcurrency::catalogue(const Cli &cli, const QString &connection)
{
    const auto r = cli.run({"search-files", connection, "--json", "--max-results", "1000"});
    if (r.exitCode != 0)
        qWarning() << describe(r);
    return r.json().array();
}

bool TestConcurrency::stagingIsEmpty(const TestLibrarian &server)
{
    const QStringList left = QDir(server.stagingPath()).entryList(QDir::NoDotAndDotDot | QDir::AllEntries);
    if (!left.isEmpty())
        qWarning() << "left in staging:" << left;
    return left.isEmpty();
}

QTEST_GUILESS_MAIN(TestConcurrency)
#include "tst_concurrency.moc"
