#include "charts/overlaychart.h"

#include "charts/chartstyle.h"
#include "charts/legendplacement.h"
#include "charts/runcolors.h"

#include <QFontMetricsF>
#include <QLegend>
#include <QLineSeries>
#include <QValueAxis>

#include <algorithm>

namespace clab {

namespace {

// More lines than this and the legend would run off the chart: the table's colour swatches name
// the runs instead.
constexpr int kMaxLegendEntries = 12;

// The sampler takes a final reading when the run ends, however soon after the previous one. A
// rate over a few milliseconds is mostly noise (one task more or less is hundreds of tasks/s) and
// would set the scale for every run drawn: a final reading over less than half the span before it
// is left out of the overlay. Its tasks are in the run's totals, in the table.
bool isShortFinalReading(const std::vector<Sample> &samples, std::size_t i)
{
    if (i + 1 != samples.size() || i < 2)
        return false;
    const double span = samples[i].tSeconds - samples[i - 1].tSeconds;
    const double before = samples[i - 1].tSeconds - samples[i - 2].tSeconds;
    return span < 0.5 * before;
}

} // namespace

OverlayChart::OverlayChart(Measure measure, QWidget *parent)
    : QChartView(parent)
    , m_measure(measure)
    , m_chart(new QChart)
    , m_x(new QValueAxis)
    , m_y(new QValueAxis)
{
    setChart(m_chart);
    setRenderHint(QPainter::Antialiasing);
    const bool throughput = measure == Measure::Throughput;
    setObjectName(throughput ? QStringLiteral("throughputOverlay") : QStringLiteral("coreOverlay"));
    setAccessibleName(throughput ? tr("Throughput of the selected runs") : tr("Mean core busy of the selected runs"));
    setAccessibleDescription(throughput ? tr("Tasks completed per second over each selected run")
                                        : tr("Busy percent averaged over every core, over each selected run"));

    m_chart->addAxis(m_x, Qt::AlignBottom);
    m_chart->addAxis(m_y, Qt::AlignLeft);
    m_x->setTitleText(tr("time since the run started (s)"));
    m_y->setTitleText(throughput ? tr("tasks/s") : tr("mean busy %"));
    connect(m_chart, &QChart::plotAreaChanged, this, [this] {
        updateAxes();
        placeLegend(m_chart);
    });
    setAppearance(m_appearance);
    setRuns({});
}

std::optional<double> OverlayChart::meanBusy(const Sample &sample)
{
    double sum = 0.0;
    int online = 0;
    for (const double busy : sample.coreBusyPct) {
        if (busy >= 0.0) {
            sum += busy;
            ++online;
        }
    }
    if (online == 0)
        return std::nullopt;
    return sum / online;
}

void OverlayChart::setRuns(const std::vector<OverlayRun> &runs, const QString &shared)
{
    for (QLineSeries *series : m_series) {
        m_chart->removeSeries(series);
        delete series;
    }
    m_series.clear();
    m_runs = runs;

    m_maxT = 0.0;
    m_maxValue = 0.0;
    for (const OverlayRun &run : m_runs) {
        QList<QPointF> points;
        if (run.samples) {
            const std::vector<Sample> &samples = *run.samples;
            for (std::size_t i = 0; i < samples.size(); ++i) {
                const Sample &sample = samples[i];
                if (isShortFinalReading(samples, i))
                    continue;
                const std::optional<double> value
                    = m_measure == Measure::Throughput ? std::optional<double>(sample.throughputTps) : meanBusy(sample);
                if (!value)
                    continue;
                points.append(QPointF(sample.tSeconds, *value));
                m_maxT = std::max(m_maxT, sample.tSeconds);
                m_maxValue = std::max(m_maxValue, *value);
            }
        }
        auto *series = new QLineSeries;
        series->setName(run.name);
        m_chart->addSeries(series);
        series->attachAxis(m_x);
        series->attachAxis(m_y);
        series->replace(points);
        m_series.push_back(series);
    }
    const bool throughput = m_measure == Measure::Throughput;
    if (m_runs.empty()) {
        m_chart->setTitle(tr("Select runs in the table to compare them here"));
    } else {
        const QString title = throughput ? tr("Throughput") : tr("Mean busy across the cores");
        m_chart->setTitle(shared.isEmpty() ? title : tr("%1 · %2").arg(title, shared));
    }
    m_chart->legend()->setVisible(!m_runs.empty() && seriesCount() <= kMaxLegendEntries);
    updateAxes();
    stylePens();
    placeLegend(m_chart);
}

void OverlayChart::updateAxes()
{
    // As many value labels as the plot's height holds: a short plot with large presentation fonts
    // gets 0, 50, 100 rather than six labels elided to "…".
    const qreal labelHeight = QFontMetricsF(m_y->labelsFont()).height();
    const int budget = std::max(2, static_cast<int>(m_chart->plotArea().height() / (2.0 * labelHeight)));
    setNiceRange(m_x, std::max(m_maxT, 0.1));
    if (m_measure == Measure::Throughput) {
        setNiceRange(m_y, std::max(m_maxValue * 1.05, 1.0), std::max(1, budget - 1));
        return;
    }
    double interval = 100.0;
    for (const double candidate : {20.0, 25.0, 50.0}) {
        if (100.0 / candidate + 1.0 <= budget) {
            interval = candidate;
            break;
        }
    }
    // A little headroom so a run at 100% stays visible above the plot's edge.
    m_y->setRange(0.0, 104.0);
    m_y->setTickType(QValueAxis::TicksDynamic);
    m_y->setTickAnchor(0.0);
    m_y->setTickInterval(interval);
    m_y->setLabelFormat(QStringLiteral("%.0f"));
}

QStringList OverlayChart::seriesNames() const
{
    QStringList names;
    for (const QLineSeries *series : m_series)
        names << series->name();
    return names;
}

QString OverlayChart::title() const
{
    return m_chart->title();
}

qsizetype OverlayChart::pointCount() const
{
    qsizetype total = 0;
    for (const QLineSeries *series : m_series)
        total += series->count();
    return total;
}

void OverlayChart::stylePens()
{
    for (std::size_t i = 0; i < m_series.size(); ++i) {
        QPen pen(runColor(m_runs[i].colorIndex, m_appearance));
        pen.setWidthF(m_appearance.lineWidth());
        setSeriesDash(pen, m_runs[i].colorIndex); // each run's line its own dash as well as colour
        m_series[i]->setPen(pen);
    }
}

void OverlayChart::setAppearance(const Appearance &appearance)
{
    m_appearance = appearance;
    styleChart(m_chart, appearance);
    styleAxis(m_x, appearance);
    styleAxis(m_y, appearance);
    stylePens();
    setBackgroundBrush(appearance.panel());
    // Room for a plot beside the title, the axes and the legend at this font size.
    setMinimumSize(static_cast<int>(300 * appearance.fontScale()), static_cast<int>(200 * appearance.fontScale()));
    placeLegend(m_chart);
}

} // namespace clab
