#include "SessionPage.h"

#include <QLabel>
#include <QLocale>
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
