#pragma once

#include "Session.h"

#include <QAbstractListModel>

namespace librarian {

// Every connection of the client config (the same file as the CLI's) as a Session, for the
// sidebar and for the pages. Edits are written back to the config at once.
class SessionModel : public QAbstractListModel
{
    Q_OBJECT
public:
    explicit SessionModel(ClientConfig config, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;

    const ClientConfig &config() const { return m_config; }
    QList<Session *> sessions() const { return m_sessions; }
    Session *session(int row) const { return m_sessions.value(row); }
    Session *find(const QString &name) const;
    int rowOf(const Session *session) const { return int(m_sessions.indexOf(const_cast<Session *>(session))); }

    // Adds or replaces (by name; `previousName` when renamed) and saves the config.
    Status setConnection(const Connection &connection, const QString &previousName = {});
    Status removeConnection(const QString &name);
    void connectAll();

Q_SIGNALS:
    void sessionStateChanged(librarian::Session *session);

private:
    Session *addSession(const Connection &connection, int row);

    ClientConfig m_config;
    QList<Session *> m_sessions;
};

} // namespace librarian
