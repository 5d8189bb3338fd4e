#include "Accounts.h"

#include "SqlQuery.h"

#include <QCoreApplication>

namespace librarian {

namespace {
ApiError unknownUser(const QString &name)
{
    return ApiError::notFound(QCoreApplication::translate("Accounts", "User %1 does not exist.").arg(name));
}
} // namespace

Result<User> Accounts::find(const QString &username)
{
    auto q = SqlQuery::run(m_db, QStringLiteral("SELECT username, password_hash, auth_level FROM users WHERE username = ?"),
                           {username});
    if (!q)
        return q.error();
    if (!q->next())
        return unknownUser(username);
    User u;
    u.username = q->value(0).toString();
    u.passwordHash = q->value(1).toString();
    u.level = authLevelFromInt(q->value(2).toInt()).value_or(AuthLevel::None);
    return u;
}

Result<QList<User>> Accounts::list()
{
    auto q = SqlQuery::run(m_db, QStringLiteral("SELECT username, auth_level FROM users ORDER BY username"));
    if (!q)
        return q.error();
    QList<User> users;
    while (q->next()) {
        User u;
        u.username = q->value(0).toString();
        u.level = authLevelFromInt(q->value(1).toInt()).value_or(AuthLevel::None);
        users.append(u);
    }
    return users;
}

Status Accounts::create(const User &user)
{
    auto existing = SqlQuery::run(m_db, QStringLiteral("SELECT 1 FROM users WHERE username = ?"), {user.username});
    if (!existing)
        return existing.error();
    if (existing->next())
        return ApiError::conflict(
            QCoreApplication::translate("Accounts", "User %1 already exists.").arg(user.username),
            QCoreApplication::translate("Accounts", "Use update-user to change it."));
    auto q = SqlQuery::run(m_db, QStringLiteral("INSERT INTO users (username, password_hash, auth_level) VALUES (?, ?, ?)"),
                           {user.username, user.passwordHash, int(user.level)});
    if (!q)
        return q.error();
    return Ok{};
}

Status Accounts::update(const User &user)
{
    auto q = SqlQuery::run(m_db, QStringLiteral("UPDATE users SET password_hash = ?, auth_level = ? WHERE username = ?"),
                           {user.passwordHash, int(user.level), user.username});
    if (!q)
        return q.error();
    if (q->numRowsAffected() == 0)
        return unknownUser(user.username);
    return Ok{};
}

Status Accounts::remove(const QString &username)
{
    auto q = SqlQuery::run(m_db, QStringLiteral("DELETE FROM users WHERE username = ?"), {username});
    if (!q)
        return q.error();
    if (q->numRowsAffected() == 0)
        return unknownUser(username);
    return Ok{};
}

Result<int> Accounts::countAtLevel(AuthLevel level)
{
    auto q = SqlQuery::run(m_db, QStringLiteral("SELECT COUNT(*) FROM users WHERE auth_level = ?"), {int(level)});
    if (!q)
        return q.error();
    return q->next() ? q->value(0).toInt() : 0;
}

} // namespace librarian
