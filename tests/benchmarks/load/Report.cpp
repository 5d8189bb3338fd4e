#include "Report.h"

#include <QTextStream>

void Report::section(const QString &title)
{
    m_lines.append({title, {}, {}, {}, true, false});
}

void Report::row(const QString &measure, const QString &ours, const QString &target, std::optional<bool> pass)
{
    QString verdict;
    if (pass) {
        verdict = *pass ? QStringLiteral("PASS") : QStringLiteral("FAIL");
        m_failures += *pass ? 0 : 1;
    }
    m_lines.append({measure, ours, target, verdict, false, false});
}

void Report::note(const QString &text)
{
    m_lines.append({text, {}, {}, {}, false, true});
}

void Report::print() const
{
    int measureWidth = 10, oursWidth = 4, targetWidth = 6;
    for (const Line &l : m_lines) {
        if (l.isSection || l.isNote)
            continue;
        measureWidth = qMax(measureWidth, int(l.measure.size()));
        oursWidth = qMax(oursWidth, int(l.ours.size()));
        targetWidth = qMax(targetWidth, int(l.target.size()));
    }
    QTextStream out(stdout);
    const QString rule(measureWidth + oursWidth + targetWidth + 14, QLatin1Char('-'));
    out << QStringLiteral("  %1 | %2 | %3 | verdict\n")
               .arg(QStringLiteral("measure"), -measureWidth)
               .arg(QStringLiteral("ours"), -oursWidth)
               .arg(QStringLiteral("target"), -targetWidth);
    for (const Line &l : m_lines) {
        if (l.isSection)
            out << rule << '\n' << l.measure << '\n';
        else if (l.isNote)
            out << "    (" << l.measure << ")\n";
        else
            out << QStringLiteral("  %1 | %2 | %3 | %4\n")
                       .arg(l.measure, -measureWidth)
                       .arg(l.ours, -oursWidth)
                       .arg(l.target, -targetWidth)
                       .arg(l.verdict);
    }
    out << rule << '\n'
        << QStringLiteral("%1 target(s) missed (the benchmark reports; it fails only if the server crashed)\n")
               .arg(m_failures);
}
