#pragma once

#include "client/ClientConfig.h"
#include "client/LibrarianClient.h"
#include "model/ApiError.h"
#include "model/messages/PingMessages.h"

#include <QObject>
#include <QPointer>

class QNetworkReply;

namespace librarian {

// One configured connection as the GUI uses it: its client, whether it is signed in, and who it
// is signed in as. Connecting never blocks: a bounded wait with a cancel.
class Session : public QObject
{
    Q_OBJECT
public:
    enum class State { Disconnected, Connecting, Connected, Failed };
    Q_ENUM(State)

    explicit Session(const Connection &connection, QObject *parent = nullptr);

    QString name() const { return m_connection.name; }
    const Connection &connection() const { return m_connection; }
    LibrarianClient *client() const { return m_client; }
    State state() const { return m_state; }
    bool isConnected() const { return m_state == State::Connected; }
    // What the server said about itself and the signed-in account (valid once connected).
    const PingResponse &server() const { return m_server; }
    AuthLevel level() const { return m_server.userLevel.value_or(AuthLevel::None); }
    bool isAdmin() const { return isConnected() && level() == AuthLevel::Admin; }
    QString statusText() const;
    const ApiError &lastError() const { return m_error; }
    // Failed because the server could not be reached (worth trying again later), not because the
    // credentials were refused or the operator cancelled.
    bool isWorthRetrying() const;

    void connectToServer(int timeoutMs = kConnectTimeoutMs);
    void cancel();
    void disconnectFromServer();

    static constexpr int kConnectTimeoutMs = 10 * 1000;

Q_SIGNALS:
    void stateChanged(librarian::Session::State state);

private:
    void setState(State state);

    Connection m_connection;
    LibrarianClient *m_client;
    State m_state = State::Disconnected;
    PingResponse m_server;
    ApiError m_error;
    QPointer<QNetworkReply> m_pending;
    quint64 m_attempt = 0; // answers to an older attempt are ignored
    bool m_cancelled = false;
};

} // namespace librarian
