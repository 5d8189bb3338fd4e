#pragma once

#include <QTcpServer>

namespace librarian {

class Authenticator;
class Ingest;

// The streaming data plane: a second listener that takes file bytes straight from the socket into
// the staging file, in bounded buffers, so memory stays flat whatever the file size. QHttpServer
// (Qt 6.4) buffers every request body whole, about three times over, so bytes never go through it.
//   PUT /api/v2/data/<transfer id>?offset=N   body: bytes [N, N+Content-Length) of the file
//   GET /api/v2/data/<transfer id>            bytes received so far, to resume after a break
// Same HTTP Basic accounts as the JSON API; a chunk over max_chunk_bytes is refused (413) from
// its headers alone, before any of its body is read.
class DataPlaneServer : public QTcpServer
{
    Q_OBJECT
public:
    DataPlaneServer(Ingest &ingest, Authenticator &authenticator, qint64 maxChunkBytes, QObject *parent = nullptr);

protected:
    void incomingConnection(qintptr socketDescriptor) override;

private:
    Ingest &m_ingest;
    Authenticator &m_authenticator;
    qint64 m_maxChunkBytes;
};

} // namespace librarian
