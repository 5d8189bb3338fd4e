#pragma once

#include <QJsonObject>
#include <QList>
#include <QTcpServer>
#include <functional>

// A peer librarian in the test's own process, on 127.0.0.1 and a free port, that answers every
// JSON POST with what `answer` returns: a source as old (no batch routes) or as unwell (5xx, odd
// answers) as a test needs, without spawning one. Keep-alive HTTP/1.1 with Content-Length bodies,
// which is what LibrarianClient sends; credentials are not checked.
class FakePeer
{
public:
    struct Answer
    {
        int status = 200;
        QJsonObject body;
    };
    using Handler = std::function<Answer(const QString &path, const QJsonObject &body)>;

    explicit FakePeer(Handler answer);
    bool listen();
    int port() const { return m_server.serverPort(); }

    struct Request
    {
        QString path;
        QJsonObject body;
    };
    // Every request answered so far, in order.
    const QList<Request> &requests() const { return m_requests; }
    int count(const QString &path) const;

private:
    void serve(QTcpSocket *socket);

    QTcpServer m_server;
    Handler m_answer;
    QList<Request> m_requests;
};
