#include "MainWindow.h"

#include "AccountsPage.h"
#include "ConnectionDialog.h"
#include "ErrorsPage.h"
#include "FilesPage.h"
#include "LibrariansPage.h"
#include "NetworkPage.h"
#include "SessionModel.h"
#include "TransfersPage.h"

#include <QApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QListView>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QSplitter>
#include <QStatusBar>
#include <QTabWidget>
#include <QVBoxLayout>

namespace librarian {

MainWindow::MainWindow(SessionModel *sessions, QWidget *parent)
    : QMainWindow(parent), m_sessions(sessions), m_tabs(new QTabWidget(this)), m_network(new NetworkPage(sessions, this)),
      m_accounts(new AccountsPage(this)), m_librarians(new LibrariansPage(sessions, this)), m_files(new FilesPage(this)),
      m_transfers(new TransfersPage(this)), m_errors(new ErrorsPage(this))
{
    setWindowTitle(tr("Librarian"));
    m_tabs->addTab(m_network, tr("Network"));
    m_tabs->addTab(m_accounts, tr("Accounts"));
    m_tabs->addTab(m_librarians, tr("Librarians"));
    m_tabs->addTab(m_files, tr("Files"));
    m_tabs->addTab(m_transfers, tr("Transfers"));
    m_tabs->addTab(m_errors, tr("Errors"));

    auto *split = new QSplitter(this);
    split->addWidget(buildSidebar());
    split->addWidget(m_tabs);
    split->setStretchFactor(1, 1);
    split->setSizes({260, 940});
    setCentralWidget(split);

    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("&New connection…"), this, &MainWindow::newConnection);
    file->addAction(tr("Connect &all"), this, &MainWindow::connectAll);
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, qApp, &QApplication::quit);
    QMenu *view = menuBar()->addMenu(tr("&View"));
    view->addAction(tr("&Refresh"), QKeySequence::Refresh, this, &MainWindow::refreshCurrentPage);
    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About"), this, [this] {
        auto *box = new QMessageBox(QMessageBox::Information, tr("About Librarian"),
                                    tr("<b>Librarian %1</b><p>Operator GUI for a network of librarian servers.</p>"
                                       "<p>Connections: %2</p>")
                                        .arg(QStringLiteral(LIBRARIAN_VERSION), m_sessions->config().path().toHtmlEscaped()),
                                    QMessageBox::Ok, this);
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
    });

    connect(m_tabs, &QTabWidget::currentChanged, this, &MainWindow::refreshCurrentPage);
    connect(m_librarians, &LibrariansPage::networkChanged, m_network, &NetworkPage::refresh);
    connect(m_sessions, &SessionModel::sessionStateChanged, this, [this](Session *s) {
        if (s == currentSession())
            updateSessionInfo();
        statusBar()->showMessage(QStringLiteral("%1: %2").arg(s->name(), s->statusText()), 8000);
    });
    connect(m_sessions, &QAbstractItemModel::rowsInserted, this, &MainWindow::currentSessionChanged);
    connect(m_sessions, &QAbstractItemModel::rowsRemoved, this, &MainWindow::currentSessionChanged);
    if (m_sessions->rowCount() > 0)
        m_list->setCurrentIndex(m_sessions->index(0));
    else
        statusBar()->showMessage(tr("No connections yet: add one with New… (saved to %1).").arg(m_sessions->config().path()));
    currentSessionChanged();
    resize(1280, 800);
}

QWidget *MainWindow::buildSidebar()
{
    auto *panel = new QWidget(this);
    auto *layout = new QVBoxLayout(panel);
    layout->setContentsMargins(6, 6, 0, 6);
    auto *title = new QLabel(tr("<b>Connections</b>"), panel);
    layout->addWidget(title);
    m_list = new QListView(panel);
    m_list->setObjectName(QStringLiteral("connections"));
    m_list->setModel(m_sessions);
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);
    m_list->setEditTriggers(QAbstractItemView::NoEditTriggers);
    layout->addWidget(m_list, 1);

    auto *add = new QPushButton(tr("New…"), panel);
    add->setObjectName(QStringLiteral("newConnection"));
    m_edit = new QPushButton(tr("Edit…"), panel);
    m_remove = new QPushButton(tr("Remove"), panel);
    auto *row = new QHBoxLayout;
    row->addWidget(add);
    row->addWidget(m_edit);
    row->addWidget(m_remove);
    layout->addLayout(row);
    m_connect = new QPushButton(tr("Connect"), panel);
    m_connect->setObjectName(QStringLiteral("connect"));
    auto *all = new QPushButton(tr("Connect all"), panel);
    auto *row2 = new QHBoxLayout;
    row2->addWidget(m_connect);
    row2->addWidget(all);
    layout->addLayout(row2);

    m_info = new QLabel(panel);
    m_info->setObjectName(QStringLiteral("sessionInfo"));
    m_info->setWordWrap(true);
    m_info->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_info->setFrameShape(QFrame::StyledPanel);
    m_info->setMargin(6);
    m_info->setMinimumHeight(110);
    m_info->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    layout->addWidget(m_info);

    connect(m_list->selectionModel(), &QItemSelectionModel::currentChanged, this, &MainWindow::currentSessionChanged);
    connect(m_list, &QListView::doubleClicked, this, &MainWindow::connectOrCancel);
    connect(add, &QPushButton::clicked, this, &MainWindow::newConnection);
    connect(m_edit, &QPushButton::clicked, this, &MainWindow::editConnection);
    connect(m_remove, &QPushButton::clicked, this, &MainWindow::removeConnection);
    connect(m_connect, &QPushButton::clicked, this, &MainWindow::connectOrCancel);
    connect(all, &QPushButton::clicked, this, &MainWindow::connectAll);
    return panel;
}

Session *MainWindow::currentSession() const
{
    return m_sessions->session(m_list->currentIndex().row());
}

void MainWindow::selectSession(const QString &name)
{
    if (Session *s = m_sessions->find(name))
        m_list->setCurrentIndex(m_sessions->index(m_sessions->rowOf(s)));
}

void MainWindow::currentSessionChanged()
{
    Session *s = currentSession();
    for (SessionPage *page : std::initializer_list<SessionPage *>{m_accounts, m_librarians, m_files, m_transfers, m_errors})
        page->setSession(s);
    updateSessionInfo();
}

void MainWindow::updateSessionInfo()
{
    Session *s = currentSession();
    m_edit->setEnabled(s);
    m_remove->setEnabled(s);
    m_connect->setEnabled(s);
    if (!s) {
        m_info->setText(tr("No connection chosen."));
        return;
    }
    m_connect->setText(s->state() == Session::State::Connecting ? tr("Cancel")
                       : s->isConnected()                       ? tr("Reconnect")
                                                                : tr("Connect"));
    QString html = QStringLiteral("<b>%1</b><br/>%2<br/>").arg(s->name().toHtmlEscaped(),
                                                               s->connection().baseUrl().toString().toHtmlEscaped());
    if (s->isConnected()) {
        html += tr("Librarian: <b>%1</b>").arg(s->server().librarianName.toHtmlEscaped()) + QStringLiteral("<br/>");
        if (!s->server().name.isEmpty())
            html += s->server().name.toHtmlEscaped() + QStringLiteral("<br/>");
        if (!s->server().description.isEmpty())
            html += QStringLiteral("<i>%1</i><br/>").arg(s->server().description.toHtmlEscaped());
        html += tr("Signed in as %1, level <b>%2</b>").arg(s->server().user.toHtmlEscaped(), authLevelName(s->level()));
    } else if (s->state() == Session::State::Failed) {
        html += QStringLiteral("<span style='color:#b02020'>%1</span>").arg(s->statusText().toHtmlEscaped());
    } else {
        html += s->statusText().toHtmlEscaped();
    }
    m_info->setText(html);
}

QString MainWindow::sessionInfo() const
{
    return m_info->text();
}

void MainWindow::connectAll()
{
    m_sessions->connectAll();
}

void MainWindow::connectOrCancel()
{
    Session *s = currentSession();
    if (!s)
        return;
    if (s->state() == Session::State::Connecting)
        s->cancel();
    else
        s->connectToServer();
}

void MainWindow::refreshCurrentPage()
{
    if (auto *page = qobject_cast<SessionPage *>(m_tabs->currentWidget())) {
        if (page->session() && page->session()->isConnected())
            page->refresh();
    } else if (m_tabs->currentWidget() == m_network) {
        m_network->refresh();
    }
}

void MainWindow::newConnection()
{
    openConnectionDialog({}, {});
}

void MainWindow::editConnection()
{
    if (Session *s = currentSession())
        openConnectionDialog(s->connection(), s->name());
}

void MainWindow::openConnectionDialog(const Connection &connection, const QString &previous)
{
    QStringList taken = m_sessions->config().names();
    taken.removeAll(previous);
    auto *dialog = new ConnectionDialog(connection, taken, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog, previous] {
        const Connection c = dialog->connection();
        if (auto saved = m_sessions->setConnection(c, previous); !saved)
            return statusBar()->showMessage(tr("Connection not saved: %1").arg(saved.error().reason));
        selectSession(c.name);
        m_sessions->find(c.name)->connectToServer();
    });
    dialog->open();
}

void MainWindow::removeConnection()
{
    Session *s = currentSession();
    if (!s)
        return;
    const QString name = s->name();
    auto *box = new QMessageBox(QMessageBox::Question, tr("Remove connection"),
                                tr("Remove connection %1 from the client config? The librarian itself is not touched.")
                                    .arg(name),
                                QMessageBox::Yes | QMessageBox::Cancel, this);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->button(QMessageBox::Yes)->setText(tr("Remove"));
    connect(box, &QMessageBox::finished, this, [this, name](int button) {
        if (button != QMessageBox::Yes)
            return;
        if (auto removed = m_sessions->removeConnection(name); !removed)
            statusBar()->showMessage(tr("Connection not removed: %1").arg(removed.error().reason));
        m_network->refresh();
    });
    box->open();
}

} // namespace librarian
