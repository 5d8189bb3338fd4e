#include "Peers.h"

#include "SqlQuery.h"

#include <QCoreApplication>

namespace librarian {

namespace {
const QString kColumns = QStringLiteral("id, name, url, port, authenticator, transfers_enabled, last_seen, last_heard");

Librarian fromRow(const QSqlQuery &q)
{
    Librarian l;
    l.id = q.value(0).toLongLong();
    l.name = q.value(1).toString();
    l.url = q.value(2).toString();
    l.port = q.value(3).toInt();
    l.encryptedAuthenticator = q.value(4).toString().toLatin1();
    l.transfersEnabled = q.value(5).toInt() != 0;
    l.lastSeen = SqlQuery::toTime(q.value(6));
    l.lastHeard = SqlQuery::toTime(q.value(7));
    return l;
}

ApiError unknownLibrarian(const QString &name)
{
    return ApiError::notFound(QCoreApplication::translate("Peers", "Librarian %1 does not exist.").arg(name),
                              QCoreApplication::translate("Peers", "get-librarian-list shows the known librarians."));
}
} // namespace

Result<QList<Librarian>> Peers::list()
{
    auto q = SqlQuery::run(m_db, QStringLiteral("SELECT %1 FROM librarians ORDER BY name").arg(kColumns));
    if (!q)
        return q.error();
    QList<Librarian> all;
    while (q->next())
        all.append(fromRow(*q));
    return all;
}

Result<Librarian> Peers::find(const QString &name)
{
    auto q = SqlQuery::run(m_db, QStringLiteral("SELECT %1 FROM librarians WHERE name = ?").arg(kColumns), {name});
    if (!q)
        return q.error();
    if (!q->next())
        return unknownLibrarian(name);
    return fromRow(*q);
}

Status Peers::add(const Librarian &l)
{
    auto existing = SqlQuery::run(m_db, QStringLiteral("SELECT 1 FROM librarians WHERE name = ?"), {l.name});
    if (!existing)
        return existing.error();
    if (existing->next())
        return ApiError::conflict(QCoreApplication::translate("Peers", "Librarian %1 already exists.").arg(l.name),
                                  QCoreApplication::translate("Peers", "Remove it first to change it."));
    auto q = SqlQuery::run(m_db,
                           QStringLiteral("INSERT INTO librarians (name, url, port, authenticator, transfers_enabled, "
                                          "last_seen, last_heard) VALUES (?, ?, ?, ?, ?, ?, ?)"),
                           {l.name, l.url, l.port, QString::fromLatin1(l.encryptedAuthenticator),
                            l.transfersEnabled ? 1 : 0, SqlQuery::fromTime(l.lastSeen), SqlQuery::fromTime(l.lastHeard)});
    if (!q)
        return q.error();
    return Ok{};
}

Status Peers::remove(const QString &name)
{
    auto q = SqlQuery::run(m_db, QStringLiteral("DELETE FROM librarians WHERE name = ?"), {name});
    if (!q)
        return q.error();
    if (q->numRowsAffected() == 0)
        return unknownLibrarian(name);
    return Ok{};
}

Status Peers::setTransfersEnabled(const QString &name, bool enabled)
{
    auto q = SqlQuery::run(m_db, QStringLiteral("UPDATE librarians SET transfers_enabled = ? WHERE name = ?"),
                           {enabled ? 1 : 0, name});
    if (!q)
        return q.error();
    if (q->numRowsAffected() == 0)
        return unknownLibrarian(name);
    return Ok{};
}

Status Peers::touch(const QString &name, const QDateTime &when)
{
    auto q = SqlQuery::run(m_db, QStringLiteral("UPDATE librarians SET last_seen = ?, last_heard = ? WHERE name = ?"),
                           {SqlQuery::fromTime(when), SqlQuery::fromTime(when), name});
    if (!q)
        return q.error();
    return Ok{};
}

} // namespace librarian
