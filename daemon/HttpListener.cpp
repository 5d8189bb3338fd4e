#include "HttpListener.h"

#include <QTcpSocket>

namespace librarian {

HttpListener::HttpListener(Serve serve, QObject *parent) : QTcpServer(parent), m_serve(std::move(serve)) {}

void HttpListener::incomingConnection(qintptr socketDescriptor)
{
    auto *socket = new QTcpSocket(this);
    if (!socket->setSocketDescriptor(socketDescriptor)) {
        delete socket;
        return;
    }
    m_serve(socket, this);
}

} // namespace librarian
