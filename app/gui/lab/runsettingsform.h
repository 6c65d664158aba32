#pragma once

#include "model/runconfigfields.h"

#include <QWidget>

#include <string_view>
#include <utility>
#include <vector>

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

signals:
    // A control changed (by the user or by setConfig()): config() may read differently.
    void settingsChanged();

private:
    // Makes the control of a field, registers it for config() and setConfig().
    QWidget *bind(std::string_view key, const QString &objectName, const QString &accessibleName);
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
    QFormLayout *m_paramsForm = nullptr;
    QComboBox *m_gil = nullptr;
    QSlider *m_switchSlider = nullptr;
    QLabel *m_switchValue = nullptr;
    double m_switchMs = 5.0;
    QSpinBox *m_hogs = nullptr;
    QLabel *m_gilWarning = nullptr;
    QGroupBox *m_coroutineBox = nullptr;
    std::vector<std::pair<const FieldSpec *, QWidget *>> m_controls; // every bound control, in build order
    RunConfig m_hiddenConfig; // settings the form has no control for keep their last values
};

} // namespace clab
