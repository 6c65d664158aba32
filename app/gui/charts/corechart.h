#pragma once

#include "charts/timeserieshistory.h"
#include "measurement/sample.h"
#include "shell/appearance.h"

#include <QChartView>

#include <vector>

class QLineSeries;
class QValueAxis;

namespace clab {

// Every logical core's busy % over the run (system-wide, from /proc/stat via the engine's
// samples), one line per core in the core's colour.
class CoreChart : public QChartView
{
    Q_OBJECT

public:
    explicit CoreChart(QWidget *parent = nullptr);

    void reset(const QString &title);
    void appendSamples(const std::vector<Sample> &samples);
    // The run ended: fit the time axis to its length.
    void finish();
    void setAppearance(const Appearance &appearance);

    int coreCount() const { return static_cast<int>(m_series.size()); }
    qsizetype pointCount() const;

private:
    void ensureCores(std::size_t count);
    void stylePens();
    void updateAxes(bool force);
    void fitToSize();

    QChart *m_chart;
    QValueAxis *m_x;
    QValueAxis *m_y;
    std::vector<QLineSeries *> m_series;
    std::vector<TimeSeriesHistory> m_history;
    double m_lastT = 0.0;
    QString m_title;
    double m_xWant = 2.0; // what the time axis must show; its range is a nice step at or above
    double m_xMax = 0.0;
    bool m_fitting = false;
    bool m_refit = false; // see fitToSize
    Appearance m_appearance;
};

} // namespace clab
