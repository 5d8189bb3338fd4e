#pragma once

#include "SessionPage.h"

class QCheckBox;
class QPushButton;
class QTableWidget;

namespace librarian {

// The chosen librarian's error log; an ADMIN can clear an error once it is dealt with.
class ErrorsPage : public SessionPage
{
    Q_OBJECT
public:
    explicit ErrorsPage(QWidget *parent = nullptr);
    QTableWidget *table() const { return m_table; }

public Q_SLOTS:
    void refresh() override;
    void clearSelected();

Q_SIGNALS:
    void refreshed();

protected:
    void sessionChanged() override;

private:
    void updateButtons();

    QCheckBox *m_includeCleared;
    QPushButton *m_clear;
    QTableWidget *m_table;
};

} // namespace librarian
