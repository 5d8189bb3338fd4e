#include "PairingWizard.h"

#include "SessionModel.h"
#include "StatusColors.h"
#include "client/Pairing.h"

#include <QComboBox>
#include <QFormLayout>
#include <QLabel>
#include <QListWidget>
#include <QVBoxLayout>
#include <QWizardPage>

namespace librarian {

namespace {
// The run page is complete only once the pairing has finished.
class RunPage : public QWizardPage
{
public:
    explicit RunPage(const PairingWizard *wizard) : m_wizard(wizard) {}
    bool isComplete() const override { return m_wizard->isDone(); }
    void changed() { emit completeChanged(); }

private:
    const PairingWizard *m_wizard;
};
} // namespace

PairingWizard::PairingWizard(SessionModel *sessions, Session *current, QWidget *parent)
    : QWizard(parent), m_sessions(sessions), m_source(new QComboBox), m_destination(new QComboBox),
      m_chooseProblem(new QLabel), m_steps(new QListWidget), m_outcome(new QLabel)
{
    setWindowTitle(tr("Pair two librarians"));
    setWizardStyle(QWizard::ClassicStyle);
    setOption(QWizard::NoBackButtonOnLastPage);
    setOption(QWizard::NoCancelButtonOnLastPage);
    setMinimumSize(620, 420);
    m_source->setObjectName(QStringLiteral("source"));
    m_destination->setObjectName(QStringLiteral("destination"));

    auto *choose = new QWizardPage;
    choose->setTitle(tr("Which librarian pushes to which?"));
    choose->setSubTitle(tr("Files flow from the first to the second. You need ADMIN on both connections."));
    for (Session *s : sessions->sessions()) {
        m_source->addItem(s->name());
        m_destination->addItem(s->name());
    }
    if (current)
        m_source->setCurrentText(current->name());
    m_destination->setCurrentIndex(m_source->currentIndex() + 1 < m_destination->count() ? m_source->currentIndex() + 1 : 0);
    auto *form = new QFormLayout(choose);
    form->addRow(tr("Sends files (source):"), m_source);
    form->addRow(tr("Receives files (destination):"), m_destination);
    auto *explain = new QLabel(tr("This creates an account for the destination on the source (CALLBACK) and one for the "
                                  "source on the destination (READAPPEND), both with random passwords, and registers "
                                  "each librarian on the other, checking the connection each way. Then add a send_clone "
                                  "task on the source and a receive_clone task on the destination."));
    explain->setWordWrap(true);
    form->addRow(explain);
    m_chooseProblem->setStyleSheet(QStringLiteral("color: #b02020;"));
    m_chooseProblem->setWordWrap(true);
    form->addRow(m_chooseProblem);
    addPage(choose);

    auto *runPage = new RunPage(this);
    runPage->setTitle(tr("Pairing"));
    runPage->setSubTitle(tr("Each step and its result."));
    auto *layout = new QVBoxLayout(runPage);
    m_steps->setObjectName(QStringLiteral("steps"));
    layout->addWidget(m_steps, 1);
    m_outcome->setWordWrap(true);
    m_outcome->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_outcome);
    m_runPage = addPage(runPage);
}

bool PairingWizard::validateCurrentPage()
{
    if (currentId() != startId())
        return QWizard::validateCurrentPage();
    Session *source = m_sessions->find(m_source->currentText());
    Session *destination = m_sessions->find(m_destination->currentText());
    QString problem;
    if (!source || !destination)
        problem = tr("Choose two connections.");
    else if (source == destination)
        problem = tr("Choose two different connections.");
    m_chooseProblem->setText(problem);
    return problem.isEmpty();
}

void PairingWizard::initializePage(int id)
{
    QWizard::initializePage(id);
    if (id == m_runPage)
        run();
}

void PairingWizard::run()
{
    Session *source = m_sessions->find(m_source->currentText());
    Session *destination = m_sessions->find(m_destination->currentText());
    m_steps->clear();
    m_done = false;
    m_pairing = new Pairing(source->client(), destination->client(), this);
    auto *runPage = static_cast<RunPage *>(page(m_runPage));
    connect(m_pairing, &Pairing::stepStarted, this, [this](Pairing::Step, const QString &text) {
        auto *item = new QListWidgetItem(StatusColors::dot(StatusColors::Health::Warning), text + QStringLiteral("…"));
        m_steps->addItem(item);
    });
    connect(m_pairing, &Pairing::stepSucceeded, this, [this](Pairing::Step, const QString &text) {
        if (QListWidgetItem *item = m_steps->item(m_steps->count() - 1)) {
            item->setIcon(StatusColors::dot(StatusColors::Health::Good));
            item->setText(tr("Done: %1").arg(text));
        }
    });
    connect(m_pairing, &Pairing::finished, this, [this, runPage](bool ok, const ApiError &error) {
        m_done = true;
        m_ok = ok;
        if (ok) {
            m_outcome->setStyleSheet(QStringLiteral("color: #1d4d2a;"));
            m_outcome->setText(tr("Paired: %1 pushes to %2. Add a send_clone task for %2 on %1 and a receive_clone task "
                                  "on %2, then restart them.")
                                   .arg(m_pairing->sourceName(), m_pairing->destinationName()));
            emit paired(m_pairing->sourceName(), m_pairing->destinationName());
        } else {
            if (QListWidgetItem *item = m_steps->item(m_steps->count() - 1))
                item->setIcon(StatusColors::dot(StatusColors::Health::Bad));
            m_outcome->setStyleSheet(QStringLiteral("color: #b02020;"));
            m_outcome->setText(tr("Failed: %1 Nothing was left half-made.").arg(error.reason));
        }
        runPage->changed();
    });
    m_pairing->start();
}

QString PairingWizard::outcome() const
{
    return m_outcome->text();
}

} // namespace librarian
