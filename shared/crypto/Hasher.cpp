#include "Hasher.h"

#include <openssl/evp.h>
#include <xxhash.h>

namespace librarian {

struct Hasher::State
{
    XXH3_state_t *xxh = nullptr;
    EVP_MD_CTX *evp = nullptr;
    ~State()
    {
        if (xxh)
            XXH3_freeState(xxh);
        if (evp)
            EVP_MD_CTX_free(evp);
    }
};

namespace {
const EVP_MD *digestFor(ChecksumAlgorithm algorithm)
{
    switch (algorithm) {
    case ChecksumAlgorithm::Md5: return EVP_md5();
    case ChecksumAlgorithm::Sha1: return EVP_sha1();
    case ChecksumAlgorithm::Sha256: return EVP_sha256();
    case ChecksumAlgorithm::Sha512: return EVP_sha512();
    case ChecksumAlgorithm::Xxh3: return nullptr;
    }
    return nullptr;
}
} // namespace

Hasher::Hasher(ChecksumAlgorithm algorithm) : m_algorithm(algorithm), m_state(std::make_unique<State>())
{
    if (algorithm == ChecksumAlgorithm::Xxh3) {
        m_state->xxh = XXH3_createState();
        XXH3_128bits_reset(m_state->xxh);
    } else {
        m_state->evp = EVP_MD_CTX_new();
        EVP_DigestInit_ex(m_state->evp, digestFor(algorithm), nullptr);
    }
}

Hasher::~Hasher() = default;

void Hasher::addData(const char *data, qint64 size)
{
    Q_ASSERT(!m_result);
    if (m_state->xxh)
        XXH3_128bits_update(m_state->xxh, data, size_t(size));
    else
        EVP_DigestUpdate(m_state->evp, data, size_t(size));
}

Checksum Hasher::result()
{
    if (m_result)
        return *m_result;
    QByteArray digest;
    if (m_state->xxh) {
        // The canonical (big-endian) form is what xxhsum -H2 and Python's xxh3_128_hexdigest print.
        XXH128_canonical_t canonical;
        XXH128_canonicalFromHash(&canonical, XXH3_128bits_digest(m_state->xxh));
        digest = QByteArray(reinterpret_cast<const char *>(canonical.digest), sizeof(canonical.digest));
    } else {
        unsigned char out[EVP_MAX_MD_SIZE];
        unsigned int length = 0;
        EVP_DigestFinal_ex(m_state->evp, out, &length);
        digest = QByteArray(reinterpret_cast<const char *>(out), int(length));
    }
    m_result = Checksum(m_algorithm, QString::fromLatin1(digest.toHex()));
    return *m_result;
}

} // namespace librarian
