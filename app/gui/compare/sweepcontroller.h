#pragma once

#include "execution/run.h"
#include "offthreadptr.h"
#include "results/runresult.h"
#include "results/sweep.h"

#include <QObject>
#include <QString>
#include <QTimer>

#include <memory>
#include <optional>

namespace clab {

// Owns a sweep's runs on the GUI thread: start() plans with the engine and starts the
// first step, and returns at once; a timer polls the current Run, records it when it finished and
// starts the next, so the steps run one at a time on engine threads and never compete with each
// other for the cores they measure. Its Run is never destroyed on the GUI thread (Run's destructor
// joins): OffThreadPtr hands it to a pool thread, and a finished Run's result is moved out first.
// cancel() asks the current run to stop and returns at once; the sweep is idle
// again as soon as that run has ended (its threads joined, its child processes reaped).
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
    std::optional<ConfigError> start(const SweepRequest &request);
    void cancel();

    bool isBusy() const { return m_busy; }
    bool isCancelling() const { return m_cancelled && isBusy(); }
    int stepCount() const { return static_cast<int>(m_plan.steps.size()); }
    int stepsDone() const { return m_done; }
    // The step running now, or nullptr when none is (idle, or between the last step and the end).
    const SweepStep *currentStep() const
    {
        return m_busy && m_done < stepCount() ? &m_plan.steps[static_cast<std::size_t>(m_done)] : nullptr;
    }
    std::uint64_t currentTasksDone() const;
    const SweepRequest &request() const { return m_request; }
    const SweepTally &tally() const { return m_tally; }

    void setPollIntervalMs(int ms) { m_timer.setInterval(ms); }

signals:
    void stepStarted(int index, const clab::SweepStep &step);
    // A step that finished whole, with its speedup against its policy's baseline (1 for a baseline).
    void stepFinished(const clab::SweepStep &step, const clab::RunResult &result, double speedup);
    // Between steps and while one runs (each poll), for progress displays.
    void progressed();
    // The sweep is over: every step done, cancelled, or a step failed (`message` says which and why).
    void sweepEnded(clab::SweepController::Outcome outcome, const QString &message);
    void busyChanged(bool busy);

private:
    void poll();
    bool startStep();
    void finish(Outcome outcome, const QString &message);

    QTimer m_timer;
    SweepRequest m_request;
    SweepPlan m_plan;
    SweepTally m_tally;
    OffThreadPtr<Run> m_run;
    int m_done = 0;
    bool m_busy = false;
    bool m_cancelled = false;
};

} // namespace clab
