#include "speedupchart.h"

#include "chartstyle.h"

#include <QLegend>
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
{
    setChart(m_chart);
    setRenderHint(QPainter::Antialiasing);
    setAccessibleName(tr("Speedup versus workers chart"));
    setMinimumSize(300, 220);
    m_chart->setTitle(tr("Speedup versus workers"));
    m_chart->addAxis(m_x, Qt::AlignBottom);
    m_chart->addAxis(m_y, Qt::AlignLeft);
    m_x->setTitleText(tr("workers"));
    m_y->setTitleText(tr("speedup (×)"));
    m_x->setLabelFormat(QStringLiteral("%d"));
    m_ideal->setName(tr("ideal"));
    m_chart->addSeries(m_ideal);
    m_ideal->attachAxis(m_x);
    m_ideal->attachAxis(m_y);
    m_chart->legend()->setAlignment(Qt::AlignRight);
    setAppearance(m_appearance);
    rebuild();
}

void SpeedupChart::addPoint(const QString &group, int workers, double speedup)
{
    m_points[group][workers] = speedup;
    if (!m_series.count(group)) {
        auto *series = new QLineSeries;
        series->setName(group);
        series->setPointsVisible(true);
        m_chart->addSeries(series);
        series->attachAxis(m_x);
        series->attachAxis(m_y);
        m_series[group] = series;
        setAppearance(m_appearance);
    }
    rebuild();
}

void SpeedupChart::clear()
{
    for (auto &[group, series] : m_series) {
        m_chart->removeSeries(series);
        delete series;
    }
    m_series.clear();
    m_points.clear();
    rebuild();
}

int SpeedupChart::pointCount() const
{
    int total = 0;
    for (const auto &[group, points] : m_points)
        total += static_cast<int>(points.size());
    return total;
}

void SpeedupChart::rebuild()
{
    int maxWorkers = 2;
    double maxSpeedup = 1.0;
    for (const auto &[group, points] : m_points) {
        QList<QPointF> line;
        for (const auto &[workers, speedup] : points) {
            line.append(QPointF(workers, speedup));
            maxWorkers = std::max(maxWorkers, workers);
            maxSpeedup = std::max(maxSpeedup, speedup);
        }
        m_series[group]->replace(line);
    }
    m_ideal->replace(QList<QPointF>{{1.0, 1.0}, {double(maxWorkers), double(maxWorkers)}});
    // Half a worker of room on both sides keeps the end points off the plot's edges.
    m_x->setTickType(QValueAxis::TicksDynamic);
    m_x->setTickAnchor(1.0);
    m_x->setTickInterval(std::max(1.0, niceStep(maxWorkers / 8.0)));
    m_x->setRange(0.5, maxWorkers + 0.5);
    setNiceRange(m_y, std::max(maxSpeedup, double(maxWorkers)) * 1.05);
}

void SpeedupChart::setAppearance(const Appearance &appearance)
{
    m_appearance = appearance;
    styleChart(m_chart, appearance);
    styleAxis(m_x, appearance);
    styleAxis(m_y, appearance);
    QPen ideal(appearance.mutedText());
    ideal.setStyle(Qt::DashLine);
    ideal.setWidthF(appearance.lineWidth() * 0.75);
    m_ideal->setPen(ideal);
    int index = 0;
    for (auto &[group, series] : m_series) {
        QPen pen(coreColor(index++));
        pen.setWidthF(appearance.lineWidth());
        series->setPen(pen);
    }
    setBackgroundBrush(appearance.panel());
}

} // namespace clab
