#pragma once

#include "SessionPage.h"
#include "model/User.h"

class QPushButton;
class QTableWidget;

namespace librarian {

// The accounts of the chosen librarian: list, create (optionally with a generated password),
// change level, reset password, delete. Needs ADMIN; otherwise the actions are disabled and the
// banner says why.
class AccountsPage : public SessionPage
{
    Q_OBJECT
public:
    explicit AccountsPage(QWidget *parent = nullptr);

    QTableWidget *table() const { return m_table; }
    QStringList usernames() const;
    QString selectedUser() const;
    void selectUser(const QString &name);

public Q_SLOTS:
    void refresh() override;
    void createUser();
    void changeLevel();
    void resetPassword();
    void deleteUser();

Q_SIGNALS:
    void refreshed();

protected:
    void sessionChanged() override;

private:
    void updateButtons();
    void post(const char *route, const QJsonObject &body, const QString &success);

    QTableWidget *m_table;
    QPushButton *m_refresh;
    QPushButton *m_create;
    QPushButton *m_level;
    QPushButton *m_password;
    QPushButton *m_delete;
};

} // namespace librarian
