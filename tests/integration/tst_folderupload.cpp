#include "Cli.h"
#include "TestLibrarian.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTest>

// Folders of many files through the real CLI: they go in batches (our batch routes), and a folder
// upload killed half-way completes when run again.
class TestFolderUpload : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void manyFilesInSeveralBatches();
    void killedFolderUploadResumes();

private:
    QString makeTree(const QString &name, int files, int size);
    static QByteArray bytesOf(int i, int size);
    int storedUnder(const QString &name) const;
    bool stagingIsEmpty() const;

    std::unique_ptr<TestLibrarian> m_server;
    Cli m_cli;
    QTemporaryDir m_dir;
};

void TestFolderUpload::initTestCase()
{
    // The harness stops reading a server's output once it runs: thousands of files' worth of
    // per-file log lines would fill the pipe and block the server in its next log line.
    qputenv("QT_LOGGING_RULES", "librarian.ingest.info=false");
    m_server = std::make_unique<TestLibrarian>(QStringLiteral("site"));
    QCOMPARE(m_server->setup(), 0);
    QVERIFY(m_server->start());
    m_cli.addConnection("site", *m_server, "admin", m_server->adminPassword());
}

QByteArray TestFolderUpload::bytesOf(int i, int size)
{
    QByteArray bytes(size, Qt::Uninitialized);
    for (int k = 0; k < size; ++k)
        bytes[k] = char((i * 31 + k * 17 + (k >> 8)) & 0xff);
    return bytes;
}

QString TestFolderUpload::makeTree(const QString &name, int files, int size)
{
    const QString root = m_dir.filePath(name);
    for (int i = 0; i < files; ++i) {
        const QString path = QStringLiteral("%1/d%2/f%3.bin").arg(root).arg(i % 10).arg(i);
        QDir().mkpath(QFileInfo(path).absolutePath());
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly) || f.write(bytesOf(i, size)) != size)
            qFatal("cannot write %s", qPrintable(path));
    }
    return root;
}

int TestFolderUpload::storedUnder(const QString &name) const
{
    int n = 0;
    QDirIterator it(m_server->storePath() + QLatin1Char('/') + name, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        it.next();
        ++n;
    }
    return n;
}

bool TestFolderUpload::stagingIsEmpty() const
{
    return QDir(m_server->stagingPath()).entryList(QDir::NoDotAndDotDot | QDir::AllEntries).isEmpty();
}

void TestFolderUpload::manyFilesInSeveralBatches()
{
    constexpr int kFiles = 700; // three batches of at most 256
    const QString root = makeTree(QStringLiteral("many"), kFiles, 3000);
    const auto r = m_cli.run({"upload", "site", root, "folders/many", "--json"});
    QVERIFY2(r.exitCode == 0, describe(r));
    QCOMPARE(r.json().array().size(), kFiles);
    QCOMPARE(storedUnder("folders/many"), kFiles);
    for (int i : {0, 255, 256, 511, 699}) {
        QFile stored(QStringLiteral("%1/folders/many/d%2/f%3.bin").arg(m_server->storePath()).arg(i % 10).arg(i));
        QVERIFY(stored.open(QIODevice::ReadOnly));
        QCOMPARE(stored.readAll(), bytesOf(i, 3000));
    }
    QVERIFY(stagingIsEmpty());
}

void TestFolderUpload::killedFolderUploadResumes()
{
    constexpr int kFiles = 2000;
    const QString root = makeTree(QStringLiteral("resume"), kFiles, 8192);
    QProcess upload;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert("LIBRARIAN_CLIENT_CONFIG", m_cli.configPath());
    upload.setProcessEnvironment(env);
    upload.start(QStringLiteral(LIBRARIAN_CLI_BIN), {"upload", "site", root, "folders/resume"});
    // Kill the client (SIGKILL: no clean-up at all) once a batch is committed, long before the end.
    QTRY_VERIFY_WITH_TIMEOUT(storedUnder("folders/resume") > 0 || upload.state() == QProcess::NotRunning, 60000);
    QVERIFY2(upload.state() == QProcess::Running, "the upload finished before it could be interrupted");
    upload.kill();
    upload.waitForFinished();
    const int before = storedUnder("folders/resume");
    QVERIFY2(before > 0 && before < kFiles, qPrintable(QString::number(before)));

    // Run again: what is there is skipped, what was staged resumes, the rest follows.
    const auto r = m_cli.run({"upload", "site", root, "folders/resume", "--json"});
    QVERIFY2(r.exitCode == 0, describe(r));
    QVERIFY(r.json().array().size() <= kFiles - before);
    QCOMPARE(storedUnder("folders/resume"), kFiles);
    for (int i : {0, 999, 1999}) {
        QFile stored(QStringLiteral("%1/folders/resume/d%2/f%3.bin").arg(m_server->storePath()).arg(i % 10).arg(i));
        QVERIFY(stored.open(QIODevice::ReadOnly));
        QCOMPARE(stored.readAll(), bytesOf(i, 8192));
    }
    QVERIFY(stagingIsEmpty());
    {
        QSqlDatabase db = QSqlDatabase::addDatabase("QSQLITE", "inspect");
        db.setDatabaseName(m_server->dbPath());
        QVERIFY(db.open());
        QSqlQuery q(db);
        // Every file committed once; no transfer left live; none staged twice.
        QVERIFY(q.exec("SELECT COUNT(*) FROM files WHERE name LIKE 'folders/resume/%'"));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toInt(), kFiles);
        QVERIFY(q.exec("SELECT COUNT(*) FROM incoming_transfers WHERE store_path LIKE 'folders/resume/%' "
                       "AND status IN ('INITIATED', 'ONGOING', 'STAGED')"));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toInt(), 0);
        QVERIFY(q.exec("SELECT COUNT(*) FROM (SELECT store_path FROM incoming_transfers WHERE store_path LIKE "
                       "'folders/resume/%' GROUP BY store_path HAVING COUNT(*) > 1)"));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toInt(), 0);
    }
    QSqlDatabase::removeDatabase("inspect");

    // Once more: nothing left to send, which is a conflict (exit 6) and stages nothing.
    const auto again = m_cli.run({"upload", "site", root, "folders/resume"});
    QCOMPARE(again.exitCode, 6);
    QVERIFY(stagingIsEmpty());
}

QTEST_GUILESS_MAIN(TestFolderUpload)
#include "tst_folderupload.moc"
