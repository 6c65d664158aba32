#pragma once

#include "appearance.h"

#include <QChartView>
#include <QString>

#include <map>
#include <vector>

class QLineSeries;
class QValueAxis;

namespace clab {

// Speedup against worker count, one line per model and GIL, with the ideal (speedup = workers)
// dashed: the Compare page's picture of Amdahl and the GIL.
class SpeedupChart : public QChartView
{
    Q_OBJECT

public:
    explicit SpeedupChart(QWidget *parent = nullptr);

    void addPoint(const QString &group, int workers, double speedup);
    void clear();
    void setAppearance(const Appearance &appearance);
    int pointCount() const;

private:
    void rebuild();

    QChart *m_chart;
    QValueAxis *m_x;
    QValueAxis *m_y;
    QLineSeries *m_ideal;
    std::map<QString, std::map<int, double>> m_points; // group -> workers -> latest speedup
    std::map<QString, QLineSeries *> m_series;
    Appearance m_appearance;
};

} // namespace clab
