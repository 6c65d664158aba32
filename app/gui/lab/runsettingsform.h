#pragma once

#include "model/runconfig.h"

#include <QWidget>

#include <map>

class QCheckBox;
class QComboBox;
class QFormLayout;
class QGroupBox;
class QLabel;
class QSlider;
class QSpinBox;

namespace clab {

// The Lab's experiment settings as controls, one group box each: execution (model, workers,
// workload, tasks), the chosen workload's parameters, the event loop (coroutines only) and the GIL.
// Converts both ways between a RunConfig and the controls; the engine's field ranges set the limits.
class RunSettingsForm : public QWidget
{
    Q_OBJECT

public:
    explicit RunSettingsForm(QWidget *parent = nullptr);

    RunConfig config() const;
    // Settings without a control (seed, sampling rate) are kept and come back from config().
    void setConfig(const RunConfig &config);

private:
    QGroupBox *buildExecution();
    QGroupBox *buildParameters();
    QGroupBox *buildEventLoop();
    QGroupBox *buildGil();
    void onModelChanged();
    void onWorkloadChanged();
    void updateGilWarning();
    void onSwitchSlider(int position);
    void setSwitchInterval(double ms);

    QComboBox *m_model = nullptr;
    QSpinBox *m_workers = nullptr;
    QLabel *m_workersRange = nullptr;
    QComboBox *m_workload = nullptr;
    QLabel *m_workloadSummary = nullptr;
    QSpinBox *m_tasks = nullptr;
    QFormLayout *m_paramsForm = nullptr;
    std::map<QString, QWidget *> m_params; // snake_case key -> its spin box
    QComboBox *m_gil = nullptr;
    QSlider *m_switchSlider = nullptr;
    QLabel *m_switchValue = nullptr;
    double m_switchMs = 5.0;
    QSpinBox *m_hogs = nullptr;
    QLabel *m_gilWarning = nullptr;
    QGroupBox *m_coroutineBox = nullptr;
    QSpinBox *m_yieldEvery = nullptr;
    QCheckBox *m_blockingIo = nullptr;
    RunConfig m_hiddenConfig; // settings the form has no control for keep their last values
};

} // namespace clab
