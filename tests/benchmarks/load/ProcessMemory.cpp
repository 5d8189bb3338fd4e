#include "ProcessMemory.h"

#include <QFile>

namespace ProcessMemory {

namespace {
QByteArray statusField(qint64 pid, const QByteArray &field)
{
    QFile status(QStringLiteral("/proc/%1/status").arg(pid));
    if (!status.open(QIODevice::ReadOnly))
        return {};
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith(field + ':'))
            return line.mid(field.size() + 1).trimmed();
    }
    return {};
}

qint64 kib(qint64 pid, const QByteArray &field)
{
    const QByteArray value = statusField(pid, field); // "123456 kB"
    bool ok = false;
    const qint64 n = value.split(' ').value(0).toLongLong(&ok);
    return ok ? n : -1;
}
} // namespace

qint64 residentKib(qint64 pid)
{
    return kib(pid, "VmRSS");
}

qint64 peakKib(qint64 pid)
{
    return kib(pid, "VmHWM");
}

bool resetPeak(qint64 pid)
{
    QFile clear(QStringLiteral("/proc/%1/clear_refs").arg(pid));
    return clear.open(QIODevice::WriteOnly) && clear.write("5") == 1;
}

bool alive(qint64 pid)
{
    const QByteArray state = statusField(pid, "State");
    return !state.isEmpty() && !state.startsWith('Z') && !state.startsWith('X');
}

} // namespace ProcessMemory
