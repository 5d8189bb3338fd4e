#pragma once

#include <QWizard>

class QComboBox;
class QLabel;
class QListWidget;

namespace librarian {

class Pairing;
class Session;
class SessionModel;

// The seed's two-librarian procedure in one flow: pick the librarian that pushes and the one that
// receives (two connections with ADMIN), then watch each step: both ADMIN checks, both accounts,
// both registrations with the connection checked. A failure undoes what was made.
class PairingWizard : public QWizard
{
    Q_OBJECT
public:
    PairingWizard(SessionModel *sessions, Session *current, QWidget *parent = nullptr);

    QComboBox *sourceBox() const { return m_source; }
    QComboBox *destinationBox() const { return m_destination; }
    QListWidget *steps() const { return m_steps; }
    bool isDone() const { return m_done; }
    bool succeeded() const { return m_ok; }
    QString outcome() const;

Q_SIGNALS:
    void paired(const QString &source, const QString &destination);

protected:
    void initializePage(int id) override;
    bool validateCurrentPage() override;

private:
    void run();

    SessionModel *m_sessions;
    QComboBox *m_source;
    QComboBox *m_destination;
    QLabel *m_chooseProblem;
    QListWidget *m_steps;
    QLabel *m_outcome;
    Pairing *m_pairing = nullptr;
    bool m_done = false;
    bool m_ok = false;
    int m_runPage = -1;
};

} // namespace librarian
