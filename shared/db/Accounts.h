#pragma once

#include "model/Result.h"
#include "model/User.h"

#include <QSqlDatabase>

namespace librarian {

// The users table. Passwords arrive already hashed (PasswordHasher); this class never sees one.
class Accounts
{
public:
    explicit Accounts(QSqlDatabase db) : m_db(std::move(db)) {}

    Result<User> find(const QString &username);   // NotFound if absent
    Result<QList<User>> list();                    // by name
    Status create(const User &user);              // Conflict if the name is taken
    Status update(const User &user);              // NotFound if absent
    Status remove(const QString &username);       // NotFound if absent
    Result<int> countAtLevel(AuthLevel level);

private:
    QSqlDatabase m_db;
};

} // namespace librarian
