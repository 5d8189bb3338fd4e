#include "FilesPage.h"

#include "StatusColors.h"
#include "model/Routes.h"
#include "model/messages/SearchMessages.h"

#include <QCheckBox>
#include <QDateTimeEdit>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTableWidget>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace librarian {

FilesPage::FilesPage(QWidget *parent)
    : SessionPage(parent), m_name(new QLineEdit(this)), m_uploader(new QLineEdit(this)),
      m_useTime(new QCheckBox(tr("Created between"), this)), m_from(new QDateTimeEdit(this)), m_to(new QDateTimeEdit(this)),
      m_table(new QTableWidget(this)), m_copies(new QTreeWidget(this))
{
    m_name->setPlaceholderText(tr("exact file name, e.g. obs/2026-11-24/scan-0001.dat (empty: any)"));
    m_uploader->setPlaceholderText(tr("any"));
    m_from->setCalendarPopup(true);
    m_to->setCalendarPopup(true);
    m_from->setDateTime(QDateTime::currentDateTime().addDays(-7));
    m_to->setDateTime(QDateTime::currentDateTime().addDays(1));
    m_from->setEnabled(false);
    m_to->setEnabled(false);
    auto *search = new QPushButton(tr("Search"), this);
    search->setDefault(true);

    auto *form = new QFormLayout;
    form->addRow(tr("Name:"), m_name);
    form->addRow(tr("Uploader:"), m_uploader);
    auto *times = new QHBoxLayout;
    times->addWidget(m_useTime);
    times->addWidget(m_from);
    times->addWidget(new QLabel(tr("and"), this));
    times->addWidget(m_to);
    times->addStretch();
    times->addWidget(search);
    form->addRow(QString(), times);
    pageLayout()->addLayout(form);

    setUpList(m_table, {tr("Name"), tr("Size"), tr("Uploader"), tr("Created"), tr("Checksum")});
    m_table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_table->horizontalHeader()->setSectionResizeMode(4, QHeaderView::Interactive);
    m_copies->setHeaderLabels({tr("Copy"), tr("Where"), tr("State"), tr("Since")});
    m_copies->setRootIsDecorated(false);
    m_copies->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_copies->header()->setSectionResizeMode(1, QHeaderView::Stretch);
    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_table);
    split->addWidget(m_copies);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 1);
    pageLayout()->addWidget(split, 1);

    connect(search, &QPushButton::clicked, this, &FilesPage::refresh);
    connect(m_name, &QLineEdit::returnPressed, this, &FilesPage::refresh);
    connect(m_uploader, &QLineEdit::returnPressed, this, &FilesPage::refresh);
    connect(m_useTime, &QCheckBox::toggled, m_from, &QWidget::setEnabled);
    connect(m_useTime, &QCheckBox::toggled, m_to, &QWidget::setEnabled);
    connect(m_table, &QTableWidget::itemSelectionChanged, this, &FilesPage::showCopies);
}

void FilesPage::sessionChanged()
{
    if (!requireLevel(AuthLevel::ReadOnly, m_table))
        m_copies->clear();
}

void FilesPage::refresh()
{
    if (const QString why = refusal(AuthLevel::ReadOnly); !why.isEmpty())
        return showError(why);
    FileSearchRequest query;
    if (!m_name->text().trimmed().isEmpty())
        query.name = m_name->text().trimmed();
    if (!m_uploader->text().trimmed().isEmpty())
        query.uploader = m_uploader->text().trimmed();
    if (m_useTime->isChecked()) {
        query.createTimeStart = m_from->dateTime().toUTC();
        query.createTimeEnd = m_to->dateTime().toUTC();
    }
    query.maxResults = 256;
    request(routes::kSearchFile, query.toJson(), [this](Result<QJsonValue> r) {
        if (!r && r.error().kind == ErrorKind::NotFound) {
            m_files.clear();
        } else {
            auto files = r ? filesFromJson(r->toArray()) : Result<QList<File>>(r.error());
            if (!files)
                return showError(files.error());
            m_files = *files;
        }
        QTableWidget *t = m_table;
        t->setRowCount(int(m_files.size()));
        for (int row = 0; row < m_files.size(); ++row) {
            const File &f = m_files.at(row);
            t->setItem(row, 0, new QTableWidgetItem(f.name));
            auto *size = new QTableWidgetItem(sizeText(f.size));
            size->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            t->setItem(row, 1, size);
            t->setItem(row, 2, new QTableWidgetItem(f.uploader));
            t->setItem(row, 3, new QTableWidgetItem(timeText(f.createTime)));
            t->setItem(row, 4, new QTableWidgetItem(f.checksum));
        }
        t->resizeColumnToContents(1);
        t->resizeColumnToContents(2);
        t->resizeColumnToContents(3);
        t->setColumnWidth(4, 220);
        showInfo(tr("%n file(s) found.", nullptr, int(m_files.size())));
        m_copies->clear();
        emit refreshed();
    });
}

void FilesPage::showCopies()
{
    m_copies->clear();
    const int row = m_table->currentRow();
    if (row < 0 || row >= m_files.size())
        return;
    const File &f = m_files.at(row);
    for (const Instance &i : f.instances) {
        auto *item = new QTreeWidgetItem(m_copies, {tr("instance %1").arg(i.id), i.path,
                                                    i.available ? tr("available") : tr("deleted from disk"),
                                                    timeText(i.createdTime)});
        item->setIcon(0, StatusColors::dot(i.available ? StatusColors::Health::Good : StatusColors::Health::Unknown));
    }
    for (const RemoteInstance &ri : f.remoteInstances) {
        auto *item = new QTreeWidgetItem(m_copies, {tr("remote instance"), tr("on librarian %1").arg(ri.librarianName),
                                                    tr("confirmed"), timeText(ri.copyTime)});
        item->setIcon(0, StatusColors::dot(StatusColors::Health::Good));
    }
    if (f.instances.isEmpty() && f.remoteInstances.isEmpty())
        new QTreeWidgetItem(m_copies, {tr("no copy is known")});
}

} // namespace librarian
