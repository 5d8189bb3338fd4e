#pragma once

#include "client/ClientConfig.h"

#include <QMainWindow>

class QLabel;
class QListView;
class QPushButton;
class QTabWidget;

namespace librarian {

class AccountsPage;
class ErrorsPage;
class FilesPage;
class LibrariansPage;
class NetworkPage;
class Session;
class SessionModel;
class TransfersPage;

// The operator's window: connections on the left (the CLI's client config), the network graph
// and the pages for the chosen connection on the right.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(SessionModel *sessions, QWidget *parent = nullptr);

    SessionModel *sessions() const { return m_sessions; }
    Session *currentSession() const;
    void selectSession(const QString &name);
    QTabWidget *tabs() const { return m_tabs; }
    NetworkPage *networkPage() const { return m_network; }
    AccountsPage *accountsPage() const { return m_accounts; }
    LibrariansPage *librariansPage() const { return m_librarians; }
    FilesPage *filesPage() const { return m_files; }
    TransfersPage *transfersPage() const { return m_transfers; }
    ErrorsPage *errorsPage() const { return m_errors; }
    QString sessionInfo() const;

public Q_SLOTS:
    void connectAll();
    void refreshCurrentPage();

private:
    QWidget *buildSidebar();
    void currentSessionChanged();
    void updateSessionInfo();
    void newConnection();
    void editConnection();
    // New (`previous` empty) or edit of `previous`; saves, selects and connects on accept.
    void openConnectionDialog(const Connection &connection, const QString &previous);
    void removeConnection();
    void connectOrCancel();

    SessionModel *m_sessions;
    QListView *m_list;
    QPushButton *m_connect;
    QPushButton *m_edit;
    QPushButton *m_remove;
    QLabel *m_info;
    QTabWidget *m_tabs;
    NetworkPage *m_network;
    AccountsPage *m_accounts;
    LibrariansPage *m_librarians;
    FilesPage *m_files;
    TransfersPage *m_transfers;
    ErrorsPage *m_errors;
};

} // namespace librarian
