#include "NetworkPage.h"

#include "PeerGraphView.h"
#include "SessionModel.h"
#include "SessionPage.h"
#include "model/Routes.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSplitter>
#include <QTextBrowser>
#include <QTimer>
#include <QToolButton>

namespace librarian {

namespace {
QString legendEntry(StatusColors::Health health, const QString &text)
{
    return QStringLiteral("<span style='color:%1'>&#9679;</span> %2").arg(StatusColors::color(health).name(), text.toHtmlEscaped());
}
} // namespace

NetworkPage::NetworkPage(SessionModel *sessions, QWidget *parent)
    : QWidget(parent), m_sessions(sessions), m_view(new PeerGraphView(this)), m_details(new QTextBrowser(this)),
      m_summary(new QLabel(this)), m_auto(new QCheckBox(tr("Refresh every 10 s"), this)), m_timer(new QTimer(this))
{
    auto *layout = new QVBoxLayout(this);
    auto *bar = new QHBoxLayout;
    auto *refreshButton = new QPushButton(tr("Refresh"), this);
    refreshButton->setObjectName(QStringLiteral("refreshGraph"));
    auto *zoomIn = new QToolButton(this);
    zoomIn->setText(tr("Zoom in"));
    auto *zoomOut = new QToolButton(this);
    zoomOut->setText(tr("Zoom out"));
    auto *fit = new QToolButton(this);
    fit->setText(tr("Fit"));
    bar->addWidget(refreshButton);
    bar->addWidget(m_auto);
    bar->addSpacing(12);
    bar->addWidget(zoomIn);
    bar->addWidget(zoomOut);
    bar->addWidget(fit);
    bar->addStretch();
    bar->addWidget(m_summary);
    layout->addLayout(bar);

    auto *split = new QSplitter(this);
    split->addWidget(m_view);
    m_details->setOpenLinks(false);
    m_details->setMinimumWidth(240);
    m_details->setMaximumWidth(380);
    m_details->setHtml(tr("<p>Click a librarian to see its details.</p>"));
    split->addWidget(m_details);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 1);
    layout->addWidget(split, 1);

    auto *legend = new QLabel(this);
    legend->setText(QStringList{legendEntry(StatusColors::Health::Good, tr("healthy")),
                                legendEntry(StatusColors::Health::Warning, tr("errors to look at, transfers disabled, or quiet for an hour")),
                                legendEntry(StatusColors::Health::Bad, tr("unreachable or failed transfers today")),
                                legendEntry(StatusColors::Health::Unknown, tr("not heard from yet")),
                                tr("dashed box: known only through a peer; dashed arrow: transfers disabled")}
                        .join(QStringLiteral("&nbsp;&nbsp;&nbsp;")));
    legend->setWordWrap(true);
    layout->addWidget(legend);

    connect(refreshButton, &QPushButton::clicked, this, &NetworkPage::refresh);
    connect(zoomIn, &QToolButton::clicked, m_view, &PeerGraphView::zoomIn);
    connect(zoomOut, &QToolButton::clicked, m_view, &PeerGraphView::zoomOut);
    connect(fit, &QToolButton::clicked, m_view, &PeerGraphView::fitAll);
    connect(m_view, &PeerGraphView::nodeSelected, this, &NetworkPage::showDetails);
    connect(m_timer, &QTimer::timeout, this, [this] {
        // A librarian that was down is tried again on each tick (never on state changes, which
        // would loop as fast as it fails), so the graph shows it coming back.
        for (Session *s : m_sessions->sessions())
            if (s->isWorthRetrying())
                s->connectToServer();
        refresh();
    });
    connect(m_auto, &QCheckBox::toggled, this, [this](bool on) { on ? m_timer->start() : m_timer->stop(); });
    connect(m_sessions, &SessionModel::sessionStateChanged, this, [this](Session *s) {
        if (s->state() != Session::State::Connecting)
            refresh();
    });
    m_timer->setInterval(10000);
    m_auto->setChecked(true);
}

void NetworkPage::setRefreshInterval(int ms)
{
    m_timer->setInterval(ms);
    m_auto->setText(tr("Refresh every %n s", nullptr, std::max(1, ms / 1000)));
}

void NetworkPage::refresh()
{
    if (m_pending > 0) {
        m_again = true;
        return;
    }
    collect();
}

void NetworkPage::collect()
{
    m_building = NetworkGraph();
    const QList<Session *> sessions = m_sessions->sessions();
    m_pending = 1; // released after the loop, so an instant answer cannot finish early
    auto settle = [this] {
        if (--m_pending > 0)
            return;
        m_building.finish();
        m_graph = m_building;
        m_view->setGraph(m_graph);
        m_summary->setText(tr("%n librarian(s)", nullptr, int(m_graph.nodes().size())) + QStringLiteral(", ") +
                           tr("%n link(s)", nullptr, int(m_graph.edges().size())));
        showDetails(m_selected);
        emit refreshed();
        if (m_again) {
            m_again = false;
            collect();
        }
    };
    for (Session *s : sessions) {
        const QString address = NetworkGraph::addressOf(s->connection().host, s->connection().port);
        if (s->state() == Session::State::Failed) {
            m_building.addUnreachable(s->name(), s->server().librarianName, address, s->statusText());
            continue;
        }
        if (!s->isConnected())
            continue; // not asked to connect (yet)
        ++m_pending;
        QPointer<Session> guard(s);
        // The session's client outlives this page: an answer may come after the page is gone.
        QPointer<NetworkPage> page(this);
        s->client()->call<NetworkStatus>(routes::kNetworkStatus, {}, [this, page, guard, address, settle](Result<NetworkStatus> r) {
            if (!page)
                return;
            if (guard) {
                if (r)
                    m_building.addStatus(guard->name(), *r);
                else
                    m_building.addUnreachable(guard->name(), guard->server().librarianName, address, r.error().reason);
            }
            settle();
        }, Session::kConnectTimeoutMs);
    }
    settle();
}

void NetworkPage::showDetails(const QString &name)
{
    m_selected = name;
    const NetworkGraph::Node *n = m_graph.node(name);
    if (!n) {
        m_details->setHtml(tr("<p>Click a librarian to see its details.</p>"));
        return;
    }
    auto row = [](const QString &key, const QString &value) {
        return QStringLiteral("<tr><td style='color:#555;padding-right:8px'>%1</td><td>%2</td></tr>")
            .arg(key.toHtmlEscaped(), value.toHtmlEscaped());
    };
    QString html = QStringLiteral("<h3>%1</h3>").arg(n->name.toHtmlEscaped());
    if (!n->title.isEmpty())
        html += QStringLiteral("<p><b>%1</b><br/>%2</p>").arg(n->title.toHtmlEscaped(), n->description.toHtmlEscaped());
    html += QStringLiteral("<table>");
    html += row(tr("Health"), StatusColors::describe(n->health));
    if (!n->problem.isEmpty())
        html += row(tr("Problem"), n->problem);
    html += row(tr("Address"), n->address);
    html += row(tr("Reached through"), n->connections.isEmpty() ? tr("no connection of yours") : n->connections.join(QStringLiteral(", ")));
    if (!n->knownBy.isEmpty())
        html += row(tr("Registered on"), n->knownBy.join(QStringLiteral(", ")));
    html += row(tr("Last contact"), ageText(n->lastContact));
    if (n->direct)
        html += row(tr("Unresolved errors"), QString::number(n->unresolvedErrors));
    html += QStringLiteral("</table>");
    QString links;
    for (const NetworkGraph::Edge &e : m_graph.edgesOf(name)) {
        const bool out = e.from == name;
        QStringList state{e.transfersEnabled ? tr("enabled") : tr("transfers disabled"),
                          tr("%n queued", nullptr, e.backlog), tr("%n failed today", nullptr, e.failed)};
        links += QStringLiteral("<li>%1 %2 — %3</li>")
                     .arg(out ? tr("pushes to") : tr("receives from"), (out ? e.to : e.from).toHtmlEscaped(),
                          state.join(QStringLiteral(", ")).toHtmlEscaped());
    }
    if (!links.isEmpty())
        html += QStringLiteral("<p><b>%1</b></p><ul>%2</ul>").arg(tr("Links"), links);
    m_details->setHtml(html);
}

QString NetworkPage::details() const
{
    return m_details->toPlainText();
}

} // namespace librarian
