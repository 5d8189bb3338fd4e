#include "SessionModel.h"

#include "StatusColors.h"

namespace librarian {

SessionModel::SessionModel(ClientConfig config, QObject *parent) : QAbstractListModel(parent), m_config(std::move(config))
{
    for (const QString &name : m_config.names())
        addSession(*m_config.connection(name), int(m_sessions.size()));
}

Session *SessionModel::addSession(const Connection &connection, int row)
{
    auto *session = new Session(connection, this);
    m_sessions.insert(row, session);
    connect(session, &Session::stateChanged, this, [this, session] {
        const QModelIndex index = this->index(rowOf(session));
        emit dataChanged(index, index);
        emit sessionStateChanged(session);
    });
    return session;
}

int SessionModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_sessions.size());
}

QVariant SessionModel::data(const QModelIndex &index, int role) const
{
    const Session *s = session(index.row());
    if (!s)
        return {};
    switch (role) {
    case Qt::DisplayRole:
        if (s->isConnected() && s->server().librarianName != s->name())
            return tr("%1 (%2)").arg(s->name(), s->server().librarianName);
        return s->name();
    case Qt::ToolTipRole:
        return s->connection().baseUrl().toString() + QLatin1Char('\n') + s->statusText();
    case Qt::DecorationRole:
        return StatusColors::dot(StatusColors::forSession(s->state()));
    default:
        return {};
    }
}

Session *SessionModel::find(const QString &name) const
{
    for (Session *s : m_sessions)
        if (s->name() == name)
            return s;
    return nullptr;
}

Status SessionModel::setConnection(const Connection &connection, const QString &previousName)
{
    ClientConfig updated = m_config;
    if (!previousName.isEmpty() && previousName != connection.name)
        updated.removeConnection(previousName);
    updated.setConnection(connection);
    if (auto saved = updated.save(updated.path()); !saved)
        return saved;
    m_config = updated;

    Session *old = find(previousName.isEmpty() ? connection.name : previousName);
    int row = int(m_sessions.size());
    if (old) {
        row = rowOf(old);
        beginRemoveRows({}, row, row);
        m_sessions.removeAt(row);
        endRemoveRows();
        old->deleteLater();
    }
    beginInsertRows({}, row, row);
    addSession(connection, row);
    endInsertRows();
    return Ok{};
}

Status SessionModel::removeConnection(const QString &name)
{
    ClientConfig updated = m_config;
    updated.removeConnection(name);
    if (auto saved = updated.save(updated.path()); !saved)
        return saved;
    m_config = updated;
    if (Session *s = find(name)) {
        const int row = rowOf(s);
        beginRemoveRows({}, row, row);
        m_sessions.removeAt(row);
        endRemoveRows();
        s->deleteLater();
    }
    return Ok{};
}

void SessionModel::connectAll()
{
    for (Session *s : m_sessions)
        if (s->state() != Session::State::Connected && s->state() != Session::State::Connecting)
            s->connectToServer();
}

} // namespace librarian
