#include "results/verdict.h"

#include "results/numbertext.h"
#include "results/prediction.h"

#include <algorithm>
#include <cmath>

namespace clab {

namespace {

// Speedups between these read as "about the same" as one worker (the prediction bands use them too).
constexpr double kClearlyFaster = 1.3;
constexpr double kSlowerThanOne = 0.95;
// Above this a speedup under one GIL is more than the noise of two runs on this kind of machine.
constexpr double kGilNoiseCeiling = 1.1;
// An I/O worker beside a CPU hog counts as delayed when it waits at least half a switch interval
// more than its own wait (CPython's Python/ceval_gil.c: the hog lets go only on a drop request,
// after up to one interval), or does less than this share of the work it does alone.
constexpr double kDelayedShareOfInterval = 0.5;
constexpr double kThroughputKeptAlone = 0.8;

bool sharesOneGil(const RunConfig &config)
{
    return config.gil != GilPolicy::Off
        && (config.model == ExecutionModel::Threads || config.model == ExecutionModel::Coroutines
            || config.model == ExecutionModel::Sequential);
}

std::string times(double value)
{
    return "×" + fixedText(value, 2);
}

std::string count(std::uint64_t value)
{
    return std::to_string(value);
}

class Verdicts
{
public:
    // Adds a verdict; `numbers` are the {name}s its text cites.
    void add(std::string id, std::string text, std::vector<std::pair<std::string, std::string>> numbers = {})
    {
        m_verdicts.push_back({std::move(id), std::move(text), std::move(numbers)});
    }
    std::vector<Verdict> take() { return std::move(m_verdicts); }

private:
    std::vector<Verdict> m_verdicts;
};

// An I/O worker beside CPU hogs: the convoy effect, judged on the median, the 90th percentile, the
// mean wait for the GIL and the throughput against the worker alone, never the median alone.
void judgeConvoy(const RunResult &result, const std::optional<double> &speedup, Verdicts &out)
{
    const RunConfig &config = result.config;
    const RunSummary &s = result.summary;
    const double interval = config.switchIntervalMs;
    const bool ownWaitKnown = config.workload == WorkloadKind::IoSleep;
    const double ownMs = ownWaitKnown ? config.ioMs : 0.0;
    const double delayedMs = kDelayedShareOfInterval * interval;
    const bool medianDelayed = s.latencyMsP50 - ownMs >= delayedMs;
    const bool tailDelayed = s.latencyMsP90 - ownMs >= delayedMs;
    const bool waitsLong = s.gil.waitMsMean >= delayedMs;
    const bool throughputLost = speedup && *speedup < kThroughputKeptAlone;
    std::vector<std::pair<std::string, std::string>> numbers{{"interval", fixedText(interval, 2)},
        {"p50", fixedText(s.latencyMsP50, 2)}, {"p90", fixedText(s.latencyMsP90, 2)}, {"own", fixedText(ownMs, 2)},
        {"wait", fixedText(s.gil.waitMsMean, 2)}};
    if (speedup)
        numbers.emplace_back("speedup", times(*speedup));
    const std::string alone = speedup ? " It did {speedup} of the work it does alone." : "";

    if (medianDelayed) {
        out.add("convoy",
            std::string("Convoy effect: each time the I/O worker came back from a wait, the CPU hog held the GIL and "
                        "let go only after a switch interval ({interval} ms). A task took {p50} ms (median)")
                + (ownWaitKnown ? " instead of about {own} ms."
                                : ", and a wait for the GIL lasted {wait} ms on average.")
                + alone,
            numbers);
    } else if (tailDelayed) {
        out.add("convoy-partial",
            "The median task took only {p50} ms, yet the CPU hog still held the I/O worker back: 1 task in 10 took "
            "{p90} ms or more, and a wait for the GIL lasted {wait} ms on average against a {interval} ms switch "
            "interval."
                + alone,
            numbers);
    } else if (waitsLong || throughputLost) {
        // Most tasks were quick, and the rare ones that found the GIL taken waited long.
        out.add("convoy-partial",
            "Most tasks were quick (median {p50} ms, 9 in 10 within {p90} ms), yet the CPU hog held the I/O worker "
            "back: each time it found the GIL taken it waited {wait} ms on average, against a {interval} ms switch "
            "interval."
                + alone,
            numbers);
    } else {
        out.add("convoy-none",
            "The CPU hog barely delayed the I/O worker: median task {p50} ms, 90th percentile {p90} ms, and a wait "
            "for the GIL of {wait} ms on average, with a {interval} ms switch interval."
                + alone,
            numbers);
    }
}

// What happened to the race workload's counter, and why.
void judgeRace(const RunResult &result, Verdicts &out)
{
    const RunConfig &config = result.config;
    const RaceSummary &race = *result.summary.race;
    const double percent
        = race.expected > 0 ? static_cast<double>(race.lostUpdates) * 100.0 / static_cast<double>(race.expected) : 0.0;
    const std::vector<std::pair<std::string, std::string>> numbers{{"lost", count(race.lostUpdates)},
        {"expected", count(race.expected)}, {"final", count(race.final)},
        {"percent", fixedText(percent, percent < 1.0 ? 2 : 0)}, {"waits", count(race.lockWaits)},
        {"wait_s", fixedText(race.lockWaitSeconds, 3)}, {"acquisitions", count(race.lockAcquisitions)}};
    const bool coroutines = config.model == ExecutionModel::Coroutines;
    // Who shares the counter: the threads of one interpreter, or the coroutines of one loop.
    const bool shared
        = config.workers > 1 && (config.model == ExecutionModel::Threads || config.model == ExecutionModel::Coroutines);

    if (race.lostUpdates > 0) {
        if (coroutines)
            out.add("race-lost-await",
                "{lost} of {expected} updates were lost ({percent}%): each coroutine read the counter, then awaited, "
                "and the others ran and wrote it meanwhile; its write then undid theirs. One thread is no protection "
                "when an await falls between the read and the write.",
                numbers);
        else if (config.raceMode == RaceMode::UnsafePlain)
            out.add("race-lost-cores",
                "{lost} of {expected} updates were lost ({percent}%): without a GIL two cores read the same value at "
                "the same moment, and both wrote it back plus one.",
                numbers);
        else if (config.gil == GilPolicy::Off)
            out.add("race-lost",
                "{lost} of {expected} updates were lost ({percent}%): a worker read the counter, the others wrote it "
                "before its write, and its write undid theirs.",
                numbers);
        else
            out.add("race-lost-gil",
                "{lost} of {expected} updates were lost ({percent}%), under the GIL: it changed hands in the call "
                "between a worker's read of the counter and its write, the other worker added to the counter during "
                "its turn, and the first one's write then undid all of it. The GIL keeps the interpreter whole, not "
                "your read-modify-write.",
                numbers);
        return;
    }
    if (config.raceMode == RaceMode::Locked && shared)
        out.add("race-locked",
            "All {expected} updates arrived: the lock let one worker at a time between the read and the write. "
            "{waits} of {acquisitions} acquisitions found it held and waited, {wait_s} s in all: that is what the "
            "safety cost.",
            numbers);
    else if (config.raceMode == RaceMode::Atomic && shared)
        out.add("race-atomic",
            "All {expected} updates arrived: each was one atomic operation, with nothing between "
            "a read and a write.",
            numbers);
    else if (!shared)
        out.add("race-unshared",
            "All {expected} updates arrived: no other worker shared the counter (one worker, or workers that each "
            "have their own memory or interpreter), so there was nothing to race with.",
            numbers);
    else if (coroutines)
        out.add("race-no-await",
            "All {expected} updates arrived: there was no await between the read and the write, and on the loop's one "
            "thread nothing else runs until a coroutine awaits.",
            numbers);
    else if (config.raceMode == RaceMode::UnsafePlain)
        out.add("race-gil-plain",
            "All {expected} updates arrived: under the GIL no switch falls between this read and write (CPython "
            "3.11+ switches only at calls and loop jumps). That is how the interpreter happens to work, not a "
            "promise: without a GIL the same code loses updates.",
            numbers);
    else
        out.add("race-lucky",
            "All {expected} updates arrived, but by luck: no switch happened to fall between a read and its write. "
            "Nothing prevents one; run it again or with more tasks.",
            numbers);
}

// What the speedup says, from how many workers ran at once and what held the others back.
void judgeSpeedup(
    const RunResult &result, const std::optional<BaselineMeasurement> &baseline, double speedup, Verdicts &out)
{
    const RunConfig &config = result.config;
    const RunSummary &s = result.summary;
    const int workers = config.workers;
    const int machineCores = result.machine.logicalCpus;
    const bool oneGil = sharesOneGil(config);
    const bool computes = config.workload == WorkloadKind::Cpu || config.workload == WorkloadKind::Shared
        || config.workload == WorkloadKind::Race;
    const std::vector<std::pair<std::string, std::string>> numbers{{"speedup", times(speedup)},
        {"workers", std::to_string(workers)}, {"max_running", std::to_string(s.maxRunning)},
        {"cores", fixedText(s.avgCoresBusy, 2)}, {"switches", count(s.gil.switches)},
        {"efficiency", fixedText(speedup / std::max(workers, 1) * 100.0, 0)},
        {"machine_cores", std::to_string(machineCores)}};

    const bool coroutines = config.model == ExecutionModel::Coroutines;
    if (coroutines && computes && workers > 1) {
        // One event-loop thread: the coroutines take turns on it, GIL or not.
        out.add("one-loop-thread",
            speedup <= kAboutTheSameHigh
                ? "All {workers} coroutines ran on the event loop's one thread, so only one computed at a time: they "
                  "did about the work of one (speedup {speedup}), using {cores} cores on average. Coroutines overlap "
                  "waiting, not computing."
                : "All {workers} coroutines ran on the event loop's one thread, so only one computed at a time: the "
                  "speedup of {speedup} cannot come from computing at the same time, but from the machine: noise "
                  "between two runs, or other programs' load.",
            numbers);
        return;
    }
    // Under one GIL, one at a time is the fact whatever the speedup reads: a speedup well above 1
    // then comes from the machine (noise, or a baseline on a busier moment), said below.
    if (oneGil && computes && workers > 1 && s.maxRunning <= 1) {
        out.add("gil-serialised",
            speedup <= kAboutTheSameHigh
                ? "Only one worker ever ran bytecode at a time (max running {max_running}), so the GIL serialised "
                  "them: {workers} workers did about the work of one (speedup {speedup}), using {cores} cores on "
                  "average."
                : "Only one worker ever ran bytecode at a time (max running {max_running}), so the GIL serialised "
                  "them, using {cores} cores on average: the speedup of {speedup} cannot come from running at the "
                  "same time.",
            numbers);
        if (speedup < kSlowerThanOne)
            out.add("slower-than-one",
                std::string(speedup < kAboutTheSameLow ? "Slower than one worker" : "A little slower than one worker")
                    + ": each of the {switches} hand-offs of the GIL woke a thread and often moved it to the other "
                      "core, and that costs time a single thread never spends.",
                numbers);
        // Above ×1 under one GIL: noise, or a baseline measured on a busier machine (said below).
        const bool loadChanged = baseline && !baseline->isExperiment
            && std::abs(baseline->otherLoadCores - s.otherLoadCores) >= kBaselineMaxOtherLoadChangeCores;
        if (speedup > kGilNoiseCeiling && !loadChanged)
            out.add("gil-noise",
                "The speedup above ×1 did not come from running at the same time (one holder at a time): two runs "
                "on a shared machine differ by this much. Run it again to see the spread.");
        if (config.gil == GilPolicy::Legacy)
            out.add("legacy-failed-acquisitions",
                "The old GIL released the lock every 100 ticks and the thread that released it usually took it "
                "straight back: {failed} times a woken thread found it taken again (failed acquisitions).",
                {{"failed", count(s.gil.failedAcquisitions)}});
        return;
    }
    if (config.workload == WorkloadKind::Mixed && oneGil && workers > 1 && s.maxRunning <= 1
        && config.cpuFraction > 0.0) {
        // Amdahl's law: only the waits overlap, the computing part runs one worker at a time.
        const double ceiling = 1.0 / config.cpuFraction;
        if (speedup <= ceiling * 1.1) {
            out.add("mixed-amdahl",
                coroutines ? "The computing part of each task ({percent}% of it) ran on the event loop's one thread, "
                             "one coroutine at a time; only the waits overlapped. That caps the speedup near 1 / "
                             "{fraction} = {ceiling} (Amdahl's law); measured {speedup} with {workers} coroutines."
                           : "The computing part of each task ({percent}% of it) needs the GIL, so it ran one worker "
                             "at a time (max running {max_running}); only the waits overlapped. That caps the speedup "
                             "near 1 / {fraction} = {ceiling} (Amdahl's law); measured {speedup} with {workers} "
                             "workers.",
                [&] {
                    auto all = numbers;
                    all.emplace_back("percent", fixedText(config.cpuFraction * 100.0, 0));
                    all.emplace_back("fraction", fixedText(config.cpuFraction, 2));
                    all.emplace_back("ceiling", times(ceiling));
                    return all;
                }());
            return;
        }
    }
    if (onlyWaits(config.workload) && workers > 1) {
        const int overlapping = std::min(workers, config.tasks);
        if (speedup >= 0.6 * overlapping) {
            out.add("io-overlap",
                "The workers spent their time waiting with the GIL released, so their waits overlapped: speedup "
                "{speedup} with {workers} workers, while the CPU stayed at {cores} cores on average.",
                numbers);
        } else if (speedup < kClearlyFaster) {
            if (config.model == ExecutionModel::Coroutines && config.blockingIo)
                out.add("io-blocked-loop",
                    "The waits did not overlap (speedup {speedup} with {workers} coroutines): each blocking call "
                    "stalled the event loop's one thread, so every other task waited for it to return.",
                    numbers);
            else
                out.add("io-no-overlap",
                    "The waits did not overlap: speedup {speedup} with {workers} workers, so they waited one after "
                    "another.",
                    numbers);
        } else {
            out.add("io-partial-overlap",
                "Some waits overlapped, not all: speedup {speedup} with {workers} workers (efficiency {efficiency}%), "
                "using {cores} cores on average.",
                numbers);
        }
        return;
    }
    if (config.workload == WorkloadKind::Native && oneGil && speedup > kClearlyFaster) {
        out.add("native-parallel",
            "zlib ran with the GIL released, so workers compressed on several cores at once (max running in bytecode "
            "{max_running}, speedup {speedup}).",
            numbers);
        return;
    }
    if (speedup > kClearlyFaster && s.maxRunning > 1) {
        out.add("parallel",
            "Up to {max_running} of the {workers} workers ran bytecode at the same time, keeping {cores} cores busy "
            "on average: speedup {speedup}, efficiency {efficiency}%.",
            numbers);
        // With schedstat the turns are measured and said in their own verdict.
        if (machineCores > 0 && workers > machineCores && !s.schedulerStats)
            out.add("more-workers-than-cores",
                "There are more workers ({workers}) than cores ({machine_cores}): the extra ones only take turns.",
                numbers);
        return;
    }
    if (speedup <= kClearlyFaster && s.maxRunning > 1 && machineCores > 0 && s.avgCoresBusy < kClearlyFaster) {
        out.add("machine-limited",
            "Several workers could run at once (max running {max_running}), but the run used only {cores} cores on "
            "average, so the speedup stayed at {speedup}.",
            numbers);
        return;
    }
    out.add("speedup",
        "Speedup {speedup} with {workers} workers (efficiency {efficiency}%), max running {max_running}, {cores} cores "
        "busy on average.",
        numbers);
}

} // namespace

std::string Verdict::number(std::string_view name) const
{
    for (const auto &[key, value] : numbers) {
        if (key == name)
            return value;
    }
    return {};
}

std::string fill(const Verdict &verdict, std::string_view text)
{
    std::string out;
    out.reserve(text.size() + 32);
    std::size_t at = 0;
    while (at < text.size()) {
        const std::size_t open = text.find('{', at);
        const std::size_t close = open == std::string_view::npos ? open : text.find('}', open);
        if (close == std::string_view::npos) {
            out.append(text.substr(at));
            break;
        }
        out.append(text.substr(at, open - at));
        const std::string_view name = text.substr(open + 1, close - open - 1);
        const auto found = std::find_if(
            verdict.numbers.begin(), verdict.numbers.end(), [&](const auto &number) { return number.first == name; });
        if (found != verdict.numbers.end())
            out.append(found->second);
        else
            out.append(text.substr(open, close - open + 1));
        at = close + 1;
    }
    return out;
}

std::string sentence(const Verdict &verdict)
{
    return fill(verdict, verdict.text);
}

std::vector<Verdict> verdictsOn(const RunResult &result, const std::optional<BaselineMeasurement> &baseline)
{
    const RunConfig &config = result.config;
    const RunSummary &s = result.summary;
    Verdicts out;
    if (!s.error.empty()) {
        out.add("failed", "The run failed: {error}", {{"error", s.error}});
        return out.take();
    }
    if (s.deadlock && s.deadlock->detected) {
        // The experiment's result: the run ended there, so its speed says nothing.
        std::string cycle;
        for (const DeadlockLink &link : s.deadlock->cycle) {
            if (!cycle.empty())
                cycle += ", while ";
            cycle += "worker " + std::to_string(link.worker) + " held lock " + lockName(link.holds)
                + " and waited for lock " + lockName(link.waitsFor);
        }
        out.add("deadlock",
            "Deadlock: {cycle}. Each waited for a lock another one held, so none could ever go on. The engine found "
            "the cycle in its wait-for graph {after} ms after it closed, {at} s into the run, and ended the run "
            "(tasks done: {tasks}). Taking the locks in the same order everywhere (lock_order=same) cannot deadlock.",
            {{"cycle", cycle}, {"after", fixedText(s.deadlock->detectedAfterMs, 1)},
                {"at", fixedText(s.deadlock->atSeconds, 3)}, {"tasks", count(s.tasksCompleted)}});
        return out.take();
    }
    if (s.stopped)
        out.add("stopped", "Stopped before every task was done: the numbers cover the {tasks} tasks that finished.",
            {{"tasks", count(s.tasksCompleted)}});
    if (s.tasksCompleted == 0)
        return out.take();

    const bool sequential = config.model == ExecutionModel::Sequential;
    if (sequential)
        out.add("baseline",
            "One task after another on one thread: this is the baseline. It kept {cores} cores busy on average, "
            "whatever the machine has.",
            {{"cores", fixedText(s.avgCoresBusy, 2)}});

    if (s.race)
        judgeRace(result, out);
    if (s.deadlock && !s.stopped) {
        const bool shared = config.workers > 1;
        if (!shared)
            out.add("deadlock-alone",
                "No deadlock: one worker takes both locks and gives them back; a deadlock needs at least two.");
        else if (config.lockOrder == LockOrder::Same)
            out.add("deadlock-ordered",
                "No deadlock, and none could happen: every worker took lock A before lock B, so none could hold B "
                "while waiting for A.");
        else
            out.add("deadlock-lucky",
                "No deadlock this time, but by luck: a worker switched out while it held only its first lock lets "
                "another take the other lock, and then each waits for the other. Run it again.");
    }

    const std::optional<double> speedup
        = baseline ? speedupOf(s.throughputTps, baseline->throughputTps) : std::optional<double>();
    if (config.cpuHogs > 0 && (onlyWaits(config.workload) || config.workload == WorkloadKind::Mixed)
        && config.gil != GilPolicy::Off)
        judgeConvoy(result, speedup, out);
    else if (speedup && !sequential)
        judgeSpeedup(result, baseline, *speedup, out);
    else if (!sequential)
        out.add("no-baseline", "No sequential baseline was measured, so there is no speedup to explain.");

    // Taking turns (concurrency) against at the same time (parallelism), as the kernel measured it.
    const int machineCores = result.machine.logicalCpus;
    // Under one GIL the workers take turns on it anyway: the OS's turns are not the story there.
    if (s.schedulerStats && !sequential && !sharesOneGil(config) && machineCores > 0 && config.workers > machineCores) {
        const RunResult::SchedulerShare share = result.schedulerShare();
        if (share.timeslices > 0 && share.waitFraction >= 0.1)
            out.add("os-turns",
                "{workers} workers, {machine_cores} cores: at any moment at most {max_running} ran; the OS gave each "
                "a turn of about {turn_ms} ms, and the workers spent {wait_percent}% of their time waiting for a "
                "core.",
                {{"workers", std::to_string(config.workers)}, {"machine_cores", std::to_string(machineCores)},
                    {"max_running", std::to_string(std::min(s.maxRunning, machineCores))},
                    {"turn_ms", fixedText(share.meanTurnMs, share.meanTurnMs < 10.0 ? 1 : 0)},
                    {"wait_percent", fixedText(share.waitFraction * 100.0, 0)}});
    }
    if (s.otherLoadCores >= kBusyMachineCores)
        out.add("busy-machine",
            "Other programs kept {load} cores busy during the run, so it had less of the machine than it seemed: "
            "speedups may read low.",
            {{"load", fixedText(s.otherLoadCores, 2)}});
    // The speedup compares the run with a baseline measured on a machine that was busier or quieter.
    if (speedup && baseline && !baseline->isExperiment && !sequential
        && std::abs(baseline->otherLoadCores - s.otherLoadCores) >= kBaselineMaxOtherLoadChangeCores)
        out.add("load-changed",
            "Other programs kept {before} cores busy while the baseline ran and {during} during this run: the "
            "speedup compares two different machines, so take it with care.",
            {{"before", fixedText(baseline->otherLoadCores, 2)}, {"during", fixedText(s.otherLoadCores, 2)}});
    if (config.workload == WorkloadKind::Shared && config.gil == GilPolicy::Off)
        out.add("shared-locked", "Without a GIL the shared object needs its own lock: {updates} updates were counted.",
            {{"updates", count(s.sharedUpdates)}});
    if (!s.workerFailures.empty())
        out.add("worker-failures",
            s.workerFailures.size() == 1 ? "1 worker failed during the run; the others went on."
                                         : "{failures} workers failed during the run; the others went on.",
            {{"failures", std::to_string(s.workerFailures.size())}});
    return out.take();
}

std::string explanationOf(const RunResult &result, const std::optional<BaselineMeasurement> &baseline)
{
    std::string text;
    for (const Verdict &verdict : verdictsOn(result, baseline)) {
        if (!text.empty())
            text += ' ';
        text += sentence(verdict);
    }
    return text;
}

std::string explanationText(const RunResult &result, const std::optional<BaselineMeasurement> &baseline)
{
    constexpr std::size_t kColumns = 100;
    const std::string indent = "  ";
    std::string text;
    for (const Verdict &verdict : verdictsOn(result, baseline)) {
        std::string line = indent;
        std::size_t at = 0;
        const std::string words = sentence(verdict);
        while (at < words.size()) {
            std::size_t end = words.find(' ', at);
            if (end == std::string::npos)
                end = words.size();
            const std::string_view word(words.data() + at, end - at);
            if (line.size() > indent.size() && line.size() + 1 + word.size() > kColumns) {
                text += line + '\n';
                line = indent + "  ";
            } else if (line.size() > indent.size() && line.back() != ' ') {
                line += ' ';
            }
            line += word;
            at = end + 1;
        }
        text += line + '\n';
    }
    return text.empty() ? text : "Explanation:\n" + text;
}

} // namespace clab
