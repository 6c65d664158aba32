#pragma once

#include <QList>
#include <QPointF>

namespace clab {

// The points of one chart series for the whole run, in bounded memory: when the history reaches
// its capacity, neighbouring points are averaged pairwise, so a long run stays whole on screen at
// half the resolution instead of losing its beginning. Appends are amortised O(1).
class TimeSeriesHistory
{
public:
    explicit TimeSeriesHistory(qsizetype capacity = 2000);

    void append(double t, double value);
    void clear();

    const QList<QPointF> &points() const { return m_points; }
    qsizetype size() const { return m_points.size(); }
    bool isEmpty() const { return m_points.isEmpty(); }
    double maxValue() const { return m_maxValue; }
    double lastTime() const { return m_points.isEmpty() ? 0.0 : m_points.constLast().x(); }

private:
    void compress();

    qsizetype m_capacity;
    QList<QPointF> m_points;
    double m_maxValue = 0.0;
    // While compressed, incoming points are averaged in groups of m_stride before being kept.
    int m_stride = 1;
    int m_pending = 0;
    QPointF m_pendingSum;
};

} // namespace clab
