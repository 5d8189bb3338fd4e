#include "DataPlaneServer.h"

#include "DataPlaneConnection.h"

#include <QTcpSocket>

namespace librarian {

DataPlaneServer::DataPlaneServer(Ingest &ingest, Authenticator &authenticator, qint64 maxChunkBytes, QObject *parent)
    : QTcpServer(parent), m_ingest(ingest), m_authenticator(authenticator), m_maxChunkBytes(maxChunkBytes)
{
}

void DataPlaneServer::incomingConnection(qintptr socketDescriptor)
{
    auto *socket = new QTcpSocket(this);
    if (!socket->setSocketDescriptor(socketDescriptor)) {
        delete socket;
        return;
    }
    new DataPlaneConnection(socket, m_ingest, m_authenticator, m_maxChunkBytes, this);
}

} // namespace librarian
