#pragma once

#include "charts/lanebuckets.h"

#include <QColor>
#include <QRectF>

#include <functional>

class QPainter;

namespace clab {

// What a lane draws on a stretch of one colour after filling it (a state's pattern, a GIL holder's
// number): called once per merged run of pixel columns, not per column. Empty: nothing.
using LaneDecoration = std::function<void(const QRectF &stretch, LaneColour colour)>;
// The colour to fill with for a lane's colour value; empty: the value is the colour (a QRgb).
using LaneFill = std::function<QColor(LaneColour colour)>;

// Paints one timeline lane from what LaneBuckets reports: spans as rectangles, neighbours of the
// same colour merged into one fillRect, and a shared pixel column as a band per colour in
// proportion to its time there (at least one pixel, so a short I/O slice stays visible).
class LanePainter
{
public:
    LanePainter(QPainter &painter, const QRectF &lane, LaneDecoration decoration = {}, LaneFill fill = {});
    ~LanePainter() { flush(); }
    LanePainter(const LanePainter &) = delete;
    LanePainter &operator=(const LanePainter &) = delete;

    void add(double x0, double x1, LaneColour color);
    void addShares(double column, std::vector<ColumnShare> shares);
    void flush();

private:
    QColor fillOf(LaneColour colour) const { return m_fill ? m_fill(colour) : QColor::fromRgb(colour); }

    QPainter &m_painter;
    QRectF m_lane;
    LaneDecoration m_decoration;
    LaneFill m_fill;
    bool m_open = false;
    LaneColour m_color = 0;
    double m_x0 = 0.0;
    double m_x1 = 0.0;
};

// Paints the intervals that fall in [t0, t0 + nsPerPx · lane width) into `lane`; colourOf(interval)
// gives a colour, or kNoColour to leave it out.
template<typename ColourOf>
void paintIntervals(QPainter &painter, const QRectF &lane, const std::vector<Interval> &intervals, double t0,
    double nsPerPx, ColourOf colourOf, const LaneDecoration &decoration = {})
{
    LanePainter out(painter, lane, decoration);
    LaneBuckets(t0, nsPerPx, lane.width()).tally(out, intervals, colourOf);
}

// The GIL lane: a column one holder had throughout is filled, a shared one gets a band per holder
// in proportion from the bottom, and time nobody held the GIL stays empty. `fill` gives each
// holder's colour; `decoration` is called on each stretch of whole columns one holder had.
void paintColumnShares(QPainter &painter, const QRectF &lane, const ColumnShares &shares, const LaneFill &fill,
    const LaneDecoration &decoration);

} // namespace clab
