#pragma once

#include "lab/explanation.h"
#include "lab/runcontroller.h"
#include "model/presetcatalog.h"
#include "shell/appearance.h"

#include <QWidget>

#include <optional>

class QComboBox;
class QLabel;
class QPushButton;
class QScrollArea;
class QSplitter;
class QTabWidget;
class QToolButton;

namespace clab {

class CoreBarsWidget;
class CoreChart;
class PredictionWidget;
class PythonInterpreters;
class PythonTab;
class RunSettingsForm;
class SummaryWidget;
class ThroughputChart;
class TimelineWidget;

// The live lab: choose an experiment (or a preset), predict, run, and watch throughput, every
// core and every worker while it runs; then read the summary. Renders what the engine reports.
class LabPage : public QWidget
{
    Q_OBJECT

public:
    LabPage(RunController *controller, const PresetCatalog *presets, QWidget *parent = nullptr);

    // The settings form's experiment (lab/runsettingsform.h), and setting it.
    RunConfig configFromControls() const;
    void setControls(const RunConfig &config);
    bool loadPreset(const QString &id);
    QString currentPresetId() const;
    // Shows `id` as the chosen preset and its question without touching the controls (restoring
    // a session whose preset was then modified).
    void setPresetSelection(const QString &id);

    // Validates with the engine and starts; on bad input shows the message and changes nothing.
    bool startRun();
    void stopRun();
    QString validationMessage() const;

    void setAppearance(const Appearance &appearance);
    bool askPrediction() const;
    void setAskPrediction(bool on);
    // Something else keeps the cores busy (a sweep in Compare): while `reason` is not empty, Run is
    // off and startRun() refuses with it.
    void setBlockedBy(const QString &reason);

    ThroughputChart *throughputChart() const { return m_throughput; }
    CoreChart *coreChart() const { return m_cores; }
    CoreBarsWidget *coreBars() const { return m_bars; }
    TimelineWidget *timeline() const { return m_timeline; }
    SummaryWidget *summary() const { return m_summary; }
    QWidget *chartsArea() const { return m_chartsArea; }
    QPushButton *runButton() const { return m_run; }
    PredictionWidget *predictionWidget() const { return m_predict; }
    // The live charts and the Python tab (lab/pythontab.h) share the middle column as tabs.
    QTabWidget *views() const { return m_views; }
    PythonTab *pythonTab() const { return m_pythonTab; }
    void showPythonTab();
    // The interpreters the Python tab offers to run the experiment on (MainWindow owns them).
    void setInterpreters(PythonInterpreters *interpreters);

    // The settings (preset and form) above the prediction fold away, leaving the prediction and
    // Run/Stop: in presentation mode on a window narrower than kFoldBelowWidth they fold (when
    // the window is sized or a run starts) unless the user has shown or hidden them by hand.
    static constexpr int kFoldBelowWidth = 1400;
    bool settingsShown() const;
    void setSettingsShown(bool shown);
    // The user's own choice of showing or hiding them, kept between sessions (MainWindow's
    // settings); none while the page still folds them by the window's size.
    std::optional<bool> settingsChoice() const;
    void setSettingsChoice(std::optional<bool> shown);

signals:
    void presetChanged(const QString &id);

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    QWidget *buildControls();
    QWidget *buildCharts();
    void onPresetChosen(int index);
    void setBusy(bool busy);
    void onRunStarted(const RunConfig &config, bool baseline);
    void onSamples(const std::vector<Sample> &samples);
    void onTimeline(const TimelineDelta &delta);
    void onFinished(const RunResult &result);
    void onPythonPhase();
    void onPythonFinished(const RunConfig &config, const python::PythonOutcome &outcome);
    void showValidation(const QString &message);
    int settingsWidth() const;
    void fitColumns();

    RunController *m_controller;
    const PresetCatalog *m_presets;

    QComboBox *m_preset = nullptr;
    QLabel *m_presetQuestion = nullptr;
    RunSettingsForm *m_form = nullptr;
    QLabel *m_validation = nullptr;
    PredictionWidget *m_predict = nullptr;
    QPushButton *m_run = nullptr;
    QPushButton *m_stop = nullptr;
    QWidget *m_controls = nullptr; // the settings: preset and form
    QScrollArea *m_settingsScroll = nullptr;
    QScrollArea *m_summaryScroll = nullptr;
    QToolButton *m_settingsToggle = nullptr;
    QWidget *m_leftColumn = nullptr;
    QSplitter *m_split = nullptr;
    bool m_settingsChosen = false; // the user folded or unfolded the settings
    QComboBox *m_colorMode = nullptr;

    QWidget *m_chartsArea = nullptr;
    QTabWidget *m_views = nullptr;
    PythonTab *m_pythonTab = nullptr;
    ThroughputChart *m_throughput = nullptr;
    CoreChart *m_cores = nullptr;
    CoreBarsWidget *m_bars = nullptr;
    TimelineWidget *m_timeline = nullptr;
    QLabel *m_timelineTitle = nullptr;
    QLabel *m_runHeader = nullptr;
    SummaryWidget *m_summary = nullptr;

    QString m_blockedBy;
    std::optional<Prediction> m_runPrediction;
    int m_tasksPlanned = 0;
    bool m_inBaseline = false; // the run being shown is the baseline
    bool m_toldNoSchedStat = false; // said once per session that "waiting for a core" is not measured
    double m_elapsed = 0.0;
    Appearance m_appearance;
};

} // namespace clab
