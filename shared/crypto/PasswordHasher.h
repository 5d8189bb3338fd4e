#pragma once

#include <QString>

namespace librarian {

// Salted, memory-hard password hashing with OpenSSL's scrypt (N=2^15, r=8, p=1: ~0.1 s and 32 MiB
// per hash). The result names its own parameters, so they can be raised later without breaking
// existing accounts: "$scrypt$ln=15,r=8,p=1$<base64 salt>$<base64 key>".
class PasswordHasher
{
public:
    static QString hash(const QString &password);
    // Constant-time comparison; a malformed hash never matches.
    static bool verify(const QString &password, const QString &encoded);

    // Raw scrypt, exposed for the RFC 7914 test vectors.
    static QByteArray scrypt(const QByteArray &password, const QByteArray &salt, quint64 n, quint64 r, quint64 p,
                             int keyLength);
};

} // namespace librarian
