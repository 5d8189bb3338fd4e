#pragma once

#include <QDialog>
#include <QPointer>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace librarian {

class Session;

// Registers a peer on the chosen librarian: name, url, port and the account on the peer
// (user:password, stored encrypted there). With the check on, the server pings the peer with
// those credentials first; the answer is shown here and the dialog stays open until it succeeds.
class AddLibrarianDialog : public QDialog
{
    Q_OBJECT
public:
    AddLibrarianDialog(Session *session, QWidget *parent = nullptr);

    QLineEdit *nameEdit() const { return m_name; }
    QLineEdit *urlEdit() const { return m_url; }
    QSpinBox *portBox() const { return m_port; }
    QLineEdit *userEdit() const { return m_user; }
    QLineEdit *passwordEdit() const { return m_password; }
    QCheckBox *checkBox() const { return m_check; }
    QString resultText() const;
    QString librarianName() const;

    void accept() override;

Q_SIGNALS:
    void added(const QString &name, const QString &summary);

private:
    void setBusy(bool busy);
    void showResult(const QString &text, bool error);

    QPointer<Session> m_session;
    QLineEdit *m_name;
    QLineEdit *m_url;
    QSpinBox *m_port;
    QLineEdit *m_user;
    QLineEdit *m_password;
    QCheckBox *m_check;
    QLabel *m_result;
    QPushButton *m_ok;
};

} // namespace librarian
