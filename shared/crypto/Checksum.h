#pragma once

#include "model/Result.h"

#include <QString>
#include <optional>

namespace librarian {

enum class ChecksumAlgorithm { Md5, Xxh3, Sha1, Sha256, Sha512 };

// A checksum as the reference writes it, "<algo>:::<hex>" (xxh3 = XXH3-128). A bare hex string
// without a prefix is a legacy md5.
class Checksum
{
public:
    Checksum(ChecksumAlgorithm algorithm, QString hex);

    static Result<Checksum> parse(const QString &text);
    ChecksumAlgorithm algorithm() const { return m_algorithm; }
    QString hex() const { return m_hex; }
    QString toString() const;

    // Checksums of different algorithms cannot be compared: that is an error, not "different".
    static Result<bool> same(const Checksum &a, const Checksum &b);

    static QString algorithmName(ChecksumAlgorithm algorithm);
    static std::optional<ChecksumAlgorithm> algorithmFromName(const QString &name);

private:
    ChecksumAlgorithm m_algorithm;
    QString m_hex;
};

} // namespace librarian
