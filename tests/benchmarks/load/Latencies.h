#pragma once

#include <QList>
#include <QString>
#include <algorithm>
#include <cmath>

// Latencies of one batch, in milliseconds, with the errors among them.
struct Latencies
{
    QList<double> ms;
    int errors = 0;
    QString firstError;

    void add(double milliseconds, bool ok, const QString &error = {})
    {
        ms.append(milliseconds);
        if (!ok && errors++ == 0)
            firstError = error;
    }
    int count() const { return int(ms.size()); }
    // Nearest rank: the smallest sample with at least p of the samples at or below it.
    double percentile(double p) const
    {
        if (ms.isEmpty())
            return 0;
        QList<double> sorted = ms;
        std::sort(sorted.begin(), sorted.end());
        const int rank = qBound(1, int(std::ceil(p * sorted.size())), int(sorted.size()));
        return sorted[rank - 1];
    }
    double p50() const { return percentile(0.50); }
    double p99() const { return percentile(0.99); }
    double max() const { return percentile(1.0); }
};

inline double median(QList<double> values)
{
    if (values.isEmpty())
        return 0;
    std::sort(values.begin(), values.end());
    const qsizetype n = values.size();
    return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}
