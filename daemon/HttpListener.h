#pragma once

#include <QTcpServer>
#include <functional>

class QTcpSocket;

namespace librarian {

// A listening socket whose connections are served by our own HttpConnection subclasses (the JSON
// API, the data plane): Qt 6.4's QHttpServer reads every body whole into memory before a handler
// can refuse it, has no timeouts and no strict parsing, so neither listener uses it.
class HttpListener : public QTcpServer
{
    Q_OBJECT
public:
    // Makes the connection object for an accepted socket; it must take ownership of the socket.
    using Serve = std::function<void(QTcpSocket *socket, QObject *parent)>;
    explicit HttpListener(Serve serve, QObject *parent = nullptr);

protected:
    void incomingConnection(qintptr socketDescriptor) override;

private:
    Serve m_serve;
};

} // namespace librarian
