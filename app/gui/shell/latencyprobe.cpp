#include "shell/latencyprobe.h"

#include "results/runresult.h"

#include <algorithm>

namespace clab {

LatencyProbe::LatencyProbe(QObject *parent, int intervalMs)
    : QObject(parent)
{
    m_timer.setTimerType(Qt::PreciseTimer);
    m_timer.setInterval(intervalMs);
    connect(&m_timer, &QTimer::timeout, this, &LatencyProbe::onTimeout);
    m_clock.start();
}

void LatencyProbe::start()
{
    m_lastNs = -1;
    m_timer.start();
}

void LatencyProbe::stop()
{
    m_timer.stop();
}

void LatencyProbe::reset()
{
    m_lateMs.clear();
    m_next = 0;
    m_lastNs = -1;
}

void LatencyProbe::onTimeout()
{
    const qint64 now = m_clock.nsecsElapsed();
    if (m_lastNs >= 0) {
        const double gapMs = static_cast<double>(now - m_lastNs) / 1e6;
        const double late = std::max(0.0, gapMs - m_timer.interval());
        if (m_lateMs.size() < kWindow) {
            m_lateMs.push_back(late);
        } else {
            m_lateMs[m_next] = late;
            m_next = (m_next + 1) % kWindow;
        }
    }
    m_lastNs = now;
}

double LatencyProbe::percentileMs(double p) const
{
    return percentile(m_lateMs, p);
}

double LatencyProbe::maxMs() const
{
    return m_lateMs.empty() ? 0.0 : *std::max_element(m_lateMs.begin(), m_lateMs.end());
}

} // namespace clab
