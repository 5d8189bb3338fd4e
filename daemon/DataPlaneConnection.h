#pragma once

#include "HttpConnection.h"
#include "crypto/Checksum.h"
#include "model/User.h"
#include "model/messages/UploadMessages.h"
#include "storage/Ingest.h"
#include "storage/StagingClaims.h"

#include <QFile>
#include <optional>
#include <vector>

namespace librarian {

class Authenticator;
class Ingest;
class OngoingMarks;

// One client connection of the data plane: streams PUT bodies into the staging file at their
// offset, hashing them on the way (StreamedChecksums), answers GETs with the progress. Keep-alive,
// so a file's chunks share a socket. A bundle (PUT /api/v2/data/bundle) carries the bytes of many
// transfers in one body, one part after another; each part is checked and written as a PUT of its
// own would be, and a refused part's bytes are read and dropped while the others land.
class DataPlaneConnection : public HttpConnection
{
    Q_OBJECT
public:
    DataPlaneConnection(QTcpSocket *socket, Ingest &ingest, Authenticator &authenticator, OngoingMarks &ongoing,
                        qint64 maxChunkBytes, Limits limits, QObject *parent = nullptr);

protected:
    void handleHead(const HttpHead &head) override;
    void readBody() override;
    void closed() override;

private:
    // Bytes [offset, offset + length) of one transfer within the body.
    struct Part
    {
        qint64 transferId = -1;
        qint64 offset = 0;
        qint64 length = 0;
        QString stagedPath;
        qint64 transferSize = 0;
        bool initiated = false; // INITIATED when the request began: marked ONGOING once written
        std::optional<ChecksumAlgorithm> algorithm; // of the transfer's staged checksum
        std::optional<StagingClaims::Claim> claim;  // from the checks until the part is written
        std::optional<ApiError> error;              // refused: its bytes are dropped
        qint64 received = 0;                        // the staged file's size once written
    };

    void serve(const HttpHead &head, qint64 transferId, const User &caller);
    void serveBundle(const HttpHead &head, const DataBundle &bundle, const User &caller);
    // The checks a part passes before its bytes are taken; the claim is taken here too.
    std::optional<ApiError> admit(Part &part, const Ingest::DataTarget &target);
    void startBody(std::vector<Part> parts, bool bundle, const HttpHead &head);
    void openPart();
    void endPart();
    void finishRequest();
    void closeFile();
    void startWriteback(bool all);

    Ingest &m_ingest;
    Authenticator &m_authenticator;
    OngoingMarks &m_ongoing;
    qint64 m_maxChunkBytes;

    std::vector<Part> m_parts; // of the request in progress: one for a PUT, many for a bundle
    size_t m_part = 0;         // the part the body is in
    bool m_bundle = false;
    QFile m_file;              // the current part's staging file, unless it was refused
    qint64 m_remaining = 0;    // of the current part
    qint64 m_writeOffset = 0;  // where the next block of the part goes
    qint64 m_flushedTo = 0;    // writeback started up to here
};

} // namespace librarian
