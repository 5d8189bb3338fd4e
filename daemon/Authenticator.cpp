#include "Authenticator.h"

#include "concurrency/OffLoop.h"
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
constexpr int kMaxCachedLogins = 10000;

QString tr(const char *text)
{
    return QCoreApplication::translate("Authenticator", text);
}

ApiError badCredentials()
{
    return {ErrorKind::Unauthorized, tr("Incorrect username or password."),
            tr("Check the user and password of this connection.")};
}

// What a wrong password costs, for accounts that do not exist.
const QString &dummyHash()
{
    static const QString hash = PasswordHasher::hash(QStringLiteral("no account has this password %1")
                                                         .arg(QRandomGenerator::system()->generate64()));
    return hash;
}

// Runs on the scrypt pool with that thread's own connection.
Result<User> verify(const Database &database, const QString &username, const QString &password)
{
    auto db = database.connection();
    if (!db)
        return db.error();
    auto user = Accounts(*db).find(username);
    if (!user) {
        if (user.error().kind != ErrorKind::NotFound)
            return user.error();
        PasswordHasher::verify(password, dummyHash());
        return badCredentials();
    }
    if (!PasswordHasher::verify(password, user->passwordHash))
        return badCredentials();
    return user;
}
} // namespace

Authenticator::Authenticator(const Database &database, LoginThrottle::Limits limits, QObject *parent)
    : QObject(parent), m_database(database), m_throttle(limits)
{
    m_salt.resize(16);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(m_salt.data()), 4);
    // Leave a core for the event loops: guesses queue here instead of slowing everything else.
    m_pool.setMaxThreadCount(std::max(1, QThread::idealThreadCount() - 1));
}

Authenticator::~Authenticator()
{
    m_pool.waitForDone();
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
    ++m_accountChanges;
    m_cache.remove(username);
}

Result<User> Authenticator::checkLevel(Result<User> user, AuthLevel required) const
{
    if (!user) {
        if (required == AuthLevel::None && user.error().kind == ErrorKind::Unauthorized)
            return User{};
        return user;
    }
    if (!atLeast(user->level, required))
        return ApiError{ErrorKind::Forbidden,
                        tr("Account %1 has level %2; this needs at least %3.")
                            .arg(user->username, authLevelName(user->level), authLevelName(required)),
                        tr("Ask an administrator for a higher level.")};
    return user;
}

void Authenticator::authenticate(const QByteArray &header, AuthLevel required, const QHostAddress &from,
                                 QObject *context, Done done)
{
    const QByteArray prefix("Basic ");
    if (!header.startsWith(prefix)) {
        if (required == AuthLevel::None)
            return done(User{});
        return done(ApiError{ErrorKind::Unauthorized, tr("Authentication required."), tr("Send HTTP Basic credentials.")});
    }
    const QByteArray decoded = QByteArray::fromBase64(header.mid(prefix.size()).trimmed());
    const qsizetype colon = decoded.indexOf(':');
    if (colon <= 0)
        return done(checkLevel(badCredentials(), required));
    // The password is everything after the first colon, so passwords may contain colons.
    const QString username = QString::fromUtf8(decoded.left(colon));
    const QString password = QString::fromUtf8(decoded.mid(colon + 1));

    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const auto cached = m_cache.constFind(username);
    if (cached != m_cache.cend() && cached->expiresMs > now && cached->digest == digestOf(password))
        return done(checkLevel(cached->user, required));
    if (const qint64 wait = m_throttle.waitMs(from, username, now); wait > 0) {
        ApiError throttled{ErrorKind::TooManyRequests, tr("Too many failed logins; try again in %n second(s).", nullptr,
                                                          int((wait + 999) / 1000)),
                           tr("Check the user and password of this connection.")};
        throttled.retryAfterSeconds = int((wait + 999) / 1000);
        return done(throttled);
    }
    // The same credentials arriving together (a client's parallel first requests) share one check.
    const QByteArray digest = digestOf(password);
    const QByteArray key = username.toUtf8() + '\n' + digest;
    auto &waiters = m_inFlight[key];
    waiters.append(Waiter{QPointer<QObject>(context), required, from, std::move(done)});
    if (waiters.size() > 1)
        return;
    ++m_checksStarted;
    const quint64 accountChanges = m_accountChanges;
    const Database *database = &m_database;
    runOffLoop(
        this, [database, username, password] { return verify(*database, username, password); },
        [this, key, username, digest, accountChanges](const Result<User> &user) {
            const QList<Waiter> waiting = m_inFlight.take(key);
            const qint64 at = QDateTime::currentMSecsSinceEpoch();
            // An account changed while the check ran (say, its password): the answer may be stale,
            // so it is given to the callers who asked before, but not remembered.
            if (user && accountChanges == m_accountChanges) {
                if (m_cache.size() >= kMaxCachedLogins)
                    m_cache.clear();
                m_cache.insert(username, Entry{digest, *user, at + kCacheMs});
            }
            for (const Waiter &waiter : waiting) {
                if (user) {
                    m_throttle.succeeded(waiter.from, username);
                } else if (user.error().kind == ErrorKind::Unauthorized) {
                    qCInfo(lcAuth).noquote() << "failed login for" << username << "from" << waiter.from.toString();
                    m_throttle.failed(waiter.from, username, at);
                }
                if (waiter.context)
                    waiter.done(checkLevel(user, waiter.required));
            }
        },
        &m_pool);
}

} // namespace librarian
