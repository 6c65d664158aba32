#pragma once

#include "appearance.h"
#include "runcontroller.h"

#include <QWidget>

class QTableWidget;

namespace clab {

class SpeedupChart;

// Every experiment of the session in a table, and speedup against worker count per model and GIL.
class ComparePage : public QWidget
{
    Q_OBJECT

public:
    explicit ComparePage(QWidget *parent = nullptr);

    void addRun(const RunResult &result, const std::optional<BaselineMeasurement> &baseline);
    void clear();
    int runCount() const;
    void setAppearance(const Appearance &appearance);
    SpeedupChart *speedupChart() const { return m_chart; }

private:
    QTableWidget *m_table;
    SpeedupChart *m_chart;
};

} // namespace clab
