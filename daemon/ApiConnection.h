#pragma once

#include "ApiRouter.h"
#include "HttpConnection.h"

namespace librarian {

// One client connection of the JSON API. The order is what keeps hostile bodies out of memory: the
// route and the declared size are checked from the head, then the caller is authenticated (off
// the loop), and only then is the body read — at most max_json_body_bytes of it, whether sent with
// a Content-Length or chunked.
class ApiConnection : public HttpConnection
{
    Q_OBJECT
public:
    ApiConnection(QTcpSocket *socket, ApiRouter &router, qint64 maxBodyBytes, Limits limits, QObject *parent = nullptr);

protected:
    void handleHead(const HttpHead &head) override;
    void readBody() override;

private:
    void readChunked();
    void dispatch();
    bool refuseOversized(qint64 size);

    enum class Chunk { Size, Data, DataEnd, Trailers };

    ApiRouter &m_router;
    qint64 m_maxBodyBytes;
    const ApiRouter::Route *m_route = nullptr;
    User m_caller;
    QByteArray m_body;
    qint64 m_remaining = 0;
    Chunk m_chunk = Chunk::Size;
    qint64 m_trailerBytes = 0;
};

} // namespace librarian
