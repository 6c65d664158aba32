#pragma once

#include "charts/timeserieshistory.h"
#include "measurement/sample.h"
#include "shell/appearance.h"

#include <QChartView>

#include <optional>
#include <vector>

class QLineSeries;
class QValueAxis;

namespace clab {

// Tasks completed per second over the run, with the measured sequential baseline as a dashed
// reference line. Samples are appended to a bounded history and the series is replaced once per
// frame; axes grow in steps, so most frames change nothing but one path.
class ThroughputChart : public QChartView
{
    Q_OBJECT

public:
    explicit ThroughputChart(QWidget *parent = nullptr);

    void reset(const QString &title);
    void appendSamples(const std::vector<Sample> &samples);
    // The run ended: fit the time axis to its length.
    void finish();
    void setBaselineThroughput(std::optional<double> tasksPerSecond);
    void setAppearance(const Appearance &appearance);

    qsizetype pointCount() const { return m_history.size(); }
    QLineSeries *series() const { return m_series; }

private:
    void updateAxes(bool force);
    void fitToSize();

    QChart *m_chart;
    QLineSeries *m_series;
    QLineSeries *m_baseline;
    QValueAxis *m_x;
    QValueAxis *m_y;
    TimeSeriesHistory m_history;
    std::optional<double> m_baselineTps;
    QString m_title;
    double m_xWant = 2.0; // what the axes must show; their ranges are nice steps at or above
    double m_yWant = 1.0;
    double m_xMax = 0.0;
    double m_yMax = 0.0;
    bool m_fitting = false;
    bool m_refit = false; // see fitToSize
    Appearance m_appearance;
};

} // namespace clab
