#include "lab/pythonrunner.h"

#include "offthreadptr.h"
#include "results/experiment.h"

#include <QPointer>

namespace clab {

PythonRunner::PythonRunner(QObject *parent)
    : QObject(parent)
{}

PythonRunner::~PythonRunner()
{
    stop();
}

bool PythonRunner::start(const python::Interpreter &interpreter, const RunConfig &config)
{
    if (isBusy())
        return false;
    m_interpreter = interpreter;
    m_stop = std::make_shared<std::atomic<bool>>(false);
    m_phase = Phase::Baseline;
    emit phaseChanged(m_phase);

    python::PythonRunOptions options;
    options.withBaseline = false; // measured here, as its own step, so the Lab can say which runs
    options.limits.timeLimit = m_timeLimit;
    options.limits.stopRequested = [stop = m_stop] { return stop->load(); };
    QPointer<PythonRunner> self(this);
    // What python::runInPython does with its baseline, in two calls: the Lab says which of the
    // two programs is running.
    runOffThread([self, interpreter, config, options] {
        python::PythonOutcome outcome;
        outcome.interpreter = interpreter;
        if (auto refused = python::refusal(interpreter, config)) {
            outcome.error = *refused;
        } else {
            const python::PythonOutcome baseline
                = python::runInPython(interpreter, sequentialBaselineOf(config), options);
            outcome.stopped = baseline.stopped;
            if (!baseline.error.empty())
                outcome.error = "baseline: " + baseline.error;
            else if (!baseline.stopped) {
                outcome.baseline = baseline.summary;
                deliverToGuiThread(self, [](PythonRunner &runner) {
                    if (runner.m_phase == Phase::Baseline) {
                        runner.m_phase = Phase::Run;
                        emit runner.phaseChanged(Phase::Run);
                    }
                });
                const python::PythonOutcome run = python::runInPython(interpreter, config, options);
                outcome.stopped = run.stopped;
                outcome.error = run.error;
                outcome.summary = run.summary;
                if (outcome.summary && outcome.baseline)
                    outcome.speedup = speedupOf(outcome.summary->throughputTps, outcome.baseline->throughputTps);
            }
        }
        deliverToGuiThread(self, [outcome = std::move(outcome)](PythonRunner &runner) { runner.onFinished(outcome); });
    });
    return true;
}

void PythonRunner::stop()
{
    if (m_stop)
        m_stop->store(true);
}

void PythonRunner::onFinished(const python::PythonOutcome &outcome)
{
    m_phase = Phase::Idle;
    m_stop.reset();
    emit phaseChanged(m_phase);
    emit finished(outcome);
}

} // namespace clab
