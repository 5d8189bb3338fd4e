#include "ServerFixture.h"

#include "client/DataChannel.h"

#include <QFile>

#include "ServerSetup.h"
#include "crypto/Hasher.h"
#include "model/Routes.h"
#include "model/messages/UploadMessages.h"

#include <QBuffer>
#include <QJsonArray>
#include <QTest>

using namespace librarian;

ServerFixture::ServerFixture(const QJsonObject &extraConfig)
{
    m_config = QJsonObject{
        {"name", "inprocess"},
        {"host", "127.0.0.1"},
        {"port", 0},
        {"data_port", 0},
        {"database", QStringLiteral("sqlite://") + catalogue()},
        {"encryption_key_file", m_dir.filePath(QStringLiteral("secrets/encryption.key"))},
        {"add_stores", QJsonArray{QJsonObject{{"store_name", "store"},
                                              {"store_type", "local"},
                                              {"ingestable", true},
                                              {"store_data", QJsonObject{{"staging_path", stagingPath()},
                                                                         {"store_path", storePath()}}}}}}};
    for (auto it = extraConfig.begin(); it != extraConfig.end(); ++it)
        m_config.insert(it.key(), it.value());
}

ServerFixture::~ServerFixture() = default;

bool ServerFixture::start(QString *error)
{
    auto config = ServerConfig::fromJson(m_config, m_dir.filePath(QStringLiteral("server.json")));
    if (!config) {
        if (error)
            *error = config.error().reason;
        return false;
    }
    auto report = ServerSetup(*config).run(QStringLiteral("admin"), adminPassword());
    if (!report) {
        if (error)
            *error = report.error().reason;
        return false;
    }
    m_server = std::make_unique<LibrarianServer>(*config);
    if (auto s = m_server->start(); !s) {
        if (error)
            *error = s.error().reason;
        return false;
    }
    return true;
}

Connection ServerFixture::connection(const QString &user, const QString &password) const
{
    Connection c;
    c.name = QStringLiteral("inprocess");
    c.host = QStringLiteral("http://127.0.0.1");
    c.port = m_server->port();
    c.user = user;
    c.password = password;
    return c;
}

Result<QJsonValue> ServerFixture::post(const char *route, const QJsonObject &body, const QString &user,
                                       const QString &password)
{
    LibrarianClient client(connection(user, password));
    std::optional<Result<QJsonValue>> answer;
    client.post(route, body, [&](Result<QJsonValue> r) { answer = std::move(r); });
    if (!QTest::qWaitFor([&] { return answer.has_value(); }, 30000))
        return ApiError{ErrorKind::Unavailable, QStringLiteral("no answer within 30 s"), {}};
    return *answer;
}

Result<UploadStageResponse> ServerFixture::stage(const QString &name, const QByteArray &bytes)
{
    Hasher hasher(ChecksumAlgorithm::Xxh3);
    hasher.addData(bytes);
    UploadStageRequest request;
    request.uploadName = name.section(QLatin1Char('/'), -1);
    request.destinationLocation = name;
    request.uploadSize = bytes.size();
    request.uploadChecksum = hasher.result().toString();
    auto staged = post(routes::kUploadStage, request.toJson());
    if (!staged)
        return staged.error();
    return UploadStageResponse::fromJson(staged->toObject());
}

Result<QJsonValue> ServerFixture::put(const UploadStageResponse &staged, const QByteArray &bytes)
{
    return putAt(staged.http.dataPort, staged.http.path, 0, bytes);
}

Result<QJsonValue> ServerFixture::putAt(int dataPort, const QString &path, qint64 offset, const QByteArray &bytes)
{
    // Sent like the CLI sends: from a file, over a DataChannel (the file holds `bytes` at `offset`).
    const QString local = m_dir.filePath(QStringLiteral("put-%1.bin").arg(++m_puts));
    QFile file(local);
    if (!file.open(QIODevice::WriteOnly) || !file.seek(offset) || file.write(bytes) != bytes.size())
        return ApiError::internal(QStringLiteral("cannot write %1").arg(local));
    file.close();
    LibrarianClient client(connection());
    std::optional<Result<QJsonValue>> answer;
    client.dataChannel(dataPort)->put(path, offset, local, bytes.size(), [&](Result<QJsonValue> r) { answer = std::move(r); });
    const bool answered = QTest::qWaitFor([&] { return answer.has_value(); }, 30000);
    QFile::remove(local);
    if (!answered)
        return ApiError{ErrorKind::Unavailable, QStringLiteral("no answer to the PUT within 30 s"), {}};
    return *answer;
}

Result<QJsonValue> ServerFixture::commit(const UploadStageResponse &staged)
{
    UploadCommitRequest request;
    request.transferId = staged.transferId;
    request.destinationLocation = staged.destinationLocation;
    return post(routes::kUploadCommit, request.toJson());
}

Result<QJsonValue> ServerFixture::upload(const QString &name, const QByteArray &bytes)
{
    auto staged = stage(name, bytes);
    if (!staged)
        return staged.error();
    if (auto sent = put(*staged, bytes); !sent)
        return sent;
    return commit(*staged);
}
