#include "TransfersPage.h"

#include "StatusColors.h"
#include "model/Routes.h"
#include "model/messages/ErrorMessages.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace librarian {

namespace {
StatusColors::Health healthOf(TransferStatus s)
{
    if (s == TransferStatus::Completed)
        return StatusColors::Health::Good;
    if (s == TransferStatus::Failed)
        return StatusColors::Health::Bad;
    if (s == TransferStatus::Cancelled)
        return StatusColors::Health::Unknown;
    return StatusColors::Health::Warning;
}
} // namespace

TransfersPage::TransfersPage(QWidget *parent)
    : SessionPage(parent), m_status(new QComboBox(this)), m_table(new QTableWidget(this))
{
    m_status->addItem(tr("Any state"), -1);
    for (TransferStatus s : {TransferStatus::Initiated, TransferStatus::Ongoing, TransferStatus::Staged,
                             TransferStatus::Completed, TransferStatus::Failed, TransferStatus::Cancelled})
        m_status->addItem(transferStatusName(s), int(s));
    auto *refreshButton = new QPushButton(tr("Refresh"), this);
    auto *bar = new QHBoxLayout;
    bar->addWidget(new QLabel(tr("State:"), this));
    bar->addWidget(m_status);
    bar->addWidget(refreshButton);
    bar->addStretch();
    pageLayout()->addLayout(bar);
    setUpList(m_table, {tr("Direction"), tr("ID"), tr("File"), tr("Peer"), tr("State"), tr("Size"), tr("Age")},
              QAbstractItemView::ExtendedSelection);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(2, QHeaderView::Stretch);
    pageLayout()->addWidget(m_table, 1);
    connect(refreshButton, &QPushButton::clicked, this, &TransfersPage::refresh);
    connect(m_status, &QComboBox::currentIndexChanged, this, &TransfersPage::refresh);
}

void TransfersPage::sessionChanged()
{
    requireLevel(AuthLevel::ReadOnly, m_table);
}

void TransfersPage::refresh()
{
    if (const QString why = refusal(AuthLevel::ReadOnly); !why.isEmpty())
        return showError(why);
    TransferSearchRequest query;
    if (m_status->currentData().toInt() >= 0)
        query.status = transferStatusFromInt(m_status->currentData().toInt());
    query.maxResults = 200;
    request(routes::kSearchTransfers, query.toJson(), [this](Result<QJsonValue> answer) {
        auto r = answer ? TransferList::fromJson(answer->toObject()) : Result<TransferList>(answer.error());
        if (!r)
            return showError(r.error());
        QTableWidget *t = m_table;
        t->setRowCount(0);
        auto add = [t](const QString &direction, qint64 id, const QString &file, const QString &peer, TransferStatus s,
                       qint64 size, const QDateTime &start) {
            const int row = t->rowCount();
            t->insertRow(row);
            t->setItem(row, 0, new QTableWidgetItem(direction));
            t->setItem(row, 1, new QTableWidgetItem(QString::number(id)));
            t->setItem(row, 2, new QTableWidgetItem(file));
            t->setItem(row, 3, new QTableWidgetItem(peer));
            auto *state = new QTableWidgetItem(StatusColors::dot(healthOf(s)), transferStatusName(s));
            t->setItem(row, 4, state);
            auto *bytes = new QTableWidgetItem(sizeText(size));
            bytes->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            t->setItem(row, 5, bytes);
            t->setItem(row, 6, new QTableWidgetItem(ageText(start)));
        };
        for (const OutgoingTransfer &o : r->outgoing)
            add(tr("outgoing"), o.id, o.fileName, o.destination, o.status, o.transferSize, o.startTime);
        for (const IncomingTransfer &i : r->incoming)
            add(tr("incoming"), i.id, i.storePath, i.source, i.status, i.transferSize, i.startTime);
        showInfo(tr("%n outgoing and ", nullptr, int(r->outgoing.size())) +
                 tr("%n incoming transfer(s).", nullptr, int(r->incoming.size())));
        emit refreshed();
    });
}

} // namespace librarian
