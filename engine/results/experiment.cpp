#include "results/experiment.h"

#include "formats/json.h"
#include "model/runconfigfields.h"
#include "platform/system.h"
#include "results/numbertext.h"

#include <algorithm>
#include <cmath>
#include <exception>
#include <iomanip>
#include <sstream>

namespace clab {

namespace {

std::string fixed(double value, int decimals)
{
    return fixedText(value, decimals);
}

// Why a finished run is no usable measurement, or empty.
std::string failureOf(const RunResult &result)
{
    if (!result.summary.error.empty())
        return result.summary.error;
    if (!result.summary.workerFailures.empty())
        return result.summary.workerFailures.front();
    return {};
}

BaselineMeasurement meanOf(const BaselineMeasurement &a, const BaselineMeasurement &b)
{
    BaselineMeasurement m;
    m.throughputTps = (a.throughputTps + b.throughputTps) / 2.0;
    m.wallSeconds = (a.wallSeconds + b.wallSeconds) / 2.0;
    m.tasksCompleted = (a.tasksCompleted + b.tasksCompleted + 1) / 2;
    m.tasksPlanned = (a.tasksPlanned + b.tasksPlanned + 1) / 2;
    m.cappedEarly = a.cappedEarly || b.cappedEarly;
    m.isExperiment = false;
    m.measuredAtNs = std::max(a.measuredAtNs, b.measuredAtNs);
    m.otherLoadCores = (a.otherLoadCores + b.otherLoadCores) / 2.0;
    m.runsAveraged = 2;
    return m;
}

} // namespace

// --- The baseline rule --------------------------------------------------------------------------

RunConfig sequentialBaselineOf(RunConfig config)
{
    config.model = ExecutionModel::Sequential;
    config.workers = 1;
    config.cpuHogs = 0;
    config.producers = 0; // the pipeline's one worker produces and consumes each item itself
    // Settings that only other models use (the field table's yield_every and blocking_io, for
    // coroutines) go back to their defaults.
    const RunConfig defaults;
    for (const FieldSpec &field : configFields()) {
        if (!field.usedBy(ExecutionModel::Sequential))
            setFieldValue(config, field, fieldValue(defaults, field));
    }
    return config;
}

std::string baselineKey(const RunConfig &config)
{
    std::string key;
    for (const ConfigField &field : fields(sequentialBaselineOf(config))) {
        if (field.key == "sample_hz")
            continue;
        key += field.key + '=' + field.value + ';';
    }
    return key;
}

std::optional<double> speedupOf(double runThroughputTps, double baselineThroughputTps)
{
    if (!(runThroughputTps > 0.0) || !(baselineThroughputTps > 0.0))
        return std::nullopt;
    return runThroughputTps / baselineThroughputTps;
}

std::optional<double> efficiencyOf(double speedup, int workers)
{
    if (workers < 1)
        return std::nullopt;
    return speedup / workers;
}

std::optional<BaselineMeasurement> baselineMeasurementOf(const RunResult &result, std::int64_t measuredAtNs)
{
    const RunSummary &s = result.summary;
    if (!failureOf(result).empty() || s.tasksCompleted == 0 || !(s.throughputTps > 0.0))
        return std::nullopt;
    BaselineMeasurement m;
    m.throughputTps = s.throughputTps;
    m.wallSeconds = s.wallSeconds;
    m.tasksCompleted = s.tasksCompleted;
    m.tasksPlanned = result.config.tasks;
    m.cappedEarly = s.stopped;
    m.isExperiment = false;
    m.measuredAtNs = measuredAtNs;
    m.otherLoadCores = s.otherLoadCores;
    return m;
}

// --- Reusing baselines --------------------------------------------------------------------------

void BaselineCache::store(const RunConfig &config, const BaselineMeasurement &measurement)
{
    m_baselines[baselineKey(config)] = measurement;
    m_lastOtherLoadCores = measurement.otherLoadCores;
}

bool BaselineCache::isFresh(const BaselineMeasurement &measurement, std::int64_t nowNs, double otherLoadCoresNow)
{
    const double ageSeconds = static_cast<double>(nowNs - measurement.measuredAtNs) / 1e9;
    // A baseline "from the future" is a clock the caller moved: not trusted either.
    if (ageSeconds < 0.0 || ageSeconds > kBaselineMaxAgeSeconds)
        return false;
    return std::abs(otherLoadCoresNow - measurement.otherLoadCores) <= kBaselineMaxOtherLoadChangeCores;
}

std::optional<BaselineMeasurement> BaselineCache::freshFor(
    const RunConfig &config, std::int64_t nowNs, double otherLoadCoresNow) const
{
    const auto it = m_baselines.find(baselineKey(config));
    if (it == m_baselines.end() || !isFresh(it->second, nowNs, otherLoadCoresNow))
        return std::nullopt;
    return it->second;
}

std::optional<BaselineMeasurement> BaselineCache::latestFor(const RunConfig &config) const
{
    const auto it = m_baselines.find(baselineKey(config));
    if (it == m_baselines.end())
        return std::nullopt;
    return it->second;
}

void BaselineCache::clear()
{
    m_baselines.clear();
    m_lastOtherLoadCores.reset();
}

// --- The experiment -----------------------------------------------------------------------------

std::string_view toString(Experiment::Phase phase)
{
    switch (phase) {
    case Experiment::Phase::Idle:
        return "idle";
    case Experiment::Phase::BaselineBefore:
        return "baseline-before";
    case Experiment::Phase::Run:
        return "run";
    case Experiment::Phase::BaselineAfter:
        return "baseline-after";
    case Experiment::Phase::Finished:
        return "finished";
    }
    return "unknown";
}

Experiment::Experiment(RunConfig config, BaselineCache *cache, ExperimentOptions options)
    : m_config(std::move(config))
    , m_cache(cache)
    , m_options(std::move(options))
{}

// An unfinished Run is stopped and waited for by its own destructor.
Experiment::~Experiment() = default;

std::int64_t Experiment::now() const
{
    return m_options.clock ? m_options.clock() : platform::monotonicNs();
}

std::optional<ConfigError> Experiment::start()
{
    if (m_phase != Phase::Idle)
        return ConfigError{"experiment", "already started; make a new Experiment for another run"};
    if (auto error = validate(m_config))
        return error;

    if (m_config.model == ExecutionModel::Sequential) {
        startPhase(Phase::Run); // its own baseline
        return std::nullopt;
    }
    if (m_cache) {
        if (const auto latest = m_cache->latestFor(m_config)) {
            const double loadNow
                = m_options.otherLoadCoresNow.value_or(m_cache->lastOtherLoadCores().value_or(latest->otherLoadCores));
            if (auto fresh = m_cache->freshFor(m_config, now(), loadNow)) {
                m_result.baselineBefore = fresh;
                m_result.baselineReused = true;
                startPhase(Phase::Run);
                return std::nullopt;
            }
        }
    }
    startPhase(m_options.measureBaseline ? Phase::BaselineBefore : Phase::Run);
    return std::nullopt;
}

void Experiment::startPhase(Phase phase)
{
    const bool baseline = phase != Phase::Run;
    m_phase = phase;
    m_capped = false;
    std::string error;
    try {
        m_run = std::make_unique<Run>(baseline ? sequentialBaselineOf(m_config) : m_config);
        if (auto refused = m_run->start())
            error = refused->toString();
    } catch (const std::exception &e) { // no thread for the run's supervisor, no memory
        error = std::string("cannot start the run: ") + e.what();
    }
    if (error.empty()) {
        if (m_stopRequested)
            m_run->requestStop();
        return;
    }
    m_run.reset();
    if (phase == Phase::BaselineBefore) {
        failWithoutRun("the sequential baseline failed: " + error, false);
    } else if (phase == Phase::Run) {
        failWithoutRun(error, false);
    } else {
        finish(); // the experiment ran; it just has no baseline after it
    }
}

void Experiment::requestStop()
{
    m_stopRequested = true;
    if (m_run)
        m_run->requestStop(); // returns at once; the run's own threads do the joining
}

void Experiment::poll()
{
    if (!m_run)
        return;
    if (!m_run->isFinished()) {
        // A long baseline only needs enough tasks for a steady throughput.
        const bool baseline = m_phase == Phase::BaselineBefore || m_phase == Phase::BaselineAfter;
        if (baseline && !m_stopRequested && !m_capped && m_run->elapsedSeconds() > m_options.baselineCapSeconds
            && m_run->tasksDone() > 0) {
            m_capped = true;
            m_run->requestStop();
        }
        return;
    }
    if (m_options.onRunFinished)
        m_options.onRunFinished(*m_run);
    RunResult finished = m_run->takeResult();
    // Its supervisor thread has ended: the join in ~Run returns at once.
    m_run.reset();
    switch (m_phase) {
    case Phase::BaselineBefore:
        finishBaselineBefore(finished);
        break;
    case Phase::Run:
        finishRun(std::move(finished));
        break;
    case Phase::BaselineAfter:
        finishBaselineAfter(finished);
        break;
    case Phase::Idle:
    case Phase::Finished:
        break;
    }
}

void Experiment::waitForProgress(std::chrono::milliseconds timeout)
{
    if (m_run)
        m_run->waitFinished(timeout);
    poll();
}

void Experiment::finishBaselineBefore(const RunResult &baseline)
{
    if (m_stopRequested) {
        // Stopped while measuring the baseline: the experiment never starts. A baseline the user
        // cut short may be a handful of tasks: too noisy to keep.
        failWithoutRun({}, true);
        return;
    }
    const auto measurement = baselineMeasurementOf(baseline, now());
    if (!measurement) {
        const std::string why = failureOf(baseline);
        failWithoutRun("the sequential baseline failed: " + (why.empty() ? std::string("it did no task") : why), false);
        return;
    }
    if (m_cache)
        m_cache->store(m_config, *measurement);
    m_result.baselineBefore = measurement;
    startPhase(Phase::Run);
}

void Experiment::finishRun(RunResult finished)
{
    m_result.run = std::move(finished); // the one copy of a large result is the one out of the Run
    m_result.experimentRan = true;
    const RunResult &run = m_result.run;
    const RunSummary &s = run.summary;
    if (m_cache && run.succeeded())
        m_cache->noteOtherLoad(s.otherLoadCores);

    if (m_config.model == ExecutionModel::Sequential) {
        if (auto measurement = baselineMeasurementOf(run, now())) {
            measurement->isExperiment = true;
            measurement->cappedEarly = false;
            m_result.baseline = measurement;
            // Only a whole run is kept: a stopped one may be a handful of tasks.
            if (m_cache && !s.stopped)
                m_cache->store(m_config, *measurement);
        }
        finish();
        return;
    }
    const bool whole = run.succeeded() && !s.stopped;
    if (whole && !m_stopRequested && m_options.measureBaseline && m_result.baselineBefore
        && s.wallSeconds > m_options.longRunSeconds) {
        startPhase(Phase::BaselineAfter);
        return;
    }
    finish();
}

void Experiment::finishBaselineAfter(const RunResult &baseline)
{
    // Even stopped by the user, what it measured compares (the run itself is done).
    if (auto measurement = baselineMeasurementOf(baseline, now())) {
        m_result.baselineAfter = measurement;
        if (m_cache && !m_stopRequested)
            m_cache->store(m_config, *measurement);
    }
    finish();
}

void Experiment::failWithoutRun(const std::string &error, bool stopped)
{
    RunResult &run = m_result.run;
    run = RunResult{};
    run.config = m_config;
    run.machine = platform::machineInfo();
    run.summary.stopped = stopped;
    run.summary.error = error;
    m_result.experimentRan = false;
    finish();
}

void Experiment::finish()
{
    ExperimentResult &r = m_result;
    if (!r.baseline) {
        if (r.baselineBefore && r.baselineAfter)
            r.baseline = meanOf(*r.baselineBefore, *r.baselineAfter);
        else
            r.baseline = r.baselineBefore;
    }
    const RunSummary &s = r.run.summary;
    if (r.baseline) {
        r.baselineAgeSeconds = std::max(0.0, static_cast<double>(now() - r.baseline->measuredAtNs) / 1e9);
        if (r.experimentRan && s.error.empty() && s.tasksCompleted > 0) {
            r.speedup = speedupOf(s.throughputTps, r.baseline->throughputTps);
            if (r.speedup)
                r.efficiency = efficiencyOf(*r.speedup, m_config.workers);
        }
    }
    m_phase = Phase::Finished;
}

ExperimentOutcome runExperiment(const RunConfig &config, BaselineCache *cache, ExperimentOptions options)
{
    ExperimentOutcome outcome;
    Experiment experiment(config, cache, std::move(options));
    if (auto error = experiment.start()) {
        outcome.error = error;
        return outcome;
    }
    while (!experiment.isFinished())
        experiment.waitForProgress(std::chrono::milliseconds(50));
    outcome.result = experiment.result();
    return outcome;
}

// --- Exports ------------------------------------------------------------------------------------

std::string ExperimentResult::toJson(bool withTimeline) const
{
    auto optional = [](const std::optional<double> &value) { return value ? Json(*value) : Json(); };
    const Json object = {{"experiment",
        {{"baseline_wall_s", optional(baseline ? std::optional<double>(baseline->wallSeconds) : std::nullopt)},
            {"baseline_throughput_tps",
                optional(baseline ? std::optional<double>(baseline->throughputTps) : std::nullopt)},
            {"speedup", optional(speedup)}, {"efficiency", optional(efficiency)},
            {"baseline_age_s", optional(baseline ? std::optional<double>(baselineAgeSeconds) : std::nullopt)},
            {"baseline_reused", baselineReused}, {"baseline_runs_averaged", baseline ? baseline->runsAveraged : 0},
            {"baseline_capped_early", baseline && baseline->cappedEarly},
            {"baseline_is_experiment", baseline && baseline->isExperiment}, {"experiment_ran", experimentRan}}}};

    // The run's own JSON with this object as its last member, indented alike: "{\n  "experiment": ..\n}".
    const std::string wrapped = toText(object); // "{\n  \"experiment\": {...}\n}\n"
    const std::string member = wrapped.substr(1, wrapped.size() - 4); // "\n  \"experiment\": {...}"
    std::string text = run.toJson(withTimeline);
    const std::size_t close = text.rfind("\n}");
    if (close == std::string::npos)
        return text;
    text.insert(close, "," + member);
    return text;
}

std::string ExperimentResult::summaryText() const
{
    std::ostringstream out;
    if (!baseline) {
        out << "Baseline: none measured, so no speedup.\n";
        return out.str();
    }
    const BaselineMeasurement &b = *baseline;
    out << "Baseline: ";
    if (b.isExperiment) {
        out << "this sequential run is its own baseline\n";
    } else {
        out << "sequential, 1 worker, same workload, tasks and GIL, no CPU hogs: " << fixed(b.throughputTps, 1)
            << " tasks/s";
        if (b.runsAveraged > 1)
            out << " (mean of a run before and one after the experiment)";
        else
            out << " (" << b.tasksCompleted << " of " << b.tasksPlanned << " tasks in " << fixed(b.wallSeconds, 3)
                << " s" << (b.cappedEarly ? ", stopped at the time cap" : "") << ")";
        out << '\n';
        out << "  measured       ";
        if (b.runsAveraged > 1)
            out << "just now, before and after the run";
        else if (baselineReused)
            out << "earlier, reused while fresh (under " << fixed(kBaselineMaxAgeSeconds, 0)
                << " s old, same load from other programs)";
        else
            out << "just now, right before the run";
        out << ", " << fixed(baselineAgeSeconds, 1) << " s ago\n";
    }
    if (speedup) {
        out << "  speedup        " << fixed(*speedup, 2) << "x (run throughput / baseline throughput)\n";
        if (efficiency)
            out << "  efficiency     " << fixed(*efficiency * 100.0, 0) << "% (speedup / " << run.config.workers
                << " worker" << (run.config.workers == 1 ? "" : "s") << ")\n";
    }
    return out.str();
}

} // namespace clab
