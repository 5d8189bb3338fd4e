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
    if (state() == State::Body && m_part < m_parts.size())
        qCInfo(lcData) << "transfer" << m_parts[m_part].transferId << "interrupted with" << m_remaining
                       << "bytes of the chunk missing";
    closeFile();
    m_parts.clear(); // and their claims
}

void DataPlaneConnection::handleHead(const HttpHead &head)
{
    const bool hasBody = head.hasBody();
    if (head.url.path() == QLatin1String(routes::kDataBundle)) {
        auto bundle = DataBundle::fromQuery(QUrlQuery(head.url).queryItemValue(QStringLiteral("parts")));
        if (!bundle)
            return answerError(bundle.error(), hasBody);
        if (head.method != "PUT")
            return answerError(ApiError::badRequest(tr("A bundle is sent with PUT.")), hasBody);
        if (head.chunked || !head.contentLength || *head.contentLength != bundle->bodyLength())
            return answerError(ApiError::badRequest(tr("A bundle needs a Content-Length equal to the sum of its parts "
                                                       "(%1 bytes).")
                                                        .arg(bundle->bodyLength())),
                               true);
        if (*head.contentLength > m_maxChunkBytes)
            return answerError({ErrorKind::PayloadTooLarge,
                                tr("A bundle of %1 bytes exceeds max_chunk_bytes (%2).")
                                    .arg(*head.contentLength)
                                    .arg(m_maxChunkBytes),
                                tr("Send at most %1 bytes a bundle.").arg(m_maxChunkBytes)},
                               true);
        setState(State::Busy);
        m_authenticator.authenticate(head.value("authorization"), AuthLevel::ReadAppend, socket()->peerAddress(), this,
                                     [this, parts = *bundle](const Result<User> &user) {
                                         if (!user)
                                             return answerError(user.error(), true);
                                         serveBundle(this->head(), parts, *user);
                                     });
        return;
    }
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
    if (method == "GET") {
        const QFileInfo staged(target->stagedPath);
        const qint64 received = staged.exists() ? staged.size() : 0;
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
    Part part;
    part.transferId = transferId;
    part.offset = offset;
    part.length = length;
    if (auto refused = admit(part, *target)) {
        answerError(*refused, true);
        return;
    }
    std::vector<Part> parts;
    parts.push_back(std::move(part));
    startBody(std::move(parts), false, head);
}

void DataPlaneConnection::serveBundle(const HttpHead &head, const DataBundle &bundle, const User &caller)
{
    QList<qint64> ids;
    for (const DataBundlePart &p : bundle.parts)
        ids.append(p.transferId);
    const auto targets = m_ingest.dataTargets(ids, caller.username, caller.level == AuthLevel::Admin);
    std::vector<Part> parts;
    parts.reserve(size_t(bundle.parts.size()));
    for (qsizetype i = 0; i < bundle.parts.size(); ++i) {
        Part part;
        part.transferId = bundle.parts[i].transferId;
        part.offset = bundle.parts[i].offset;
        part.length = bundle.parts[i].length;
        if (!targets[i])
            part.error = targets[i].error();
        else if (part.length > m_maxChunkBytes)
            part.error = ApiError{ErrorKind::PayloadTooLarge, tr("A chunk of %1 bytes exceeds max_chunk_bytes (%2).")
                                                                  .arg(part.length)
                                                                  .arg(m_maxChunkBytes)};
        else
            part.error = admit(part, *targets[i]);
        parts.push_back(std::move(part));
    }
    startBody(std::move(parts), true, head);
}

std::optional<ApiError> DataPlaneConnection::admit(Part &part, const Ingest::DataTarget &target)
{
    const QFileInfo staged(target.stagedPath);
    const qint64 received = staged.exists() ? staged.size() : 0;
    // No gaps: a chunk starts at or before the first missing byte, so what is on disk is always
    // a prefix of the file and a resume can start at its size.
    if (part.offset > received)
        return ApiError::conflict(tr("Offset %1 is past the %2 bytes received so far.").arg(part.offset).arg(received),
                                  tr("Resume at offset %1.").arg(received));
    if (part.offset + part.length > target.transfer.transferSize)
        return ApiError{ErrorKind::PayloadTooLarge,
                        tr("Bytes %1 to %2 lie beyond the staged size of %3 bytes.")
                            .arg(part.offset)
                            .arg(part.offset + part.length)
                            .arg(target.transfer.transferSize),
                        tr("Stage the upload with its real size.")};
    // Claimed before the file is opened and held until it is closed: a commit waits for no one and
    // refuses while a PUT is open, so no byte can follow the file into the store.
    part.claim = StagingClaims::instance().claimWrite(target.stagedPath);
    if (!part.claim)
        return ApiError::conflict(tr("Transfer %1 is being committed and takes no more bytes.").arg(part.transferId),
                                  tr("Stage the upload again if the commit fails."));
    // The claim came after the status check: a commit may have finished in between. Only the
    // status can have changed since (owner, store and staging name are fixed when staged).
    // (A bundle looks again for all its parts at once, in startBody.)
    part.stagedPath = target.stagedPath;
    part.transferSize = target.transfer.transferSize;
    part.initiated = target.transfer.status == TransferStatus::Initiated;
    const auto checksum = Checksum::parse(target.transfer.transferChecksum);
    part.algorithm = checksum ? std::optional(checksum->algorithm()) : std::nullopt;
    return std::nullopt;
}

void DataPlaneConnection::startBody(std::vector<Part> parts, bool bundle, const HttpHead &head)
{
    QList<qint64> claimed;
    for (const Part &p : parts)
        if (!p.error)
            claimed.append(p.transferId);
    const QList<Status> still = claimed.isEmpty() ? QList<Status>() : m_ingest.stillTakeBytes(claimed);
    int k = 0;
    for (Part &p : parts) {
        if (p.error)
            continue;
        if (const Status &s = still[k++]; !s) {
            p.claim.reset();
            p.error = s.error();
        }
    }
    if (!bundle && parts.front().error)
        return answerError(*parts.front().error, true);
    m_parts = std::move(parts);
    m_bundle = bundle;
    m_part = 0;
    if (head.value("expect").toLower() == "100-continue")
        socket()->write("HTTP/1.1 100 Continue\r\n\r\n");
    openPart();
    if (state() == State::Head || state() == State::Closing)
        return; // answered already: a single PUT whose file could not be opened
    setState(State::Body);
    readBody();
}

void DataPlaneConnection::openPart()
{
    Part &p = m_parts[m_part];
    m_remaining = p.length;
    if (p.error)
        return;
    m_file.setFileName(p.stagedPath);
    // Unbuffered: a block is in the file when write() returns, before its bytes are fed to the
    // streamed checksum, so that checksum never describes bytes still in a buffer.
    if (!m_file.open(QIODevice::ReadWrite | QIODevice::Unbuffered) || !m_file.seek(p.offset)) {
        p.error = ApiError::internal(tr("Cannot write the staging file: %1").arg(m_file.errorString()));
        closeFile();
        if (!m_bundle)
            answerError(*p.error, true);
        return;
    }
    m_writeOffset = m_flushedTo = p.offset;
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
    if (m_part < m_parts.size())
        m_parts[m_part].claim.reset();
}

void DataPlaneConnection::readBody()
{
    for (;;) {
        if (m_remaining == 0) {
            endPart();
            if (state() != State::Body && state() != State::Busy)
                return; // a single PUT answered its failure
            if (++m_part >= m_parts.size())
                return finishRequest();
            openPart();
            continue;
        }
        if (socket()->bytesAvailable() <= 0)
            return;
        Part &p = m_parts[m_part];
        const QByteArray block = socket()->read(std::min({m_remaining, kBlock, socket()->bytesAvailable()}));
        bodyReceived(block.size());
        m_remaining -= block.size();
        if (p.error)
            continue; // a refused part of a bundle: its bytes are dropped
        auto &streamed = StreamedChecksums::instance();
        const quint64 ticket = streamed.willWrite(m_file.fileName(), p.transferId, p.algorithm, m_writeOffset);
        if (m_file.write(block) != block.size()) {
            p.error = ApiError{ErrorKind::InsufficientStorage,
                               tr("Cannot write the staging file: %1").arg(m_file.errorString()),
                               tr("Free space on the store, then resume.")};
            closeFile();
            if (!m_bundle)
                return answerError(*p.error, true);
            continue;
        }
        streamed.wrote(m_file.fileName(), ticket, block.constData(), block.size());
        m_writeOffset += block.size();
        startWriteback(false);
    }
}

void DataPlaneConnection::endPart()
{
    Part &p = m_parts[m_part];
    if (p.error)
        return;
    if (!m_file.flush()) {
        p.error = ApiError{ErrorKind::InsufficientStorage, tr("Cannot write the staging file: %1").arg(m_file.errorString()),
                           {}};
        closeFile();
        if (!m_bundle)
            answerError(*p.error, true);
        return;
    }
    // A small file is left to the commit's flush, which writes a batch's files side by side: a
    // writeback started here for each (a system call and an I/O of its own) cost more than it saved.
    if (p.transferSize >= kWritebackBytes)
        startWriteback(true);
    closeFile();
    // Written with the marks of other transfers (one transaction every few dozen ms), not per PUT.
    if (p.initiated)
        m_ongoing.mark(p.transferId);
    p.received = QFileInfo(p.stagedPath).size();
}

void DataPlaneConnection::finishRequest()
{
    std::vector<Part> parts = std::move(m_parts);
    m_parts.clear();
    m_part = 0;
    if (!m_bundle) {
        const Part &p = parts.front();
        answer(200, QJsonDocument(DataProgress{p.transferId, p.received, p.transferSize}.toJson()).toJson(QJsonDocument::Compact));
        return;
    }
    DataBundleAnswer answer;
    int refused = 0;
    for (const Part &p : parts) {
        DataBundleAnswer::Part a;
        a.transferId = p.transferId;
        if (p.error) {
            a.error = p.error;
            ++refused;
        } else {
            a.progress = DataProgress{p.transferId, p.received, p.transferSize};
        }
        answer.parts.append(a);
    }
    if (refused > 0)
        qCInfo(lcData) << "a bundle of" << parts.size() << "parts had" << refused << "refused, the first:"
                       << std::find_if(parts.cbegin(), parts.cend(), [](const Part &p) { return p.error.has_value(); })
                              ->error->reason;
    answerJson(200, answer.toJson());
}

} // namespace librarian
