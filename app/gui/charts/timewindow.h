#pragma once

#include <QString>

namespace clab {

// The stretch of a run the timeline shows: all of it ("fit", the default, which follows a live
// run as it grows), or a window the user zoomed and panned, kept inside the run. Plain
// arithmetic in nanoseconds since the run's start, no widgets; the timeline turns wheel, keys and
// drags into these calls.
class TimeWindow
{
public:
    bool isFitting() const { return m_fit; }
    // Where the window starts and how long it is, for a run `totalNs` long so far.
    double startNs() const { return m_fit ? 0.0 : m_startNs; }
    double spanNs(double totalNs) const { return m_fit ? totalNs : m_spanNs; }

    void fitAll() { m_fit = true; }
    // Narrows the window by `factor` (> 1 zooms in) around the time at `anchorFraction` of its
    // width (0 = left edge, 1 = right edge), which stays where it is on screen. Never narrower
    // than 10 us; as wide as the run or wider is fit.
    void zoomBy(double factor, double anchorFraction, double totalNs);
    // Moves the window by `fraction` of its own span (positive = later), inside the run.
    // Nothing when fitting.
    void panBy(double fraction, double totalNs);

    static constexpr double kMinSpanNs = 10'000.0;

private:
    bool m_fit = true;
    double m_startNs = 0.0;
    double m_spanNs = 1e9;
};

// A tick label of the timeline's time axis at `seconds`, with as many decimals as ticks `step`
// seconds apart need to differ ("0.05 s"), in milliseconds below a hundredth of a second.
QString formatAxisTime(double seconds, double step);

} // namespace clab
