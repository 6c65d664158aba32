#pragma once

#include "lab/runcontroller.h"
#include "results/runresult.h"

#include <QRectF>

#include <memory>
#include <optional>

class QPainter;
class QWidget;

namespace clab {

class CoreChart;
class ThroughputChart;
class TimelineWidget;

// The report's charts (ReportWriter): widgets of their own, never shown on screen, fed from the
// result, in the light theme (printed on white paper).
class ReportCharts
{
public:
    // How large chart text comes out on paper. The charts lay out their text in the application's
    // font; drawing them scaled so that font lands at this size keeps them readable when printed,
    // whatever the font (presentation mode makes it larger: the chart is then laid out larger and
    // scaled down more).
    static constexpr double kChartTextPoints = 7.0;

    ReportCharts(const RunResult &result, const std::optional<BaselineMeasurement> &baseline);
    ~ReportCharts();
    ReportCharts(const ReportCharts &) = delete;
    ReportCharts &operator=(const ReportCharts &) = delete;

    // The resolution the charts lay their text out at: the PDF uses the same, so text measured
    // on screen fits where it is drawn.
    int dpi() const;

    // Lays `widget` out for `target` (in device pixels at dpi()) and draws it there.
    void paint(QPainter &painter, QWidget *widget, const QRectF &target) const;

    // The height the timeline needs on paper to give each lane its full height (its
    // layout: GIL rows, lanes of up to three text lines, the axis and two legend rows).
    double timelineHeight(const RunResult &result) const;

    ThroughputChart *throughput() const { return m_throughput.get(); }
    CoreChart *cores() const { return m_cores.get(); }
    TimelineWidget *timeline() const { return m_timeline.get(); }

private:
    static double chartScale();

    std::unique_ptr<ThroughputChart> m_throughput;
    std::unique_ptr<CoreChart> m_cores;
    std::unique_ptr<TimelineWidget> m_timeline;
};

} // namespace clab
