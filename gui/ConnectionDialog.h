#pragma once

#include "client/ClientConfig.h"

#include <QDialog>

class QLabel;
class QLineEdit;
class QSpinBox;

namespace librarian {

// Edits one named connection of the client config (the CLI's file): name, URL, port, account.
class ConnectionDialog : public QDialog
{
    Q_OBJECT
public:
    ConnectionDialog(const Connection &connection, const QStringList &takenNames, QWidget *parent = nullptr);
    Connection connection() const;
    void accept() override;

private:
    QStringList m_taken;
    QLineEdit *m_name;
    QLineEdit *m_host;
    QSpinBox *m_port;
    QLineEdit *m_user;
    QLineEdit *m_password;
    QLabel *m_problem;
};

} // namespace librarian
