#include "Pinger.h"

#include "HttpExchange.h"
#include "model/Routes.h"

Pinger::Pinger(int port, int intervalMs) : m_port(port), m_timer(new QTimer(this))
{
    m_timer->setInterval(intervalMs);
    m_timer->setTimerType(Qt::PreciseTimer);
    connect(m_timer, &QTimer::timeout, this, &Pinger::ping);
}

Latencies Pinger::takeSamples()
{
    std::lock_guard lock(m_mutex);
    Latencies taken = m_samples;
    m_samples = {};
    return taken;
}

void Pinger::start()
{
    m_timer->start();
}

void Pinger::stop()
{
    m_timer->stop();
}

void Pinger::ping()
{
    HttpRequest request;
    request.port = m_port;
    request.path = librarian::routes::kPing;
    request.body = "{}";
    request.timeoutMs = 60000;
    ++m_inFlight;
    HttpExchange::send(
        request,
        [this](const HttpOutcome &o) {
            {
                std::lock_guard lock(m_mutex);
                m_samples.add(o.ms, o.status == 200, o.describe());
            }
            --m_inFlight;
        },
        this);
}
