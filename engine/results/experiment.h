#pragma once

#include "execution/run.h"
#include "model/runconfig.h"
#include "results/runresult.h"

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>

namespace clab {

// An experiment is a run together with the sequential baseline its speedup is measured against.
// The one place that says which baseline a config has, when a measured one may be reused, and how
// speedup and efficiency follow from it: the CLI (`run --baseline`), the sweep and the GUI use it.

// --- The baseline rule --------------------------------------------------------------------------

// The sequential run a config's speedup is measured against: same workload, parameters, tasks and
// GIL; one worker, sequential, no CPU hogs. Settings the sequential model does not use (in the
// field table, runconfigfields.h: yield_every and blocking_io, for coroutines) go back to their
// defaults: one sequential thread ignores them, so they must not make two baselines differ.
RunConfig sequentialBaselineOf(RunConfig config);

// What identifies a baseline: every field of sequentialBaselineOf(config) (runconfig.h fields())
// except sample_hz, which changes how often the run is observed, not what it does.
// "model=sequential;workers=1;workload=cpu;tasks=64;..."
std::string baselineKey(const RunConfig &config);

// Speedup of a run over its baseline: run throughput / baseline throughput. Every task is the same
// work, so for equal task counts this is baseline wall / run wall, and a baseline stopped early
// (at a time cap) still compares. Nothing when either throughput is not positive.
std::optional<double> speedupOf(double runThroughputTps, double baselineThroughputTps);
// Speedup per worker: 1 is perfect scaling. Nothing for fewer than one worker.
std::optional<double> efficiencyOf(double speedup, int workers);

// --- A measured baseline ------------------------------------------------------------------------

// The sequential run that speedups are measured against, as measured. A long one is stopped after
// a time cap; its throughput (tasks per second) still compares, because every task is the same
// amount of work. Plain data.
struct BaselineMeasurement
{
    double throughputTps = 0.0;
    double wallSeconds = 0.0;
    std::uint64_t tasksCompleted = 0;
    int tasksPlanned = 0;
    bool cappedEarly = false; // stopped at the time cap before every task was done
    bool isExperiment = false; // the experiment itself was sequential
    std::int64_t measuredAtNs = 0; // when it ended, on the monotonic clock (platform::monotonicNs)
    double otherLoadCores = 0.0; // cores other programs kept busy while it ran
    // 1: one run; 2: the mean of a baseline before and one after a long experiment (every number
    // above is then the mean of the two, except measuredAtNs, the later one, and cappedEarly, either).
    int runsAveraged = 1;
};

// The measurement of a finished baseline run: nothing when it failed or did no task. A run that
// was stopped counts (capped early), its throughput still compares.
std::optional<BaselineMeasurement> baselineMeasurementOf(const RunResult &result, std::int64_t measuredAtNs);

// --- Reusing baselines --------------------------------------------------------------------------

// A baseline may be reused for this long after it was measured...
inline constexpr double kBaselineMaxAgeSeconds = 60.0;
// ...and only while the other programs' load differs by at most this many cores from what it was
// during the baseline: a busier or quieter machine changes what one thread achieves.
inline constexpr double kBaselineMaxOtherLoadChangeCores = 0.2;

// Measured baselines by baselineKey(), for a session. Plain data: one thread at a time (the GUI
// thread, the CLI's main thread). Cheap: one map lookup per call.
class BaselineCache
{
public:
    // Keeps `measurement` as the baseline of `config`'s workload (replacing an older one), and its
    // other load as the last known one.
    void store(const RunConfig &config, const BaselineMeasurement &measurement);

    // The baseline of `config`'s workload if it is fresh: measured at most kBaselineMaxAgeSeconds
    // before `nowNs`, and `otherLoadCoresNow` within kBaselineMaxOtherLoadChangeCores of the load
    // during it. Otherwise nothing: measure it again.
    std::optional<BaselineMeasurement> freshFor(
        const RunConfig &config, std::int64_t nowNs, double otherLoadCoresNow) const;
    // The baseline of `config`'s workload, fresh or not (to show what was measured last).
    std::optional<BaselineMeasurement> latestFor(const RunConfig &config) const;
    static bool isFresh(const BaselineMeasurement &measurement, std::int64_t nowNs, double otherLoadCoresNow);

    // The other programs' load last seen, by a baseline or a run (noteOtherLoad); nothing yet.
    std::optional<double> lastOtherLoadCores() const { return m_lastOtherLoadCores; }
    void noteOtherLoad(double cores) { m_lastOtherLoadCores = cores; }

    std::size_t size() const { return m_baselines.size(); }
    void clear();

private:
    std::map<std::string, BaselineMeasurement> m_baselines;
    std::optional<double> m_lastOtherLoadCores;
};

// --- The experiment -----------------------------------------------------------------------------

struct ExperimentOptions
{
    // Measure a baseline when no fresh one is cached. Off: a fresh cached baseline is still used,
    // none is measured.
    bool measureBaseline = true;
    // A baseline still going after this long is stopped once it did a task (its throughput compares).
    double baselineCapSeconds = 4.0;
    // An experiment run longer than this gets a second baseline after it; the two are averaged,
    // so a machine that got busier or quieter during a long run is seen from both sides.
    double longRunSeconds = 2.0;
    // The other programs' load now, for the freshness of a cached baseline; nothing: the cache's
    // last known value (or, with none, the cached baseline's own: nothing says it changed).
    std::optional<double> otherLoadCoresNow;
    // The monotonic clock, in ns (tests move it on instead of waiting a minute).
    std::function<std::int64_t()> clock;
    // Called by poll() with a Run that has finished, before it is destroyed and the next phase
    // starts: a GUI takes the last samples and timeline intervals it has not drawn yet.
    std::function<void(Run &)> onRunFinished;
};

struct ExperimentResult
{
    RunResult run; // the experiment run; when it never ran, its config with summary.stopped or .error
    bool experimentRan = false; // false: it ended during its first baseline (stopped or failed)
    std::optional<BaselineMeasurement> baseline; // what speedup is measured against (maybe a mean)
    std::optional<BaselineMeasurement> baselineBefore; // measured or reused before the run
    std::optional<BaselineMeasurement> baselineAfter; // measured after a long run
    bool baselineReused = false; // baselineBefore came from the cache
    double baselineAgeSeconds = 0.0; // age of `baseline` (its measuredAtNs) when the experiment ended
    std::optional<double> speedup; // run throughput / baseline throughput
    std::optional<double> efficiency; // speedup / workers

    bool succeeded() const { return experimentRan && run.succeeded(); }
    // The run's JSON (RunResult::toJson) with an "experiment" object: baseline_wall_s,
    // baseline_throughput_tps, speedup, efficiency (null when unknown), baseline_age_s, ...
    std::string toJson(bool withTimeline = false) const;
    // A few readable lines on the baseline and the speedup, after the run's summaryText().
    std::string summaryText() const;
};

// One experiment: its baseline before the run (unless a fresh one is cached), the run, and
// another baseline after a long run. A state machine driven by poll(), so a GUI timer can own it:
//
//   Experiment experiment(config, &cache, options);
//   if (auto error = experiment.start()) ...  // validates; returns at once
//   experiment.poll();                        // e.g. every 33 ms: advances when a Run finished
//   experiment.currentRun();                  // the live Run (baseline or experiment), for charts
//   if (experiment.isFinished()) use(experiment.result());
//
// Which thread: every member function on one thread, the owner's (GUI thread, CLI main thread);
// the Runs go on on their own engine threads. Cost: poll() never blocks: it reads atomics, starts
// the next Run (threads are created by the Run's supervisor) and destroys a finished Run, which
// joins a supervisor thread that has already ended. waitForProgress() blocks: not on a GUI thread;
// nor is destroying an unfinished Experiment (its Run stops and is waited for, as in ~Run).
// A sequential experiment is its own baseline (speedup 1) and refreshes the cache. A failed
// baseline fails the experiment with its error; a stop during the first baseline ends it unrun.
class Experiment
{
public:
    enum class Phase
    {
        Idle,
        BaselineBefore,
        Run,
        BaselineAfter,
        Finished
    };

    // `cache` may be null (nothing reused, nothing kept); it must outlive the experiment.
    Experiment(RunConfig config, BaselineCache *cache, ExperimentOptions options = {});
    ~Experiment();
    Experiment(const Experiment &) = delete;
    Experiment &operator=(const Experiment &) = delete;

    const RunConfig &config() const { return m_config; }

    // Validates and starts the first Run. Returns the validation error, or nothing once underway.
    std::optional<ConfigError> start();
    void poll();
    // Stops the current Run; returns at once. The next poll() after it ended finishes.
    void requestStop();
    // Blocks until the current Run finished or the timeout passed (then poll()). CLI and tests.
    void waitForProgress(std::chrono::milliseconds timeout);

    Phase phase() const { return m_phase; }
    bool isFinished() const { return m_phase == Phase::Finished; }
    bool isStopRequested() const { return m_stopRequested; }
    // The live Run of the current phase, or null between phases and once finished.
    Run *currentRun() const { return m_run.get(); }
    // Once isFinished().
    const ExperimentResult &result() const { return m_result; }
    // Moves the result out, once isFinished() (result() is empty afterwards).
    ExperimentResult takeResult() { return std::exchange(m_result, ExperimentResult{}); }

private:
    std::int64_t now() const;
    void startPhase(Phase phase);
    void finishBaselineBefore(const RunResult &baseline);
    void finishRun(RunResult finished);
    void finishBaselineAfter(const RunResult &baseline);
    void finish();
    void failWithoutRun(const std::string &error, bool stopped);

    const RunConfig m_config;
    BaselineCache *m_cache;
    const ExperimentOptions m_options;
    Phase m_phase = Phase::Idle;
    std::unique_ptr<Run> m_run;
    bool m_stopRequested = false;
    bool m_capped = false; // the current baseline was stopped at the time cap
    ExperimentResult m_result;
};

std::string_view toString(Experiment::Phase phase);

// Runs an experiment to the end on the calling thread's behalf (CLI, tests). An invalid config
// comes back as the error; a failed baseline or run as a result whose run.summary.error is set.
struct ExperimentOutcome
{
    std::optional<ConfigError> error;
    ExperimentResult result;
};
ExperimentOutcome runExperiment(const RunConfig &config, BaselineCache *cache, ExperimentOptions options = {});

} // namespace clab
