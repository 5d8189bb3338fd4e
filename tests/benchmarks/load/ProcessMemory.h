#pragma once

#include <QtGlobal>

// A process's memory from /proc (Linux), in KiB; -1 if unreadable.
namespace ProcessMemory {

qint64 residentKib(qint64 pid); // VmRSS
qint64 peakKib(qint64 pid);     // VmHWM
// Sets the peak back to the current resident size (writes 5 to /proc/PID/clear_refs).
bool resetPeak(qint64 pid);
// Running or sleeping, not gone nor a zombie.
bool alive(qint64 pid);

} // namespace ProcessMemory
