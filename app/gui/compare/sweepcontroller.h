#pragma once

#include "execution/run.h"
#include "offthreadptr.h"
#include "python/pythonexperiment.h"
#include "results/runresult.h"
#include "results/sweep.h"

#include <QObject>
#include <QString>
#include <QStringList>
#include <QTimer>

#include <memory>
#include <optional>
#include <vector>

namespace clab {

class PythonRunner;

// Owns a sweep's runs on the GUI thread: start() plans with the engine and starts the
// first step, and returns at once; a timer polls the current Run, records it when it finished and
// starts the next, so the steps run one at a time on engine threads and never compete with each
// other for the cores they measure. Its Run is never destroyed on the GUI thread (Run's destructor
// joins): OffThreadPtr hands it to a pool thread, and a finished Run's result is moved out first.
// cancel() asks the current run to stop and returns at once; the sweep is idle
// again as soon as that run has ended (its threads joined, its child processes reaped).
// With an interpreter, the engine's runs are followed by the same workload as Python programs on
// it, one model at a time at 1..N workers, each against its own sequential baseline measured right
// before it (PythonRunner): a line of the interpreter's beside the engine's.
class SweepController : public QObject
{
    Q_OBJECT

public:
    enum class Outcome
    {
        Completed,
        Cancelled,
        Failed
    };
    Q_ENUM(Outcome)

    explicit SweepController(QObject *parent = nullptr);
    ~SweepController() override;

    // Plans and validates every step first; on an error nothing starts and nothing changes.
    // `python`: also run the workload as Python programs on that interpreter, after the engine.
    std::optional<ConfigError> start(
        const SweepRequest &request, const std::optional<python::Interpreter> &python = std::nullopt);
    void cancel();

    bool isBusy() const { return m_busy; }
    bool isCancelling() const { return m_cancelled && isBusy(); }
    // Every run, the engine's and the interpreter's (one Python point counts as one).
    int stepCount() const { return engineStepCount() + static_cast<int>(m_pythonSteps.size()); }
    int stepsDone() const { return m_done + m_pythonDone; }
    // The engine's step running now, or nullptr when none is (idle, a Python point, or between
    // the last step and the end).
    const SweepStep *currentStep() const
    {
        return m_busy && m_done < engineStepCount() ? &m_plan.steps[static_cast<std::size_t>(m_done)] : nullptr;
    }
    // The Python point running now (its config; the interpreter is pythonInterpreter()), or nullptr.
    const RunConfig *currentPythonStep() const;
    const std::optional<python::Interpreter> &pythonInterpreter() const { return m_python; }
    // The models the interpreter cannot run, and why ("subinterpreters need Python 3.14…"): left
    // out of its line, said in the sweep's status.
    const QStringList &pythonSkipped() const { return m_pythonSkipped; }
    PythonRunner *pythonRunner() const { return m_pythonRunner; }
    std::uint64_t currentTasksDone() const;
    const SweepRequest &request() const { return m_request; }
    const SweepTally &tally() const { return m_tally; }

    void setPollIntervalMs(int ms) { m_timer.setInterval(ms); }

signals:
    void stepStarted(int index, const clab::SweepStep &step);
    // A step that finished whole, with its speedup against its policy's baseline (1 for a baseline).
    void stepFinished(const clab::SweepStep &step, const clab::RunResult &result, double speedup);
    // A Python point that finished with a speedup (`config`'s model and workers).
    void pythonStepFinished(const clab::RunConfig &config, const clab::python::PythonOutcome &outcome);
    // Between steps and while one runs (each poll), for progress displays.
    void progressed();
    // The sweep is over: every step done, cancelled, or a step failed (`message` says which and why).
    void sweepEnded(clab::SweepController::Outcome outcome, const QString &message);
    void busyChanged(bool busy);

private:
    int engineStepCount() const { return static_cast<int>(m_plan.steps.size()); }
    void poll();
    bool startStep();
    // After the engine's last step: the first Python point, or the end.
    void afterEngineSteps();
    void startPythonStep();
    void onPythonFinished(const python::PythonOutcome &outcome);
    void finish(Outcome outcome, const QString &message);

    QTimer m_timer;
    SweepRequest m_request;
    SweepPlan m_plan;
    SweepTally m_tally;
    OffThreadPtr<Run> m_run;
    std::optional<python::Interpreter> m_python;
    std::vector<RunConfig> m_pythonSteps;
    QStringList m_pythonSkipped;
    PythonRunner *m_pythonRunner = nullptr;
    int m_pythonDone = 0;
    int m_done = 0;
    bool m_busy = false;
    bool m_cancelled = false;
};

} // namespace clab
