#include "DataPlaneConnection.h"
#include "model/LogFailure.h"

#include "Authenticator.h"
#include "model/Routes.h"
#include "model/messages/UploadMessages.h"
#include "storage/Ingest.h"
#include "storage/StagingClaims.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QRegularExpression>
#include <QTcpSocket>
#include <QUrlQuery>

Q_LOGGING_CATEGORY(lcData, "librarian.data")

namespace librarian {

namespace {
constexpr qint64 kMaxHeadBytes = 16 * 1024;
constexpr qint64 kSocketBuffer = 4 * 1024 * 1024; // bounds memory per connection
constexpr qint64 kBlock = 1024 * 1024;
constexpr int kIdleMs = 120 * 1000;


QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 100: return "Continue";
    case 200: return "OK";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 406: return "Not Acceptable";
    case 409: return "Conflict";
    case 411: return "Length Required";
    case 413: return "Payload Too Large";
    case 429: return "Too Many Requests";
    case 431: return "Request Header Fields Too Large";
    case 500: return "Internal Server Error";
    case 503: return "Service Unavailable";
    case 507: return "Insufficient Storage";
    default: return "Status";
    }
}
} // namespace

DataPlaneConnection::DataPlaneConnection(QTcpSocket *socket, Ingest &ingest, Authenticator &authenticator,
                                         qint64 maxChunkBytes, QObject *parent)
    : QObject(parent), m_socket(socket), m_ingest(ingest), m_authenticator(authenticator), m_maxChunkBytes(maxChunkBytes)
{
    m_socket->setParent(this);
    m_socket->setReadBufferSize(kSocketBuffer);
    m_idle.setSingleShot(true);
    m_idle.setInterval(kIdleMs);
    connect(&m_idle, &QTimer::timeout, this, [this] { m_socket->abort(); });
    connect(m_socket, &QTcpSocket::readyRead, this, &DataPlaneConnection::onReadyRead);
    connect(m_socket, &QTcpSocket::disconnected, this, [this] {
        if (m_state == State::Body)
            qCInfo(lcData) << "transfer" << m_transferId << "interrupted with" << m_remaining << "bytes of the chunk missing";
        closeFile();
        deleteLater();
    });
    m_idle.start();
    if (m_socket->bytesAvailable() > 0)
        onReadyRead();
}

void DataPlaneConnection::onReadyRead()
{
    m_idle.start();
    while ((m_state == State::Head || m_state == State::Body) && m_socket->bytesAvailable() > 0) {
        if (m_state == State::Head) {
            if (!readHead())
                return;
            handleRequest();
        } else if (m_state == State::Body) {
            readBody();
            if (m_state == State::Body)
                return;
        }
    }
}

bool DataPlaneConnection::readHead()
{
    while (m_socket->canReadLine()) {
        const QByteArray line = m_socket->readLine(kMaxHeadBytes);
        m_headBytes += line.size();
        if (m_headBytes > kMaxHeadBytes) {
            answerError({ErrorKind::BadRequest, tr("Request head too large."), {}}, true);
            return false;
        }
        const QByteArray trimmed = line.trimmed();
        if (m_requestLine.isEmpty()) {
            if (!trimmed.isEmpty())
                m_requestLine = trimmed;
            continue;
        }
        if (trimmed.isEmpty())
            return true;
        const qsizetype colon = trimmed.indexOf(':');
        if (colon > 0)
            m_headers.insert(trimmed.left(colon).trimmed().toLower(), trimmed.mid(colon + 1).trimmed());
    }
    if (m_socket->bytesAvailable() > kMaxHeadBytes)
        answerError({ErrorKind::BadRequest, tr("Request head too large."), {}}, true);
    return false;
}

void DataPlaneConnection::handleRequest()
{
    const QList<QByteArray> parts = m_requestLine.split(' ');
    m_requestLine.clear();
    m_headBytes = 0;
    const QHash<QByteArray, QByteArray> headers = std::exchange(m_headers, {});
    const bool hasBody = headers.contains("content-length") || headers.contains("transfer-encoding");
    if (parts.size() != 3 || !parts[2].startsWith("HTTP/1.")) {
        answerError(ApiError::badRequest(tr("Malformed request line.")), true);
        return;
    }
    const QByteArray method = parts[0];
    const QUrl url(QString::fromLatin1(parts[1]));
    static const QRegularExpression pathPattern(QStringLiteral("^/api/v2/data/(\\d{1,18})$"));
    const auto match = pathPattern.match(url.path());
    if (!match.hasMatch()) {
        answerError(ApiError::notFound(tr("No data-plane route %1.").arg(url.path()),
                                       tr("Use /api/v2/data/<transfer id> as given by /upload/stage.")),
                    hasBody);
        return;
    }
    const qint64 transferId = match.captured(1).toLongLong();
    // Nothing more is read from the socket until the password check (off the loop) answers.
    m_state = State::Authenticating;
    m_authenticator.authenticate(headers.value("authorization"), AuthLevel::ReadAppend, m_socket->peerAddress(), this,
                                 [this, method, url, transferId, headers, hasBody](const Result<User> &user) {
                                     m_state = State::Head;
                                     if (!user)
                                         return answerError(user.error(), hasBody);
                                     serve(method, url, transferId, headers, *user);
                                     if (m_state == State::Head || m_state == State::Body)
                                         onReadyRead();
                                 });
}

void DataPlaneConnection::serve(const QByteArray &method, const QUrl &url, qint64 transferId,
                                const QHash<QByteArray, QByteArray> &headers, const User &caller)
{
    const bool hasBody = headers.contains("content-length") || headers.contains("transfer-encoding");
    const auto user = &caller;
    auto target = m_ingest.dataTarget(transferId, user->username, user->level == AuthLevel::Admin);
    if (!target) {
        answerError(target.error(), hasBody);
        return;
    }
    const QFileInfo staged(target->stagedPath);
    const qint64 received = staged.exists() ? staged.size() : 0;

    if (method == "GET") {
        answer(200, QJsonDocument(DataProgress{transferId, received, target->transfer.transferSize}.toJson())
                        .toJson(QJsonDocument::Compact));
        return;
    }
    if (method != "PUT") {
        answerError({ErrorKind::BadRequest, tr("Method %1 is not allowed here.").arg(QString::fromLatin1(method)),
                     tr("Use PUT to send bytes and GET to ask how many arrived.")},
                    hasBody);
        return;
    }
    if (headers.contains("transfer-encoding") || !headers.contains("content-length")) {
        answer(411, QJsonDocument(ApiError::badRequest(tr("A chunk needs a Content-Length.")).toJson())
                        .toJson(QJsonDocument::Compact),
               true);
        return;
    }
    bool ok = false;
    const qint64 length = headers.value("content-length").toLongLong(&ok);
    if (!ok || length < 0) {
        answerError(ApiError::badRequest(tr("Invalid Content-Length.")), true);
        return;
    }
    if (length > m_maxChunkBytes) {
        answerError({ErrorKind::PayloadTooLarge,
                     tr("A chunk of %1 bytes exceeds max_chunk_bytes (%2).").arg(length).arg(m_maxChunkBytes),
                     tr("Send the file in chunks of at most %1 bytes.").arg(m_maxChunkBytes)},
                    true);
        return;
    }
    const QString offsetText = QUrlQuery(url).queryItemValue(QStringLiteral("offset"));
    const qint64 offset = offsetText.toLongLong(&ok);
    if (!ok || offset < 0) {
        answerError(ApiError::badRequest(tr("The query parameter offset=N (bytes) is required.")), true);
        return;
    }
    // No gaps: a chunk starts at or before the first missing byte, so what is on disk is always
    // a prefix of the file and a resume can start at its size.
    if (offset > received) {
        answerError(ApiError::conflict(tr("Offset %1 is past the %2 bytes received so far.").arg(offset).arg(received),
                                       tr("Resume at offset %1.").arg(received)),
                    true);
        return;
    }
    if (offset + length > target->transfer.transferSize) {
        answerError({ErrorKind::PayloadTooLarge,
                     tr("Bytes %1 to %2 lie beyond the staged size of %3 bytes.")
                         .arg(offset)
                         .arg(offset + length)
                         .arg(target->transfer.transferSize),
                     tr("Stage the upload with its real size.")},
                    true);
        return;
    }
    // Claimed before the file is opened and held until it is closed: a commit waits for no one and
    // refuses while a PUT is open, so no byte can follow the file into the store.
    m_claim = StagingClaims::instance().claimWrite(target->stagedPath);
    if (!m_claim) {
        answerError(ApiError::conflict(tr("Transfer %1 is being committed and takes no more bytes.").arg(transferId),
                                       tr("Stage the upload again if the commit fails.")),
                    true);
        return;
    }
    // The claim came after the status check: a commit may have finished in between.
    if (auto still = m_ingest.dataTarget(transferId, user->username, user->level == AuthLevel::Admin); !still) {
        m_claim.reset();
        answerError(still.error(), true);
        return;
    }
    m_file.setFileName(target->stagedPath);
    if (!m_file.open(QIODevice::ReadWrite) || !m_file.seek(offset)) {
        answerError(ApiError::internal(tr("Cannot write the staging file: %1").arg(m_file.errorString())), true);
        closeFile();
        return;
    }
    m_transferId = transferId;
    m_transferSize = target->transfer.transferSize;
    m_remaining = length;
    m_state = State::Body;
    if (headers.value("expect").toLower() == "100-continue")
        m_socket->write("HTTP/1.1 100 Continue\r\n\r\n");
    if (length == 0)
        finishPut();
}

void DataPlaneConnection::closeFile()
{
    m_file.close();
    m_claim.reset();
}

void DataPlaneConnection::readBody()
{
    while (m_remaining > 0 && m_socket->bytesAvailable() > 0) {
        const QByteArray block = m_socket->read(std::min({m_remaining, kBlock, m_socket->bytesAvailable()}));
        if (m_file.write(block) != block.size()) {
            const QString error = m_file.errorString();
            closeFile();
            answerError({ErrorKind::InsufficientStorage, tr("Cannot write the staging file: %1").arg(error),
                         tr("Free space on the store, then resume.")},
                        true);
            return;
        }
        m_remaining -= block.size();
    }
    if (m_remaining == 0)
        finishPut();
}

void DataPlaneConnection::finishPut()
{
    if (!m_file.flush()) {
        const QString error = m_file.errorString();
        closeFile();
        answerError({ErrorKind::InsufficientStorage, tr("Cannot write the staging file: %1").arg(error), {}}, true);
        return;
    }
    closeFile();
    m_state = State::Head;
    logFailure(m_ingest.markOngoing(m_transferId), lcData(), QStringLiteral("Marking transfer %1 ONGOING").arg(m_transferId));
    const qint64 received = QFileInfo(m_file.fileName()).size();
    answer(200, QJsonDocument(DataProgress{m_transferId, received, m_transferSize}.toJson()).toJson(QJsonDocument::Compact));
}

void DataPlaneConnection::answer(int status, const QByteArray &json, bool close, int retryAfterSeconds)
{
    QByteArray head = "HTTP/1.1 " + QByteArray::number(status) + ' ' + reasonPhrase(status) + "\r\n";
    head += "Content-Type: application/json\r\nContent-Length: " + QByteArray::number(json.size()) + "\r\n";
    if (retryAfterSeconds > 0)
        head += "Retry-After: " + QByteArray::number(retryAfterSeconds) + "\r\n";
    head += close ? "Connection: close\r\n\r\n" : "Connection: keep-alive\r\n\r\n";
    m_socket->write(head + json);
    if (close) {
        // The unread body of a refused chunk must not be taken for the next request.
        m_state = State::Closing;
        m_socket->disconnectFromHost();
    }
}

void DataPlaneConnection::answerError(const ApiError &error, bool close)
{
    if (error.httpStatus() >= 500 || error.kind == ErrorKind::Unauthorized)
        qCInfo(lcData) << "refused:" << error.reason;
    answer(error.httpStatus(), QJsonDocument(error.toJson()).toJson(QJsonDocument::Compact), close,
           error.retryAfterSeconds);
}

} // namespace librarian
