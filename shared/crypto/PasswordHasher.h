#pragma once

#include <QString>

namespace librarian {

// Salted, memory-hard password hashing with OpenSSL's scrypt (N=2^15, r=8, p=1: ~0.1 s and 32 MiB
// per hash). The result names its own parameters, so they can be changed later without breaking
// existing accounts (raising them past 64 MiB also means raising the cap in the .cpp):
// "$scrypt$ln=15,r=8,p=1$<base64 salt>$<base64 key>".
class PasswordHasher
{
public:
    // Empty only if OpenSSL fails (no randomness, no memory); an empty hash never verifies.
    static QString hash(const QString &password);
    // Constant-time comparison; a malformed hash never matches.
    static bool verify(const QString &password, const QString &encoded);

    // Raw scrypt, exposed for the RFC 7914 test vectors; empty on failure (e.g. over 64 MiB).
    static QByteArray scrypt(const QByteArray &password, const QByteArray &salt, quint64 n, quint64 r, quint64 p,
                             int keyLength);
};

} // namespace librarian
