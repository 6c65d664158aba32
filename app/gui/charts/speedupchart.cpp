#include "charts/speedupchart.h"

#include "charts/chartstyle.h"
#include "charts/legendplacement.h"
#include "charts/runcolors.h"

#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QValueAxis>

#include <algorithm>

namespace clab {

SpeedupChart::SpeedupChart(QWidget *parent)
    : QChartView(parent)
    , m_chart(new QChart)
    , m_x(new QValueAxis)
    , m_y(new QValueAxis)
    , m_ideal(new QLineSeries)
    , m_coreLimit(new QLineSeries)
{
    setChart(m_chart);
    setRenderHint(QPainter::Antialiasing);
    setObjectName(QStringLiteral("speedupChart"));
    setAccessibleName(tr("Speedup versus workers chart"));
    setAccessibleDescription(tr("Speedup of each sweep run against the sweep's measured sequential run, with the "
                                "ideal line and an Amdahl's-law fit per model and GIL"));

    m_chart->addAxis(m_x, Qt::AlignBottom);
    m_chart->addAxis(m_y, Qt::AlignLeft);
    m_x->setTitleText(tr("workers"));
    m_y->setTitleText(tr("speedup (×)"));
    m_ideal->setName(tr("ideal: speedup = workers"));
    m_chart->addSeries(m_ideal);
    m_ideal->attachAxis(m_x);
    m_ideal->attachAxis(m_y);
    m_chart->addSeries(m_coreLimit);
    m_coreLimit->attachAxis(m_x);
    m_coreLimit->attachAxis(m_y);
    connect(m_chart, &QChart::plotAreaChanged, this, [this] {
        fitTitle();
        placeLegend(m_chart);
    });
    setAppearance(m_appearance);
    clear();
}

QString SpeedupChart::fitLabel(const AmdahlFit &fit)
{
    if (!fit.isDetermined())
        return {};
    const double percent = fit.serialFraction * 100.0;
    const double error = *fit.serialFractionError * 100.0;
    const int decimals = error < 1.0 ? 1 : 0;
    const QString serial
        = tr("%1 ± %2% serial").arg(QString::number(percent, 'f', decimals), QString::number(error, 'f', decimals));
    // The limit 1/s only means something when the serial part is clearly above zero.
    if (!fit.limit || fit.serialFraction <= 2.0 * *fit.serialFractionError)
        return tr("Amdahl fit: %1 → no limit these points can tell").arg(serial);
    const double limit = *fit.limit;
    return tr("Amdahl fit: %1 → at most %2× with unlimited cores")
        .arg(serial, QString::number(limit, 'f', limit < 10.0 ? 1 : 0));
}

bool SpeedupChart::marksMoreWorkersThanCores() const
{
    return m_coreLimit->count() > 0;
}

void SpeedupChart::removeLines()
{
    for (QLineSeries *series : m_measured) {
        m_chart->removeSeries(series);
        delete series;
    }
    for (QLineSeries *series : m_fits) {
        if (!series)
            continue;
        m_chart->removeSeries(series);
        delete series;
    }
    m_measured.clear();
    m_fits.clear();
    m_lines.clear();
}

void SpeedupChart::clear()
{
    setLines(tr("Speedup versus workers: run a sweep to plot it"), {});
}

void SpeedupChart::setLines(const QString &title, const std::vector<Line> &lines)
{
    removeLines();
    m_lines = lines;
    m_title = title;
    fitTitle();
    int maxWorkers = 2;
    double maxSpeedup = 1.0;
    int processors = 0;
    for (const Line &line : m_lines) {
        processors = std::max(processors, line.processors);
        for (const SpeedupPoint &p : line.points) {
            maxWorkers = std::max(maxWorkers, static_cast<int>(p.workers));
            maxSpeedup = std::max(maxSpeedup, p.speedup);
        }
    }
    for (const Line &line : m_lines) {
        auto *measured = new QLineSeries;
        measured->setName(line.name);
        measured->setPointsVisible(true);
        QList<QPointF> points;
        for (const SpeedupPoint &p : line.points)
            points.append(QPointF(p.workers, p.speedup));
        measured->replace(points);
        m_chart->addSeries(measured);
        measured->attachAxis(m_x);
        measured->attachAxis(m_y);
        m_measured.push_back(measured);

        QLineSeries *fitted = nullptr;
        if (line.fit && line.fit->isDetermined()) {
            // One legend entry per line says both: "threads · no GIL — Amdahl fit: 25% serial → at
            // most 4.0×"; the dashed curve in the same colour needs no entry of its own.
            measured->setName(tr("%1 — %2").arg(line.name, fitLabel(*line.fit)));
            fitted = new QLineSeries;
            fitted->setName(fitLabel(*line.fit));
            fitted->setProperty(kNoLegendEntry, true);
            // A smooth curve from one worker to the sweep's last within the cores: beyond them
            // the limit is the core count, which the law does not describe.
            const double lastFitted = line.processors > 0 ? std::min(maxWorkers, line.processors) : maxWorkers;
            QList<QPointF> curve;
            constexpr int kSteps = 48;
            for (int i = 0; i <= kSteps; ++i) {
                const double n = 1.0 + (lastFitted - 1.0) * i / kSteps;
                curve.append(QPointF(n, amdahlSpeedup(line.fit->serialFraction, n)));
            }
            fitted->replace(curve);
            m_chart->addSeries(fitted);
            fitted->attachAxis(m_x);
            fitted->attachAxis(m_y);
            for (QLegendMarker *marker : m_chart->legend()->markers(fitted))
                marker->setVisible(false);
        }
        m_fits.push_back(fitted);
    }
    // Ideal: speedup = workers, up to the cores; past them the cores are the limit.
    const bool pastCores = processors > 0 && maxWorkers > processors;
    if (pastCores) {
        m_ideal->setName(processors == 1 ? tr("ideal: speedup = workers, at most 1 core")
                                         : tr("ideal: speedup = workers, at most %1 cores").arg(processors));
        m_ideal->replace(QList<QPointF>{
            {1.0, 1.0}, {double(processors), double(processors)}, {double(maxWorkers), double(processors)}});
        m_coreLimit->setName(tr("more workers than cores → they take turns"));
    } else {
        m_ideal->setName(tr("ideal: speedup = workers"));
        m_ideal->replace(QList<QPointF>{{1.0, 1.0}, {double(maxWorkers), double(maxWorkers)}});
    }
    // Half a worker of room on both sides keeps the end points off the plot's edges.
    m_x->setTickType(QValueAxis::TicksDynamic);
    m_x->setTickAnchor(1.0);
    m_x->setTickInterval(std::max(1.0, niceStep(maxWorkers / 8.0)));
    m_x->setLabelFormat(QStringLiteral("%d"));
    m_x->setRange(0.5, maxWorkers + 0.5);
    const double top = std::max(maxSpeedup, double(pastCores ? processors : maxWorkers)) * 1.05;
    setNiceRange(m_y, top);
    if (pastCores)
        m_coreLimit->replace(QList<QPointF>{{processors + 0.5, 0.0}, {processors + 0.5, m_y->max()}});
    else
        m_coreLimit->clear();
    m_coreLimit->setProperty(kNoLegendEntry, !pastCores);
    for (QLegendMarker *marker : m_chart->legend()->markers(m_coreLimit))
        marker->setVisible(pastCores);
    stylePens();
    placeLegend(m_chart);
}

int SpeedupChart::pointCount() const
{
    int total = 0;
    for (const QLineSeries *series : m_measured)
        total += static_cast<int>(series->count());
    return total;
}

int SpeedupChart::fitCount() const
{
    return static_cast<int>(std::count_if(m_fits.begin(), m_fits.end(), [](QLineSeries *s) { return s != nullptr; }));
}

QStringList SpeedupChart::legendNames() const
{
    QStringList names;
    for (QLegendMarker *marker : m_chart->legend()->markers()) {
        if (!marker->series()->property(kNoLegendEntry).toBool())
            names << marker->label();
    }
    return names;
}

QString SpeedupChart::title() const
{
    return m_title;
}

void SpeedupChart::fitTitle()
{
    // A narrow chart drops the title's last parts (" · against its measured sequential run")
    // rather than showing it cut.
    QStringList titles{m_title};
    const QString separator = QStringLiteral(" · ");
    for (qsizetype cut = m_title.lastIndexOf(separator); cut > 0; cut = m_title.lastIndexOf(separator, cut - 1))
        titles << m_title.left(cut);
    setFittingTitle(m_chart, titles);
}

void SpeedupChart::stylePens()
{
    const qreal width = m_appearance.lineWidth();
    for (std::size_t i = 0; i < m_measured.size(); ++i) {
        const QColor colour = runColor(static_cast<int>(i), m_appearance);
        QPen pen(colour);
        pen.setWidthF(width);
        m_measured[i]->setPen(pen);
        m_measured[i]->setBrush(colour);
        // Each series has its own marker shape as well as its colour.
        const int marker = m_appearance.presentation ? 12 : 9;
        m_measured[i]->setMarkerSize(marker);
        m_measured[i]->setLightMarker(seriesMarker(static_cast<int>(i), colour, marker));
        if (m_fits[i]) {
            QPen dashed(colour);
            dashed.setWidthF(width * 0.75);
            dashed.setStyle(Qt::DashLine);
            m_fits[i]->setPen(dashed);
        }
    }
    QPen ideal(m_appearance.mutedText());
    ideal.setStyle(Qt::DotLine);
    ideal.setWidthF(width * 0.75);
    m_ideal->setPen(ideal);
    QPen limit(m_appearance.mutedText());
    limit.setStyle(Qt::DashDotLine);
    limit.setWidthF(width * 0.75);
    m_coreLimit->setPen(limit);
}

void SpeedupChart::setAppearance(const Appearance &appearance)
{
    m_appearance = appearance;
    styleChart(m_chart, appearance);
    styleAxis(m_x, appearance);
    styleAxis(m_y, appearance);
    stylePens();
    setBackgroundBrush(appearance.panel());
    // Room for a plot beside the title, the axes and the legend at this font size.
    setMinimumSize(static_cast<int>(320 * appearance.fontScale()), static_cast<int>(220 * appearance.fontScale()));
    placeLegend(m_chart);
}

} // namespace clab
