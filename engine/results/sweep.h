#pragma once

#include "model/runconfig.h"
#include "results/amdahl.h"
#include "results/experiment.h"
#include "results/runresult.h"

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace clab {

// A scaling sweep: one workload run with 1..N workers under each chosen execution model and GIL
// policy, each run measured against a sequential run of the same workload under the same policy.
// The CLI (`concurrency-lab-cli sweep`) and the GUI's Compare page both plan and tally through
// here; each runs the steps its own way (a blocking loop, a GUI timer), one at a time, so the runs
// never compete with each other for the cores they measure.
//
// Plain data and pure functions: any thread may call them, one thread at a time per SweepTally.

// The most workers a sweep goes up to: past the cores of most machines twice over, the processes
// model's own limit, and already 64 runs per model and policy.
inline constexpr int kMaxSweepWorkers = 64;

struct SweepRequest
{
    RunConfig base; // workload, tasks, parameters, CPU hogs; its model, workers and gil are set per run
    std::vector<ExecutionModel> models;
    std::vector<GilPolicy> policies;
    int maxWorkers = 4; // max_workers: runs go 1..maxWorkers
};

struct SweepStep
{
    RunConfig config;
    bool baseline = false; // the sequential run the policy's speedups are measured against
};

struct SweepPlan
{
    std::optional<ConfigError> error; // set: nothing may run
    std::vector<SweepStep> steps;
};

// Per policy, its baseline first (experiment.h sequentialBaselineOf, the Lab's own rule), then
// every model (sequential is the baseline and is skipped) at 1..maxWorkers. Every step is validated before any runs;
// the first problem comes back naming the field: "models" or "gil" when a list is empty, "max_workers: must be 1..64,
// got 0".
SweepPlan planSweep(const SweepRequest &request);

// The cores a sweep of `base`'s workload is capped at: the machine's `cores` for work that
// computes (cpu, native, shared, mixed); 0 (no cap) for work that only waits (io-*), where
// workers are not cores at all and many more overlap than there are cores.
int coreCapOf(const RunConfig &base, int cores);

// One (model, GIL) line of a sweep: its speedups by worker count and their Amdahl fit.
struct SweepSeries
{
    ExecutionModel model = ExecutionModel::Threads;
    GilPolicy gil = GilPolicy::Modern;
    std::vector<SpeedupPoint> points; // by worker count
    // Fitted to the points within the cores, once one above one worker is in; shown as a
    // measurement only when isDetermined() (two worker counts above one, within the cores).
    std::optional<AmdahlFit> fit;
    // The machine's cores (0: no cap). Beyond them workers take turns: those points are not
    // fitted, and the limit there is the core count, not a serial part.
    int processors = 0;
    // The interpreter's label ("CPython 3.11.2") for a line run as Python programs on a real
    // interpreter (its own GIL; `gil` does not apply); empty for the engine's lines.
    std::string interpreter;
};

// The finished runs of a sweep, recorded in plan order: baselines as references, the other runs
// as speedup points. Speedup = the run's throughput over its policy's baseline throughput
// (experiment.h speedupOf, the rule every experiment uses).
class SweepTally
{
public:
    // Records one finished step and returns its speedup (1 for a baseline), or nothing for a run
    // that failed, was stopped, or has no measured baseline: such a run is not a point.
    std::optional<double> record(const SweepStep &step, const RunResult &result);

    // The measured baseline of `policy`: nothing until its run finished whole.
    std::optional<RunSummary> baseline(GilPolicy policy) const;
    // Every series with at least one point, each with its current fit. `processors` is the
    // machine's core count (0: no cap): more workers than cores cannot run at once.
    std::vector<SweepSeries> series(int processors = 0) const;
    int pointCount() const;

    // A point of a line run on a real interpreter (`interpreter` its label): the speedup of the
    // Python program with `workers` against its own sequential baseline, measured beside it.
    void recordPython(const std::string &interpreter, ExecutionModel model, int workers, double speedup);
    // Those lines, by interpreter and model, fitted as series() fits the engine's.
    std::vector<SweepSeries> pythonSeries(int processors = 0) const;

private:
    std::map<GilPolicy, RunSummary> m_baselines;
    std::map<std::pair<ExecutionModel, GilPolicy>, std::map<int, double>> m_points;
    std::map<std::pair<std::string, ExecutionModel>, std::map<int, double>> m_pythonPoints;
};

} // namespace clab
