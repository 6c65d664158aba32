#pragma once

#include "measurement/sample.h"
#include "shell/appearance.h"

#include <QChartView>
#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

class QLineSeries;
class QValueAxis;

namespace clab {

// One finished run to draw over the others: its name as the Compare table shows it, its colour
// (runColor's index, so the table's swatch matches) and its samples (owned by the caller, alive as
// long as the chart shows them).
struct OverlayRun
{
    QString name;
    int colorIndex = 0;
    const std::vector<Sample> *samples = nullptr;
};

// The runs selected in the Compare table drawn over each other against the time since each run
// started, one colour per run. Two measures: throughput (tasks/s), or the mean busy % across all
// cores, one line per run, which stays readable on a projector where every core of every run
// would be a tangle.
class OverlayChart : public QChartView
{
    Q_OBJECT

public:
    enum class Measure
    {
        Throughput,
        MeanCoreBusy
    };

    explicit OverlayChart(Measure measure, QWidget *parent = nullptr);

    // Replaces what is drawn; an empty list shows the hint to select runs. `shared` is what every
    // run has in common and the names leave out ("cpu"), said once in the title.
    void setRuns(const std::vector<OverlayRun> &runs, const QString &shared = {});
    void setAppearance(const Appearance &appearance);

    Measure measure() const { return m_measure; }
    int seriesCount() const { return static_cast<int>(m_series.size()); }
    QStringList seriesNames() const;
    QString title() const;
    qsizetype pointCount() const;

    // Mean busy % over the cores that were online (negative entries are offline cores); nothing
    // when no core was.
    static std::optional<double> meanBusy(const Sample &sample);

private:
    void stylePens();
    void updateAxes();

    Measure m_measure;
    QChart *m_chart;
    QValueAxis *m_x;
    QValueAxis *m_y;
    std::vector<QLineSeries *> m_series;
    std::vector<OverlayRun> m_runs;
    double m_maxT = 0.0;
    double m_maxValue = 0.0;
    Appearance m_appearance;
};

} // namespace clab
