#include "Checksum.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <array>
#include <utility>

namespace librarian {

namespace {
constexpr std::array<std::pair<ChecksumAlgorithm, const char *>, 5> kNames{{
    {ChecksumAlgorithm::Md5, "md5"},
    {ChecksumAlgorithm::Xxh3, "xxh3"},
    {ChecksumAlgorithm::Sha1, "sha1"},
    {ChecksumAlgorithm::Sha256, "sha256"},
    {ChecksumAlgorithm::Sha512, "sha512"},
}};

int hexLength(ChecksumAlgorithm algorithm)
{
    switch (algorithm) {
    case ChecksumAlgorithm::Md5: return 32;
    case ChecksumAlgorithm::Xxh3: return 32;
    case ChecksumAlgorithm::Sha1: return 40;
    case ChecksumAlgorithm::Sha256: return 64;
    case ChecksumAlgorithm::Sha512: return 128;
    }
    return 0;
}
} // namespace

Checksum::Checksum(ChecksumAlgorithm algorithm, QString hex) : m_algorithm(algorithm), m_hex(std::move(hex).toLower()) {}

QString Checksum::algorithmName(ChecksumAlgorithm algorithm)
{
    for (const auto &[value, name] : kNames)
        if (value == algorithm)
            return QString::fromLatin1(name);
    return {};
}

std::optional<ChecksumAlgorithm> Checksum::algorithmFromName(const QString &name)
{
    for (const auto &[value, text] : kNames)
        if (name.compare(QLatin1String(text), Qt::CaseInsensitive) == 0)
            return value;
    return std::nullopt;
}

QString Checksum::toString() const
{
    return algorithmName(m_algorithm) + QStringLiteral(":::") + m_hex;
}

Result<Checksum> Checksum::parse(const QString &text)
{
    ChecksumAlgorithm algorithm = ChecksumAlgorithm::Md5;
    QString hex = text.trimmed();
    const qsizetype separator = hex.indexOf(QLatin1String(":::"));
    if (separator >= 0) {
        const auto named = algorithmFromName(hex.left(separator));
        if (!named)
            return ApiError::badRequest(
                QCoreApplication::translate("Checksum", "Unknown checksum algorithm '%1'.").arg(hex.left(separator)),
                QCoreApplication::translate("Checksum", "Use xxh3, md5, sha1, sha256 or sha512."));
        algorithm = *named;
        hex = hex.mid(separator + 3);
    }
    static const QRegularExpression hexPattern(QStringLiteral("^[0-9a-fA-F]+$"));
    if (hex.size() != hexLength(algorithm) || !hexPattern.match(hex).hasMatch())
        return ApiError::badRequest(QCoreApplication::translate("Checksum", "Malformed %1 checksum '%2'.")
                                        .arg(algorithmName(algorithm), text));
    return Checksum(algorithm, hex);
}

Result<bool> Checksum::same(const Checksum &a, const Checksum &b)
{
    if (a.m_algorithm != b.m_algorithm)
        return ApiError::badRequest(QCoreApplication::translate("Checksum", "Cannot compare a %1 checksum with a %2 one.")
                                        .arg(algorithmName(a.m_algorithm), algorithmName(b.m_algorithm)));
    return a.m_hex == b.m_hex;
}

} // namespace librarian
