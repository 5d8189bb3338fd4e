#include "OngoingMarks.h"

#include "model/LogFailure.h"

Q_DECLARE_LOGGING_CATEGORY(lcData)

namespace librarian {

OngoingMarks::OngoingMarks(Writer writer, QObject *parent) : QObject(parent), m_writer(std::move(writer))
{
    m_timer.setSingleShot(true);
    m_timer.setInterval(kDelayMs);
    connect(&m_timer, &QTimer::timeout, this, &OngoingMarks::flush);
}

OngoingMarks::~OngoingMarks()
{
    flush();
}

void OngoingMarks::mark(qint64 transferId)
{
    m_pending.insert(transferId);
    // Not restarted by later marks: a steady stream of PUTs still gets its marks written.
    if (!m_timer.isActive())
        m_timer.start();
}

void OngoingMarks::flush()
{
    m_timer.stop();
    if (m_pending.isEmpty())
        return;
    const QList<qint64> ids(m_pending.cbegin(), m_pending.cend());
    m_pending.clear();
    ++m_transactions;
    // A failed write is not tried again by itself: the transfers stay INITIATED (harmless, see the
    // header), and their next PUT marks them again.
    logFailure(m_writer(ids), lcData(), QStringLiteral("Marking %1 transfer(s) ONGOING").arg(ids.size()));
}

} // namespace librarian
