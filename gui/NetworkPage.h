#pragma once

#include "NetworkGraph.h"

#include <QWidget>

class QCheckBox;
class QLabel;
class QTextBrowser;
class QTimer;

namespace librarian {

class PeerGraphView;
class SessionModel;

// The live graph of the whole network: asks every configured connection what it knows
// (/network/status), merges the answers and draws them; refreshes on a timer and on demand.
class NetworkPage : public QWidget
{
    Q_OBJECT
public:
    explicit NetworkPage(SessionModel *sessions, QWidget *parent = nullptr);

    PeerGraphView *view() const { return m_view; }
    const NetworkGraph &graph() const { return m_graph; }
    QString details() const;
    void setRefreshInterval(int ms);

public Q_SLOTS:
    void refresh();

Q_SIGNALS:
    void refreshed(); // the graph was redrawn from fresh answers

private:
    void showDetails(const QString &name);
    void collect();

    SessionModel *m_sessions;
    PeerGraphView *m_view;
    QTextBrowser *m_details;
    QLabel *m_summary;
    QCheckBox *m_auto;
    QTimer *m_timer;
    NetworkGraph m_graph;
    NetworkGraph m_building;
    int m_pending = 0;
    bool m_again = false; // a refresh was asked for while one was running
    QString m_selected;
};

} // namespace librarian
