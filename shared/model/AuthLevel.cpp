#include "AuthLevel.h"

#include <array>
#include <utility>

namespace librarian {

namespace {
constexpr std::array<std::pair<AuthLevel, const char *>, 6> kNames{{
    {AuthLevel::None, "NONE"},
    {AuthLevel::ReadOnly, "READONLY"},
    {AuthLevel::Callback, "CALLBACK"},
    {AuthLevel::ReadAppend, "READAPPEND"},
    {AuthLevel::ReadWrite, "READWRITE"},
    {AuthLevel::Admin, "ADMIN"},
}};
} // namespace

QString authLevelName(AuthLevel level)
{
    for (const auto &[value, name] : kNames)
        if (value == level)
            return QString::fromLatin1(name);
    return QStringLiteral("NONE");
}

QList<AuthLevel> allAuthLevels()
{
    QList<AuthLevel> levels;
    for (const auto &entry : kNames)
        levels.append(entry.first);
    return levels;
}

std::optional<AuthLevel> authLevelFromName(const QString &name)
{
    for (const auto &[value, text] : kNames)
        if (name.compare(QLatin1String(text), Qt::CaseInsensitive) == 0)
            return value;
    return std::nullopt;
}

std::optional<AuthLevel> authLevelFromInt(int number)
{
    for (const auto &entry : kNames)
        if (int(entry.first) == number)
            return entry.first;
    return std::nullopt;
}

} // namespace librarian
