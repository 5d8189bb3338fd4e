#pragma once

#include "Checksum.h"

#include <QByteArray>
#include <memory>
#include <optional>

namespace librarian {

// Streaming hash: XXH3-128 through libxxhash, the others through OpenSSL EVP (an order of magnitude
// faster than QCryptographicHash on this hardware).
class Hasher
{
public:
    explicit Hasher(ChecksumAlgorithm algorithm);
    ~Hasher();
    Hasher(const Hasher &) = delete;
    Hasher &operator=(const Hasher &) = delete;

    void addData(const char *data, qint64 size);
    void addData(const QByteArray &data) { addData(data.constData(), data.size()); }
    // Finishes the hash; later calls return the same value (OpenSSL cannot finalise twice).
    Checksum result();

private:
    struct State;
    ChecksumAlgorithm m_algorithm;
    std::unique_ptr<State> m_state;
    std::optional<Checksum> m_result;
};

} // namespace librarian
