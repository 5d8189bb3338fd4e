#pragma once

#include "Session.h"

#include <QAbstractItemView>
#include <QPointer>
#include <QWidget>
#include <functional>

class QLabel;
class QTableWidget;
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
    // Empties `table` when the account is below `needed` (and says why once connected); true when
    // allowed.
    bool requireLevel(AuthLevel needed, QTableWidget *table);
    // Calls the chosen librarian; `done` runs only while this page still shows that connection, so
    // a late answer never fills the page of another one.
    void request(const char *route, const QJsonObject &body, std::function<void(Result<QJsonValue>)> done,
                 int timeoutMs = LibrarianClient::kJsonTimeoutMs);
    QVBoxLayout *pageLayout() const { return m_layout; }

private:
    QPointer<Session> m_session;
    QLabel *m_banner;
    QVBoxLayout *m_layout;
};

// A read-only list of rows, chosen whole; the first column names the row.
void setUpList(QTableWidget *table, const QStringList &headers,
               QAbstractItemView::SelectionMode mode = QAbstractItemView::SingleSelection);
QStringList firstColumn(const QTableWidget *table);
QString selectedFirstColumn(const QTableWidget *table);
void selectByFirstColumn(QTableWidget *table, const QString &text);

// For tables: "3 minutes ago", "2026-11-24 10:00".
QString ageText(const QDateTime &time);
QString timeText(const QDateTime &time);
QString sizeText(qint64 bytes);

} // namespace librarian
