#include "client/ClientConfig.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace librarian;

class TestClientConfig : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void loadsConnections();
    void explainsProblems();
    void savesOwnerOnly();
};

namespace {
QString write(const QTemporaryDir &dir, const QByteArray &text)
{
    const QString path = dir.filePath("client.json");
    QFile f(path);
    f.open(QIODevice::WriteOnly);
    f.write(text);
    return path;
}
} // namespace

void TestClientConfig::loadsConnections()
{
    QTemporaryDir dir;
    const QString path = write(dir, R"({"connections": {"site": {"host": "http://127.0.0.1", "port": 21108,
                                        "user": "admin", "password": "pw"}}})");
    auto config = ClientConfig::load(path);
    QVERIFY(config.ok());
    QCOMPARE(config->names(), QStringList{"site"});
    auto site = config->connection("site");
    QVERIFY(site.ok());
    QCOMPARE(site->baseUrl(), QUrl("http://127.0.0.1:21108"));
    QCOMPARE(site->user, QStringLiteral("admin"));
    qputenv("LIBRARIAN_CLIENT_CONFIG", path.toUtf8());
    QCOMPARE(ClientConfig::defaultPath(), path);
    QVERIFY(ClientConfig::load().ok());
}

void TestClientConfig::explainsProblems()
{
    QTemporaryDir dir;
    auto missing = ClientConfig::load(dir.filePath("none.json"));
    QVERIFY(!missing.ok());
    QVERIFY(missing.error().reason.contains("none.json"));
    auto badJson = ClientConfig::load(write(dir, "{not json"));
    QVERIFY(!badJson.ok());
    QVERIFY(badJson.error().reason.contains("client.json"));
    auto noConnections = ClientConfig::load(write(dir, R"({"conections": {}})"));
    QVERIFY(!noConnections.ok());
    QVERIFY(noConnections.error().reason.contains("connections"));
    auto noPort = ClientConfig::load(write(dir, R"({"connections": {"a": {"host": "http://h", "user": "u", "password": "p"}}})"));
    QVERIFY(!noPort.ok());
    QVERIFY(noPort.error().reason.contains("port"));
    QVERIFY(noPort.error().reason.contains("client.json"));
    const QByteArray portInHost = R"({"connections": {"a": {"host": "http://h:80", "port": 1, "user": "u", "password": "p"}}})";
    const bool loaded = ClientConfig::load(write(dir, portInHost)).ok();
    QVERIFY(!loaded);
    auto config = ClientConfig::load(write(dir, R"({"connections": {"a": {"host": "http://h", "port": 1, "user": "u", "password": "p"},
                                                                     "b": {"host": "http://h", "port": 2, "user": "u", "password": "p"}}})"));
    auto unknown = config->connection("c");
    QCOMPARE(unknown.error().kind, ErrorKind::NotFound);
    QVERIFY(unknown.error().suggestedRemedy.contains("a, b"));
}

void TestClientConfig::savesOwnerOnly()
{
    QTemporaryDir dir;
    ClientConfig config;
    config.setConnection({"x", "http://127.0.0.1", 5, "u", "secret"});
    const QString path = dir.filePath("sub/client.json");
    QVERIFY(config.save(path).ok());
    const auto mode = QFile::permissions(path);
    QCOMPARE(mode & ~(QFileDevice::ReadUser | QFileDevice::WriteUser), QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    auto back = ClientConfig::load(path);
    QVERIFY(back.ok());
    QCOMPARE(back->connection("x")->password, QStringLiteral("secret"));
    // Saving again over an existing file keeps it owner-only.
    config.setConnection({"y", "https://example.org", 443, "v", "other"});
    QVERIFY(config.save(path).ok());
    QCOMPARE(QFile::permissions(path) & ~(QFileDevice::ReadUser | QFileDevice::WriteUser),
             QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    QCOMPARE(ClientConfig::load(path)->names(), (QStringList{"x", "y"}));
    QCOMPARE(ClientConfig::load(path)->connection("y")->baseUrl(), QUrl("https://example.org:443"));
}

QTEST_GUILESS_MAIN(TestClientConfig)
#include "tst_clientconfig.moc"
