#include "export/reportcharts.h"

#include "charts/corechart.h"
#include "charts/throughputchart.h"
#include "charts/timelinewidget.h"

#include <QApplication>
#include <QFontMetricsF>
#include <QGraphicsView>
#include <QPainter>

#include <algorithm>
#include <vector>

namespace clab {

ReportCharts::ReportCharts(const RunResult &result, const std::optional<BaselineMeasurement> &baseline)
    : m_throughput(std::make_unique<ThroughputChart>())
    , m_cores(std::make_unique<CoreChart>())
    , m_timeline(std::make_unique<TimelineWidget>())
{
    const Appearance light; // printed on white paper
    m_throughput->setAppearance(light);
    m_throughput->reset(QString());
    if (baseline && !baseline->isExperiment)
        m_throughput->setBaselineThroughput(baseline->throughputTps);
    m_throughput->appendSamples(result.samples);
    m_throughput->finish();

    m_cores->setAppearance(light);
    m_cores->reset(QString());
    m_cores->appendSamples(result.samples);
    m_cores->finish();

    m_timeline->setAppearance(light);
    m_timeline->reset(result.config);
    TimelineDelta delta;
    delta.startNs = result.startNs;
    delta.elapsedSeconds = result.summary.wallSeconds;
    // The Lab's limit of lanes (RunController): the rest are counted, not drawn.
    const std::size_t lanes = std::min(result.workers.size(), TimelineWidget::kMaxLanes);
    for (std::size_t i = 0; i < lanes; ++i) {
        const WorkerResult &worker = result.workers[i];
        UnitStatus unit;
        unit.index = worker.index;
        unit.role = worker.role;
        unit.interpreter = worker.interpreter;
        unit.pid = worker.pid;
        unit.tid = worker.tid;
        unit.tasks = worker.tasks;
        unit.lastCore = worker.lastCore;
        unit.cpuSeconds = worker.cpuSeconds;
        unit.finished = true;
        delta.units.push_back(unit);
        if (!worker.timeline.empty())
            delta.added.emplace_back(static_cast<int>(delta.units.size()) - 1, worker.timeline);
    }
    m_timeline->addDelta(delta);
    m_timeline->setFinished(result.summary.wallSeconds);
}

ReportCharts::~ReportCharts() = default;

int ReportCharts::dpi() const
{
    return m_throughput->logicalDpiY();
}

void ReportCharts::paint(QPainter &painter, QWidget *widget, const QRectF &target) const
{
    const double scale = chartScale();
    const QSize size(static_cast<int>(target.width() / scale), static_cast<int>(target.height() / scale));
    // Shown without a window, so it gets its size and lays itself out as on screen.
    widget->setAttribute(Qt::WA_DontShowOnScreen);
    widget->resize(size);
    widget->show();
    QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
    painter.save();
    painter.translate(target.topLeft());
    painter.scale(target.width() / size.width(), target.height() / size.height());
    if (auto *view = qobject_cast<QGraphicsView *>(widget))
        view->render(&painter, QRectF(QPointF(0, 0), size), view->viewport()->rect());
    else if (qobject_cast<TimelineWidget *>(widget))
        widget->render(&painter, QPoint(), QRegion(), QWidget::DrawWindowBackground); // not its lanes' scroll bar
    else
        widget->render(&painter, QPoint(), QRegion(), QWidget::DrawWindowBackground | QWidget::DrawChildren);
    painter.restore();
    widget->hide();
}

double ReportCharts::timelineHeight(const RunResult &result) const
{
    const double text = QFontMetricsF(QApplication::font()).height();
    std::vector<int> interpreters;
    for (const WorkerResult &worker : result.workers) {
        if (std::find(interpreters.begin(), interpreters.end(), worker.interpreter) == interpreters.end())
            interpreters.push_back(worker.interpreter);
    }
    const double gilRows = std::clamp(static_cast<double>(interpreters.size()), 1.0, 4.0);
    const double lanes = static_cast<double>(std::min(result.workers.size(), TimelineWidget::kMaxLanes));
    const double pixels = 4 + gilRows * (text + 8) + 6 + lanes * 3 * text + (text + 6) + 2 * (text + 6) + 12;
    return pixels * chartScale();
}

double ReportCharts::chartScale()
{
    const double fontPoints = QApplication::font().pointSizeF() > 0 ? QApplication::font().pointSizeF() : 10.0;
    return kChartTextPoints / fontPoints;
}

} // namespace clab
