#pragma once

#include "Latencies.h"

#include <QObject>
#include <QTimer>
#include <atomic>
#include <mutex>

// Sends an anonymous /ping/ every `intervalMs` on its own thread (so the benchmark's own loop,
// busy with hundreds of sockets, does not delay it) and keeps each ping's latency. Pings are not
// paced by their answers: a stalled server shows up as growing latencies, not as fewer pings.
class Pinger : public QObject
{
    Q_OBJECT
public:
    Pinger(int port, int intervalMs);

    // Thread-safe.
    Latencies takeSamples();
    int inFlight() const { return m_inFlight; }

public Q_SLOTS:
    void start();
    void stop();

private:
    void ping();

    int m_port;
    QTimer *m_timer;
    std::atomic_int m_inFlight{0};
    std::mutex m_mutex;
    Latencies m_samples;
};
