#include "SessionPage.h"

#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QTableWidget>
#include <QVBoxLayout>

namespace librarian {

SessionPage::SessionPage(QWidget *parent) : QWidget(parent), m_banner(new QLabel(this)), m_layout(new QVBoxLayout(this))
{
    m_banner->setObjectName(QStringLiteral("banner"));
    m_banner->setWordWrap(true);
    m_banner->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_banner->hide();
    m_layout->addWidget(m_banner);
}

void SessionPage::setSession(Session *session)
{
    if (m_session)
        disconnect(m_session, nullptr, this, nullptr);
    m_session = session;
    clearBanner();
    if (session)
        connect(session, &Session::stateChanged, this, [this](Session::State state) {
            sessionChanged();
            if (state == Session::State::Connected && isVisible())
                refresh();
        });
    sessionChanged();
    if (session && session->isConnected() && isVisible())
        refresh();
}

QString SessionPage::bannerText() const
{
    return m_banner->isVisible() ? m_banner->text() : QString();
}

void SessionPage::showInfo(const QString &text)
{
    m_banner->setStyleSheet(QStringLiteral("QLabel#banner { background: #e7f4ea; border: 1px solid #9fd3ad; "
                                           "border-radius: 4px; padding: 6px; color: #1d4d2a; }"));
    m_banner->setText(text);
    m_banner->show();
}

void SessionPage::showError(const ApiError &error)
{
    showError(error.describe());
}

void SessionPage::showError(const QString &text)
{
    m_banner->setStyleSheet(QStringLiteral("QLabel#banner { background: #fbeaea; border: 1px solid #e3a3a3; "
                                           "border-radius: 4px; padding: 6px; color: #6b1b1b; }"));
    m_banner->setText(text);
    m_banner->show();
}

void SessionPage::clearBanner()
{
    m_banner->hide();
    m_banner->clear();
}

QString SessionPage::refusal(AuthLevel needed) const
{
    if (!m_session)
        return tr("Choose a connection on the left.");
    if (!m_session->isConnected())
        return tr("Connect to %1 first.").arg(m_session->name());
    if (!atLeast(m_session->level(), needed))
        return tr("This needs %1 on %2; account %3 is %4.")
            .arg(authLevelName(needed), m_session->server().librarianName, m_session->server().user,
                 authLevelName(m_session->level()));
    return {};
}

bool SessionPage::requireLevel(AuthLevel needed, QTableWidget *table)
{
    const QString why = refusal(needed);
    if (why.isEmpty())
        return true;
    table->setRowCount(0);
    if (m_session && m_session->isConnected())
        showError(why);
    return false;
}

void SessionPage::request(const char *route, const QJsonObject &body, std::function<void(Result<QJsonValue>)> done,
                          int timeoutMs)
{
    QPointer<SessionPage> self(this);
    QPointer<Session> from(m_session);
    m_session->client()->post(
        route, body,
        [self, from, done](Result<QJsonValue> r) {
            if (self && from && self->m_session == from)
                done(std::move(r));
        },
        timeoutMs);
}

void setUpList(QTableWidget *table, const QStringList &headers, QAbstractItemView::SelectionMode mode)
{
    table->setColumnCount(int(headers.size()));
    table->setHorizontalHeaderLabels(headers);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setSelectionMode(mode);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->verticalHeader()->hide();
}

QStringList firstColumn(const QTableWidget *table)
{
    QStringList texts;
    for (int row = 0; row < table->rowCount(); ++row)
        texts << table->item(row, 0)->text();
    return texts;
}

QString selectedFirstColumn(const QTableWidget *table)
{
    const auto rows = table->selectionModel()->selectedRows();
    return rows.isEmpty() ? QString() : table->item(rows.first().row(), 0)->text();
}

void selectByFirstColumn(QTableWidget *table, const QString &text)
{
    const int row = int(firstColumn(table).indexOf(text));
    if (row >= 0)
        table->selectRow(row);
}

QString ageText(const QDateTime &time)
{
    if (!time.isValid())
        return QObject::tr("never");
    const qint64 secs = time.secsTo(QDateTime::currentDateTimeUtc());
    if (secs < 60)
        return QObject::tr("%n second(s) ago", nullptr, int(std::max<qint64>(secs, 0)));
    if (secs < 3600)
        return QObject::tr("%n minute(s) ago", nullptr, int(secs / 60));
    if (secs < 86400)
        return QObject::tr("%n hour(s) ago", nullptr, int(secs / 3600));
    return QObject::tr("%n day(s) ago", nullptr, int(secs / 86400));
}

QString timeText(const QDateTime &time)
{
    return time.isValid() ? QLocale().toString(time.toLocalTime(), QLocale::ShortFormat) : QString();
}

QString sizeText(qint64 bytes)
{
    return QLocale().formattedDataSize(bytes, 1, QLocale::DataSizeTraditionalFormat);
}

} // namespace librarian
