#pragma once

#include <QList>
#include <QString>
#include <optional>

// The benchmark's one table: measure | ours | target | verdict, in sections.
class Report
{
public:
    void section(const QString &title);
    void row(const QString &measure, const QString &ours, const QString &target = {}, std::optional<bool> pass = {});
    void note(const QString &text);
    void print() const;
    int failures() const { return m_failures; }

private:
    struct Line
    {
        QString measure, ours, target, verdict;
        bool isSection = false;
        bool isNote = false;
    };
    QList<Line> m_lines;
    int m_failures = 0;
};
