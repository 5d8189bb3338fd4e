#pragma once

#include "model/Result.h"

#include <QList>
#include <QObject>
#include <QSet>
#include <QTimer>
#include <functional>

namespace librarian {

// Marks the transfers whose first bytes arrived ONGOING, many in one transaction: the data plane
// records each id here (on its own thread) and at most every kDelayMs they are written together,
// instead of one write transaction per PUT. Pending ids are written when the server stops.
// A crash before a write only leaves a transfer INITIATED, which is harmless: INITIATED takes bytes,
// resumes, may be checked in as STAGED and committed exactly as ONGOING, and the next PUT of a
// transfer still INITIATED marks it again; ONGOING only tells people (and the stale-transfer
// hypervisor, which then follows the sender) that bytes came.
class OngoingMarks : public QObject
{
    Q_OBJECT
public:
    // Writes the ids in one transaction (only those still INITIATED change).
    using Writer = std::function<Status(const QList<qint64> &ids)>;

    // Long enough to gather the PUTs of many small files, short enough that a person looking at
    // the transfers never sees the difference.
    static constexpr int kDelayMs = 50;

    explicit OngoingMarks(Writer writer, QObject *parent = nullptr);
    ~OngoingMarks() override; // writes what is pending

    // Bytes of `transferId` arrived while it was INITIATED: written within kDelayMs.
    void mark(qint64 transferId);
    // Writes what is pending now.
    void flush();

    int pending() const { return int(m_pending.size()); }
    // Write transactions made so far (for tests: many PUTs, few transactions).
    int transactions() const { return m_transactions; }

private:
    Writer m_writer;
    QSet<qint64> m_pending;
    QTimer m_timer;
    int m_transactions = 0;
};

} // namespace librarian
