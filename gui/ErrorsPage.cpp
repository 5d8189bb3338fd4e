#include "ErrorsPage.h"

#include "model/Routes.h"
#include "model/messages/ErrorMessages.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace librarian {

ErrorsPage::ErrorsPage(QWidget *parent)
    : SessionPage(parent), m_includeCleared(new QCheckBox(tr("Include cleared"), this)),
      m_clear(new QPushButton(tr("Clear error"), this)), m_table(new QTableWidget(this))
{
    m_clear->setObjectName(QStringLiteral("clearError"));
    auto *refreshButton = new QPushButton(tr("Refresh"), this);
    auto *bar = new QHBoxLayout;
    bar->addWidget(refreshButton);
    bar->addWidget(m_includeCleared);
    bar->addWidget(m_clear);
    bar->addStretch();
    pageLayout()->addLayout(bar);
    setUpList(m_table, {tr("ID"), tr("Severity"), tr("Category"), tr("Message"), tr("Raised"), tr("By")});
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(3, QHeaderView::Stretch);
    m_table->setWordWrap(true);
    pageLayout()->addWidget(m_table, 1);
    connect(refreshButton, &QPushButton::clicked, this, &ErrorsPage::refresh);
    connect(m_includeCleared, &QCheckBox::toggled, this, &ErrorsPage::refresh);
    connect(m_clear, &QPushButton::clicked, this, &ErrorsPage::clearSelected);
    connect(m_table, &QTableWidget::itemSelectionChanged, this, &ErrorsPage::updateButtons);
    updateButtons();
}

void ErrorsPage::sessionChanged()
{
    requireLevel(AuthLevel::ReadOnly, m_table);
    updateButtons();
}

void ErrorsPage::updateButtons()
{
    const QString why = refusal(AuthLevel::Admin);
    m_clear->setEnabled(why.isEmpty() && m_table->currentRow() >= 0);
    m_clear->setToolTip(why.isEmpty() ? tr("Mark the chosen error as dealt with.") : why);
}

void ErrorsPage::refresh()
{
    if (const QString why = refusal(AuthLevel::ReadOnly); !why.isEmpty())
        return showError(why);
    ErrorSearchRequest query;
    query.includeResolved = m_includeCleared->isChecked();
    query.maxResults = 200;
    request(routes::kSearchError, query.toJson(), [this](Result<QJsonValue> r) {
        QList<ErrorRecord> errors;
        if (r || r.error().kind != ErrorKind::NotFound) {
            auto parsed = r ? errorsFromJson(r->toArray()) : Result<QList<ErrorRecord>>(r.error());
            if (!parsed)
                return showError(parsed.error());
            errors = *parsed;
        }
        QTableWidget *t = m_table;
        t->setRowCount(int(errors.size()));
        for (int row = 0; row < errors.size(); ++row) {
            const ErrorRecord &e = errors.at(row);
            t->setItem(row, 0, new QTableWidgetItem(QString::number(e.id)));
            t->setItem(row, 1, new QTableWidgetItem(e.cleared ? tr("%1 (cleared)").arg(e.severity) : e.severity));
            t->setItem(row, 2, new QTableWidgetItem(e.category));
            auto *message = new QTableWidgetItem(e.message);
            message->setToolTip(e.message);
            t->setItem(row, 3, message);
            t->setItem(row, 4, new QTableWidgetItem(timeText(e.raisedTime)));
            t->setItem(row, 5, new QTableWidgetItem(e.caller));
        }
        t->resizeRowsToContents();
        showInfo(tr("%n error(s).", nullptr, int(errors.size())));
        updateButtons();
        emit refreshed();
    });
}

void ErrorsPage::clearSelected()
{
    const int row = m_table->currentRow();
    if (row < 0)
        return;
    const qint64 id = m_table->item(row, 0)->text().toLongLong();
    QPointer<ErrorsPage> self(this);
    session()->client()->post(routes::kErrorClear, ErrorClearRequest{id}.toJson(), [self, id](Result<QJsonValue> r) {
        if (!self)
            return;
        if (!r)
            return self->showError(r.error());
        self->refresh();
    });
}

} // namespace librarian
