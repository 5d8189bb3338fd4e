#include "ConnectionDialog.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>
#include <QUrl>
#include <QVBoxLayout>

namespace librarian {

ConnectionDialog::ConnectionDialog(const Connection &connection, const QStringList &takenNames, QWidget *parent)
    : QDialog(parent), m_taken(takenNames), m_name(new QLineEdit(connection.name, this)),
      m_host(new QLineEdit(connection.host.isEmpty() ? QStringLiteral("http://127.0.0.1") : connection.host, this)),
      m_port(new QSpinBox(this)), m_user(new QLineEdit(connection.user, this)),
      m_password(new QLineEdit(connection.password, this)), m_problem(new QLabel(this))
{
    setWindowTitle(connection.name.isEmpty() ? tr("New connection") : tr("Edit connection %1").arg(connection.name));
    m_name->setObjectName(QStringLiteral("name"));
    m_host->setObjectName(QStringLiteral("host"));
    m_port->setObjectName(QStringLiteral("port"));
    m_user->setObjectName(QStringLiteral("user"));
    m_password->setObjectName(QStringLiteral("password"));
    m_problem->setObjectName(QStringLiteral("problem"));
    m_port->setRange(1, 65535);
    m_port->setValue(connection.port > 0 ? connection.port : 21108);
    m_password->setEchoMode(QLineEdit::Password);
    m_name->setMinimumWidth(280);
    auto *form = new QFormLayout;
    form->addRow(tr("Name:"), m_name);
    form->addRow(tr("Server URL:"), m_host);
    form->addRow(tr("Port:"), m_port);
    form->addRow(tr("User:"), m_user);
    form->addRow(tr("Password:"), m_password);
    auto *note = new QLabel(tr("Saved in the client config shared with the librarian command (owner-only file)."), this);
    note->setWordWrap(true);
    note->setStyleSheet(QStringLiteral("color: #555;"));
    m_problem->setStyleSheet(QStringLiteral("color: #b02020;"));
    m_problem->setWordWrap(true);
    m_problem->hide();
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(note);
    layout->addWidget(m_problem);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &ConnectionDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &ConnectionDialog::reject);
}

Connection ConnectionDialog::connection() const
{
    return Connection{m_name->text().trimmed(), m_host->text().trimmed(), m_port->value(), m_user->text(),
                      m_password->text()};
}

void ConnectionDialog::accept()
{
    const Connection c = connection();
    const QUrl url(c.host);
    QString problem;
    if (c.name.isEmpty())
        problem = tr("Give the connection a name.");
    else if (m_taken.contains(c.name))
        problem = tr("A connection named %1 exists already.").arg(c.name);
    else if (!url.isValid() || url.host().isEmpty() || url.port() != -1 ||
             (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https")))
        problem = tr("The server URL must look like http://host, without a port.");
    else if (c.user.isEmpty() || c.password.isEmpty())
        problem = tr("Give the user name and password.");
    if (!problem.isEmpty()) {
        m_problem->setText(problem);
        m_problem->show();
        return;
    }
    QDialog::accept();
}

} // namespace librarian
