#pragma once

#include "SessionPage.h"

class QPushButton;
class QTableWidget;

namespace librarian {

class SessionModel;

// The peers registered on the chosen librarian (pinged on refresh): add, remove (optionally
// cancelling outgoing transfers), enable/disable transfers, and the pairing wizard.
class LibrariansPage : public SessionPage
{
    Q_OBJECT
public:
    explicit LibrariansPage(SessionModel *sessions, QWidget *parent = nullptr);

    QTableWidget *table() const { return m_table; }
    QStringList names() const;
    QString selectedName() const;
    void selectName(const QString &name);

public Q_SLOTS:
    void refresh() override;
    void addLibrarian();
    void removeLibrarian();
    void toggleTransfers();
    void pair();

Q_SIGNALS:
    void refreshed();
    void networkChanged();

protected:
    void sessionChanged() override;

private:
    void updateButtons();

    SessionModel *m_sessions;
    QTableWidget *m_table;
    QPushButton *m_refresh;
    QPushButton *m_add;
    QPushButton *m_remove;
    QPushButton *m_toggle;
    QPushButton *m_pair;
};

} // namespace librarian
