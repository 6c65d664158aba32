#include "charts/throughputchart.h"

#include "charts/chartstyle.h"
#include "charts/legendplacement.h"

#include <QFontMetricsF>
#include <QLegend>
#include <QLineSeries>
#include <QValueAxis>

#include <algorithm>

namespace clab {

ThroughputChart::ThroughputChart(QWidget *parent)
    : QChartView(parent)
    , m_chart(new QChart)
    , m_series(new QLineSeries)
    , m_baseline(new QLineSeries)
    , m_x(new QValueAxis)
    , m_y(new QValueAxis)
{
    setChart(m_chart);
    setRenderHint(QPainter::Antialiasing);
    setAccessibleName(tr("Throughput chart"));
    setAccessibleDescription(tr("Tasks completed per second over the run"));
    // Beside the cores chart in a 1024-pixel projector's middle column (with the settings folded
    // and the summary beside it): narrow enough that the window fits that screen.
    setMinimumSize(170, 160);

    m_series->setName(tr("tasks/s"));
    m_baseline->setName(tr("sequential baseline"));
    m_chart->addSeries(m_series);
    m_chart->addSeries(m_baseline);
    m_chart->addAxis(m_x, Qt::AlignBottom);
    m_chart->addAxis(m_y, Qt::AlignLeft);
    for (QLineSeries *series : {m_series, m_baseline}) {
        series->attachAxis(m_x);
        series->attachAxis(m_y);
    }
    m_x->setTitleText(tr("time (s)"));
    m_y->setTitleText(tr("tasks/s"));
    // Ticks, title and legend follow the plot's size: whole labels at any size and font.
    connect(m_chart, &QChart::plotAreaChanged, this, [this] {
        fitToSize();
        placeLegend(m_chart);
    });
    setAppearance(m_appearance);
    reset(tr("Throughput"));
}

void ThroughputChart::fitToSize()
{
    if (m_fitting) {
        m_refit = true; // laid out again while fitting: fit once more below
        return;
    }
    m_fitting = true;
    // A range or title changed here lays the chart out again at once; fit until it settles.
    for (int pass = 0; pass < 3; ++pass) {
        m_refit = false;
        setFittingTitle(m_chart, {m_title});
        // Both legend entries on one row, or "baseline" for the second: a narrow chart would cut it.
        const QString full = tr("sequential baseline");
        const QFontMetricsF legend(m_chart->legend()->font());
        const qreal row
            = legend.horizontalAdvance(full) + legend.horizontalAdvance(m_series->name()) + 6 * legend.height();
        const QString name = row <= m_chart->size().width() ? full : tr("baseline");
        if (m_baseline->name() != name)
            m_baseline->setName(name);
        m_xMax = setNiceRangeFitting(m_x, m_xWant, m_chart->plotArea().width());
        m_yMax = setNiceRangeFitting(m_y, m_yWant, m_chart->plotArea().height());
        fitAxisTitles(m_chart, m_x, m_y, m_yMax);
        if (m_baselineTps)
            m_baseline->replace(QList<QPointF>{{0.0, *m_baselineTps}, {m_xMax, *m_baselineTps}});
        if (!m_refit)
            break;
    }
    m_fitting = false;
}

void ThroughputChart::reset(const QString &title)
{
    m_title = title;
    setFittingTitle(m_chart, {m_title});
    m_history.clear();
    m_series->clear();
    m_xMax = 0.0;
    m_yMax = 0.0;
    updateAxes(true);
}

void ThroughputChart::setBaselineThroughput(std::optional<double> tasksPerSecond)
{
    m_baselineTps = tasksPerSecond;
    m_baseline->setVisible(m_baselineTps.has_value());
    updateAxes(true);
}

void ThroughputChart::appendSamples(const std::vector<Sample> &samples)
{
    for (const Sample &sample : samples)
        m_history.append(sample.tSeconds, sample.throughputTps);
    m_series->replace(m_history.points());
    // A run shorter than a few sampling periods has too few points for a line: show them as dots.
    m_series->setPointsVisible(m_history.size() < 3);
    updateAxes(false);
}

void ThroughputChart::updateAxes(bool force)
{
    const double wantX = force && !m_history.isEmpty() ? m_history.lastTime() : std::max(2.0, m_history.lastTime());
    const double wantY = std::max({1.0, m_history.maxValue(), m_baselineTps.value_or(0.0)}) * 1.1;
    const bool grow = force || wantX > m_xMax || wantY > m_yMax;
    if (force || wantX > m_xMax)
        m_xWant = force ? wantX : wantX * 1.25;
    if (force || wantY > m_yMax)
        m_yWant = wantY;
    if (grow)
        fitToSize();
}

void ThroughputChart::finish()
{
    updateAxes(true);
}

void ThroughputChart::setAppearance(const Appearance &appearance)
{
    m_appearance = appearance;
    styleChart(m_chart, appearance);
    styleAxis(m_x, appearance);
    styleAxis(m_y, appearance);
    QPen pen(appearance.dark ? QColor(86, 180, 255) : QColor(0, 92, 200));
    pen.setWidthF(appearance.lineWidth());
    m_series->setPen(pen);
    QPen dashed(appearance.mutedText());
    dashed.setWidthF(appearance.lineWidth() * 0.75);
    dashed.setStyle(Qt::DashLine);
    m_baseline->setPen(dashed);
    setBackgroundBrush(appearance.panel());
    fitToSize();
    placeLegend(m_chart);
}

} // namespace clab
