#include "SecretBox.h"

#include <QCoreApplication>
#include <QFile>
#include <QSaveFile>
#include <openssl/evp.h>
#include <openssl/rand.h>

namespace librarian {

namespace {
constexpr int kKeyBytes = 32;
constexpr int kIvBytes = 12;
constexpr int kTagBytes = 16;

QString tr(const char *text)
{
    return QCoreApplication::translate("SecretBox", text);
}

const unsigned char *bytes(const QByteArray &a)
{
    return reinterpret_cast<const unsigned char *>(a.constData());
}
} // namespace

SecretBox::SecretBox(QByteArray key) : m_key(std::move(key)) {}

Status SecretBox::createKeyFile(const QString &path)
{
    if (QFile::exists(path))
        return ApiError::conflict(tr("The key file %1 already exists.").arg(path),
                                  tr("Keep it: replacing it makes every stored peer authenticator unreadable."));
    QByteArray key(kKeyBytes, Qt::Uninitialized);
    if (RAND_bytes(reinterpret_cast<unsigned char *>(key.data()), kKeyBytes) != 1)
        return ApiError::internal(tr("No random bytes for the key."));
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return ApiError::internal(tr("Cannot write the key file %1: %2").arg(path, file.errorString()));
    // Owner-only before the first byte is written, so the key is never readable by others.
    if (!file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner))
        return ApiError::internal(tr("Cannot restrict the permissions of %1.").arg(path));
    const QByteArray text = key.toBase64() + '\n';
    if (file.write(text) != text.size() || !file.flush() || !file.commit())
        return ApiError::internal(tr("Cannot write the key file %1: %2").arg(path, file.errorString()));
    // A full disk can truncate a file without any write reporting it: read the key back.
    auto written = fromKeyFile(path);
    if (!written || written->m_key != key) {
        QFile::remove(path);
        return ApiError::internal(tr("Cannot write the key file %1: the written key does not read back (disk full?).")
                                      .arg(path));
    }
    return Ok{};
}

Result<SecretBox> SecretBox::fromKeyFile(const QString &path)
{
    QFile file(path);
    if (!file.exists())
        return ApiError::notFound(tr("The key file %1 does not exist.").arg(path),
                                  tr("Run 'librarian-server setup' to create it."));
    if (!file.open(QIODevice::ReadOnly))
        return ApiError::internal(tr("Cannot read the key file %1: %2").arg(path, file.errorString()));
    const QByteArray key = QByteArray::fromBase64(file.readAll().trimmed());
    if (key.size() != kKeyBytes)
        return ApiError::internal(tr("The key file %1 does not hold a 256-bit base64 key.").arg(path));
    return SecretBox(key);
}

QByteArray SecretBox::seal(const QByteArray &plaintext) const
{
    // AES-256 reads 32 bytes from the key whatever its length: a short one would read past it.
    if (m_key.size() != kKeyBytes)
        return {};
    QByteArray out(kIvBytes + plaintext.size() + kTagBytes, Qt::Uninitialized);
    auto *iv = reinterpret_cast<unsigned char *>(out.data());
    // A repeated IV under GCM leaks the key stream and lets tags be forged: without fresh random
    // bytes nothing is sealed at all.
    if (RAND_bytes(iv, kIvBytes) != 1)
        return {};
    unsigned char *text = iv + kIvBytes;
    EVP_CIPHER_CTX *ctx = EVP_CIPHER_CTX_new();
    int length = 0;
    int tail = 0;
    const bool ok = ctx && EVP_EncryptInit_ex(ctx, EVP_aes_256_gcm(), nullptr, bytes(m_key), iv) == 1
                    && EVP_EncryptUpdate(ctx, text, &length, bytes(plaintext), int(plaintext.size())) == 1
                    && EVP_EncryptFinal_ex(ctx, text + length, &tail) == 1
                    && EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_GET_TAG, kTagBytes, text + plaintext.size()) == 1;
    EVP_CIPHER_CTX_free(ctx);
    if (!ok)
        return {};
    return out.toBase64();
}

Result<QByteArray> SecretBox::open(const QByteArray &sealed) const
{
    if (m_key.size() != kKeyBytes)
        return ApiError::internal(tr("The secret key is not 256 bits long."));
    const QByteArray raw = QByteArray::fromBase64(sealed);
    if (raw.size() < kIvBytes + kTagBytes)
        return ApiError::badRequest(tr("A sealed secret is truncated."));
    const qsizetype textLength = raw.size() - kIvBytes - kTagBytes;
    QByteArray plain(textLength, Qt::Uninitialized);
    QByteArray tag = raw.right(kTagBytes);
    auto *out = reinterpret_cast<unsigned char *>(plain.data());
    EVP_CIPHER_CTX *ctx = EVP_CIPHER_CTX_new();
    int length = 0;
    int tail = 0;
    // The tag is checked by the final step: until it passes, the plaintext is not to be trusted.
    const bool ok = ctx && EVP_DecryptInit_ex(ctx, EVP_aes_256_gcm(), nullptr, bytes(m_key), bytes(raw)) == 1
                    && EVP_DecryptUpdate(ctx, out, &length, bytes(raw) + kIvBytes, int(textLength)) == 1
                    && EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_SET_TAG, kTagBytes, tag.data()) == 1
                    && EVP_DecryptFinal_ex(ctx, out + length, &tail) == 1;
    EVP_CIPHER_CTX_free(ctx);
    if (!ok)
        return ApiError::internal(tr("A sealed secret does not match the key (wrong key file or tampered data)."));
    return plain;
}

} // namespace librarian
