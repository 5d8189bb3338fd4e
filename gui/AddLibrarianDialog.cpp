#include "AddLibrarianDialog.h"

#include "Session.h"
#include "model/Routes.h"
#include "model/messages/AdminMessages.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QUrl>
#include <QVBoxLayout>

namespace librarian {

AddLibrarianDialog::AddLibrarianDialog(Session *session, QWidget *parent)
    : QDialog(parent), m_session(session), m_name(new QLineEdit(this)), m_url(new QLineEdit(QStringLiteral("http://"), this)),
      m_port(new QSpinBox(this)), m_user(new QLineEdit(this)), m_password(new QLineEdit(this)),
      m_check(new QCheckBox(tr("Check the connection first (recommended)"), this)), m_result(new QLabel(this))
{
    setWindowTitle(tr("Add a librarian to %1").arg(session->server().librarianName));
    m_name->setObjectName(QStringLiteral("name"));
    m_url->setObjectName(QStringLiteral("url"));
    m_port->setObjectName(QStringLiteral("port"));
    m_user->setObjectName(QStringLiteral("user"));
    m_password->setObjectName(QStringLiteral("password"));
    m_port->setRange(1, 65535);
    m_port->setValue(21108);
    m_password->setEchoMode(QLineEdit::Password);
    m_check->setChecked(true);
    m_name->setPlaceholderText(tr("the peer's own name, e.g. destination_librarian"));
    m_user->setPlaceholderText(tr("account on the peer for %1").arg(session->server().librarianName));
    m_name->setMinimumWidth(300);

    auto *form = new QFormLayout;
    form->addRow(tr("Name:"), m_name);
    form->addRow(tr("URL:"), m_url);
    form->addRow(tr("Port:"), m_port);
    form->addRow(tr("User on the peer:"), m_user);
    form->addRow(tr("Password on the peer:"), m_password);
    form->addRow(QString(), m_check);
    m_result->setObjectName(QStringLiteral("result"));
    m_result->setWordWrap(true);
    m_result->hide();

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_ok = buttons->button(QDialogButtonBox::Ok);
    m_ok->setText(tr("Add"));
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_result);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &AddLibrarianDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &AddLibrarianDialog::reject);
}

QString AddLibrarianDialog::resultText() const
{
    return m_result->isVisible() ? m_result->text() : QString();
}

QString AddLibrarianDialog::librarianName() const
{
    return m_name->text().trimmed();
}

void AddLibrarianDialog::setBusy(bool busy)
{
    m_ok->setEnabled(!busy);
    if (busy)
        showResult(m_check->isChecked() ? tr("Adding and checking the connection…") : tr("Adding…"), false);
}

void AddLibrarianDialog::showResult(const QString &text, bool error)
{
    m_result->setStyleSheet(error ? QStringLiteral("color: #b02020;") : QStringLiteral("color: #1d4d2a;"));
    m_result->setText(text);
    m_result->show();
}

void AddLibrarianDialog::accept()
{
    const QUrl url(m_url->text().trimmed());
    if (librarianName().isEmpty())
        return showResult(tr("Give the peer's name."), true);
    if (!url.isValid() || url.host().isEmpty() || (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https")) ||
        url.port() != -1)
        return showResult(tr("The URL must look like http://host or https://host, without a port."), true);
    if (m_user->text().isEmpty() || m_user->text().contains(QLatin1Char(':')) || m_password->text().isEmpty())
        return showResult(tr("Give the user name (without ':') and password of the account on the peer."), true);
    if (!m_session || !m_session->isConnected())
        return showResult(tr("The connection is gone; connect again."), true);

    const LibrarianAddRequest request{librarianName(), url.toString(QUrl::StripTrailingSlash), m_port->value(),
                                      m_user->text() + QLatin1Char(':') + m_password->text(), m_check->isChecked()};
    setBusy(true);
    QPointer<AddLibrarianDialog> self(this);
    m_session->client()->call<LibrarianAddResponse>(
        routes::kAdminLibrariansAdd, request.toJson(), [self, request](Result<LibrarianAddResponse> r) {
            if (!self)
                return;
            self->setBusy(false);
            if (!r)
                return self->showResult(r.error().describe(), true);
            if (!r->success)
                return self->showResult(tr("Not added: %1").arg(r->reason.isEmpty() ? tr("the server refused.") : r->reason),
                                        true);
            const QString summary = request.checkConnection
                                        ? tr("Librarian %1 added; it answered with the given account.").arg(request.librarianName)
                                        : tr("Librarian %1 added (connection not checked).").arg(request.librarianName);
            emit self->added(request.librarianName, summary);
            self->QDialog::accept();
        },
        // The server waits for the peer's answer.
        2 * LibrarianClient::kJsonTimeoutMs);
}

} // namespace librarian
