#include "PasswordHasher.h"

#include <QRegularExpression>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

namespace librarian {

namespace {
constexpr int kLogN = 15;
constexpr int kR = 8;
constexpr int kP = 1;
constexpr int kSaltBytes = 16;
constexpr int kKeyBytes = 32;
// N=2^15, r=8 needs 32 MiB plus a little, just over OpenSSL's 32 MiB default. The cap also bounds
// what a hash string naming bigger parameters can make verify() allocate.
constexpr quint64 kMaxMem = 64ULL * 1024 * 1024;
} // namespace

QByteArray PasswordHasher::scrypt(const QByteArray &password, const QByteArray &salt, quint64 n, quint64 r,
                                  quint64 p, int keyLength)
{
    QByteArray key(keyLength, Qt::Uninitialized);
    if (EVP_PBE_scrypt(password.constData(), size_t(password.size()),
                       reinterpret_cast<const unsigned char *>(salt.constData()), size_t(salt.size()), n, r, p, kMaxMem,
                       reinterpret_cast<unsigned char *>(key.data()), size_t(keyLength))
        != 1)
        return {};
    return key;
}

QString PasswordHasher::hash(const QString &password)
{
    QByteArray salt(kSaltBytes, Qt::Uninitialized);
    if (RAND_bytes(reinterpret_cast<unsigned char *>(salt.data()), kSaltBytes) != 1)
        return {};
    const QByteArray key = scrypt(password.toUtf8(), salt, 1ULL << kLogN, kR, kP, kKeyBytes);
    if (key.isEmpty())
        return {};
    return QStringLiteral("$scrypt$ln=%1,r=%2,p=%3$%4$%5")
        .arg(kLogN)
        .arg(kR)
        .arg(kP)
        .arg(QString::fromLatin1(salt.toBase64()), QString::fromLatin1(key.toBase64()));
}

bool PasswordHasher::verify(const QString &password, const QString &encoded)
{
    static const QRegularExpression format(
        QStringLiteral("^\\$scrypt\\$ln=(\\d{1,2}),r=(\\d{1,2}),p=(\\d{1,2})\\$([A-Za-z0-9+/=]+)\\$([A-Za-z0-9+/=]+)$"));
    const auto m = format.match(encoded);
    if (!m.hasMatch())
        return false;
    const int logN = m.captured(1).toInt();
    const int r = m.captured(2).toInt();
    const int p = m.captured(3).toInt();
    if (logN < 10 || logN > 22 || r < 1 || p < 1)
        return false;
    const QByteArray salt = QByteArray::fromBase64(m.captured(4).toLatin1());
    const QByteArray expected = QByteArray::fromBase64(m.captured(5).toLatin1());
    if (expected.isEmpty())
        return false;
    const QByteArray key = scrypt(password.toUtf8(), salt, 1ULL << logN, quint64(r), quint64(p), int(expected.size()));
    return key.size() == expected.size() && CRYPTO_memcmp(key.constData(), expected.constData(), size_t(key.size())) == 0;
}

} // namespace librarian
