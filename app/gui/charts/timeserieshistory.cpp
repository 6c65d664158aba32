#include "charts/timeserieshistory.h"

#include <algorithm>

namespace clab {

TimeSeriesHistory::TimeSeriesHistory(qsizetype capacity)
    : m_capacity(std::max<qsizetype>(capacity, 4))
{
    m_points.reserve(m_capacity);
}

void TimeSeriesHistory::append(double t, double value)
{
    m_maxValue = std::max(m_maxValue, value);
    m_pendingSum += QPointF(t, value);
    if (++m_pending < m_stride)
        return;
    m_points.append(m_pendingSum / m_pending);
    m_pending = 0;
    m_pendingSum = {};
    if (m_points.size() >= m_capacity)
        compress();
}

void TimeSeriesHistory::compress()
{
    QList<QPointF> halved;
    halved.reserve(m_capacity);
    for (qsizetype i = 0; i + 1 < m_points.size(); i += 2)
        halved.append((m_points[i] + m_points[i + 1]) / 2.0);
    if (m_points.size() % 2)
        halved.append(m_points.constLast());
    m_points = std::move(halved);
    m_stride *= 2;
}

void TimeSeriesHistory::clear()
{
    m_points.clear();
    m_maxValue = 0.0;
    m_stride = 1;
    m_pending = 0;
    m_pendingSum = {};
}

} // namespace clab
