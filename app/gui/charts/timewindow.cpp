#include "charts/timewindow.h"

#include <algorithm>

namespace clab {

void TimeWindow::zoomBy(double factor, double anchorFraction, double totalNs)
{
    const double fraction = std::clamp(anchorFraction, 0.0, 1.0);
    const double anchorNs = startNs() + fraction * spanNs(totalNs);
    const double newSpan = std::clamp(spanNs(totalNs) / factor, kMinSpanNs, std::max(totalNs, kMinSpanNs));
    if (newSpan >= totalNs) {
        fitAll();
        return;
    }
    m_fit = false;
    m_spanNs = newSpan;
    m_startNs = std::clamp(anchorNs - fraction * newSpan, 0.0, totalNs - newSpan);
}

void TimeWindow::panBy(double fraction, double totalNs)
{
    if (m_fit)
        return;
    m_startNs = std::clamp(m_startNs + fraction * m_spanNs, 0.0, std::max(0.0, totalNs - m_spanNs));
}

QString formatAxisTime(double seconds, double step)
{
    if (step >= 1.0)
        return QStringLiteral("%1 s").arg(seconds, 0, 'f', 0);
    if (step >= 0.1)
        return QStringLiteral("%1 s").arg(seconds, 0, 'f', 1);
    if (step >= 0.01)
        return QStringLiteral("%1 s").arg(seconds, 0, 'f', 2);
    return QStringLiteral("%1 ms").arg(seconds * 1000.0, 0, 'f', step >= 0.001 ? 0 : 2);
}

} // namespace clab
