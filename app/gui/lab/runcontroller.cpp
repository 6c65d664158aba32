#include "lab/runcontroller.h"

#include "charts/timelinewidget.h"
#include "platform/system.h"
#include "textutil.h"

namespace clab {

namespace {

// The load between two runs says what other programs do only when it covers some time.
constexpr double kMinIdleSpanSeconds = 0.5;

} // namespace

RunController::RunController(QObject *parent)
    : QObject(parent)
    , m_python(new PythonRunner(this))
{
    connect(m_python, &PythonRunner::finished, this, &RunController::onPythonFinished);
    m_timer.setInterval(33);
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, &RunController::poll);
}

// ~Experiment waits for its stopped Run: m_experiment stops it and lets a pool thread pay for that.
RunController::~RunController() = default;

std::optional<BaselineMeasurement> RunController::cachedBaselineFor(const RunConfig &config) const
{
    return m_baselines.latestFor(config);
}

std::optional<double> RunController::otherLoadSinceLastRun() const
{
    if (m_idleCpu.empty())
        return std::nullopt;
    const double seconds = static_cast<double>(platform::monotonicNs() - m_idleSinceNs) / 1e9;
    if (seconds < kMinIdleSpanSeconds)
        return std::nullopt;
    // Between runs the engine runs nothing: all of the machine's load is other programs' (and
    // this window's drawing, which is what a run shares the machine with too).
    return ProcStat::busyCores(m_idleCpu, platform::readCpuTimes());
}

std::optional<ConfigError> RunController::start(const RunConfig &config)
{
    if (isBusy())
        return ConfigError{"run", "a run is already going on; stop it first"};
    if (auto error = validate(config))
        return error;
    m_config = config;
    ExperimentOptions options = m_options;
    options.otherLoadCoresNow = otherLoadSinceLastRun();
    options.onRunFinished = [this](Run &run) {
        if (m_phase != Phase::Rebaseline)
            pull(run, true);
    };
    m_experiment.reset(std::make_unique<Experiment>(config, &m_baselines, std::move(options)));
    if (auto error = m_experiment->start()) { // validated above: not expected
        m_experiment.reset();
        return error;
    }
    emit busyChanged(true);
    if (m_experiment->isFinished()) { // its first Run could not start
        finish();
        return std::nullopt;
    }
    enterPhase(phaseOf(m_experiment->phase()));
    m_timer.start();
    return std::nullopt;
}

void RunController::stop()
{
    if (m_phase == Phase::Python) {
        m_pythonStopRequested = true;
        m_python->stop(); // its program's process group is killed on the runner's thread
        return;
    }
    if (m_experiment && !m_experiment->isStopRequested())
        m_experiment->requestStop(); // returns at once; the run's own threads do the joining
}

double RunController::elapsedSeconds() const
{
    const Run *run = m_experiment ? m_experiment->currentRun() : nullptr;
    return run ? run->elapsedSeconds() : 0.0;
}

RunController::Phase RunController::phaseOf(Experiment::Phase phase)
{
    switch (phase) {
    case Experiment::Phase::BaselineBefore:
        return Phase::Baseline;
    case Experiment::Phase::Run:
        return Phase::Experiment;
    case Experiment::Phase::BaselineAfter:
        return Phase::Rebaseline;
    case Experiment::Phase::Idle:
    case Experiment::Phase::Finished:
        break;
    }
    return Phase::Idle;
}

void RunController::enterPhase(Phase phase)
{
    const Phase previous = m_phase;
    m_phase = phase;
    m_cursor.clear();
    if (previous == Phase::Baseline && m_experiment->result().baselineBefore)
        emit baselineMeasured(*m_experiment->result().baselineBefore);
    if (phase == Phase::Rebaseline)
        emit rebaselineStarted();
    else
        emit runStarted(phase == Phase::Baseline ? sequentialBaselineOf(m_config) : m_config, phase == Phase::Baseline);
}

void RunController::poll()
{
    if (!m_experiment) {
        m_timer.stop();
        return;
    }
    if (Run *run = m_experiment->currentRun(); run && m_phase != Phase::Rebaseline && !run->isFinished())
        pull(*run, false);
    m_experiment->poll(); // a finished Run gets its final pull in onRunFinished, then the next phase starts
    if (m_experiment->isFinished()) {
        finish();
        return;
    }
    if (const Phase now = phaseOf(m_experiment->phase()); now != m_phase)
        enterPhase(now);
}

void RunController::pull(Run &run, bool finalPull)
{
    std::vector<Sample> samples = run.drainSamples();
    if (!samples.empty())
        emit samplesArrived(samples);

    TimelineDelta delta;
    delta.startNs = run.startNs();
    delta.elapsedSeconds = run.elapsedSeconds();
    // Only the units the timeline has lanes for: the GUI thread's work per frame stays bounded
    // however many units the run has.
    delta.unitCount = run.unitCount();
    delta.units = run.units(0, TimelineWidget::kMaxLanes);
    const int lanes = static_cast<int>(delta.units.size());
    m_cursor.resize(static_cast<std::size_t>(lanes), 0);
    for (int unit = 0; unit < lanes; ++unit) {
        std::size_t &cursor = m_cursor[static_cast<std::size_t>(unit)];
        std::vector<Interval> added = run.timeline(unit, cursor);
        if (added.empty())
            continue;
        cursor += added.size();
        delta.added.emplace_back(unit, std::move(added));
    }
    if (!delta.added.empty() || !delta.units.empty() || finalPull)
        emit timelineArrived(delta);
}

std::shared_ptr<const RunResult> RunController::lastResult() const
{
    if (!m_lastExperiment)
        return nullptr;
    return {m_lastExperiment, &m_lastExperiment->run}; // shares the experiment's ownership
}

void RunController::finish()
{
    m_timer.stop();
    // The result is kept by value; the finished Experiment goes (off this thread, like any).
    ExperimentResult result = m_experiment->takeResult();
    m_experiment.reset();
    m_phase = Phase::Idle;
    m_idleCpu = platform::readCpuTimes();
    m_idleSinceNs = platform::monotonicNs();
    if (!result.experimentRan) {
        // Stopped or failed during its baseline: the experiment never ran, the last result stays.
        if (!result.run.summary.error.empty())
            emit runFailed(toQString(result.run.summary.error));
        emit busyChanged(false);
        return;
    }
    m_lastBaseline = result.baseline;
    m_lastExperiment = std::make_shared<const ExperimentResult>(std::move(result));
    const RunSummary &summary = m_lastExperiment->run.summary;
    // The same experiment on the interpreter, now that the engine's run has left the cores (the
    // phase is set first: whoever hears runFinished knows more follows).
    const bool python = m_pythonInterpreter && summary.error.empty() && !summary.stopped;
    if (python) {
        m_phase = Phase::Python;
        m_pythonStopRequested = false;
    }
    emit runFinished(m_lastExperiment->run);
    // (Stopped from a runFinished handler: no Python run.)
    if (python && !m_pythonStopRequested && m_python->start(*m_pythonInterpreter, m_config))
        return;
    m_phase = Phase::Idle;
    m_pythonStopRequested = false;
    emit busyChanged(false);
}

void RunController::onPythonFinished(const python::PythonOutcome &outcome)
{
    m_phase = Phase::Idle;
    m_pythonStopRequested = false;
    m_idleCpu = platform::readCpuTimes();
    m_idleSinceNs = platform::monotonicNs();
    emit pythonFinished(m_config, outcome);
    emit busyChanged(false);
}

} // namespace clab
