#pragma once

#include "Session.h"

#include <QPointer>
#include <QWidget>

class QLabel;
class QVBoxLayout;

namespace librarian {

// A tab that works on the connection chosen in the sidebar. Results and errors show in a banner
// at its top (never a blocking dialog); actions the account may not do are disabled, with why.
class SessionPage : public QWidget
{
    Q_OBJECT
public:
    explicit SessionPage(QWidget *parent = nullptr);

    void setSession(Session *session);
    Session *session() const { return m_session; }
    QString bannerText() const;

public Q_SLOTS:
    virtual void refresh() = 0;

protected:
    // Called when the session or its state changes; enable/disable actions here.
    virtual void sessionChanged() = 0;
    void showInfo(const QString &text);
    void showError(const ApiError &error);
    void showError(const QString &text);
    void clearBanner();
    // "Needs ADMIN on source; you are READONLY." or empty when allowed.
    QString refusal(AuthLevel needed) const;
    QVBoxLayout *pageLayout() const { return m_layout; }

private:
    QPointer<Session> m_session;
    QLabel *m_banner;
    QVBoxLayout *m_layout;
};

// For tables: "3 minutes ago", "2026-11-24 10:00".
QString ageText(const QDateTime &time);
QString timeText(const QDateTime &time);
QString sizeText(qint64 bytes);

} // namespace librarian
