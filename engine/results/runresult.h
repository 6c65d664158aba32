#pragma once

#include "measurement/sample.h"
#include "measurement/timeline.h"
#include "measurement/workerrecord.h"
#include "model/lockpair.h"
#include "model/runconfig.h"
#include "platform/system.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace clab {

struct WorkerResult
{
    int index = 0;
    WorkerRole role = WorkerRole::Worker;
    int interpreter = 0;
    int pid = 0;
    int tid = 0;
    std::uint64_t tasks = 0;
    double cpuSeconds = 0.0;
    // The kernel's scheduler statistics of its thread (schedstat): time on a CPU, time runnable
    // but waiting for a CPU, and how many turns on a CPU it got. Zero where the kernel keeps none.
    double onCpuSeconds = 0.0;
    double cpuWaitSeconds = 0.0;
    std::uint64_t timeslices = 0;
    double gilHoldSeconds = 0.0;
    double gilWaitSeconds = 0.0;
    std::uint64_t gilTakes = 0;
    std::uint64_t gilContendedTakes = 0;
    std::uint64_t gilHolds = 0;
    std::uint64_t dropRequestsSet = 0;
    std::uint64_t gilSwitchesIn = 0;
    std::uint64_t gilFailedAcquisitions = 0; // legacy GIL: woke up and found it taken again
    int lastCore = -1;
    std::vector<Interval> timeline; // absolute monotonic ns
    std::uint64_t droppedIntervals = 0;
    double spawnMs = -1.0; // worker processes: spawn to ready; -1 for other models
    std::string exit; // worker processes that ended abnormally: how
};

struct GilSummary
{
    GilPolicy policy = GilPolicy::Modern;
    double switchIntervalMs = 0.0;
    std::uint64_t switches = 0; // changes of holder, summed over interpreters
    std::uint64_t dropRequests = 0; // drop requests set by waiters
    std::uint64_t failedAcquisitions = 0; // legacy: wake-ups of waiters that found the GIL taken
    double holdMsMean = 0.0; // mean length of one hold
    double waitMsMean = 0.0; // mean wait of the acquisitions that had to wait
};

// The race workload's counter: what the tasks that completed should have left in it, what it
// holds, and its lock's use (race_mode=locked; an asyncio.Lock-like lock for coroutines).
struct RaceSummary
{
    std::uint64_t expected = 0; // completed tasks x cpu_steps increments
    std::uint64_t final = 0; // the counters' sum at the end (one per interpreter)
    std::uint64_t lostUpdates = 0; // expected - final, or 0 (a stopped run may have extra)
    std::uint64_t lockAcquisitions = 0;
    std::uint64_t lockWaits = 0; // acquisitions that found the lock held and waited
    double lockWaitSeconds = 0.0;
};

// The deadlock workload's outcome: whether the wait-for graph closed a cycle, how soon after it
// closed the engine found it, and the cycle (which worker held which lock, waiting for which).
struct DeadlockSummary
{
    bool detected = false;
    double detectedAfterMs = 0.0;
    double atSeconds = 0.0; // when the cycle closed, since the run's start
    std::vector<DeadlockLink> cycle;
};

// The pipeline workload's queue: its size, the split of the workers, the items consumed, how
// often and how long a put found it full or a get found it empty, and its deepest point.
struct PipelineSummary
{
    int queueSize = 0;
    int producers = 0;
    int consumers = 0;
    std::uint64_t items = 0;
    std::uint64_t putWaits = 0;
    std::uint64_t getWaits = 0;
    double producerBlockedSeconds = 0.0; // summed over the producers
    double consumerBlockedSeconds = 0.0; // summed over the consumers
    int maxDepth = 0;
};

struct RunSummary
{
    double wallSeconds = 0.0;
    // CPU time of the run's own threads (its units, their worker processes' units, its echo
    // server) over the run; never the app or tool around it.
    double cpuSeconds = 0.0;
    std::uint64_t tasksCompleted = 0;
    double throughputTps = 0.0;
    double avgCoresBusy = 0.0; // cpuSeconds / wallSeconds
    double otherLoadCores = 0.0; // cores other programs kept busy during the run (/proc/stat less the run's own)
    bool schedulerStats = false; // the kernel keeps per-thread schedstat: "waiting for a core" is measured
    int maxRunning = 0; // most units running bytecode at the same moment
    double latencyMsP50 = 0.0;
    double latencyMsP90 = 0.0;
    double latencyMsP99 = 0.0;
    GilSummary gil;
    std::uint64_t sharedUpdates = 0; // shared workload: increments found in the shared objects
    std::optional<RaceSummary> race; // race workload only
    std::optional<DeadlockSummary> deadlock; // deadlock workload only
    std::optional<PipelineSummary> pipeline; // pipeline workload only
    // What one unit costs, where measured: coroutines (creation, heap per frame) and processes
    // (spawn until ready, proportional set size).
    std::optional<double> unitCreateUs;
    std::optional<double> unitMemoryKib;
    // The run's timelines: intervals stored over all units, the most a run stores (TimelineBudget),
    // whether that cap was reached, and how many intervals were dropped (over the cap, or over one
    // lane's own limit).
    std::uint64_t timelineIntervals = 0;
    std::uint64_t timelineCap = 0;
    bool timelineCapReached = false;
    std::uint64_t timelineDropped = 0;
    bool stopped = false; // stopped before every task was done
    std::string error; // why the run failed; empty when it did not
    std::vector<std::string> workerFailures; // units that died while the others went on
};

// Everything one run produced: what was asked, where it ran, what was measured. Plain data, safe
// to copy and to hand between threads. Writers produce the exports; they never fail.
struct RunResult
{
    RunConfig config;
    platform::MachineInfo machine;
    std::int64_t startNs = 0; // the run's start on the monotonic clock
    std::vector<Sample> samples;
    std::vector<WorkerResult> workers;
    std::vector<std::uint32_t> taskCompletions; // per task, how many times it completed
    RunSummary summary;

    bool succeeded() const { return summary.error.empty() && summary.workerFailures.empty(); }

    // How the OS scheduler shared the cores among the run's workers (not its hogs), from their
    // schedstat: time on a CPU, time runnable but waiting for one, and the mean turn on a CPU.
    struct SchedulerShare
    {
        double onCpuSeconds = 0.0;
        double cpuWaitSeconds = 0.0;
        std::uint64_t timeslices = 0;
        double meanTurnMs = 0.0; // onCpuSeconds / timeslices
        double waitFraction = 0.0; // cpuWaitSeconds / (workers x wall time)
    };
    SchedulerShare schedulerShare() const;

    // snake_case JSON: config, machine, summary, workers, samples (and timeline when asked).
    std::string toJson(bool withTimeline = false) const;
    // One row per sample: t_s, tasks_done, throughput_tps, running, core0_busy_pct, ...
    std::string samplesCsv() const;
    // Chrome trace event format (Perfetto opens it): a track per unit, GIL holder tracks, hand-off
    // arrows and the samples' counters, at most kMaxTraceEvents events (results/chrometrace.h).
    // `label`: a marker at the start naming the preset or walkthrough step; empty for none.
    std::string chromeTrace(const std::string &label = {}) const;
    // A few readable lines for a terminal.
    // The failure lines ("FAILED: ...", "WORKER FAILED: ...") are left out when `withFailures` is
    // false: the CLI writes those to stderr (failureText()).
    std::string summaryText(bool withFailures = true) const;
    // "WORKER FAILED: <failure>" for each unit that died, then "FAILED: <error>"; empty when the run
    // succeeded.
    std::string failureText() const;
};

// Other programs' load, in cores, from which a run's summary warns that its speedups may be low.
inline constexpr double kBusyMachineCores = 0.3;

// The most units in the Running state at the same moment, from their timelines, counting only
// moments that last at least `minSpanNs` (0: any moment at all).
int maxRunningOverlap(const std::vector<WorkerResult> &workers, std::int64_t minSpanNs = 0);

// Percentile by nearest rank of an unsorted list (0 for an empty one).
double percentile(std::vector<double> values, double p);

// Writes `content` to `path` whole or not at all: into a temporary file beside it, flushed to
// disk, then renamed over the target. Returns an error message, or nothing on success. The
// exports' writer; the system calls are the platform layer's (platform/system.h).
using platform::writeFileAtomically;

} // namespace clab
