// Every lesson's "Look for:" line, checked on a run of its preset. The table below has one row per
// Try-it card: the lesson file, the preset, the line as the lesson prints it, and the checks that
// say what the line claims in the engine's own measurements (speedup against a sequential baseline
// measured beside the run, the run's own cores busy, GIL counters, task latency, waiting for a
// core). A card without a row, or a row whose line no longer reads as the lesson's, fails.
//
// Written for a noisy, shared 2-core machine: every check is a direction or a broad band, never a
// time to meet. Claims about a comparison ("no gain over two processes") run both presets side by
// side in the same repetitions and compare their ratios. A check that needs cores to itself (a
// parallel speedup or any comparison between runs needs both, "one core's worth of CPU" one)
// counts only the repetitions in which other programs left those cores free; with too few, the row
// asserts the rest and then skips, naming what it left out and why.
#include "lessonlibrary.h"
#include "model/presetcatalog.h"
#include "results/experiment.h"
#include "speedtest.h"
#include "testsupport.h"

#include <QTest>

#include <algorithm>
#include <array>
#include <cmath>
#include <filesystem>
#include <limits>
#include <map>
#include <numeric>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <vector>

using namespace clab;
using namespace clab::test;

namespace {

// --- What a run shows -----------------------------------------------------------------------------

enum class Measure
{
    Speedup, // run throughput / sequential baseline throughput (ExperimentResult::speedup)
    Efficiency, // speedup / workers
    CoresBusy, // the run's own CPU seconds / wall seconds (summary "cores busy")
    MaxRunning, // most units running bytecode at the same moment
    GilSwitches, // changes of GIL holder; the first take counts as one (ceval_gil.c counts it too)
    SwitchesPerInterval, // GIL switches per switch interval of wall time: 1 = a hand-off every interval
    DropRequests, // drop requests set by waiters
    FailedAcquisitions, // legacy GIL: waiters that woke and found the GIL taken again
    GilWaitShare, // the workers' time waiting for the GIL / (workers x wall time)
    WaitingForCoreShare, // the workers' time runnable without a core / (workers x wall time), schedstat
    LatencyP50Ms, // median task latency (an I/O task: its whole call, until it holds the GIL again)
    ThroughputTps, // tasks per second
    WallSeconds,
    MostInIoAtOnce, // most worker lanes in I/O at the same moment
    IoShare, // the workers' time in I/O (GIL released) / (workers x wall time)
    NativeShare, // the workers' time in native code (GIL released) / (workers x wall time)
    Interpreters, // distinct interpreters (each with its own GIL) among the workers
    ProcessIds, // distinct process ids among the workers
    OsThreads, // distinct OS threads among the workers (coroutines: one loop thread)
    SharedUpdatesLost, // shared workload: tasks x steps less the increments found
    ComputeStretchMs, // mean unbroken stretch of running bytecode on a lane
    FairShare, // tasks of the worker that did fewest / of the one that did most
    TasksCompleted,
    LostUpdates, // race workload: expected increments less those the counter holds (summary.race)
    LostShare, // race workload: lost updates / expected updates
    LockWaits, // race workload: lock acquisitions that found the lock held and waited
    LockWaitShare, // the workers' time waiting for a lock (race or deadlock workload) / (workers x wall time)
    DeadlockDetected, // deadlock workload: 1 if the wait-for graph closed a cycle, else 0
    DeadlockFoundAfterMs, // deadlock workload: from the cycle closing to the engine finding it
    CycleLength, // deadlock workload: workers in the cycle found
    CycleAsOrdered, // deadlock workload: 1 if each worker in the cycle holds its first lock and waits for its second
};
constexpr std::size_t kMeasureCount = static_cast<std::size_t>(Measure::CycleAsOrdered) + 1;

const char *nameOf(Measure measure)
{
    switch (measure) {
    case Measure::Speedup:
        return "speedup";
    case Measure::Efficiency:
        return "efficiency";
    case Measure::CoresBusy:
        return "cores busy";
    case Measure::MaxRunning:
        return "max running";
    case Measure::GilSwitches:
        return "GIL switches";
    case Measure::SwitchesPerInterval:
        return "GIL switches per switch interval";
    case Measure::DropRequests:
        return "drop requests";
    case Measure::FailedAcquisitions:
        return "failed acquisitions";
    case Measure::GilWaitShare:
        return "share of time waiting for the GIL";
    case Measure::WaitingForCoreShare:
        return "share of time waiting for a core";
    case Measure::LatencyP50Ms:
        return "latency p50 (ms)";
    case Measure::ThroughputTps:
        return "tasks per second";
    case Measure::WallSeconds:
        return "wall time (s)";
    case Measure::MostInIoAtOnce:
        return "lanes in I/O at once";
    case Measure::IoShare:
        return "share of time in I/O";
    case Measure::NativeShare:
        return "share of time in native code";
    case Measure::Interpreters:
        return "interpreters";
    case Measure::ProcessIds:
        return "process ids";
    case Measure::OsThreads:
        return "OS threads";
    case Measure::SharedUpdatesLost:
        return "shared updates lost";
    case Measure::ComputeStretchMs:
        return "mean computing stretch (ms)";
    case Measure::FairShare:
        return "fewest tasks / most tasks per worker";
    case Measure::TasksCompleted:
        return "tasks completed";
    case Measure::LostUpdates:
        return "updates lost";
    case Measure::LostShare:
        return "share of updates lost";
    case Measure::LockWaits:
        return "lock waits";
    case Measure::LockWaitShare:
        return "share of time waiting for a lock";
    case Measure::DeadlockDetected:
        return "deadlock detected";
    case Measure::DeadlockFoundAfterMs:
        return "deadlock found after (ms)";
    case Measure::CycleLength:
        return "workers in the deadlock's cycle";
    case Measure::CycleAsOrdered:
        return "cycle of first locks held, second ones awaited";
    }
    return "?";
}

constexpr std::size_t indexOf(Measure measure)
{
    return static_cast<std::size_t>(measure);
}

constexpr double kUnknown = std::numeric_limits<double>::quiet_NaN();

using Values = std::array<double, kMeasureCount>;

// One repetition of one preset: every measure, and how many cores other programs kept busy during
// the run or its baseline, whichever was more.
struct Observation
{
    Values values{};
    double otherLoadCores = 0.0;
};

double stateSeconds(const WorkerResult &worker, WorkerState state)
{
    std::int64_t ns = 0;
    for (const Interval &i : worker.timeline) {
        if (i.state == state)
            ns += i.endNs - i.startNs;
    }
    return static_cast<double>(ns) / 1e9;
}

Observation observe(const ExperimentResult &experiment)
{
    const RunResult &run = experiment.run;
    const RunSummary &summary = run.summary;
    Observation out;
    Values &v = out.values;
    v.fill(kUnknown);
    auto set = [&v](Measure measure, double value) { v[indexOf(measure)] = value; };

    std::vector<const WorkerResult *> workers;
    for (const WorkerResult &w : run.workers) {
        if (w.role == WorkerRole::Worker)
            workers.push_back(&w);
    }
    const double laneSeconds = static_cast<double>(workers.size()) * summary.wallSeconds;
    double gilWait = 0.0;
    double lockWait = 0.0;
    double io = 0.0;
    double native = 0.0;
    double runningSeconds = 0.0;
    std::size_t runningStretches = 0;
    std::set<int> interpreters;
    std::set<int> pids;
    std::set<int> tids;
    std::uint64_t fewestTasks = std::numeric_limits<std::uint64_t>::max();
    std::uint64_t mostTasks = 0;
    for (const WorkerResult *w : workers) {
        gilWait += w->gilWaitSeconds;
        lockWait += stateSeconds(*w, WorkerState::WaitingLock);
        io += stateSeconds(*w, WorkerState::Io);
        native += stateSeconds(*w, WorkerState::Native);
        for (const Interval &i : w->timeline) {
            if (i.state == WorkerState::Running && i.endNs > i.startNs) {
                runningSeconds += static_cast<double>(i.endNs - i.startNs) / 1e9;
                ++runningStretches;
            }
        }
        interpreters.insert(w->interpreter);
        pids.insert(w->pid);
        tids.insert(w->tid);
        fewestTasks = std::min(fewestTasks, w->tasks);
        mostTasks = std::max(mostTasks, w->tasks);
    }

    if (experiment.speedup) {
        set(Measure::Speedup, *experiment.speedup);
        set(Measure::Efficiency, *experiment.speedup / run.config.workers);
    }
    set(Measure::CoresBusy, summary.avgCoresBusy);
    set(Measure::MaxRunning, summary.maxRunning);
    set(Measure::GilSwitches, static_cast<double>(summary.gil.switches));
    set(Measure::SwitchesPerInterval,
        static_cast<double>(summary.gil.switches) / (summary.wallSeconds * 1e3 / run.config.switchIntervalMs));
    set(Measure::DropRequests, static_cast<double>(summary.gil.dropRequests));
    set(Measure::FailedAcquisitions, static_cast<double>(summary.gil.failedAcquisitions));
    set(Measure::GilWaitShare, gilWait / laneSeconds);
    if (summary.schedulerStats)
        set(Measure::WaitingForCoreShare, run.schedulerShare().waitFraction);
    set(Measure::LatencyP50Ms, summary.latencyMsP50);
    set(Measure::ThroughputTps, summary.throughputTps);
    set(Measure::WallSeconds, summary.wallSeconds);
    set(Measure::MostInIoAtOnce, maxOverlap(workers, WorkerState::Io));
    set(Measure::IoShare, io / laneSeconds);
    set(Measure::NativeShare, native / laneSeconds);
    set(Measure::Interpreters, static_cast<double>(interpreters.size()));
    set(Measure::ProcessIds, static_cast<double>(pids.size()));
    set(Measure::OsThreads, static_cast<double>(tids.size()));
    if (run.config.workload == WorkloadKind::Shared) {
        const double expected = static_cast<double>(run.config.tasks) * run.config.cpuSteps;
        set(Measure::SharedUpdatesLost, expected - static_cast<double>(summary.sharedUpdates));
    }
    if (runningStretches > 0)
        set(Measure::ComputeStretchMs, runningSeconds * 1e3 / static_cast<double>(runningStretches));
    if (mostTasks > 0)
        set(Measure::FairShare, static_cast<double>(fewestTasks) / static_cast<double>(mostTasks));
    set(Measure::TasksCompleted, static_cast<double>(summary.tasksCompleted));
    if (summary.race) {
        set(Measure::LostUpdates, static_cast<double>(summary.race->lostUpdates));
        if (summary.race->expected > 0)
            set(Measure::LostShare,
                static_cast<double>(summary.race->lostUpdates) / static_cast<double>(summary.race->expected));
        set(Measure::LockWaits, static_cast<double>(summary.race->lockWaits));
    }
    if (summary.race || summary.deadlock)
        set(Measure::LockWaitShare, lockWait / laneSeconds);
    if (summary.deadlock) {
        set(Measure::DeadlockDetected, summary.deadlock->detected ? 1.0 : 0.0);
        set(Measure::CycleLength, static_cast<double>(summary.deadlock->cycle.size()));
        // lock_order=opposite: even workers take A (0) first, odd ones B (1), as model/workload.cpp.
        const bool asOrdered = std::all_of(summary.deadlock->cycle.begin(), summary.deadlock->cycle.end(),
            [](const DeadlockLink &link) { return link.holds == link.worker % 2 && link.waitsFor == 1 - link.holds; });
        set(Measure::CycleAsOrdered, summary.deadlock->detected && asOrdered ? 1.0 : 0.0);
        if (summary.deadlock->detected)
            set(Measure::DeadlockFoundAfterMs, summary.deadlock->detectedAfterMs);
    }

    out.otherLoadCores
        = std::max(summary.otherLoadCores, experiment.baseline ? experiment.baseline->otherLoadCores : 0.0);
    return out;
}

// --- What a line claims -------------------------------------------------------------------------

constexpr double kNoBound = std::numeric_limits<double>::infinity();

enum class Against
{
    Value, // the measure itself
    RatioTo, // the measure over the same measure of the reference preset, run beside it
    DifferenceFrom, // the measure less the same measure of the reference preset, run beside it
};

struct Check
{
    Measure measure = Measure::Speedup;
    double low = -kNoBound;
    double high = kNoBound;
    Against against = Against::Value;
    std::string reference; // the other preset, for RatioTo and DifferenceFrom
    // Cores the claim needs to itself: 1 for what one busy core shows inside one run (one core's
    // worth of CPU, unbroken computing); 2 for parallelism (both cores busy, a GIL waiter waking on
    // the other core) and for every comparison of runs made one after another (a speedup against
    // its baseline, a ratio between presets): another program's load changes from one moment to
    // the next: with one core taken, two threads under the GIL read speedups up to 1.22 and the
    // wall times of two identical one-thread runs differed by 23%.
    // Asserted only over repetitions in which other programs left that many cores free; 2 also
    // only on a 2-core machine, which the lessons are written for. 0: holds on a busy machine too.
    int freeCores = 0;
};

Check between(Measure measure, double low, double high)
{
    Check check;
    check.measure = measure;
    check.low = low;
    check.high = high;
    return check;
}
Check atLeast(Measure measure, double low)
{
    return between(measure, low, kNoBound);
}
Check atMost(Measure measure, double high)
{
    return between(measure, -kNoBound, high);
}
Check exactly(Measure measure, double value)
{
    return between(measure, value, value);
}
Check ratioTo(const std::string &preset, Check check)
{
    check.against = Against::RatioTo;
    check.reference = preset;
    return check;
}
Check differenceFrom(const std::string &preset, Check check)
{
    check.against = Against::DifferenceFrom;
    check.reference = preset;
    return check;
}
Check onOneFreeCore(Check check)
{
    check.freeCores = 1;
    return check;
}
Check onTwoFreeCores(Check check)
{
    check.freeCores = 2;
    return check;
}

std::string describe(const Check &check)
{
    std::string what = nameOf(check.measure);
    if (check.against == Against::RatioTo)
        what += " / " + check.reference + "'s";
    else if (check.against == Against::DifferenceFrom)
        what += " - " + check.reference + "'s";
    auto number = [](double x) { return QByteArray::number(x, 'g', 4).toStdString(); };
    if (check.low == check.high)
        return what + " == " + number(check.low);
    if (check.low == -kNoBound)
        return what + " <= " + number(check.high);
    if (check.high == kNoBound)
        return what + " >= " + number(check.low);
    return what + " in [" + number(check.low) + ", " + number(check.high) + "]";
}

// One Try-it card: its lesson, its preset, its "Look for:" line word for word, and what that line
// claims.
struct Claim
{
    std::string lesson;
    std::string preset;
    std::string lookFor;
    std::vector<Check> checks;
};

// --- The table ------------------------------------------------------------------------------------

// The bands, as the lessons' words (the measured values are medians of three on a quiet 2-core VM):
// - "one core's worth of CPU": cores busy 0.8-1.2 (measured 0.97-1.01); "both cores busy": at
//   least 1.6 (1.85-1.99); "well under one core": at most 0.6 (0.31-0.39 for one file writer).
// - "a speedup near 1" under the GIL: 0.75-1.1 (0.97-1.0); each hand-off costs a little. Two
//   workers taking turns at one lock, "the work of one thread": 0.75-1.2 (0.99 and 1.11 measured).
// - "a speedup well above 1" with two workers on two cores: at least 1.4 (1.8-1.99); "approaching
//   2": at least 1.6. "No gain" over fewer workers: at most 1.1 times their speedup.
// - The legacy GIL: at most 0.95 and 0.04 below modern, the margins of tst_legacygil.cpp, which
//   hold on the 2-CPU hosts measured (BENCHMARKS.md).
// - Latencies are the configured wait plus what the claim adds: a 1 ms sleep alone takes 1.0-1.5 ms
//   (1.08-1.1), beside a hog 1 ms plus a switch interval of 5 ms, so 4.5-8 ms (6.2).
// - Counts that cannot vary (one loop thread, two interpreters, no update lost) are exact.
// - Lost updates: "about half" under the GIL is 0.3-0.55 of them (0.48-0.50: every checkpoint of
//   the workload falls between a read and its write); "from a few to more than ten in every hundred"
//   without a GIL is 0.005-0.3 (0.027-0.041 on a shared machine, 0.138 with both cores free), with
//   at least one lost on two free cores, the margin; "none"
//   is exactly 0, which the engine guarantees where no switch can fall between a read and its write.
// - A deadlock is found the moment its cycle closes (0.0006-0.0029 ms): within 20 ms allows for a
//   preempted thread on a busy machine; "well under a second in" is a wall time of at most 0.5 s
//   with a core free (0.015-0.047 s) and under a second in any case (one median of 0.43 s was seen
//   with other programs on both cores); "within the first few tasks" at most 5 (0-1).
// - Lock waits: "stretches of waiting for the lock" and "one waiting for lock A" are at least a
//   tenth of the workers' time (0.47-0.48) and, counted, at least 10 waits (119 in 32 tasks).
const std::vector<Claim> &claims()
{
    static const std::vector<Claim> table = {
        {"01-concurrency-parallelism.md", "cpu-sequential",
            "the per-core chart shows about one core's worth of work; remember the wall time, every other run is "
            "compared with it.",
            {onOneFreeCore(atLeast(Measure::CoresBusy, 0.8)), atMost(Measure::CoresBusy, 1.15),
                exactly(Measure::MaxRunning, 1)}},
        {"01-concurrency-parallelism.md", "io-sleep-coroutines-40",
            "the batch finishes in little more than one wait; CPU use stays near zero. Concurrent, but not parallel.",
            {atLeast(Measure::Speedup, 20), atMost(Measure::CoresBusy, 0.2), exactly(Measure::OsThreads, 1)}},
        {"01-concurrency-parallelism.md", "cpu-processes-2",
            "both cores busy at the same time, and a speedup well above 1. That is parallelism.",
            {onTwoFreeCores(atLeast(Measure::CoresBusy, 1.6)), onTwoFreeCores(exactly(Measure::MaxRunning, 2)),
                onTwoFreeCores(atLeast(Measure::Speedup, 1.4))}},
        {"02-execution-units.md", "many-waits-threads-256",
            "about 40 rounds of 25 ms (10,000 / 256), so a bit over 1 s; the CPU stays mostly idle.",
            {atLeast(Measure::WallSeconds, 1.0), atLeast(Measure::Speedup, 150), atMost(Measure::CoresBusy, 0.5)}},
        {"02-execution-units.md", "many-waits-coroutines-10000",
            "all the waits overlap, so the batch takes the time of a few waits, not 40 rounds as on 256 threads; one "
            "thread did it all.",
            {atLeast(Measure::Speedup, 2000), ratioTo("many-waits-threads-256", atLeast(Measure::Speedup, 8)),
                exactly(Measure::OsThreads, 1)}},
        {"03-processes.md", "cpu-processes-2",
            "both cores near 100% for most of the run; a speedup between about 1.5 and 2; each worker has its own "
            "process id.",
            {onTwoFreeCores(atLeast(Measure::CoresBusy, 1.6)), onTwoFreeCores(between(Measure::Speedup, 1.4, 2.1)),
                exactly(Measure::ProcessIds, 2)}},
        {"03-processes.md", "cpu-processes-4",
            "no gain over two processes: both cores were already full, so the extra processes only take turns. Each "
            "lane shows its turns: stretches in yellow, \"waiting for a core\", and at most two running at any moment.",
            {onTwoFreeCores(ratioTo("cpu-processes-2", atMost(Measure::Speedup, 1.1))),
                atLeast(Measure::WaitingForCoreShare, 0.25), atMost(Measure::MaxRunning, 2)}},
        {"04-threads.md", "io-sleep-threads-4",
            "about a quarter of the sequential time; in the timeline, the four lanes are in I/O at the same time while "
            "the CPU stays nearly idle.",
            {between(Measure::Speedup, 3.0, 4.1), exactly(Measure::MostInIoAtOnce, 4),
                atMost(Measure::CoresBusy, 0.1)}},
        {"04-threads.md", "shared-threads-2-modern",
            "the timeline shows the threads waiting on each other; throughput does not double. Every update is counted "
            "once because the engine protects the structure.",
            {atLeast(Measure::GilWaitShare, 0.3), onTwoFreeCores(atMost(Measure::Speedup, 1.2)),
                exactly(Measure::SharedUpdatesLost, 0)}},
        {"05-coroutines.md", "io-sleep-coroutines-40",
            "barely more than 10 ms in total; a single loop thread; CPU close to idle.",
            {atLeast(Measure::Speedup, 20), exactly(Measure::OsThreads, 1), atMost(Measure::CoresBusy, 0.2)}},
        {"05-coroutines.md", "io-sleep-coroutines-blocking",
            "a speedup of about 1: the timeline shows the loop stalled inside each sleep while every other task waits.",
            {between(Measure::Speedup, 0.85, 1.1), exactly(Measure::MostInIoAtOnce, 1)}},
        {"05-coroutines.md", "mixed-coroutines-no-yield",
            "long unbroken stretches of computing in the loop's lane; tasks whose timers have already fired wait for "
            "the current computation to end.",
            {onOneFreeCore(atLeast(Measure::ComputeStretchMs, 5)), atLeast(Measure::LatencyP50Ms, 30)}},
        {"05-coroutines.md", "mixed-coroutines-yield",
            "about the same total time (slightly more, for the switches), but the computing is cut into short slices, "
            "so waiting tasks get their turns sooner.",
            {onTwoFreeCores(ratioTo("mixed-coroutines-no-yield", between(Measure::WallSeconds, 0.9, 1.3))),
                atMost(Measure::ComputeStretchMs, 1),
                ratioTo("mixed-coroutines-no-yield", atMost(Measure::LatencyP50Ms, 0.5))}},
        {"06-interpreter.md", "cpu-threads-1",
            "the GIL lane shows one holder for the whole run; the summary counts one switch, its first take, and no "
            "drop requests: nobody asked, so nobody had to let go. The wall time matches the sequential baseline.",
            {exactly(Measure::GilSwitches, 1), exactly(Measure::DropRequests, 0),
                onTwoFreeCores(between(Measure::Speedup, 0.85, 1.15))}},
        {"06-interpreter.md", "cpu-sequential",
            "the same wall time, within noise. Running bytecode costs the same whichever unit runs it.",
            {onTwoFreeCores(ratioTo("cpu-threads-1", between(Measure::WallSeconds, 0.85, 1.15)))}},
        {"07-gil.md", "cpu-threads-2-modern",
            "the GIL lane shows one holder at a time; total CPU stays near one core, shared between both cores; "
            "speedup close to 1, often a little below.",
            {exactly(Measure::MaxRunning, 1), onOneFreeCore(atLeast(Measure::CoresBusy, 0.8)),
                atMost(Measure::CoresBusy, 1.2), onTwoFreeCores(between(Measure::Speedup, 0.75, 1.1))}},
        {"07-gil.md", "cpu-threads-4-modern",
            "no better: still one core's worth of CPU and at most one worker running bytecode; each thread now waits "
            "for the GIL about three quarters of the time, and the GIL changes hands no more often than with two, at "
            "most once a switch interval.",
            {onTwoFreeCores(differenceFrom("cpu-threads-2-modern", atMost(Measure::Speedup, 0.1))),
                atMost(Measure::CoresBusy, 1.2), exactly(Measure::MaxRunning, 1),
                between(Measure::GilWaitShare, 0.6, 0.85),
                onTwoFreeCores(ratioTo("cpu-threads-2-modern", atMost(Measure::GilSwitches, 1.1))),
                atMost(Measure::SwitchesPerInterval, 1.1)}},
        {"08-switch-interval.md", "convoy-sleep-alone",
            "just over 1 ms per task; the median task latency is close to 1 ms.",
            {between(Measure::LatencyP50Ms, 1.0, 1.5)}},
        {"08-switch-interval.md", "convoy-sleep-hog-5ms",
            "about 6 ms per task: after each sleep, the I/O thread waits a full switch interval for the GIL. The "
            "timeline shows a long \"waiting for the GIL\" stretch after every short I/O.",
            {between(Measure::LatencyP50Ms, 4.5, 8), atLeast(Measure::GilWaitShare, 0.6)}},
        {"08-switch-interval.md", "convoy-sleep-hog-05ms",
            "close to 1.5–2 ms per task: the wait for the GIL shrinks with the interval.",
            {between(Measure::LatencyP50Ms, 1.2, 2.5),
                ratioTo("convoy-sleep-hog-5ms", atMost(Measure::LatencyP50Ms, 0.5))}},
        {"08-switch-interval.md", "convoy-socket-alone", "thousands per second; the run is over in a blink.",
            {atLeast(Measure::ThroughputTps, 2000)}},
        {"08-switch-interval.md", "convoy-socket-hog-5ms",
            "a collapse to around a hundred or two per second: on average, each round trip now waits about a switch "
            "interval for the GIL.",
            {onTwoFreeCores(between(Measure::ThroughputTps, 80, 350)),
                onTwoFreeCores(ratioTo("convoy-socket-alone", atMost(Measure::ThroughputTps, 0.1)))}},
        {"08-switch-interval.md", "convoy-socket-hog-05ms",
            "a large recovery, but still far below the thread running alone.",
            {onTwoFreeCores(ratioTo("convoy-socket-hog-5ms", atLeast(Measure::ThroughputTps, 3))),
                onTwoFreeCores(ratioTo("convoy-socket-alone", atMost(Measure::ThroughputTps, 0.2)))}},
        {"08-switch-interval.md", "cpu-threads-2-interval-05ms",
            "several times as many GIL switches as at 5 ms, though not ten times: each hand-off also takes the time to "
            "wake the waiting thread. The wall time stays about the same, a little longer at most.",
            {onTwoFreeCores(ratioTo("cpu-threads-2-modern", between(Measure::GilSwitches, 3, 9.5))),
                onTwoFreeCores(ratioTo("cpu-threads-2-modern", between(Measure::WallSeconds, 0.95, 1.25)))}},
        {"09-releasing-the-gil.md", "native-sequential",
            "one core busy; the timeline shows most time spent in native code.",
            {onOneFreeCore(atLeast(Measure::CoresBusy, 0.8)), atMost(Measure::CoresBusy, 1.15),
                atLeast(Measure::NativeShare, 0.6)}},
        {"09-releasing-the-gil.md", "native-threads-2",
            "both cores busy and a speedup clearly above 1.5: the GIL is free while zlib runs, so the threads overlap.",
            {onTwoFreeCores(atLeast(Measure::CoresBusy, 1.6)), onTwoFreeCores(atLeast(Measure::Speedup, 1.5)),
                exactly(Measure::MaxRunning, 1)}},
        {"09-releasing-the-gil.md", "io-sleep-threads-40",
            "a speedup close to 40, with little CPU used: each sleep releases the GIL, so every round of 40 sleeps "
            "takes about as long as one.",
            {between(Measure::Speedup, 25, 41), atMost(Measure::CoresBusy, 0.2), atLeast(Measure::MostInIoAtOnce, 30)}},
        {"09-releasing-the-gil.md", "io-file-threads-1",
            "one lane, mostly in I/O with the GIL released, and well under one core busy: the time goes to the file "
            "system and the disk. Note the wall time for the next run.",
            {exactly(Measure::OsThreads, 1), atLeast(Measure::IoShare, 0.5), atMost(Measure::CoresBusy, 0.6)}},
        {"09-releasing-the-gil.md", "io-file-threads-4",
            "lanes spending their time in I/O at the same moment; how much you gain depends on the disk, since all "
            "four share it.",
            {atLeast(Measure::MostInIoAtOnce, 2)}},
        {"10-cpu-vs-io.md", "cpu-coroutines-4",
            "about 1×: one loop thread does all the computing, so one core is busy.",
            {onTwoFreeCores(between(Measure::Speedup, 0.85, 1.1)), exactly(Measure::OsThreads, 1),
                onOneFreeCore(atLeast(Measure::CoresBusy, 0.8)), atMost(Measure::CoresBusy, 1.15)}},
        {"10-cpu-vs-io.md", "mixed-threads-2",
            "a gain from overlapping the waits, but the computing parts still take turns on the GIL; total CPU stays "
            "at or below one core.",
            {onTwoFreeCores(atLeast(Measure::Speedup, 1.05)), exactly(Measure::MaxRunning, 1),
                atMost(Measure::CoresBusy, 1.1)}},
        {"10-cpu-vs-io.md", "mixed-processes-2",
            "the computing parts now also run in parallel: both cores busy and a better speedup than with threads.",
            {onTwoFreeCores(exactly(Measure::MaxRunning, 2)), onTwoFreeCores(atLeast(Measure::CoresBusy, 1.3)),
                onTwoFreeCores(differenceFrom("mixed-threads-2", atLeast(Measure::Speedup, 0.3)))}},
        {"10-cpu-vs-io.md", "cpu-processes-2",
            "close to 2× against about 1× for threads (compare with the two-threads preset in [the GIL](lesson:gil)).",
            {onTwoFreeCores(atLeast(Measure::Speedup, 1.5)),
                onTwoFreeCores(differenceFrom("cpu-threads-2-modern", atLeast(Measure::Speedup, 0.5)))}},
        {"11-measuring.md", "cpu-threads-2-modern",
            "both cores partly busy, adding up to about one core; \"cores busy\" near 1.0 in the summary and a speedup "
            "near 1, so an efficiency near 0.5.",
            {onOneFreeCore(atLeast(Measure::CoresBusy, 0.8)), atMost(Measure::CoresBusy, 1.2),
                onTwoFreeCores(between(Measure::Speedup, 0.75, 1.1)),
                onTwoFreeCores(between(Measure::Efficiency, 0.375, 0.55))}},
        {"11-measuring.md", "cpu-processes-4",
            "both cores full, a speedup below 2, and an efficiency (speedup ÷ 4) below 0.5: the extra workers only "
            "take turns.",
            {onTwoFreeCores(atLeast(Measure::CoresBusy, 1.6)), atMost(Measure::Speedup, 2),
                atMost(Measure::Efficiency, 0.5)}},
        {"11-measuring.md", "mixed-quarter-sequential",
            "about a quarter of a core busy on average. Note the wall time: the next two runs are measured against it.",
            {onOneFreeCore(between(Measure::CoresBusy, 0.18, 0.4))}},
        {"11-measuring.md", "mixed-quarter-threads-4",
            "a clear speedup, but below 4×; in the timeline, the computing slices of different threads never overlap.",
            {onTwoFreeCores(between(Measure::Speedup, 2, 4)), exactly(Measure::MaxRunning, 1)}},
        {"11-measuring.md", "mixed-quarter-threads-16",
            "only a little better than four threads and still below 4×; about one core's worth of CPU, busy nearly all "
            "the time: the computing quarter has become the bottleneck.",
            {onTwoFreeCores(atMost(Measure::Speedup, 4)),
                // "a little better": the gain is small, so two runs' noise (0.948 once in CI) can hide it.
                onTwoFreeCores(ratioTo("mixed-quarter-threads-4", between(Measure::Speedup, 0.9, 1.3))),
                onOneFreeCore(atLeast(Measure::CoresBusy, 0.8)), atMost(Measure::CoresBusy, 1.15)}},
        {"12-other-interpreters.md", "cpu-threads-2-off",
            "both cores busy at the same time, two workers running bytecode at once in the timeline, and a speedup "
            "well above 1.",
            {onTwoFreeCores(atLeast(Measure::CoresBusy, 1.6)), onTwoFreeCores(exactly(Measure::MaxRunning, 2)),
                onTwoFreeCores(atLeast(Measure::Speedup, 1.4))}},
        {"12-other-interpreters.md", "cpu-threads-2-modern",
            "one holder at a time in the GIL lane, about one core's worth of CPU, and a speedup near 1. A faster "
            "interpreter makes each thread quicker, but still lets only one of them run Python at a time.",
            {exactly(Measure::MaxRunning, 1), onOneFreeCore(atLeast(Measure::CoresBusy, 0.8)),
                atMost(Measure::CoresBusy, 1.2), onTwoFreeCores(between(Measure::Speedup, 0.75, 1.1))}},
        {"13-free-threading.md", "cpu-threads-2-off",
            "both cores near 100%, two workers running bytecode at the same moment, and a speedup approaching 2, where "
            "the same run under the GIL stays near 1.",
            {onTwoFreeCores(atLeast(Measure::CoresBusy, 1.7)), onTwoFreeCores(exactly(Measure::MaxRunning, 2)),
                onTwoFreeCores(atLeast(Measure::Speedup, 1.6)),
                onTwoFreeCores(differenceFrom("cpu-threads-2-modern", atLeast(Measure::Speedup, 0.5)))}},
        {"13-free-threading.md", "cpu-threads-4-off",
            "no real gain: the cores were already full, so the four threads take turns on them, switched by the "
            "operating system instead of a GIL.",
            {onTwoFreeCores(ratioTo("cpu-threads-2-off", atMost(Measure::Speedup, 1.1))),
                atLeast(Measure::WaitingForCoreShare, 0.25), exactly(Measure::GilSwitches, 0)}},
        {"13-free-threading.md", "shared-threads-2-off",
            "both cores busy and a speedup close to the independent run above: each update holds the lock only for a "
            "moment between longer computations, so the threads seldom wait for each other. Every update is still "
            "counted exactly once.",
            {onTwoFreeCores(atLeast(Measure::CoresBusy, 1.6)),
                onTwoFreeCores(ratioTo("cpu-threads-2-off", between(Measure::Speedup, 0.85, 1.1))),
                exactly(Measure::SharedUpdatesLost, 0)}},
        {"13-free-threading.md", "convoy-sleep-hog-off",
            "close to 1 ms per task, as if the I/O thread were alone; no waiting-for-the-GIL stretches after the "
            "sleeps.",
            {between(Measure::LatencyP50Ms, 1.0, 1.5), exactly(Measure::GilWaitShare, 0)}},
        {"14-subinterpreters.md", "cpu-subinterpreters-2",
            "two GILs, each with one holder; both cores busy at once; a speedup well above 1 (real CPython "
            "subinterpreters reached 1.66–2.06× in our measurements).",
            {exactly(Measure::Interpreters, 2), onTwoFreeCores(atLeast(Measure::CoresBusy, 1.6)),
                onTwoFreeCores(exactly(Measure::MaxRunning, 2)), onTwoFreeCores(atLeast(Measure::Speedup, 1.4))}},
        {"14-subinterpreters.md", "cpu-threads-2-modern",
            "one GIL, one holder at a time, about one core's worth of CPU, and a speedup near 1.",
            {exactly(Measure::Interpreters, 1), exactly(Measure::MaxRunning, 1),
                onOneFreeCore(atLeast(Measure::CoresBusy, 0.8)), atMost(Measure::CoresBusy, 1.2),
                onTwoFreeCores(between(Measure::Speedup, 0.75, 1.1))}},
        {"14-subinterpreters.md", "shared-subinterpreters-2",
            "a speedup close to the plain CPU run: nothing is shared between the interpreters, so nobody waits. "
            "Combining their results would take a message.",
            {onTwoFreeCores(ratioTo("cpu-subinterpreters-2", between(Measure::Speedup, 0.85, 1.15))),
                atMost(Measure::GilWaitShare, 0.05), exactly(Measure::Interpreters, 2)}},
        {"15-history.md", "cpu-threads-2-legacy",
            "one thread keeping the GIL for long stretches while the other wakes, fails and waits again (the summary "
            "counts these failed acquisitions); a speedup below 1, and worse than the modern GIL's.",
            {onTwoFreeCores(atLeast(Measure::FailedAcquisitions, 1)), onTwoFreeCores(atMost(Measure::Speedup, 0.95)),
                onTwoFreeCores(differenceFrom("cpu-threads-2-modern", atMost(Measure::Speedup, -0.04)))}},
        {"15-history.md", "cpu-threads-2-modern",
            "a hand-off roughly every switch interval (5 ms), a fair share for both threads, and a speedup close to 1.",
            {onTwoFreeCores(atLeast(Measure::SwitchesPerInterval, 0.5)), atMost(Measure::SwitchesPerInterval, 1.1),
                atLeast(Measure::FairShare, 0.7), onTwoFreeCores(between(Measure::Speedup, 0.75, 1.1))}},
        {"15-history.md", "convoy-sleep-hog-5ms",
            "about 6 ms per task: after every sleep, the I/O thread waits a whole switch interval for the GIL. This is "
            "the convoy effect Beazley reported in 2010.",
            {between(Measure::LatencyP50Ms, 4.5, 8), atLeast(Measure::GilWaitShare, 0.6)}},
        {"16-race-conditions.md", "race-unsafe-call-threads-2",
            "about half of the updates lost, under the GIL, with only one thread running at a time: the GIL changed "
            "hands inside f(), between a thread's read of the counter and its write.",
            {between(Measure::LostShare, 0.3, 0.55), exactly(Measure::MaxRunning, 1),
                atLeast(Measure::GilSwitches, 10)}},
        {"16-race-conditions.md", "race-unsafe-plain-threads-2",
            "none: all 2,000,000 arrive, though the GIL still changes hands many times. No checkpoint falls between "
            "this read and its write.",
            {exactly(Measure::LostUpdates, 0), atLeast(Measure::GilSwitches, 10)}},
        {"16-race-conditions.md", "race-unsafe-plain-gil-off-2",
            "some lost, from a few to more than ten in every hundred: both threads run at the same moment, and now and "
            "then both read the same value and write it back plus one.",
            {onTwoFreeCores(atLeast(Measure::LostUpdates, 1)), atMost(Measure::LostShare, 0.3),
                onTwoFreeCores(atLeast(Measure::LostShare, 0.005)), onTwoFreeCores(exactly(Measure::MaxRunning, 2))}},
        {"16-race-conditions.md", "race-locked-threads-2",
            "none lost; instead the lanes show stretches of waiting for the lock, and the summary counts the waits: a "
            "thread switched out while it held the lock keeps the other one out until it is back.",
            {exactly(Measure::LostUpdates, 0), atLeast(Measure::LockWaits, 10), atLeast(Measure::LockWaitShare, 0.1)}},
        {"17-deadlock.md", "deadlock-opposite-threads-2",
            "a deadlock within the first few tasks: the summary names the cycle, worker 0 holding lock A and waiting "
            "for B while worker 1 holds B and waits for A. The engine found it the moment the cycle closed and ended "
            "the run, well under a second in, where a plain Python program would hang.",
            {exactly(Measure::DeadlockDetected, 1), exactly(Measure::CycleLength, 2),
                exactly(Measure::CycleAsOrdered, 1), atMost(Measure::TasksCompleted, 5),
                atMost(Measure::DeadlockFoundAfterMs, 20), atMost(Measure::WallSeconds, 1),
                onOneFreeCore(atMost(Measure::WallSeconds, 0.5))}},
        {"17-deadlock.md", "deadlock-same-threads-2",
            "all 200 tasks done and no deadlock; in the timeline the workers take turns, one waiting for lock A while "
            "the other works, and the pair does about the work of one thread.",
            {exactly(Measure::DeadlockDetected, 0), exactly(Measure::MaxRunning, 1),
                atLeast(Measure::LockWaitShare, 0.1), onTwoFreeCores(between(Measure::Speedup, 0.75, 1.2))}},
    };
    return table;
}

// Presets run shorter here than in the app: enough work for each claim to show through the noise
// of a shared machine, little enough that the table runs in a few minutes. Presets not listed run
// as shipped. Every shipped preset runs for at least a second, so its charts get ten samples, except
// three whose lesson's point is that they are fast: io-sleep-coroutines-40 (40 waits in the time of
// one, lessons 01 and 05), many-waits-coroutines-10000 (10,000 waits in a few, lesson 02) and
// convoy-socket-alone ("over in a blink", lesson 08). many-waits-threads-256 runs whole: its claim
// is the 40 rounds of the whole batch.
int shortenedTasks(const std::string &presetId)
{
    // A CPU-bound task of 10,000 steps takes about 12-14 ms on one core (workload.h: a step is about
    // a microsecond): 32 of them are a few tenths of a second, about 75 switch intervals of 5 ms.
    constexpr int kCpuTasks = 32;
    static const std::map<std::string, int> tasks = {
        {"cpu-sequential", kCpuTasks},
        {"cpu-processes-2", kCpuTasks},
        {"cpu-processes-4", kCpuTasks},
        {"cpu-threads-1", kCpuTasks},
        {"cpu-threads-2-modern", kCpuTasks},
        {"cpu-threads-4-modern", kCpuTasks},
        {"cpu-threads-2-interval-05ms", kCpuTasks},
        {"cpu-threads-2-legacy", kCpuTasks},
        {"cpu-threads-2-off", kCpuTasks},
        {"cpu-threads-4-off", kCpuTasks},
        {"cpu-coroutines-4", kCpuTasks},
        {"cpu-subinterpreters-2", kCpuTasks},
        {"shared-threads-2-modern", kCpuTasks},
        {"shared-threads-2-off", kCpuTasks},
        {"shared-subinterpreters-2", kCpuTasks},
        // Three computations per coroutine: every timer that fires finds the loop computing.
        {"mixed-coroutines-no-yield", 48},
        {"mixed-coroutines-yield", 48},
        // Hundreds of waits: a median latency of 1 ms sleeps, a few hundred switch intervals.
        {"convoy-sleep-alone", 300},
        {"convoy-sleep-hog-5ms", 100},
        {"convoy-sleep-hog-05ms", 300},
        {"convoy-sleep-hog-off", 300},
        {"convoy-socket-hog-5ms", 100},
        {"convoy-socket-hog-05ms", 300},
        // Rounds of overlapping waits: 20 of 4 threads, 10 of 40.
        {"io-sleep-threads-4", 80},
        {"io-sleep-threads-40", 400},
        {"io-sleep-coroutines-blocking", 40},
        {"io-file-threads-1", 1000},
        {"io-file-threads-4", 1000},
        {"native-sequential", 40},
        {"native-threads-2", 40},
        {"mixed-threads-2", 48},
        {"mixed-processes-2", 48},
        {"mixed-quarter-sequential", 80},
        {"mixed-quarter-threads-4", 80},
        {"mixed-quarter-threads-16", 80},
        // 320,000 increments of the race counter, or 32 tasks taking both locks: each a few tenths of
        // a second. deadlock-opposite-threads-2 runs whole: its deadlock ends it within its first tasks.
        {"race-unsafe-call-threads-2", kCpuTasks},
        {"race-unsafe-plain-threads-2", kCpuTasks},
        {"race-unsafe-plain-gil-off-2", kCpuTasks},
        {"race-locked-threads-2", kCpuTasks},
        {"deadlock-same-threads-2", kCpuTasks},
    };
    const auto found = tasks.find(presetId);
    return found == tasks.end() ? 0 : found->second;
}

std::string rowName(const Claim &claim)
{
    return claim.lesson + " " + claim.preset;
}

// Repetitions of each measurement: the median of three, so that one unlucky moment on a shared
// machine does not decide a check.
constexpr std::size_t kRepetitions = 3;

// The median; unknown if any value is (a measure this run does not have).
double median(std::vector<double> values)
{
    if (values.empty() || std::any_of(values.begin(), values.end(), [](double x) { return std::isnan(x); }))
        return kUnknown;
    std::sort(values.begin(), values.end());
    return values[values.size() / 2];
}

} // namespace

class TestPresetClaims : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void everyLookForLineHasAClaim();
    void claimHolds_data();
    void claimHolds();

private:
    RunConfig configOf(const std::string &presetId) const;

    PresetCatalog m_presets;
};

void TestPresetClaims::initTestCase()
{
    m_presets = PresetCatalog::load(findLessonsDir() + "/presets.json");
    QVERIFY(m_presets.errors.empty());
}

// Each "Look for:" line of every lesson has exactly one row, with the very same words: a new card,
// or a claim reworded, fails here until its checks are written or reviewed.
void TestPresetClaims::everyLookForLineHasAClaim()
{
    const LessonLibrary library = LessonLibrary::load(findLessonsDir());
    QVERIFY(library.errors.empty());
    std::set<std::string> rows;
    for (const Claim &claim : claims()) {
        QVERIFY2(rows.insert(rowName(claim)).second, ("two rows for " + rowName(claim)).c_str());
        QVERIFY2(!claim.checks.empty(), rowName(claim).c_str());
    }
    std::size_t cards = 0;
    for (const Lesson &lesson : library.lessons) {
        const std::string file = std::filesystem::path(lesson.path).filename().string();
        for (const TryIt &tryIt : lesson.tryIts) {
            ++cards;
            const auto row = std::find_if(claims().begin(), claims().end(),
                [&](const Claim &claim) { return claim.lesson == file && claim.preset == tryIt.presetId; });
            QVERIFY2(row != claims().end(), (file + ": no claim checked for " + tryIt.presetId).c_str());
            QVERIFY2(row->lookFor == tryIt.lookFor,
                (file + " " + tryIt.presetId + ": the lesson now says \"" + tryIt.lookFor + "\"").c_str());
        }
    }
    QCOMPARE(claims().size(), cards);
}

// A preset's config as this test runs it: shortened where shortenedTasks() says so.
RunConfig TestPresetClaims::configOf(const std::string &presetId) const
{
    const Preset *preset = m_presets.find(presetId);
    if (!preset)
        qFatal("no preset %s", presetId.c_str());
    RunConfig config = preset->config;
    if (const int tasks = shortenedTasks(presetId); tasks > 0) {
        if (tasks >= config.tasks)
            qFatal("%s: shortened to %d tasks, but it has %d", presetId.c_str(), tasks, config.tasks);
        config.tasks = tasks;
    }
    return config;
}

void TestPresetClaims::claimHolds_data()
{
    QTest::addColumn<int>("row");
    for (std::size_t i = 0; i < claims().size(); ++i)
        QTest::newRow(rowName(claims()[i]).c_str()) << static_cast<int>(i);
}

void TestPresetClaims::claimHolds()
{
    CLAB_SPEED_TEST();
    QFETCH(int, row);
    const Claim &claim = claims()[static_cast<std::size_t>(row)];

    // The row's preset and every preset it is compared with, measured in turn in each repetition.
    std::vector<std::string> presets{claim.preset};
    for (const Check &check : claim.checks) {
        if (!check.reference.empty() && std::find(presets.begin(), presets.end(), check.reference) == presets.end())
            presets.push_back(check.reference);
    }
    ExperimentOptions options;
    // A long sequential baseline (thousands of waits) is stopped after a second: its throughput
    // still compares, every task being the same work (experiment.h).
    options.baselineCapSeconds = 1.0;
    // No second baseline after a long run: the repetitions already alternate baselines and runs.
    options.longRunSeconds = kNoBound;
    std::map<std::string, std::vector<Observation>> observed;
    for (std::size_t repetition = 0; repetition < kRepetitions; ++repetition) {
        for (const std::string &id : presets) {
            const RunConfig config = configOf(id);
            ExperimentOutcome outcome = runExperiment(config, nullptr, options);
            QVERIFY2(!outcome.error, (id + ": " + (outcome.error ? outcome.error->toString() : "")).c_str());
            QVERIFY2(outcome.result.succeeded(), (id + ": " + outcome.result.run.summary.error).c_str());
            // A deadlock ends the run where it falls: it is the experiment's result (lesson 17), and
            // the row's checks say whether one was expected.
            const std::optional<DeadlockSummary> &deadlock = outcome.result.run.summary.deadlock;
            if (!deadlock || !deadlock->detected)
                QCOMPARE(outcome.result.run.summary.tasksCompleted, std::uint64_t(config.tasks));
            observed[id].push_back(observe(outcome.result));
        }
    }

    const int cores = static_cast<int>(std::thread::hardware_concurrency());
    // The repetitions in which other programs left `needed` cores free to every preset of the row.
    // A core counts as free while others use less of it than kBusyMachineCores, the load from which
    // a run's own summary warns that its speedups may be low.
    auto repetitionsWithFreeCores = [&](int needed) {
        std::vector<std::size_t> out;
        for (std::size_t repetition = 0; repetition < kRepetitions; ++repetition) {
            bool free = true;
            for (const std::string &id : presets)
                free = free && cores - observed[id][repetition].otherLoadCores >= needed - kBusyMachineCores;
            if (free)
                out.push_back(repetition);
        }
        return out;
    };
    // The median over `repetitions` of the measure, or of its ratio to or difference from the
    // reference preset's in the same repetition, so that both saw the same moment of the machine.
    auto valueOf = [&](const Check &check, const std::vector<std::size_t> &repetitions) {
        std::vector<double> values;
        for (const std::size_t repetition : repetitions) {
            const double own = observed[claim.preset][repetition].values[indexOf(check.measure)];
            if (check.against == Against::Value) {
                values.push_back(own);
                continue;
            }
            const double other = observed[check.reference][repetition].values[indexOf(check.measure)];
            values.push_back(check.against == Against::RatioTo ? own / other : own - other);
        }
        return median(values);
    };

    std::vector<std::size_t> all(kRepetitions);
    std::iota(all.begin(), all.end(), std::size_t(0));
    std::string report;
    for (std::size_t m = 0; m < kMeasureCount; ++m) {
        const double value = valueOf(between(static_cast<Measure>(m), 0, 0), all);
        if (!std::isnan(value))
            report += std::string(nameOf(static_cast<Measure>(m))) + " "
                + QByteArray::number(value, 'g', 3).toStdString() + "; ";
    }
    double otherLoad = 0.0;
    for (const std::string &id : presets) {
        for (const Observation &o : observed[id])
            otherLoad = std::max(otherLoad, o.otherLoadCores);
    }
    qInfo("%s: %s(other load up to %.2f cores; repetitions with one core free %zu, with two %zu, of %zu)",
        rowName(claim).c_str(), report.c_str(), otherLoad, repetitionsWithFreeCores(1).size(),
        repetitionsWithFreeCores(2).size(), kRepetitions);

    // Checks left out, and why: each row says so rather than passing in silence.
    std::vector<std::string> notAsserted;
    for (const Check &check : claim.checks) {
        std::vector<std::size_t> repetitions = all;
        if (check.freeCores > 0) {
            if (check.freeCores >= 2 && cores != 2) {
                notAsserted.push_back(describe(check) + " (written for a 2-core machine)");
                continue;
            }
            repetitions = repetitionsWithFreeCores(check.freeCores);
            // At least three, so that the median is a middle value: with two, the higher one would
            // decide, and one repetition disturbed in a way the load figures do not show (CI once
            // saw a convoy fail to form in one of two) would decide the check alone.
            if (repetitions.size() < 3) {
                notAsserted.push_back(describe(check) + " (other programs kept the cores busy)");
                continue;
            }
        }
        const double value = valueOf(check, repetitions);
        if (std::isnan(value)) {
            notAsserted.push_back(describe(check) + " (not measured on this machine)");
            continue;
        }
        qInfo("  %s: measured %.4g", describe(check).c_str(), value);
        QVERIFY2(value >= check.low && value <= check.high,
            (rowName(claim) + ": " + describe(check) + ", measured " + QByteArray::number(value, 'g', 4).toStdString())
                .c_str());
    }
    if (!notAsserted.empty()) {
        std::string list;
        for (const std::string &s : notAsserted)
            list += (list.empty() ? "" : "; ") + s;
        QSKIP(qPrintable(QStringLiteral("the other checks hold; not asserted: %1").arg(QString::fromStdString(list))));
    }
}

QTEST_GUILESS_MAIN(TestPresetClaims)
#include "tst_presetclaims.moc"
