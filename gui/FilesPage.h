#pragma once

#include "SessionPage.h"
#include "model/File.h"

class QCheckBox;
class QDateTimeEdit;
class QLineEdit;
class QTableWidget;
class QTreeWidget;

namespace librarian {

// Searches the catalogue of the chosen librarian (name, uploader, creation time) and shows the
// chosen file's instances on this librarian and remote instances on its peers.
class FilesPage : public SessionPage
{
    Q_OBJECT
public:
    explicit FilesPage(QWidget *parent = nullptr);

    QLineEdit *nameEdit() const { return m_name; }
    QTableWidget *table() const { return m_table; }
    QTreeWidget *copies() const { return m_copies; }

public Q_SLOTS:
    void refresh() override;

Q_SIGNALS:
    void refreshed();

protected:
    void sessionChanged() override;

private:
    void showCopies();

    QLineEdit *m_name;
    QLineEdit *m_uploader;
    QCheckBox *m_useTime;
    QDateTimeEdit *m_from;
    QDateTimeEdit *m_to;
    QTableWidget *m_table;
    QTreeWidget *m_copies;
    QList<File> m_files;
};

} // namespace librarian
