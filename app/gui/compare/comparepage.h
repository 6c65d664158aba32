#pragma once

#include "compare/sweepcontroller.h"
#include "lab/runcontroller.h"
#include "results/sweep.h"
#include "shell/appearance.h"

#include <QWidget>

#include <functional>
#include <optional>
#include <vector>

class QLabel;
class QProgressBar;
class QPushButton;
class QScrollArea;
class QSortFilterProxyModel;
class QTableView;

namespace clab {

class OverlayChart;
class PythonInterpreters;
class RunsTableModel;
class SpeedupChart;
class SweepPanel;

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
    // The same experiment run on a Python interpreter after the Lab's run: a row of its own,
    // labelled with the interpreter (nothing when it has no result).
    void addPythonRun(const RunConfig &config, const python::PythonOutcome &outcome);
    // A run read back from a session file, with the source and speedup it had (session/).
    void addSavedRun(const RunResult &result, std::optional<double> speedup, const QString &source);
    void clear();
    int runCount() const;
    void setAppearance(const Appearance &appearance);

    // Where a sweep takes its workload from: the Lab's current settings (MainWindow sets it).
    void setLabConfigSource(std::function<RunConfig()> source);
    // While the Lab runs, a sweep would compete with it for the cores: none starts.
    void setLabBusy(bool busy);

    // The interpreters a sweep can also run on (MainWindow owns them).
    void setInterpreters(PythonInterpreters *interpreters);

    // Starts a sweep with the page's choices; on bad input shows the message and changes nothing.
    // `pythonPath`: also on that interpreter (one of setInterpreters()'), after the engine.
    bool startSweep();
    bool startSweep(const std::vector<ExecutionModel> &models, const std::vector<GilPolicy> &policies, int maxWorkers,
        const QString &pythonPath = {});
    void cancelSweep();
    QString sweepMessage() const;

    // The runs, sortable by any column: a QTableView on runsModel() through a sorting proxy.
    QTableView *table() const { return m_table; }
    RunsTableModel *runsModel() const { return m_runs; }
    SpeedupChart *speedupChart() const { return m_speedup; }
    OverlayChart *throughputOverlay() const { return m_throughputOverlay; }
    OverlayChart *coreOverlay() const { return m_coreOverlay; }
    SweepController *sweepController() const { return m_sweep; }
    QProgressBar *sweepProgress() const;

protected:
    void showEvent(QShowEvent *event) override;

private:
    void addRow(const RunResult &result, std::optional<double> speedup, const QString &source);
    void updateOverlays();
    void updateSelectionHint();
    void updateSweepControls();
    void updateWorkloadLabel();
    void showSweepMessage(const QString &message);
    void selectLargestOfSweep();
    void onStepFinished(const SweepStep &step, const RunResult &result, double speedup);
    void onSweepProgress();
    void onSweepEnded(SweepController::Outcome outcome, const QString &message);
    void updateSpeedupChart();

    RunsTableModel *m_runs;
    QSortFilterProxyModel *m_sorted;
    QTableView *m_table;
    SpeedupChart *m_speedup;
    OverlayChart *m_throughputOverlay;
    OverlayChart *m_coreOverlay;
    SweepController *m_sweep;
    QPushButton *m_clear = nullptr;
    QLabel *m_selectionHint = nullptr;

    SweepPanel *m_panel = nullptr;
    QScrollArea *m_sideScroll = nullptr; // the sweep panel and the overlays, beside the speedup chart

    std::function<RunConfig()> m_labConfig;
    PythonInterpreters *m_interpreters = nullptr;
    bool m_labBusy = false;
    int m_sweepNumber = 0;
    QString m_sweepTitle;
    Appearance m_appearance;
};

} // namespace clab
