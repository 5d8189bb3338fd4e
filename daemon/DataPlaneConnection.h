#pragma once

#include "HttpConnection.h"
#include "crypto/Checksum.h"
#include "model/User.h"
#include "storage/StagingClaims.h"

#include <QFile>
#include <optional>

namespace librarian {

class Authenticator;
class Ingest;
class OngoingMarks;

// One client connection of the data plane: streams PUT bodies into the staging file at their
// offset, hashing them on the way (StreamedChecksums), answers GETs with the progress. Keep-alive,
// so a file's chunks share a socket.
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
    void serve(const HttpHead &head, qint64 transferId, const User &caller);
    void finishPut();
    void closeFile();
    void startWriteback(bool all);

    Ingest &m_ingest;
    Authenticator &m_authenticator;
    OngoingMarks &m_ongoing;
    qint64 m_maxChunkBytes;

    QFile m_file;
    std::optional<StagingClaims::Claim> m_claim; // held while m_file is open
    qint64 m_transferId = -1;
    qint64 m_transferSize = 0;
    qint64 m_remaining = 0;
    qint64 m_writeOffset = 0;                     // where the next block of the body goes
    qint64 m_flushedTo = 0;                       // writeback started up to here
    bool m_initiated = false;                     // the transfer was INITIATED when the PUT began
    std::optional<ChecksumAlgorithm> m_algorithm; // of the transfer's staged checksum
};

} // namespace librarian
