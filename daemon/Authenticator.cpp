#include "Authenticator.h"

#include "crypto/Hasher.h"
#include "crypto/PasswordHasher.h"
#include "db/Accounts.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QLoggingCategory>
#include <QRandomGenerator>

Q_LOGGING_CATEGORY(lcAuth, "librarian.auth")

namespace librarian {

namespace {
constexpr qint64 kCacheMs = 5 * 60 * 1000;

QString tr(const char *text)
{
    return QCoreApplication::translate("Authenticator", text);
}

ApiError badCredentials()
{
    return {ErrorKind::Unauthorized, tr("Incorrect username or password."),
            tr("Check the user and password of this connection.")};
}
} // namespace

Authenticator::Authenticator(const Database &database) : m_database(database)
{
    m_salt.resize(16);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(m_salt.data()), 4);
}

QByteArray Authenticator::digestOf(const QString &password) const
{
    Hasher h(ChecksumAlgorithm::Sha256);
    h.addData(m_salt);
    h.addData(password.toUtf8());
    return h.result().hex().toLatin1();
}

void Authenticator::forget(const QString &username)
{
    m_cache.remove(username);
}

Result<User> Authenticator::verify(const QString &username, const QString &password)
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const auto cached = m_cache.constFind(username);
    if (cached != m_cache.cend() && cached->expiresMs > now && cached->digest == digestOf(password))
        return cached->user;

    auto db = m_database.connection();
    if (!db)
        return db.error();
    auto user = Accounts(*db).find(username);
    if (!user) {
        if (user.error().kind == ErrorKind::NotFound)
            return badCredentials();
        return user.error();
    }
    if (!PasswordHasher::verify(password, user->passwordHash)) {
        qCInfo(lcAuth) << "wrong password for" << username;
        return badCredentials();
    }
    m_cache.insert(username, Entry{digestOf(password), *user, now + kCacheMs});
    return user;
}

Result<User> Authenticator::authenticate(const QByteArray &header, AuthLevel required)
{
    User anonymous;
    anonymous.level = AuthLevel::None;
    const QByteArray prefix("Basic ");
    if (!header.startsWith(prefix)) {
        if (required == AuthLevel::None)
            return anonymous;
        return ApiError{ErrorKind::Unauthorized, tr("Authentication required."),
                        tr("Send HTTP Basic credentials.")};
    }
    const QByteArray decoded = QByteArray::fromBase64(header.mid(prefix.size()).trimmed());
    const qsizetype colon = decoded.indexOf(':');
    if (colon <= 0) {
        if (required == AuthLevel::None)
            return anonymous;
        return badCredentials();
    }
    // The password is everything after the first colon, so passwords may contain colons.
    auto user = verify(QString::fromUtf8(decoded.left(colon)), QString::fromUtf8(decoded.mid(colon + 1)));
    if (!user) {
        if (required == AuthLevel::None && user.error().kind == ErrorKind::Unauthorized)
            return anonymous;
        return user;
    }
    if (!atLeast(user->level, required))
        return ApiError{ErrorKind::Forbidden,
                        tr("Account %1 has level %2; this needs at least %3.")
                            .arg(user->username, authLevelName(user->level), authLevelName(required)),
                        tr("Ask an administrator for a higher level.")};
    return user;
}

} // namespace librarian
