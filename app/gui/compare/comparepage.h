#pragma once

#include "compare/sweepcontroller.h"
#include "lab/runcontroller.h"
#include "shell/appearance.h"
#include "sweep.h"

#include <QWidget>

#include <functional>
#include <memory>
#include <optional>
#include <vector>

class QCheckBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTableWidget;

namespace clab {

class OverlayChart;
class SpeedupChart;

// Every run of the session in a table (the Lab's and the sweeps'); the runs selected in it drawn
// over each other (throughput, and the mean busy of the cores, over time); and a sweep: 1..N
// workers for the chosen models and GIL policies on the Lab's workload, one run at a time off the
// GUI thread, plotted as speedup against workers with the ideal line and an Amdahl's-law fit.
class ComparePage : public QWidget
{
    Q_OBJECT

public:
    explicit ComparePage(QWidget *parent = nullptr);

    // A run of the Lab, measured against the Lab's baseline.
    void addRun(const RunResult &result, const std::optional<BaselineMeasurement> &baseline);
    void clear();
    int runCount() const;
    void setAppearance(const Appearance &appearance);

    // Where a sweep takes its workload from: the Lab's current settings (MainWindow sets it).
    void setLabConfigSource(std::function<RunConfig()> source);
    // While the Lab runs, a sweep would compete with it for the cores: none starts.
    void setLabBusy(bool busy);

    // Starts a sweep with the page's choices; on bad input shows the message and changes nothing.
    bool startSweep();
    bool startSweep(const std::vector<ExecutionModel> &models, const std::vector<GilPolicy> &policies,
                    int maxWorkers);
    void cancelSweep();
    QString sweepMessage() const;

    // "threads ×4 · cpu · Python 3.2+ GIL": how the table, legends and progress name a run.
    static QString runName(const RunConfig &config);
    // "threads ×4 · Python 3.2+ GIL", where the workload is said elsewhere.
    static QString runNameWithoutWorkload(const RunConfig &config);
    static QString gilName(GilPolicy policy);

    QTableWidget *table() const { return m_table; }
    SpeedupChart *speedupChart() const { return m_speedup; }
    OverlayChart *throughputOverlay() const { return m_throughputOverlay; }
    OverlayChart *coreOverlay() const { return m_coreOverlay; }
    SweepController *sweepController() const { return m_sweep; }
    QProgressBar *sweepProgress() const { return m_progress; }

protected:
    void showEvent(QShowEvent *event) override;

private:
    // What the table keeps of a run: enough for its row and the overlays, not its timelines.
    struct ComparedRun
    {
        int number = 0;
        QString source;
        RunConfig config;
        RunSummary summary;
        std::vector<Sample> samples;
    };

    QWidget *buildSweepPanel();
    void addRow(const RunResult &result, std::optional<double> speedup, const QString &source);
    void updateOverlays();
    void updateSelectionHint();
    void updateSweepControls();
    void updateRunCount();
    void updateWorkloadLabel();
    void showSweepMessage(const QString &message);
    void selectLargestOfSweep();
    void onStepFinished(const SweepStep &step, const RunResult &result, double speedup);
    void onSweepProgress();
    void onSweepEnded(SweepController::Outcome outcome, const QString &message);
    void updateSpeedupChart();
    std::vector<ExecutionModel> chosenModels() const;
    std::vector<GilPolicy> chosenPolicies() const;

    QTableWidget *m_table;
    SpeedupChart *m_speedup;
    OverlayChart *m_throughputOverlay;
    OverlayChart *m_coreOverlay;
    SweepController *m_sweep;
    QPushButton *m_clear = nullptr;
    QLabel *m_selectionHint = nullptr;

    QLabel *m_workload = nullptr;
    std::vector<std::pair<ExecutionModel, QCheckBox *>> m_modelBoxes;
    std::vector<std::pair<GilPolicy, QCheckBox *>> m_gilBoxes;
    QSpinBox *m_maxWorkers = nullptr;
    QPushButton *m_sweepButton = nullptr;
    QPushButton *m_cancelButton = nullptr;
    QProgressBar *m_progress = nullptr;
    QLabel *m_sweepStatus = nullptr;
    QLabel *m_message = nullptr;

    std::vector<std::unique_ptr<ComparedRun>> m_runs; // by number - 1
    std::function<RunConfig()> m_labConfig;
    bool m_labBusy = false;
    int m_sweepNumber = 0;
    QString m_sweepTitle;
    Appearance m_appearance;
};

} // namespace clab
