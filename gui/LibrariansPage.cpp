#include "LibrariansPage.h"

#include "AddLibrarianDialog.h"
#include "PairingWizard.h"
#include "SessionModel.h"
#include "StatusColors.h"
#include "model/Routes.h"
#include "model/messages/AdminMessages.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QMessageBox>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace librarian {

namespace {
enum Column { Name, Address, Answers, Transfers, LastSeen, LastHeard, ColumnCount };
}

LibrariansPage::LibrariansPage(SessionModel *sessions, QWidget *parent)
    : SessionPage(parent), m_sessions(sessions), m_table(new QTableWidget(this)),
      m_refresh(new QPushButton(tr("Refresh"), this)), m_add(new QPushButton(tr("Add…"), this)),
      m_remove(new QPushButton(tr("Remove…"), this)), m_toggle(new QPushButton(tr("Disable transfers"), this)),
      m_pair(new QPushButton(tr("Pair two librarians…"), this))
{
    m_add->setObjectName(QStringLiteral("addLibrarian"));
    m_remove->setObjectName(QStringLiteral("removeLibrarian"));
    m_toggle->setObjectName(QStringLiteral("toggleTransfers"));
    setUpList(m_table, {tr("Name"), tr("Address"), tr("Answers"), tr("Transfers"), tr("Last reached"),
                        tr("Last heard from")});
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setStretchLastSection(true);
    auto *buttons = new QHBoxLayout;
    for (QPushButton *b : {m_refresh, m_add, m_remove, m_toggle})
        buttons->addWidget(b);
    buttons->addStretch();
    buttons->addWidget(m_pair);
    pageLayout()->addLayout(buttons);
    pageLayout()->addWidget(m_table, 1);

    connect(m_refresh, &QPushButton::clicked, this, &LibrariansPage::refresh);
    connect(m_add, &QPushButton::clicked, this, &LibrariansPage::addLibrarian);
    connect(m_remove, &QPushButton::clicked, this, &LibrariansPage::removeLibrarian);
    connect(m_toggle, &QPushButton::clicked, this, &LibrariansPage::toggleTransfers);
    connect(m_pair, &QPushButton::clicked, this, &LibrariansPage::pair);
    connect(m_table, &QTableWidget::itemSelectionChanged, this, &LibrariansPage::updateButtons);
    sessionChanged();
}

void LibrariansPage::sessionChanged()
{
    requireLevel(AuthLevel::Admin, m_table);
    updateButtons();
}

void LibrariansPage::updateButtons()
{
    const QString why = refusal(AuthLevel::Admin);
    const bool allowed = why.isEmpty();
    const QString selected = selectedName();
    m_refresh->setEnabled(allowed);
    m_add->setEnabled(allowed);
    m_remove->setEnabled(allowed && !selected.isEmpty());
    m_toggle->setEnabled(allowed && !selected.isEmpty());
    if (!selected.isEmpty()) {
        const bool enabled = m_table->item(m_table->currentRow(), Transfers)->data(Qt::UserRole).toBool();
        m_toggle->setText(enabled ? tr("Disable transfers") : tr("Enable transfers"));
    }
    for (QPushButton *b : {m_refresh, m_add, m_remove, m_toggle})
        b->setToolTip(why);
    m_pair->setToolTip(tr("Create both accounts and both registrations of two librarians you are ADMIN on."));
}

QStringList LibrariansPage::names() const
{
    return firstColumn(m_table);
}

QString LibrariansPage::selectedName() const
{
    return selectedFirstColumn(m_table);
}

void LibrariansPage::selectName(const QString &name)
{
    selectByFirstColumn(m_table, name);
}

void LibrariansPage::refresh()
{
    if (!refusal(AuthLevel::Admin).isEmpty())
        return;
    const QString selected = selectedName();
    // Pinging every peer can take as long as the slowest one.
    request(routes::kAdminLibrariansList, LibrarianListRequest{true}.toJson(), [this, selected](Result<QJsonValue> r) {
        auto list = r ? librariansFromJson(r->toObject()) : Result<QList<Librarian>>(r.error());
        if (!list)
            return showError(list.error());
        QTableWidget *t = m_table;
        t->setRowCount(int(list->size()));
        for (int row = 0; row < list->size(); ++row) {
            const Librarian &l = list->at(row);
            t->setItem(row, Name, new QTableWidgetItem(l.name));
            t->setItem(row, Address, new QTableWidgetItem(QStringLiteral("%1:%2").arg(l.url).arg(l.port)));
            auto *answers = new QTableWidgetItem(!l.available ? tr("not asked") : *l.available ? tr("yes") : tr("no"));
            answers->setIcon(StatusColors::dot(!l.available ? StatusColors::Health::Unknown
                                               : *l.available ? StatusColors::Health::Good
                                                              : StatusColors::Health::Bad));
            t->setItem(row, Answers, answers);
            auto *transfers = new QTableWidgetItem(l.transfersEnabled ? tr("enabled") : tr("disabled"));
            transfers->setData(Qt::UserRole, l.transfersEnabled);
            t->setItem(row, Transfers, transfers);
            t->setItem(row, LastSeen, new QTableWidgetItem(ageText(l.lastSeen)));
            t->setItem(row, LastHeard, new QTableWidgetItem(ageText(l.lastHeard)));
        }
        selectName(selected);
        updateButtons();
        emit refreshed();
    }, 2 * LibrarianClient::kJsonTimeoutMs);
}

void LibrariansPage::addLibrarian()
{
    if (!refusal(AuthLevel::Admin).isEmpty())
        return;
    auto *dialog = new AddLibrarianDialog(session(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &AddLibrarianDialog::added, this, [this](const QString &, const QString &summary) {
        showInfo(summary);
        refresh();
        emit networkChanged();
    });
    dialog->open();
}

void LibrariansPage::removeLibrarian()
{
    const QString name = selectedName();
    if (name.isEmpty())
        return;
    auto *box = new QMessageBox(QMessageBox::Warning, tr("Remove librarian"),
                                tr("Remove %1 from %2? Files already sent stay where they are; no more files go to "
                                   "%1 until it is added again.")
                                    .arg(name, session()->server().librarianName),
                                QMessageBox::Yes | QMessageBox::Cancel, this);
    box->setObjectName(QStringLiteral("confirmRemove"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setDefaultButton(QMessageBox::Cancel);
    box->button(QMessageBox::Yes)->setText(tr("Remove"));
    box->setCheckBox(new QCheckBox(tr("Also cancel the outgoing transfers to %1").arg(name), box));
    connect(box, &QMessageBox::finished, this, [this, box, name](int button) {
        if (button != QMessageBox::Yes)
            return;
        const LibrarianRemoveRequest request{name, box->checkBox()->isChecked()};
        QPointer<LibrariansPage> self(this);
        session()->client()->call<LibrarianRemoveResponse>(
            routes::kAdminLibrariansRemove, request.toJson(), [self, name](Result<LibrarianRemoveResponse> r) {
                if (!self)
                    return;
                if (!r)
                    self->showError(r.error());
                else
                    self->showInfo(tr("Librarian %1 removed; %n outgoing transfer(s) cancelled.", nullptr,
                                      r->numberOfTransfersRemoved)
                                       .arg(name));
                self->refresh();
                emit self->networkChanged();
            });
    });
    box->open();
}

void LibrariansPage::toggleTransfers()
{
    const QString name = selectedName();
    if (name.isEmpty())
        return;
    const bool enable = !m_table->item(m_table->currentRow(), Transfers)->data(Qt::UserRole).toBool();
    QPointer<LibrariansPage> self(this);
    session()->client()->post(routes::kAdminLibrariansTransferStatus, LibrarianTransferStatus{name, enable}.toJson(),
                              [self, name, enable](Result<QJsonValue> r) {
                                  if (!self)
                                      return;
                                  if (!r)
                                      self->showError(r.error());
                                  else
                                      self->showInfo(enable ? tr("Transfers to %1 enabled.").arg(name)
                                                            : tr("Transfers to %1 disabled.").arg(name));
                                  self->refresh();
                                  emit self->networkChanged();
                              });
}

void LibrariansPage::pair()
{
    auto *wizard = new PairingWizard(m_sessions, session(), this);
    wizard->setAttribute(Qt::WA_DeleteOnClose);
    connect(wizard, &PairingWizard::paired, this, [this](const QString &source, const QString &destination) {
        showInfo(tr("Paired: %1 pushes to %2.").arg(source, destination));
        refresh();
        emit networkChanged();
    });
    wizard->open();
}

} // namespace librarian
