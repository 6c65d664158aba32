#pragma once

#include "measurement/timeline.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <utility>
#include <vector>

namespace clab {

// Which colour fills which pixel column of a timeline lane: the timeline's bucketing, without Qt,
// so it is tested on its own (tests/app/tst_lanebuckets.cpp). TimelineWidget only paints what it
// says (charts/lanepainter.h).

// A colour as 0xAARRGGBB (the layout of Qt's QRgb). 0 is no colour: colourOf() returns it for an
// interval the lane leaves out.
using LaneColour = std::uint32_t;
constexpr LaneColour kNoColour = 0;
// A colour and the part of one pixel column (0..1) its intervals cover.
using ColumnShare = std::pair<LaneColour, double>;

// One lane's view: pixel column c shows the time [t0 + c·nsPerPx, t0 + (c+1)·nsPerPx), for
// columns 0 … width-1. Intervals (ns since the run's start, in order, not overlapping) are
// bucketed into it: one a pixel wide or more becomes a span, and where several fall into one
// column they share it, each in proportion to its time there. Cost is bounded by the columns, not
// by the intervals: after kTally intervals in one column the rest of it is skipped by binary search.
class LaneBuckets
{
public:
    static constexpr int kTally = 24;

    LaneBuckets(double t0Ns, double nsPerPx, double width)
        : m_t0(t0Ns)
        , m_nsPerPx(nsPerPx)
        , m_width(width)
    {}

    double t0Ns() const { return m_t0; }
    double nsPerPx() const { return m_nsPerPx; }
    double width() const { return m_width; }

    // Feeds `out` the intervals inside the view, left to right: out.add(x0, x1, colour) for a span
    // of a pixel or more (x in pixels from the view's left; the right end is not clipped, and an
    // interval across the right edge may give a span or a column just past it: the receiver clips), and
    // out.addShares(column, shares) for a column several intervals share, each share a colour and
    // the part of the column it covers. colourOf(interval) gives the colour, or kNoColour to leave
    // the interval out. No time is reported twice: the spans and the shares partition the time the
    // coloured intervals cover, and addShares() names each column at most once.
    template<typename Out, typename ColourOf>
    void tally(Out &out, const std::vector<Interval> &intervals, ColourOf colourOf) const;

private:
    double m_t0;
    double m_nsPerPx;
    double m_width;
};

// Several lanes' spans and shares summed per pixel column: the GIL lane, where each holder's
// Running time adds up in its colour. Takes what LaneBuckets::tally() gives (add, addShares).
class ColumnShares
{
public:
    explicit ColumnShares(int width);

    void add(double x0, double x1, LaneColour colour);
    void addShares(double column, const std::vector<ColumnShare> &shares);

    int columnCount() const { return static_cast<int>(m_columns.size()); }
    // The colours of `column` and how much of it each covers; empty when nothing did.
    const std::vector<ColumnShare> &column(int index) const { return m_columns[static_cast<std::size_t>(index)]; }
    // The colour that fills the column: one colour covering nearly all of it (95 % or more).
    // kNoColour when it is shared or mostly empty.
    LaneColour fillOf(int index) const;

private:
    void accumulate(double column, LaneColour colour, double part);

    std::vector<std::vector<ColumnShare>> m_columns;
};

template<typename Out, typename ColourOf>
void LaneBuckets::tally(Out &out, const std::vector<Interval> &intervals, ColourOf colourOf) const
{
    const double t0 = m_t0;
    const double nsPerPx = m_nsPerPx;
    const double t1 = t0 + nsPerPx * m_width;
    auto it = std::partition_point(
        intervals.begin(), intervals.end(), [&](const Interval &i) { return static_cast<double>(i.endNs) <= t0; });
    double clip = t0; // everything before this time is reported
    double nextColumn = -1.0; // columns before this one are reported (guards against rounding)
    std::vector<ColumnShare> tally;
    while (it != intervals.end() && static_cast<double>(it->startNs) < t1) {
        const double start = std::max(static_cast<double>(it->startNs), clip);
        const double end = static_cast<double>(it->endNs);
        if (end <= clip) {
            ++it;
            continue;
        }
        const double x0 = (start - t0) / nsPerPx;
        const double x1 = (end - t0) / nsPerPx;
        if (x1 - x0 >= 1.0) {
            if (const LaneColour colour = colourOf(*it); colour != kNoColour)
                out.add(x0, x1, colour);
            clip = end;
            ++it;
            continue;
        }
        // A pixel column holding several intervals: one colour fills it, several share it.
        const double column = std::max(std::floor(x0), nextColumn);
        nextColumn = column + 1.0;
        const double columnStart = std::max(t0 + column * nsPerPx, clip);
        const double columnEnd = t0 + (column + 1.0) * nsPerPx;
        tally.clear();
        auto jt = it;
        int counted = 0;
        while (jt != intervals.end() && static_cast<double>(jt->startNs) < columnEnd && counted < kTally) {
            const double overlap = std::min(static_cast<double>(jt->endNs), columnEnd)
                - std::max(static_cast<double>(jt->startNs), columnStart);
            const LaneColour colour = colourOf(*jt);
            if (colour != kNoColour && overlap > 0) {
                auto found = std::find_if(tally.begin(), tally.end(), [&](const auto &t) { return t.first == colour; });
                if (found == tally.end())
                    tally.emplace_back(colour, overlap / nsPerPx);
                else
                    found->second += overlap / nsPerPx;
            }
            ++counted;
            if (static_cast<double>(jt->endNs) > columnEnd)
                break; // straddles into the next column: handled again there, clipped
            ++jt;
        }
        if (counted == kTally)
            jt = std::partition_point(
                jt, intervals.end(), [&](const Interval &i) { return static_cast<double>(i.endNs) <= columnEnd; });
        if (!tally.empty())
            out.addShares(column, tally);
        clip = columnEnd;
        it = jt;
    }
}

} // namespace clab
