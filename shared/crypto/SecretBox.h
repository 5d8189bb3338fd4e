#pragma once

#include "model/Result.h"

#include <QByteArray>

namespace librarian {

// Authenticated encryption (AES-256-GCM, OpenSSL EVP) of the peer credentials we store, under a
// key kept in its own file (mode 0600) outside the database: a stolen database alone reveals no
// peer password.
class SecretBox
{
public:
    // Writes 32 random bytes, base64, atomically (QSaveFile) and owner-only. Refuses to replace an
    // existing key: every stored authenticator would become unreadable.
    static Status createKeyFile(const QString &path);
    static Result<SecretBox> fromKeyFile(const QString &path);
    explicit SecretBox(QByteArray key);

    // base64(IV(12) | ciphertext | tag(16)), a fresh random IV each time. Empty if OpenSSL fails
    // (no randomness): an empty string never opens.
    QByteArray seal(const QByteArray &plaintext) const;
    Result<QByteArray> open(const QByteArray &sealed) const;

private:
    QByteArray m_key;
};

} // namespace librarian
