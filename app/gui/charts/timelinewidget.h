#pragma once

#include "charts/timelinelegend.h"
#include "charts/timewindow.h"
#include "lab/runcontroller.h"
#include "measurement/timeline.h"
#include "model/runconfig.h"
#include "shell/appearance.h"

#include <QWidget>

#include <optional>
#include <vector>

class QScrollBar;

namespace clab {

// One lane per worker, coloured by what it was doing (running bytecode, waiting for the GIL, in
// I/O, in native code, idle) or by the core it ran on; above them a lane per interpreter showing
// who held its GIL (the unit whose lane is Running: only one can be, when there is a GIL).
//
// Custom painted, because a run can log millions of intervals: each lane draws only the intervals
// inside the view (binary search on their end times, which grow like their starts), and where
// several fall into one pixel column it paints that column once, each colour in proportion to its
// time there, and jumps past the rest. Cost per frame is bounded by pixels, not by intervals. Which
// colour goes to which column is LaneBuckets' (charts/lanebuckets.h); this widget only paints.
//
// By default the view fits the whole run and compresses as it grows; Ctrl+wheel or +/- zoom,
// wheel, arrows or a drag pan, 0 fits again. Worker lanes that do not fit at kMinLaneHeight scroll
// (a scroll bar beside them, the wheel over them, Up/Down) below the GIL lane, which stays.
class TimelineWidget : public QWidget
{
    Q_OBJECT

public:
    // The most lanes a timeline keeps: units past these are counted, not drawn, and not read.
    static constexpr std::size_t kMaxLanes = 512;

    enum class ColorMode
    {
        State,
        Core
    };

    explicit TimelineWidget(QWidget *parent = nullptr);

    void reset(const RunConfig &config);
    void addDelta(const TimelineDelta &delta);
    // The run ended after `wallSeconds`: no lane has anything left unreported.
    void setFinished(double wallSeconds);

    void setColorMode(ColorMode mode);
    ColorMode colorMode() const { return m_colorMode; }
    void setAppearance(const Appearance &appearance);

    void zoomBy(double factor, double anchorX = -1.0);
    void fitAll();
    bool isFitting() const { return m_window.isFitting(); }

    int laneCount() const { return static_cast<int>(m_lanes.size()); }
    // The worker lanes drawn at this size and how tall each is: never under kMinLaneHeight (a
    // projector's back row reads them); lanes that would be thinner scroll, the first shown being
    // firstLaneShown(). The GIL lane above them does not scroll.
    static constexpr int kMinLaneHeight = 14;
    int laneHeight() const;
    int lanesShown() const;
    bool lanesScroll() const;
    int firstLaneShown() const { return m_firstLane; }
    void scrollLanesTo(int first);
    QScrollBar *laneScrollBar() const { return m_laneScroll; }
    std::size_t intervalCount() const;
    // Worker lanes that show what their unit did or does now: closed intervals or the open one.
    int lanesShowingActivity() const;

    // The legend's entries at this width: a state's name, colour and pattern, the GIL's holders.
    std::vector<LegendEntry> legend() const { return fittedLegend(fontMetrics()); }

    QSize sizeHint() const override { return {800, 260}; }
    QSize minimumSizeHint() const override;
    // A lane is at most this many lines of text tall (3 on screen; a slide's export asks more).
    void setLaneCap(int textLines);
    int laneCap() const { return m_laneCap; }
    // The height at which every lane is as tall as the cap lets it be, at the present width.
    int naturalHeight() const;

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void changeEvent(QEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;

private:
    struct Lane
    {
        int unit = 0;
        WorkerRole role = WorkerRole::Worker;
        int interpreter = 0;
        bool finished = false;
        std::vector<Interval> intervals; // ns since the run's start, in order
        // While the run goes on: what the unit is doing now, from the end of `intervals` on.
        std::optional<Interval> current;
    };
    struct Layout
    {
        QRect plot; // where lanes are drawn (x: time)
        int labelWidth = 0;
        int gilRows = 0;
        int gilRowHeight = 0;
        int laneTop = 0;
        int laneHeight = 0;
        int lanesShown = 0;
        bool scrolls = false; // more lanes than fit: a scroll bar beside them
        QRect scrollBar;
        QRect axis;
        QRect legend;
    };

    Layout layout() const;
    std::vector<int> gilInterpreters() const;
    std::int64_t runSpanNs() const;
    // The part of the lane's current interval that its closed intervals do not cover yet.
    std::optional<Interval> currentOf(const Lane &lane) const;
    double viewStartNs() const;
    double viewSpanNs() const;
    void panBy(double pixels);
    QString laneLabel(const Lane &lane) const;
    QString tooltipAt(const QPoint &pos) const;
    std::vector<LegendEntry> legendEntries(bool compact) const;
    std::vector<LegendEntry> fittedLegend(const QFontMetrics &metrics) const;
    void paintAxis(QPainter &painter, const Layout &l) const;
    // Places the lanes' scroll bar and its range for the lanes and the size there are now.
    void updateLaneScroll();

    RunConfig m_config;
    std::vector<Lane> m_lanes;
    std::int64_t m_nowNs = 0;
    int m_coresSeen = 0; // highest core id in any interval, plus one
    std::size_t m_unitCount = 0; // units of the run, lanes or not (at most kMaxLanes get one)
    bool m_live = false;
    TimeWindow m_window; // what stretch of the run is on screen
    ColorMode m_colorMode = ColorMode::State;
    Appearance m_appearance;
    QPoint m_dragFrom;
    bool m_dragging = false;
    QScrollBar *m_laneScroll = nullptr;
    int m_minimumHeight = 0; // see updateLaneScroll
    int m_laneCap = 3;
    int m_firstLane = 0; // the worker lane at the top of the lanes shown
};

} // namespace clab
