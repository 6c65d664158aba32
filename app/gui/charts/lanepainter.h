#pragma once

#include "charts/lanebuckets.h"

#include <QRectF>

class QPainter;

namespace clab {

// Paints one timeline lane from what LaneBuckets reports: spans as rectangles, neighbours of the
// same colour merged into one fillRect, and a shared pixel column as a band per colour in
// proportion to its time there (at least one pixel, so a short I/O slice stays visible).
class LanePainter
{
public:
    LanePainter(QPainter &painter, const QRectF &lane);
    ~LanePainter() { flush(); }
    LanePainter(const LanePainter &) = delete;
    LanePainter &operator=(const LanePainter &) = delete;

    void add(double x0, double x1, LaneColour color);
    void addShares(double column, std::vector<ColumnShare> shares);
    void flush();

private:
    QPainter &m_painter;
    QRectF m_lane;
    bool m_open = false;
    LaneColour m_color = 0;
    double m_x0 = 0.0;
    double m_x1 = 0.0;
};

// Paints the intervals that fall in [t0, t0 + nsPerPx · lane width) into `lane`; colourOf(interval)
// gives a colour, or kNoColour to leave it out.
template<typename ColourOf>
void paintIntervals(QPainter &painter, const QRectF &lane, const std::vector<Interval> &intervals, double t0,
    double nsPerPx, ColourOf colourOf)
{
    LanePainter out(painter, lane);
    LaneBuckets(t0, nsPerPx, lane.width()).tally(out, intervals, colourOf);
}

// The GIL lane: a column one holder had throughout is filled, a shared one gets a band per holder
// in proportion from the bottom, and time nobody held the GIL stays empty.
void paintColumnShares(QPainter &painter, const QRectF &lane, const ColumnShares &shares);

} // namespace clab
