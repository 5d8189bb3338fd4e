#include "UserDialog.h"

#include "crypto/RandomPassword.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>

namespace librarian {

void fillLevels(QComboBox *box, AuthLevel selected)
{
    for (AuthLevel l : allAuthLevels()) {
        box->addItem(authLevelName(l), int(l));
        if (l == selected)
            box->setCurrentIndex(box->count() - 1);
    }
}

UserDialog::UserDialog(Mode mode, const QString &username, QWidget *parent)
    : QDialog(parent), m_username(new QLineEdit(username, this)), m_level(new QComboBox(this)),
      m_password(new QLineEdit(this)), m_show(new QCheckBox(tr("Show"), this)), m_problem(new QLabel(this))
{
    setWindowTitle(mode == Mode::Create ? tr("New account") : tr("Reset password of %1").arg(username));
    auto *form = new QFormLayout;
    m_username->setObjectName(QStringLiteral("username"));
    m_password->setObjectName(QStringLiteral("password"));
    m_level->setObjectName(QStringLiteral("level"));
    m_password->setEchoMode(QLineEdit::Password);
    m_password->setMinimumWidth(280);
    fillLevels(m_level, AuthLevel::ReadOnly);
    auto *generate = new QPushButton(tr("Generate"), this);
    generate->setObjectName(QStringLiteral("generate"));
    auto *passwordRow = new QHBoxLayout;
    passwordRow->addWidget(m_password, 1);
    passwordRow->addWidget(generate);
    passwordRow->addWidget(m_show);
    if (mode == Mode::Create) {
        form->addRow(tr("User name:"), m_username);
        form->addRow(tr("Level:"), m_level);
    } else {
        m_username->hide();
        m_level->hide();
    }
    form->addRow(tr("Password:"), passwordRow);
    auto *hint = new QLabel(tr("At least 8 characters. A generated password is shown once: copy it now."), this);
    hint->setWordWrap(true);
    hint->setStyleSheet(QStringLiteral("color: #555;"));
    form->addRow(QString(), hint);
    m_problem->setStyleSheet(QStringLiteral("color: #b02020;"));
    m_problem->setWordWrap(true);
    m_problem->hide();
    form->addRow(QString(), m_problem);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(mode == Mode::Create ? tr("Create") : tr("Set password"));
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &UserDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &UserDialog::reject);
    connect(generate, &QPushButton::clicked, this, &UserDialog::generatePassword);
    connect(m_show, &QCheckBox::toggled, this,
            [this](bool on) { m_password->setEchoMode(on ? QLineEdit::Normal : QLineEdit::Password); });
}

void UserDialog::generatePassword()
{
    m_password->setText(randomPassword(20));
    m_show->setChecked(true);
    m_password->selectAll();
    m_password->setFocus();
}

QString UserDialog::username() const
{
    return m_username->text().trimmed();
}

QString UserDialog::password() const
{
    return m_password->text();
}

AuthLevel UserDialog::level() const
{
    return authLevelFromInt(m_level->currentData().toInt()).value_or(AuthLevel::None);
}

void UserDialog::accept()
{
    QString problem;
    if (m_username->isVisible() && username().isEmpty())
        problem = tr("Give a user name.");
    else if (password().size() < 8)
        problem = tr("The password needs at least 8 characters.");
    if (!problem.isEmpty()) {
        m_problem->setText(problem);
        m_problem->show();
        return;
    }
    QDialog::accept();
}

} // namespace librarian
