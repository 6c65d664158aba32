#pragma once

#include "execution/run.h"
#include "lab/pythonrunner.h"
#include "measurement/procstat.h"
#include "measurement/sample.h"
#include "measurement/timeline.h"
#include "model/runconfig.h"
#include "offthreadptr.h"
#include "results/experiment.h"
#include "results/runresult.h"

#include <QObject>
#include <QTimer>

#include <memory>
#include <optional>
#include <vector>

namespace clab {

// New timeline intervals of the units since the previous frame, and the units' live status.
struct TimelineDelta
{
    std::int64_t startNs = 0; // the run's start on the monotonic clock
    double elapsedSeconds = 0.0;
    std::size_t unitCount = 0; // the run's units, lanes or not
    std::vector<UnitStatus> units; // the first ones, as many as the timeline has lanes for
    std::vector<std::pair<int, std::vector<Interval>>> added; // unit index -> its new intervals
};

// Owns the engine's Experiment on the GUI thread: the run and the sequential baseline
// its speedup is measured against, by the engine's rules (experiment.h: a baseline is reused only
// while fresh, and measured again after a long run). start() returns at once; a ~33 ms timer
// advances the experiment and hands the live run's samples and timeline intervals to the charts
// once per frame. The GUI thread never joins a thread that is still going, sleeps or waits on a
// process: the Experiment (and its Run) is destroyed off the GUI thread (OffThreadPtr), and a
// finished one's result is moved out of it first.
//
// Phases: Baseline (the sequential baseline before the run), Experiment (the run), Rebaseline (a
// second baseline after a long run; its samples are not charted, the run's charts stay), and
// Python (with a Python interpreter chosen: the same experiment on it, after the engine's run,
// never beside it; pythonRunner() says which of its programs runs).
class RunController : public QObject
{
    Q_OBJECT

public:
    enum class Phase
    {
        Idle,
        Baseline,
        Experiment,
        Rebaseline,
        Python
    };

    explicit RunController(QObject *parent = nullptr);
    ~RunController() override;

    // Validates `config` with the engine; on an error nothing starts and nothing changes.
    std::optional<ConfigError> start(const RunConfig &config);
    void stop();

    Phase phase() const { return m_phase; }
    bool isBusy() const { return m_phase != Phase::Idle; }
    bool isStopping() const
    {
        return isBusy() && ((m_experiment && m_experiment->isStopRequested()) || m_pythonStopRequested);
    }
    const RunConfig &config() const { return m_config; }
    double elapsedSeconds() const;

    // The last baseline measured for `config`'s workload this session, fresh or not.
    std::optional<BaselineMeasurement> cachedBaselineFor(const RunConfig &config) const;
    // What the last finished experiment's speedup was measured against (nothing: no baseline).
    const std::optional<BaselineMeasurement> &lastBaseline() const { return m_lastBaseline; }
    // The last finished experiment in full (speedup, baseline before/after, reuse); null before.
    std::shared_ptr<const ExperimentResult> lastExperiment() const { return m_lastExperiment; }

    void setBaselineEnabled(bool enabled) { m_options.measureBaseline = enabled; }
    void setBaselineCapSeconds(double seconds) { m_options.baselineCapSeconds = seconds; }
    // Runs longer than this get a second baseline after them (ExperimentOptions::longRunSeconds).
    void setLongRunSeconds(double seconds) { m_options.longRunSeconds = seconds; }
    // After each experiment that ran to its end, run it on `interpreter` too (nothing: never).
    void setPythonInterpreter(std::optional<python::Interpreter> interpreter)
    {
        m_pythonInterpreter = std::move(interpreter);
    }
    const std::optional<python::Interpreter> &pythonInterpreter() const { return m_pythonInterpreter; }
    PythonRunner *pythonRunner() const { return m_python; }

    void setFrameIntervalMs(int ms) { m_timer.setInterval(ms); }
    int frameIntervalMs() const { return m_timer.interval(); }

    // The last finished experiment's run (shared so exports and the Compare page keep it cheaply;
    // it lives inside lastExperiment()).
    std::shared_ptr<const RunResult> lastResult() const;

signals:
    void runStarted(const clab::RunConfig &config, bool baseline);
    // The run is over and a second baseline is being measured (the run's charts stay).
    void rebaselineStarted();
    void samplesArrived(const std::vector<clab::Sample> &samples);
    void timelineArrived(const clab::TimelineDelta &delta);
    void baselineMeasured(const clab::BaselineMeasurement &baseline);
    void runFinished(const clab::RunResult &result);
    // The experiment could not run: its baseline failed (or, never expected, a Run did not start).
    void runFailed(const QString &message);
    // The experiment's Python program ran on an interpreter after the engine's run (Phase::Python).
    void pythonFinished(const clab::RunConfig &config, const clab::python::PythonOutcome &outcome);
    void busyChanged(bool busy);

private:
    void poll();
    void pull(Run &run, bool finalPull);
    void enterPhase(Phase phase);
    void finish();
    void onPythonFinished(const python::PythonOutcome &outcome);
    static Phase phaseOf(Experiment::Phase phase);
    std::optional<double> otherLoadSinceLastRun() const;

    QTimer m_timer;
    Phase m_phase = Phase::Idle;
    RunConfig m_config;
    ExperimentOptions m_options;
    BaselineCache m_baselines;
    OffThreadPtr<Experiment> m_experiment;
    const Run *m_charted = nullptr; // the Run whose samples the charts show now
    std::vector<std::size_t> m_cursor; // per unit of m_charted: intervals already handed out
    // The machine's counters when the last run ended: the load between runs is all other programs'.
    std::vector<CpuTimes> m_idleCpu;
    std::int64_t m_idleSinceNs = 0;
    std::optional<BaselineMeasurement> m_lastBaseline;
    // Moved out of the finished Experiment, never copied: a run's timelines can be large.
    std::shared_ptr<const ExperimentResult> m_lastExperiment;
    PythonRunner *m_python;
    std::optional<python::Interpreter> m_pythonInterpreter;
    bool m_pythonStopRequested = false;
};

} // namespace clab
