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
    QByteArray out(kIvBytes + plaintext.size() + kTagBytes, Qt::Uninitialized);
    auto *iv = reinterpret_cast<unsigned char *>(out.data());
    RAND_bytes(iv, kIvBytes);
    EVP_CIPHER_CTX *ctx = EVP_CIPHER_CTX_new();
    int length = 0;
    EVP_EncryptInit_ex(ctx, EVP_aes_256_gcm(), nullptr, bytes(m_key), iv);
    EVP_EncryptUpdate(ctx, iv + kIvBytes, &length, bytes(plaintext), int(plaintext.size()));
    int tail = 0;
    EVP_EncryptFinal_ex(ctx, iv + kIvBytes + length, &tail);
    EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_GET_TAG, kTagBytes, iv + kIvBytes + plaintext.size());
    EVP_CIPHER_CTX_free(ctx);
    return out.toBase64();
}

Result<QByteArray> SecretBox::open(const QByteArray &sealed) const
{
    const QByteArray raw = QByteArray::fromBase64(sealed);
    if (raw.size() < kIvBytes + kTagBytes)
        return ApiError::badRequest(tr("A sealed secret is truncated."));
    const qsizetype textLength = raw.size() - kIvBytes - kTagBytes;
    QByteArray plain(textLength, Qt::Uninitialized);
    QByteArray tag = raw.right(kTagBytes);
    EVP_CIPHER_CTX *ctx = EVP_CIPHER_CTX_new();
    int length = 0;
    EVP_DecryptInit_ex(ctx, EVP_aes_256_gcm(), nullptr, bytes(m_key), bytes(raw));
    EVP_DecryptUpdate(ctx, reinterpret_cast<unsigned char *>(plain.data()), &length, bytes(raw) + kIvBytes,
                      int(textLength));
    EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_SET_TAG, kTagBytes, tag.data());
    int tail = 0;
    const int ok = EVP_DecryptFinal_ex(ctx, reinterpret_cast<unsigned char *>(plain.data()) + length, &tail);
    EVP_CIPHER_CTX_free(ctx);
    if (ok != 1)
        return ApiError::internal(tr("A sealed secret does not match the key (wrong key file or tampered data)."));
    return plain;
}

} // namespace librarian
