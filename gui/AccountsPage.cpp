#include "AccountsPage.h"

#include "UserDialog.h"
#include "model/Routes.h"
#include "model/messages/UserMessages.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QMessageBox>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace librarian {

namespace {
QString levelMeaning(AuthLevel level)
{
    switch (level) {
    case AuthLevel::None:
        return AccountsPage::tr("nothing (a disabled account)");
    case AuthLevel::ReadOnly:
        return AccountsPage::tr("search and read");
    case AuthLevel::Callback:
        return AccountsPage::tr("a peer that pushes from here confirms its copies");
    case AuthLevel::ReadAppend:
        return AccountsPage::tr("read and add files (a peer that pushes here)");
    case AuthLevel::ReadWrite:
        return AccountsPage::tr("read, add and change files");
    case AuthLevel::Admin:
        return AccountsPage::tr("everything, including accounts, stores and librarians");
    }
    return {};
}
} // namespace

AccountsPage::AccountsPage(QWidget *parent)
    : SessionPage(parent), m_table(new QTableWidget(this)), m_refresh(new QPushButton(tr("Refresh"), this)),
      m_create(new QPushButton(tr("New account…"), this)), m_level(new QPushButton(tr("Change level…"), this)),
      m_password(new QPushButton(tr("Reset password…"), this)), m_delete(new QPushButton(tr("Delete…"), this))
{
    m_create->setObjectName(QStringLiteral("createUser"));
    m_delete->setObjectName(QStringLiteral("deleteUser"));
    m_level->setObjectName(QStringLiteral("changeLevel"));
    m_password->setObjectName(QStringLiteral("resetPassword"));
    setUpList(m_table, {tr("User name"), tr("Level"), tr("May")});
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setStretchLastSection(true);
    auto *buttons = new QHBoxLayout;
    for (QPushButton *b : {m_refresh, m_create, m_level, m_password, m_delete})
        buttons->addWidget(b);
    buttons->addStretch();
    pageLayout()->addLayout(buttons);
    pageLayout()->addWidget(m_table, 1);

    connect(m_refresh, &QPushButton::clicked, this, &AccountsPage::refresh);
    connect(m_create, &QPushButton::clicked, this, &AccountsPage::createUser);
    connect(m_level, &QPushButton::clicked, this, &AccountsPage::changeLevel);
    connect(m_password, &QPushButton::clicked, this, &AccountsPage::resetPassword);
    connect(m_delete, &QPushButton::clicked, this, &AccountsPage::deleteUser);
    connect(m_table, &QTableWidget::itemSelectionChanged, this, &AccountsPage::updateButtons);
    sessionChanged();
}

void AccountsPage::sessionChanged()
{
    requireLevel(AuthLevel::Admin, m_table);
    updateButtons();
}

void AccountsPage::updateButtons()
{
    const QString why = refusal(AuthLevel::Admin);
    const bool allowed = why.isEmpty();
    const bool one = allowed && !selectedUser().isEmpty();
    m_refresh->setEnabled(allowed);
    m_create->setEnabled(allowed);
    for (QPushButton *b : {m_level, m_password, m_delete})
        b->setEnabled(one);
    for (QPushButton *b : {m_refresh, m_create, m_level, m_password, m_delete})
        b->setToolTip(why);
}

QStringList AccountsPage::usernames() const
{
    return firstColumn(m_table);
}

QString AccountsPage::selectedUser() const
{
    return selectedFirstColumn(m_table);
}

void AccountsPage::selectUser(const QString &name)
{
    selectByFirstColumn(m_table, name);
}

void AccountsPage::refresh()
{
    if (!refusal(AuthLevel::Admin).isEmpty())
        return;
    const QString selected = selectedUser();
    request(routes::kUsersList, {}, [this, selected](Result<QJsonValue> r) {
        auto users = r ? usersFromJson(r->toObject()) : Result<QList<User>>(r.error());
        if (!users)
            return showError(users.error());
        m_table->setRowCount(int(users->size()));
        for (int row = 0; row < users->size(); ++row) {
            const User &u = users->at(row);
            m_table->setItem(row, 0, new QTableWidgetItem(u.username));
            m_table->setItem(row, 1, new QTableWidgetItem(authLevelName(u.level)));
            m_table->setItem(row, 2, new QTableWidgetItem(levelMeaning(u.level)));
        }
        selectUser(selected);
        updateButtons();
        emit refreshed();
    });
}

void AccountsPage::post(const char *route, const QJsonObject &body, const QString &success)
{
    QPointer<AccountsPage> self(this);
    session()->client()->post(route, body, [self, success](Result<QJsonValue> r) {
        if (!self)
            return;
        if (!r)
            self->showError(r.error());
        else
            self->showInfo(success);
        self->refresh();
    });
}

void AccountsPage::createUser()
{
    auto *dialog = new UserDialog(UserDialog::Mode::Create, {}, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        const UserCreateRequest request{dialog->username(), dialog->password(), dialog->level()};
        post(routes::kUsersCreate, request.toJson(),
             tr("Account %1 created with level %2.").arg(request.username, authLevelName(request.level)));
    });
    dialog->open();
}

void AccountsPage::changeLevel()
{
    const QString name = selectedUser();
    if (name.isEmpty())
        return;
    auto *dialog = new QInputDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("Change level of %1").arg(name));
    dialog->setLabelText(tr("New level for %1:").arg(name));
    QStringList levels;
    for (AuthLevel l : allAuthLevels())
        levels << authLevelName(l);
    dialog->setComboBoxItems(levels);
    dialog->setTextValue(m_table->item(m_table->currentRow(), 1)->text());
    connect(dialog, &QInputDialog::textValueSelected, this, [this, name](const QString &level) {
        UserUpdateRequest request;
        request.username = name;
        request.level = authLevelFromName(level);
        post(routes::kUsersUpdate, request.toJson(), tr("%1 is now %2.").arg(name, level));
    });
    dialog->open();
}

void AccountsPage::resetPassword()
{
    const QString name = selectedUser();
    if (name.isEmpty())
        return;
    auto *dialog = new UserDialog(UserDialog::Mode::ResetPassword, name, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog, name] {
        UserUpdateRequest request;
        request.username = name;
        request.password = dialog->password();
        post(routes::kUsersUpdate, request.toJson(), tr("Password of %1 changed.").arg(name));
    });
    dialog->open();
}

void AccountsPage::deleteUser()
{
    const QString name = selectedUser();
    if (name.isEmpty())
        return;
    auto *box = new QMessageBox(QMessageBox::Warning, tr("Delete account"),
                                tr("Delete account %1 on %2? Whoever uses it (a person or a peer librarian) can no "
                                   "longer sign in.")
                                    .arg(name, session()->server().librarianName),
                                QMessageBox::Yes | QMessageBox::Cancel, this);
    box->setObjectName(QStringLiteral("confirmDelete"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setDefaultButton(QMessageBox::Cancel);
    box->button(QMessageBox::Yes)->setText(tr("Delete"));
    connect(box, &QMessageBox::finished, this, [this, name](int button) {
        if (button != QMessageBox::Yes)
            return;
        post(routes::kUsersDelete, UserNameRequest{name}.toJson(), tr("Account %1 deleted.").arg(name));
    });
    box->open();
}

} // namespace librarian
