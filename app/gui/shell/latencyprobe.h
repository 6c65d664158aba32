#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

#include <vector>

namespace clab {

// Measures how late the GUI thread's event loop serves a timer: a precise timer asks to fire
// every `intervalMs`; how much later than that it really fires is time the loop spent busy.
// The last few thousand latenesses are kept for percentiles (Diagnostics, the latency test).
class LatencyProbe : public QObject
{
    Q_OBJECT

public:
    explicit LatencyProbe(QObject *parent = nullptr, int intervalMs = 20);

    void start();
    void stop();
    void reset();
    bool isActive() const { return m_timer.isActive(); }
    int intervalMs() const { return m_timer.interval(); }

    // Lateness percentile in ms over the kept window (0 with no measurement yet).
    double percentileMs(double p) const;
    double maxMs() const;
    int sampleCount() const { return static_cast<int>(m_lateMs.size()); }

private:
    void onTimeout();

    static constexpr std::size_t kWindow = 3000;
    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_lastNs = -1;
    std::vector<double> m_lateMs;
    std::size_t m_next = 0;
};

} // namespace clab
