#pragma once

#include "HttpHead.h"
#include "model/ApiError.h"

#include <QObject>
#include <QTimer>

class QTcpSocket;

namespace librarian {

// One client connection of our HTTP/1.1 listeners (the JSON API and the data plane). Reads request
// heads within a size bound and a deadline, parses them strictly (HttpHead), hands each to the
// subclass, writes the answers, and closes connections that sit idle or whose body trickles in
// below a minimum rate. Nothing is read from the socket while the subclass is busy with a request
// (checking a password, running a handler): the socket's bounded read buffer then makes the
// client wait, so an unauthenticated body is never taken into memory.
class HttpConnection : public QObject
{
    Q_OBJECT
public:
    struct Limits
    {
        qint64 maxHeadBytes = 16 * 1024;
        qint64 readBufferBytes = 256 * 1024;
        int idleMs = 120 * 1000;         // between requests
        int headMs = 30 * 1000;          // from the first byte of a head to its end
        int rateWindowMs = 10 * 1000;    // a body must bring at least this much every window:
        qint64 minBytesPerWindow = 10 * 1024;
    };

protected:
    HttpConnection(QTcpSocket *socket, Limits limits, QObject *parent);

    enum class State {
        Head,    // reading the next request head
        Busy,    // the subclass is working on a request: nothing is read
        Body,    // the subclass reads the body in readBody()
        Closing, // answered with Connection: close; whatever still comes is dropped
    };

    // A head arrived. The subclass answers, or moves to Body and reads in readBody(), or to Busy.
    virtual void handleHead(const HttpHead &head) = 0;
    virtual void readBody() = 0;
    // The client is gone (or was cut off): give back whatever the request held.
    virtual void closed() {}

    QTcpSocket *socket() const { return m_socket; }
    State state() const { return m_state; }
    void setState(State state);
    // Counts body bytes for the rate watchdog.
    void bodyReceived(qint64 bytes) { m_windowBytes += bytes; }
    // Answers the current request; after it the next head is read, unless `close` (or the
    // client asked for it), in which case the connection ends.
    void answer(int status, const QByteArray &json, bool close = false, int retryAfterSeconds = 0);
    void answerError(const ApiError &error, bool close = false);
    void answerJson(int status, const QJsonValue &body, bool close = false, int retryAfterSeconds = 0);
    const HttpHead &head() const { return m_head; }

private:
    void onReadyRead();
    bool readHead();
    void checkRate();
    void shutdownWrite();

    QTcpSocket *m_socket;
    Limits m_limits;
    State m_state = State::Head;
    HttpHead m_head;
    QByteArray m_partialHead;
    QTimer m_deadline;
    QTimer m_rate;
    qint64 m_windowBytes = 0;
    qint64 m_discarded = 0;
    bool m_processing = false;
    bool m_headStarted = false;
};

} // namespace librarian
