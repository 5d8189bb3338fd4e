#include "Cli.h"
#include "TestLibrarian.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QProcess>
#include <QTest>
#include <unistd.h>

// A disk that fills up: during an upload (a clear error, nothing committed, resumable once space is
// back) and during setup (no key file, no database). Needs a small tmpfs, so root; skipped otherwise.
class TestFullDisk : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void uploadIntoAFullStore();
    void setupOnAFullDisk();

private:
    QTemporaryDir m_mount;
    bool m_mounted = false;
    void fill(const QString &path, qint64 bytes);
};

void TestFullDisk::init()
{
    if (::geteuid() != 0)
        QSKIP("mounting a small tmpfs needs root");
    QProcess mount;
    mount.start("mount", {"-t", "tmpfs", "-o", "size=8m", "tmpfs", m_mount.path()});
    mount.waitForFinished();
    if (mount.exitCode() != 0)
        QSKIP("this machine does not allow mounting a tmpfs");
    m_mounted = true;
}

void TestFullDisk::cleanup()
{
    if (!m_mounted)
        return;
    QProcess::execute("umount", {m_mount.path()});
    m_mounted = false;
}

void TestFullDisk::fill(const QString &path, qint64 bytes)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Unbuffered));
    // Big blocks, then smaller ones, so that "full" leaves not even a page free.
    for (qint64 blockSize : {qint64(64 * 1024), qint64(4096), qint64(1)}) {
        const QByteArray block(blockSize, 'f');
        while (f.size() + blockSize <= bytes)
            if (f.write(block) != blockSize)
                break;
    }
}

void TestFullDisk::uploadIntoAFullStore()
{
    TestLibrarian server(QStringLiteral("site"));
    server.set("max_chunk_bytes", 1048576);
    // The store lives on the 8 MiB tmpfs; the catalogue and key stay on the normal disk.
    const QString staging = m_mount.filePath("staging");
    const QString store = m_mount.filePath("files");
    server.useOnlyStoreAt(staging, store);
    QCOMPARE(server.setup(), 0);
    QVERIFY(server.start());
    Cli cli;
    cli.addConnection("site", server, "admin", server.adminPassword());

    QTemporaryDir local;
    const QString file = local.filePath("six.bin");
    fill(file, 6 * 1024 * 1024);
    // Room when staged; gone while the bytes arrive (another writer filled the disk).
    const QString filler = m_mount.filePath("filler");
    fill(filler, 4 * 1024 * 1024);
    auto r = cli.run({"upload", "site", file, "full/six.bin"});
    QCOMPARE(r.exitCode, 8);
    QVERIFY2(r.err.contains("staging file") || r.err.contains("room"), describe(r));
    auto search = cli.run({"search-files", "site", "--json"});
    QCOMPARE(search.json().array().size(), 0); // nothing committed
    QVERIFY(!QFile::exists(store + "/full/six.bin"));
    QVERIFY(QDir(staging).entryList(QDir::NoDotAndDotDot | QDir::AllEntries).isEmpty()); // no debris

    QVERIFY(QFile::remove(filler));
    r = cli.run({"upload", "site", file, "full/six.bin"});
    QVERIFY2(r.exitCode == 0, describe(r));
    search = cli.run({"search-files", "site", "--json"});
    QCOMPARE(search.json().array().size(), 1);
}

void TestFullDisk::setupOnAFullDisk()
{
    fill(m_mount.filePath("filler"), 16 * 1024 * 1024); // fills the tmpfs completely
    TestLibrarian server(QStringLiteral("site"));
    server.set("encryption_key_file", m_mount.filePath("secrets/encryption.key"));
    QString output;
    QVERIFY(server.setup(&output) != 0);
    QVERIFY2(output.contains("key"), qPrintable(output));
    QVERIFY(!QFile::exists(m_mount.filePath("secrets/encryption.key")));
    QVERIFY(!QFile::exists(server.dbPath())); // no database either: nothing half set up
}

QTEST_GUILESS_MAIN(TestFullDisk)
#include "tst_fulldisk.moc"
