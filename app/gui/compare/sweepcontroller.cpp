#include "compare/sweepcontroller.h"

#include "textutil.h"

namespace clab {

SweepController::SweepController(QObject *parent)
    : QObject(parent)
{
    m_timer.setInterval(50);
    connect(&m_timer, &QTimer::timeout, this, &SweepController::poll);
}

SweepController::~SweepController() = default; // m_run stops and is destroyed off this thread

std::optional<ConfigError> SweepController::start(const SweepRequest &request)
{
    if (isBusy())
        return ConfigError{"sweep", "a sweep is already running; cancel it first"};
    SweepPlan plan = planSweep(request);
    if (plan.error)
        return plan.error;
    m_request = request;
    m_plan = std::move(plan);
    m_tally = SweepTally();
    m_done = 0;
    m_cancelled = false;
    if (!startStep())
        return ConfigError{"sweep", "its first run did not start"};
    m_busy = true;
    emit busyChanged(true);
    emit progressed();
    return std::nullopt;
}

bool SweepController::startStep()
{
    const SweepStep &step = m_plan.steps[static_cast<std::size_t>(m_done)];
    m_run.reset(std::make_unique<Run>(step.config));
    if (auto error = m_run->start()) {
        m_run.reset();
        return false;
    }
    emit stepStarted(m_done, step);
    m_timer.start();
    return true;
}

void SweepController::cancel()
{
    if (!m_run || m_cancelled)
        return;
    m_cancelled = true;
    m_run->requestStop(); // returns at once; the run's own threads do the joining
    emit progressed();
}

std::uint64_t SweepController::currentTasksDone() const
{
    return m_run ? m_run->tasksDone() : 0;
}

void SweepController::poll()
{
    if (!m_run) {
        m_timer.stop();
        return;
    }
    if (!m_run->isFinished()) {
        emit progressed();
        return;
    }
    const SweepStep step = m_plan.steps[static_cast<std::size_t>(m_done)];
    const RunResult result = m_run->takeResult(); // kept by value: the Run goes now
    m_run.reset();
    if (m_cancelled) {
        finish(Outcome::Cancelled, tr("Sweep cancelled after %1 of %2 runs").arg(m_done).arg(stepCount()));
        return;
    }
    const std::optional<double> speedup = m_tally.record(step, result);
    if (!speedup) {
        const QString why = !result.summary.error.empty() ? toQString(result.summary.error)
            : !result.summary.workerFailures.empty()      ? toQString(result.summary.workerFailures.front())
                                                          : tr("it stopped before its tasks were done");
        finish(Outcome::Failed,
            tr("Sweep stopped: the run %1 × %2 failed: %3")
                .arg(toQString(toString(step.config.model)))
                .arg(step.config.workers)
                .arg(why));
        return;
    }
    ++m_done;
    emit stepFinished(step, result, *speedup);
    if (m_done == stepCount()) {
        finish(Outcome::Completed, tr("Sweep done: %1 runs").arg(m_done));
        return;
    }
    if (!startStep())
        finish(Outcome::Failed, tr("Sweep stopped: run %1 did not start").arg(m_done + 1));
    else
        emit progressed();
}

void SweepController::finish(Outcome outcome, const QString &message)
{
    m_timer.stop();
    m_run.reset();
    m_busy = false;
    m_cancelled = false;
    emit progressed();
    emit sweepEnded(outcome, message);
    emit busyChanged(false);
}

} // namespace clab
