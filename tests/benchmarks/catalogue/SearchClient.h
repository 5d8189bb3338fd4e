#pragma once

#include <QByteArray>
#include <QTcpSocket>

// A blocking HTTP/1.1 client on one keep-alive connection to 127.0.0.1: the benchmark waits for
// each answer before the next request, so the time measured is the server's, not a queue's. The
// server is another process, so blocking here holds up nothing it does.
class SearchClient
{
public:
    SearchClient(int port, const QByteArray &credentials)
        : m_port(port), m_authorization("Basic " + credentials.toBase64())
    {
    }

    struct Answer
    {
        int status = 0;
        QByteArray body;
        QString error;
    };
    Answer post(const QByteArray &path, const QByteArray &body);

private:
    bool connectIfNeeded();

    int m_port;
    QByteArray m_authorization;
    QTcpSocket m_socket;
};
