#include "charts/corechart.h"

#include "charts/chartstyle.h"
#include "charts/legendplacement.h"

#include <QFontMetricsF>
#include <QLegend>
#include <QLineSeries>
#include <QValueAxis>

#include <algorithm>

namespace clab {

CoreChart::CoreChart(QWidget *parent)
    : QChartView(parent)
    , m_chart(new QChart)
    , m_x(new QValueAxis)
    , m_y(new QValueAxis)
{
    setChart(m_chart);
    setRenderHint(QPainter::Antialiasing);
    setAccessibleName(tr("Per-core utilization chart"));
    setAccessibleDescription(tr("Busy percent of every CPU core over the run"));
    setMinimumSize(170, 160); // as the throughput chart beside it
    m_chart->addAxis(m_x, Qt::AlignBottom);
    m_chart->addAxis(m_y, Qt::AlignLeft);
    m_x->setTitleText(tr("time (s)"));
    m_y->setTitleText(tr("busy %"));
    m_y->setLabelFormat(QStringLiteral("%.0f"));
    // A little headroom so a core at 100% stays visible above the plot's edge.
    m_y->setRange(0.0, 104.0);
    m_y->setTickType(QValueAxis::TicksDynamic);
    m_y->setTickAnchor(0.0);
    m_y->setTickInterval(20.0);
    // Ticks, title and legend follow the plot's size: whole labels at any size and font.
    connect(m_chart, &QChart::plotAreaChanged, this, [this] {
        fitToSize();
        placeLegend(m_chart);
    });
    setAppearance(m_appearance);
    reset(tr("CPU cores"));
}

void CoreChart::fitToSize()
{
    if (m_fitting) {
        m_refit = true; // laid out again while fitting: fit once more below
        return;
    }
    m_fitting = true;
    // A range or title changed here lays the chart out again at once; fit until it settles.
    for (int pass = 0; pass < 3; ++pass) {
        m_refit = false;
        // "CPU cores, whole machine" on a narrow chart is "CPU cores": the description says the rest.
        setFittingTitle(m_chart, {m_title, tr("CPU cores")});
        m_xMax = setNiceRangeFitting(m_x, m_xWant, m_chart->plotArea().width());
        // Busy percent in steps of 20, or of 25, 50 or 100 when the plot is too short for six labels.
        const qreal labelHeight = QFontMetricsF(m_y->labelsFont()).height();
        const int budget = std::max(2, static_cast<int>(m_chart->plotArea().height() / (2.0 * labelHeight)));
        double interval = 100.0;
        for (const double candidate : {20.0, 25.0, 50.0}) {
            if (100.0 / candidate + 1.0 <= budget) {
                interval = candidate;
                break;
            }
        }
        if (m_y->tickInterval() != interval)
            m_y->setTickInterval(interval);
        fitAxisTitles(m_chart, m_x, m_y, 100.0);
        if (!m_refit)
            break;
    }
    m_fitting = false;
}

qsizetype CoreChart::pointCount() const
{
    qsizetype total = 0;
    for (const TimeSeriesHistory &history : m_history)
        total += history.size();
    return total;
}

void CoreChart::reset(const QString &title)
{
    m_title = title;
    setFittingTitle(m_chart, {m_title, tr("CPU cores")});
    for (std::size_t core = 0; core < m_series.size(); ++core) {
        m_history[core].clear();
        m_series[core]->clear();
    }
    m_lastT = 0.0;
    updateAxes(true);
}

void CoreChart::ensureCores(std::size_t count)
{
    while (m_series.size() < count) {
        auto *series = new QLineSeries;
        series->setName(QStringLiteral("cpu%1").arg(m_series.size()));
        m_chart->addSeries(series);
        series->attachAxis(m_x);
        series->attachAxis(m_y);
        m_series.push_back(series);
        m_history.emplace_back();
    }
    m_chart->legend()->setVisible(m_series.size() <= 16);
    stylePens();
    placeLegend(m_chart);
}

void CoreChart::appendSamples(const std::vector<Sample> &samples)
{
    for (const Sample &sample : samples) {
        if (sample.coreBusyPct.size() > m_series.size())
            ensureCores(sample.coreBusyPct.size());
        for (std::size_t core = 0; core < sample.coreBusyPct.size(); ++core) {
            if (sample.coreBusyPct[core] >= 0.0) // negative: the core was offline
                m_history[core].append(sample.tSeconds, sample.coreBusyPct[core]);
        }
        m_lastT = std::max(m_lastT, sample.tSeconds);
    }
    for (std::size_t core = 0; core < m_series.size(); ++core) {
        m_series[core]->replace(m_history[core].points());
        // Too few points for a line (a run shorter than a few sampling periods): dots.
        m_series[core]->setPointsVisible(m_history[core].size() < 3);
    }
    updateAxes(false);
}

void CoreChart::updateAxes(bool force)
{
    const double want = force && m_lastT > 0.0 ? m_lastT : std::max(2.0, m_lastT);
    if (force || want > m_xMax) {
        m_xWant = force ? want : want * 1.25;
        fitToSize();
    }
}

void CoreChart::stylePens()
{
    for (std::size_t core = 0; core < m_series.size(); ++core) {
        QPen pen(coreColor(static_cast<int>(core)));
        pen.setWidthF(m_appearance.lineWidth());
        setSeriesDash(pen, static_cast<int>(core)); // a dash per core as well as a colour
        m_series[core]->setPen(pen);
    }
}

void CoreChart::finish()
{
    updateAxes(true);
}

void CoreChart::setAppearance(const Appearance &appearance)
{
    m_appearance = appearance;
    styleChart(m_chart, appearance);
    styleAxis(m_x, appearance);
    styleAxis(m_y, appearance);
    stylePens();
    setBackgroundBrush(appearance.panel());
    fitToSize();
    placeLegend(m_chart);
}

} // namespace clab
