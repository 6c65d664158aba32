#include "compare/sweepcontroller.h"

#include "lab/pythonrunner.h"
#include "textutil.h"

namespace clab {

SweepController::SweepController(QObject *parent)
    : QObject(parent)
{
    m_timer.setInterval(50);
    connect(&m_timer, &QTimer::timeout, this, &SweepController::poll);
    m_pythonRunner = new PythonRunner(this);
    connect(m_pythonRunner, &PythonRunner::finished, this, &SweepController::onPythonFinished);
    connect(m_pythonRunner, &PythonRunner::phaseChanged, this, &SweepController::progressed);
}

SweepController::~SweepController() = default; // m_run stops and is destroyed off this thread

std::optional<ConfigError> SweepController::start(
    const SweepRequest &request, const std::optional<python::Interpreter> &python)
{
    if (isBusy())
        return ConfigError{"sweep", "a sweep is already running; cancel it first"};
    SweepPlan plan = planSweep(request);
    if (plan.error)
        return plan.error;
    // The interpreter's points: each model the engine sweeps, at the same worker counts. Its own
    // GIL applies (the program cannot choose one), so the line is one per model, not per policy.
    std::vector<RunConfig> pythonSteps;
    QStringList skipped;
    if (python) {
        for (const ExecutionModel model : request.models) {
            if (model == ExecutionModel::Sequential)
                continue; // every point's baseline
            RunConfig config = request.base;
            config.model = model;
            config.gil = GilPolicy::Modern;
            config.workers = 1;
            if (const std::optional<std::string> refused = python::refusal(*python, config)) {
                skipped << toQString(*refused);
                continue;
            }
            for (int workers = 1; workers <= request.maxWorkers; ++workers) {
                config.workers = workers;
                pythonSteps.push_back(config);
            }
        }
    }
    m_request = request;
    m_plan = std::move(plan);
    m_tally = SweepTally();
    m_python = python;
    m_pythonSteps = std::move(pythonSteps);
    m_pythonSkipped = skipped;
    m_pythonDone = 0;
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
    if (m_cancelled || (!m_run && !m_pythonRunner->isBusy()))
        return;
    m_cancelled = true;
    if (m_run)
        m_run->requestStop(); // returns at once; the run's own threads do the joining
    else
        m_pythonRunner->stop(); // returns at once; the program's process group is reaped off this thread
    emit progressed();
}

const RunConfig *SweepController::currentPythonStep() const
{
    if (!m_busy || m_done < engineStepCount() || m_pythonDone >= static_cast<int>(m_pythonSteps.size()))
        return nullptr;
    return &m_pythonSteps[static_cast<std::size_t>(m_pythonDone)];
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
    if (m_done == engineStepCount()) {
        afterEngineSteps();
        return;
    }
    if (!startStep())
        finish(Outcome::Failed, tr("Sweep stopped: run %1 did not start").arg(m_done + 1));
    else
        emit progressed();
}

void SweepController::afterEngineSteps()
{
    m_timer.stop();
    if (m_pythonSteps.empty()) {
        finish(Outcome::Completed, tr("Sweep done: %1 runs").arg(stepsDone()));
        return;
    }
    startPythonStep();
}

void SweepController::startPythonStep()
{
    const RunConfig &config = m_pythonSteps[static_cast<std::size_t>(m_pythonDone)];
    if (!m_pythonRunner->start(*m_python, config)) {
        finish(Outcome::Failed, tr("Sweep stopped: run %1 did not start").arg(stepsDone() + 1));
        return;
    }
    emit progressed();
}

void SweepController::onPythonFinished(const python::PythonOutcome &outcome)
{
    if (!m_busy || !currentPythonStep())
        return;
    const RunConfig config = *currentPythonStep();
    if (m_cancelled || outcome.stopped) {
        finish(Outcome::Cancelled, tr("Sweep cancelled after %1 of %2 runs").arg(stepsDone()).arg(stepCount()));
        return;
    }
    if (!outcome.succeeded() || !outcome.speedup) {
        const QString why = outcome.error.empty() ? tr("it measured no speedup") : toQString(outcome.error);
        finish(Outcome::Failed,
            tr("Sweep stopped: %1 × %2 on %3 failed: %4")
                .arg(toQString(toString(config.model)))
                .arg(config.workers)
                .arg(toQString(outcome.interpreter.label()), why));
        return;
    }
    m_tally.recordPython(outcome.interpreter.label(), config.model, config.workers, *outcome.speedup);
    ++m_pythonDone;
    emit pythonStepFinished(config, outcome);
    if (m_pythonDone == static_cast<int>(m_pythonSteps.size()))
        finish(Outcome::Completed, tr("Sweep done: %1 runs").arg(stepsDone()));
    else
        startPythonStep();
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
