#include "Session.h"

#include "model/Routes.h"

#include <QNetworkReply>

namespace librarian {

Session::Session(const Connection &connection, QObject *parent)
    : QObject(parent), m_connection(connection), m_client(new LibrarianClient(connection, this))
{
}

QString Session::statusText() const
{
    switch (m_state) {
    case State::Disconnected:
        return tr("Not connected");
    case State::Connecting:
        return tr("Connecting to %1…").arg(m_connection.baseUrl().toString());
    case State::Connected:
        return tr("Signed in to %1 as %2 (%3)")
            .arg(m_server.librarianName, m_server.user, authLevelName(level()));
    case State::Failed:
        return m_error.describe();
    }
    return {};
}

bool Session::isWorthRetrying() const
{
    return m_state == State::Failed && !m_cancelled && m_error.kind == ErrorKind::Unavailable;
}

void Session::connectToServer(int timeoutMs)
{
    cancel();
    m_cancelled = false;
    const quint64 attempt = ++m_attempt;
    setState(State::Connecting);
    m_pending = m_client->call<PingResponse>(
        routes::kPingLogged, {},
        [this, attempt](Result<PingResponse> r) {
            if (attempt != m_attempt)
                return;
            m_pending = nullptr;
            if (!r) {
                m_error = r.error();
                if (m_error.kind == ErrorKind::Unauthorized)
                    m_error.suggestedRemedy = tr("Check the user name and password of connection %1.").arg(name());
                return setState(State::Failed);
            }
            m_server = *r;
            m_error = {};
            setState(State::Connected);
        },
        timeoutMs);
}

void Session::cancel()
{
    if (m_state != State::Connecting)
        return;
    ++m_attempt;
    if (m_pending)
        m_pending->abort();
    m_cancelled = true;
    m_error = ApiError{ErrorKind::Unavailable, tr("Connecting was cancelled."), {}};
    setState(State::Failed);
}

void Session::disconnectFromServer()
{
    cancel();
    m_server = {};
    setState(State::Disconnected);
}

void Session::setState(State state)
{
    m_state = state;
    emit stateChanged(state);
}

} // namespace librarian
