#include "runcontroller.h"

#include "textutil.h"

#include <QThreadPool>

namespace clab {

namespace {

// Only this many units get a timeline lane pulled: more lanes than pixels teach nothing.
constexpr int kMaxTimelineUnits = 512;

} // namespace

RunController::RunController(QObject *parent)
    : QObject(parent)
{
    m_timer.setInterval(33);
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, &RunController::poll);
}

RunController::~RunController()
{
    if (m_run)
        m_run->requestStop();
    disposeRun();
}

RunConfig RunController::baselineConfigOf(const RunConfig &config)
{
    RunConfig baseline = config;
    baseline.model = ExecutionModel::Sequential;
    baseline.workers = 1;
    baseline.cpuHogs = 0;
    return baseline;
}

std::string RunController::keyOf(const RunConfig &config)
{
    std::string key;
    for (const ConfigField &field : fields(baselineConfigOf(config))) {
        if (field.key == "sample_hz")
            continue;
        key += field.key + '=' + field.value + ';';
    }
    return key;
}

std::optional<BaselineMeasurement> RunController::baselineFor(const RunConfig &config) const
{
    const auto it = m_baselines.find(keyOf(config));
    if (it == m_baselines.end())
        return std::nullopt;
    return it->second;
}

std::optional<ConfigError> RunController::start(const RunConfig &config)
{
    if (isBusy())
        return ConfigError{"run", "a run is already going on; stop it first"};
    if (auto error = validate(config))
        return error;
    m_config = config;
    m_stopRequested = false;
    const bool needsBaseline = m_baselineEnabled && config.model != ExecutionModel::Sequential
        && !baselineFor(config);
    emit busyChanged(true);
    if (needsBaseline)
        startRun(baselineConfigOf(config), Phase::Baseline);
    else
        startRun(config, Phase::Experiment);
    return std::nullopt;
}

bool RunController::startRun(const RunConfig &config, Phase phase)
{
    m_run = std::make_unique<Run>(config);
    if (auto error = m_run->start()) {
        disposeRun();
        m_phase = Phase::Idle;
        emit runFailed(toQString(error->toString()));
        emit busyChanged(false);
        return false;
    }
    m_phase = phase;
    m_cursor.clear();
    emit runStarted(config, phase == Phase::Baseline);
    m_timer.start();
    return true;
}

void RunController::stop()
{
    if (!m_run || m_stopRequested)
        return;
    m_stopRequested = true;
    m_run->requestStop(); // returns at once; the run's own threads do the joining
}

double RunController::elapsedSeconds() const
{
    return m_run ? m_run->elapsedSeconds() : 0.0;
}

void RunController::poll()
{
    if (!m_run) {
        m_timer.stop();
        return;
    }
    const bool finished = m_run->isFinished();
    pull(finished);
    if (!finished) {
        // A long baseline only needs enough tasks for a steady throughput.
        if (m_phase == Phase::Baseline && !m_stopRequested && m_run->elapsedSeconds() > m_baselineCapSeconds
            && m_run->tasksDone() > 0)
            m_run->requestStop();
        return;
    }
    if (m_phase == Phase::Baseline)
        finishBaseline();
    else
        finishExperiment();
}

void RunController::pull(bool finalPull)
{
    std::vector<Sample> samples = m_run->drainSamples();
    if (!samples.empty())
        emit samplesArrived(samples);

    TimelineDelta delta;
    delta.startNs = m_run->startNs();
    delta.elapsedSeconds = m_run->elapsedSeconds();
    delta.units = m_run->units();
    const int lanes = std::min(static_cast<int>(delta.units.size()), kMaxTimelineUnits);
    m_cursor.resize(static_cast<std::size_t>(lanes), 0);
    for (int unit = 0; unit < lanes; ++unit) {
        std::size_t &cursor = m_cursor[static_cast<std::size_t>(unit)];
        std::vector<Interval> added = m_run->timeline(unit, cursor);
        if (added.empty())
            continue;
        cursor += added.size();
        delta.added.emplace_back(unit, std::move(added));
    }
    if (!delta.added.empty() || !delta.units.empty() || finalPull)
        emit timelineArrived(delta);
}

void RunController::finishBaseline()
{
    m_timer.stop();
    const RunResult &result = m_run->result();
    const bool usable = result.summary.error.empty() && result.summary.tasksCompleted > 0;
    if (usable) {
        BaselineMeasurement baseline;
        baseline.throughputTps = result.summary.throughputTps;
        baseline.wallSeconds = result.summary.wallSeconds;
        baseline.tasksCompleted = result.summary.tasksCompleted;
        baseline.tasksPlanned = result.config.tasks;
        baseline.cappedEarly = result.summary.stopped;
        m_baselines[keyOf(m_config)] = baseline;
        emit baselineMeasured(baseline);
    }
    disposeRun();
    if (m_stopRequested || !usable) {
        // Stopped while measuring the baseline: the experiment never starts.
        const bool stopped = m_stopRequested;
        m_phase = Phase::Idle;
        m_stopRequested = false;
        if (!stopped)
            emit runFailed(tr("The sequential baseline failed: %1").arg(toQString(result.summary.error)));
        emit busyChanged(false);
        return;
    }
    startRun(m_config, Phase::Experiment);
}

void RunController::finishExperiment()
{
    m_timer.stop();
    auto result = std::make_shared<const RunResult>(m_run->result());
    disposeRun();
    m_phase = Phase::Idle;
    m_stopRequested = false;
    m_lastResult = result;
    if (result->config.model == ExecutionModel::Sequential && !result->summary.stopped
        && result->summary.error.empty() && result->summary.tasksCompleted > 0) {
        BaselineMeasurement baseline;
        baseline.throughputTps = result->summary.throughputTps;
        baseline.wallSeconds = result->summary.wallSeconds;
        baseline.tasksCompleted = result->summary.tasksCompleted;
        baseline.tasksPlanned = result->config.tasks;
        baseline.isExperiment = true;
        m_baselines[keyOf(result->config)] = baseline;
    }
    emit runFinished(*result);
    emit busyChanged(false);
}

void RunController::disposeRun()
{
    if (!m_run)
        return;
    // Run's destructor joins its supervisor: let a pool thread pay for that.
    Run *run = m_run.release();
    QThreadPool::globalInstance()->start([run] { delete run; });
}

} // namespace clab
