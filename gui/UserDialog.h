#pragma once

#include "model/AuthLevel.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;

namespace librarian {

// Asks for a new account (name, level, password) or only a new password. The password can be
// generated; it is then shown so the operator can hand it over once.
class UserDialog : public QDialog
{
    Q_OBJECT
public:
    enum class Mode { Create, ResetPassword };
    UserDialog(Mode mode, const QString &username, QWidget *parent = nullptr);

    QString username() const;
    QString password() const;
    AuthLevel level() const;

    QLineEdit *usernameEdit() const { return m_username; }
    QLineEdit *passwordEdit() const { return m_password; }
    QComboBox *levelBox() const { return m_level; }
    void generatePassword();

    void accept() override;

private:
    QLineEdit *m_username;
    QComboBox *m_level;
    QLineEdit *m_password;
    QCheckBox *m_show;
    QLabel *m_problem;
};

// The levels in order, for combo boxes: text is the level's name, data its value.
void fillLevels(QComboBox *box, AuthLevel selected);

} // namespace librarian
