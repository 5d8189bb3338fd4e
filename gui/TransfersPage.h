#pragma once

#include "SessionPage.h"

class QComboBox;
class QTableWidget;

namespace librarian {

// The chosen librarian's transfers, outgoing and incoming, newest first: state, peer, size, age.
class TransfersPage : public SessionPage
{
    Q_OBJECT
public:
    explicit TransfersPage(QWidget *parent = nullptr);
    QTableWidget *table() const { return m_table; }

public Q_SLOTS:
    void refresh() override;

Q_SIGNALS:
    void refreshed();

protected:
    void sessionChanged() override;

private:
    QComboBox *m_status;
    QTableWidget *m_table;
};

} // namespace librarian
