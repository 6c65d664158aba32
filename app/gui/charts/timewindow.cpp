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

} // namespace clab
