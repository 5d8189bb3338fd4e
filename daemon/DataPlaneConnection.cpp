#include "DataPlaneConnection.h"

#include "Authenticator.h"
#include "OngoingMarks.h"
#include "model/LogFailure.h"
#include "model/Routes.h"
#include "model/messages/UploadMessages.h"
#include "storage/Ingest.h"
#include "storage/StreamedChecksums.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QRegularExpression>
#include <QTcpSocket>
#include <QUrlQuery>

#include <fcntl.h>

Q_LOGGING_CATEGORY(lcData, "librarian.data")

namespace librarian {

namespace {
constexpr qint64 kBlock = 1024 * 1024;
constexpr qint64 kWritebackBytes = 8 * 1024 * 1024;

HttpConnection::Limits dataPlaneLimits(HttpConnection::Limits limits)
{
    limits.readBufferBytes = 4 * 1024 * 1024; // bounds memory per connection, keeps the disk busy
    return limits;
}
} // namespace

DataPlaneConnection::DataPlaneConnection(QTcpSocket *socket, Ingest &ingest, Authenticator &authenticator,
                                         OngoingMarks &ongoing, qint64 maxChunkBytes, Limits limits, QObject *parent)
    : HttpConnection(socket, dataPlaneLimits(limits), parent), m_ingest(ingest), m_authenticator(authenticator),
      m_ongoing(ongoing), m_maxChunkBytes(maxChunkBytes)
{
}

void DataPlaneConnection::closed()
{
    if (state() == State::Body)
        qCInfo(lcData) << "transfer" << m_transferId << "interrupted with" << m_remaining << "bytes of the chunk missing";
    closeFile();
}

void DataPlaneConnection::handleHead(const HttpHead &head)
{
    const bool hasBody = head.hasBody();
    static const QRegularExpression pathPattern(QStringLiteral("^/api/v2/data/(\\d{1,18})$"));
    const auto match = pathPattern.match(head.url.path());
    if (!match.hasMatch()) {
        answerError(ApiError::notFound(tr("No data-plane route %1.").arg(head.url.path()),
                                       tr("Use /api/v2/data/<transfer id> as given by /upload/stage.")),
                    hasBody);
        return;
    }
    const qint64 transferId = match.captured(1).toLongLong();
    // Nothing more is read from the socket until the password check (off the loop) answers.
    setState(State::Busy);
    m_authenticator.authenticate(head.value("authorization"), AuthLevel::ReadAppend, socket()->peerAddress(), this,
                                 [this, transferId, hasBody](const Result<User> &user) {
                                     if (!user)
                                         return answerError(user.error(), hasBody);
                                     serve(this->head(), transferId, *user);
                                 });
}

void DataPlaneConnection::serve(const HttpHead &head, qint64 transferId, const User &caller)
{
    const bool hasBody = head.hasBody();
    const QByteArray &method = head.method;
    const QUrl &url = head.url;
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
    if (head.chunked || !head.contentLength) {
        answer(411, QJsonDocument(ApiError::badRequest(tr("A chunk needs a Content-Length.")).toJson())
                        .toJson(QJsonDocument::Compact),
               true);
        return;
    }
    bool ok = false;
    const qint64 length = *head.contentLength;
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
    // The claim came after the status check: a commit may have finished in between. Only the
    // status can have changed since (owner, store and staging name are fixed when staged).
    if (auto still = m_ingest.stillTakesBytes(transferId); !still) {
        m_claim.reset();
        answerError(still.error(), true);
        return;
    }
    m_file.setFileName(target->stagedPath);
    // Unbuffered: a block is in the file when write() returns, before its bytes are fed to the
    // streamed checksum, so that checksum never describes bytes still in a buffer.
    if (!m_file.open(QIODevice::ReadWrite | QIODevice::Unbuffered) || !m_file.seek(offset)) {
        answerError(ApiError::internal(tr("Cannot write the staging file: %1").arg(m_file.errorString())), true);
        closeFile();
        return;
    }
    m_transferId = transferId;
    m_transferSize = target->transfer.transferSize;
    m_remaining = length;
    m_writeOffset = m_flushedTo = offset;
    m_initiated = target->transfer.status == TransferStatus::Initiated;
    const auto checksum = Checksum::parse(target->transfer.transferChecksum);
    m_algorithm = checksum ? std::optional(checksum->algorithm()) : std::nullopt;
    if (head.value("expect").toLower() == "100-continue")
        socket()->write("HTTP/1.1 100 Continue\r\n\r\n");
    if (length == 0)
        return finishPut();
    setState(State::Body);
}

// Starts the kernel writing what arrived to disk while more arrives, without waiting for it: the
// fsync before the file is published then finds little left to do, and dirty pages do not pile
// up behind a fast sender.
void DataPlaneConnection::startWriteback(bool all)
{
#ifdef __linux__
    const qint64 pending = m_writeOffset - m_flushedTo;
    if (pending <= 0 || (!all && pending < kWritebackBytes))
        return;
    ::sync_file_range(m_file.handle(), m_flushedTo, pending, SYNC_FILE_RANGE_WRITE);
    m_flushedTo = m_writeOffset;
#else
    Q_UNUSED(all);
#endif
}

void DataPlaneConnection::closeFile()
{
    if (m_file.isOpen()) {
        m_file.close();
        StreamedChecksums::instance().closed(m_file.fileName());
    }
    m_claim.reset();
}

void DataPlaneConnection::readBody()
{
    while (m_remaining > 0 && socket()->bytesAvailable() > 0) {
        const QByteArray block = socket()->read(std::min({m_remaining, kBlock, socket()->bytesAvailable()}));
        bodyReceived(block.size());
        auto &streamed = StreamedChecksums::instance();
        const quint64 ticket = streamed.willWrite(m_file.fileName(), m_transferId, m_algorithm, m_writeOffset);
        if (m_file.write(block) != block.size()) {
            const QString error = m_file.errorString();
            closeFile();
            answerError({ErrorKind::InsufficientStorage, tr("Cannot write the staging file: %1").arg(error),
                         tr("Free space on the store, then resume.")},
                        true);
            return;
        }
        streamed.wrote(m_file.fileName(), ticket, block.constData(), block.size());
        m_remaining -= block.size();
        m_writeOffset += block.size();
        startWriteback(false);
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
    // A small file is left to the commit's flush, which writes a batch's files side by side: a
    // writeback started here for each (a system call and an I/O of its own) cost more than it saved.
    if (m_transferSize >= kWritebackBytes)
        startWriteback(true);
    closeFile();
    // Written with the marks of other transfers (one transaction every few dozen ms), not per PUT.
    if (m_initiated)
        m_ongoing.mark(m_transferId);
    const qint64 received = QFileInfo(m_file.fileName()).size();
    answer(200, QJsonDocument(DataProgress{m_transferId, received, m_transferSize}.toJson()).toJson(QJsonDocument::Compact));
}

} // namespace librarian
