#include "results/verdict.h"

#include <QTest>

#include <algorithm>
#include <functional>
#include <set>

using namespace clab;

// The explanation's verdicts, from measurements written out by hand: each row is a run as the
// engine would report it and the verdicts it must (and must not) get. The rows are the cases that
// went wrong before: a convoy judged on its median alone, two GIL-bound threads at ×0.9 and at
// ×1.2, four processes on two cores, a busy machine.

namespace {

struct Case
{
    const char *name;
    std::function<void(RunResult &, std::optional<BaselineMeasurement> &)> measure;
    std::vector<std::string> expected;
    std::vector<std::string> absent;
    std::vector<std::string> cited; // text every explanation of the row must contain
};

RunResult resultOf(ExecutionModel model, int workers, WorkloadKind workload)
{
    RunResult r;
    r.config.model = model;
    r.config.workers = workers;
    r.config.workload = workload;
    r.config.tasks = 200;
    r.machine.logicalCpus = 2;
    r.summary.wallSeconds = 1.0;
    r.summary.tasksCompleted = 200;
    r.summary.throughputTps = 200.0;
    r.summary.avgCoresBusy = 1.0;
    r.summary.maxRunning = 1;
    r.summary.gil.switchIntervalMs = r.config.switchIntervalMs;
    return r;
}

BaselineMeasurement baselineAt(double throughputTps, double otherLoadCores = 0.0)
{
    BaselineMeasurement b;
    b.throughputTps = throughputTps;
    b.wallSeconds = 1.0;
    b.tasksCompleted = 200;
    b.tasksPlanned = 200;
    b.otherLoadCores = otherLoadCores;
    return b;
}

// Two workers of the race workload, `lost` of 200,000 updates lost.
void racing(RunResult &r, std::optional<BaselineMeasurement> &b, ExecutionModel model, GilPolicy gil, RaceMode mode,
    std::uint64_t lost, int workers = 2)
{
    r = resultOf(model, workers, WorkloadKind::Race);
    r.config.gil = gil;
    r.config.raceMode = mode;
    r.config.cpuSteps = 1000;
    RaceSummary race;
    race.expected = 200'000;
    race.final = race.expected - lost;
    race.lostUpdates = lost;
    if (mode == RaceMode::Locked) {
        race.lockAcquisitions = race.expected;
        race.lockWaits = 83;
        race.lockWaitSeconds = 0.352;
    }
    r.summary.race = race;
    b = baselineAt(200.0 / 0.99);
}

// An I/O worker beside one CPU hog: the run's throughput is `speedup` of the worker alone.
void convoy(RunResult &r, std::optional<BaselineMeasurement> &b, WorkloadKind workload, double intervalMs,
    double speedup, double p50, double p90, double waitMs)
{
    r = resultOf(ExecutionModel::Threads, 1, workload);
    r.config.cpuHogs = 1;
    r.config.ioMs = 1.0;
    r.config.switchIntervalMs = intervalMs;
    r.summary.latencyMsP50 = p50;
    r.summary.latencyMsP90 = p90;
    r.summary.latencyMsP99 = p90 * 1.2;
    r.summary.gil.waitMsMean = waitMs;
    b = baselineAt(200.0 / speedup);
}

// Two (or more) threads on CPU work under one GIL, at `speedup` of one thread.
void gilBound(RunResult &r, std::optional<BaselineMeasurement> &b, double speedup, GilPolicy gil = GilPolicy::Modern)
{
    r = resultOf(ExecutionModel::Threads, 2, WorkloadKind::Cpu);
    r.config.gil = gil;
    r.summary.gil.switches = 180;
    r.summary.gil.failedAcquisitions = gil == GilPolicy::Legacy ? 950 : 0;
    b = baselineAt(200.0 / speedup);
}

// Four processes on two cores, each on a core half of the time.
void fourProcesses(RunResult &r, std::optional<BaselineMeasurement> &b, bool schedulerStats)
{
    r = resultOf(ExecutionModel::Processes, 4, WorkloadKind::Cpu);
    r.summary.maxRunning = 2;
    r.summary.avgCoresBusy = 1.95;
    r.summary.schedulerStats = schedulerStats;
    for (int i = 0; i < 4; ++i) {
        WorkerResult w;
        w.index = i;
        w.onCpuSeconds = 0.5;
        w.cpuWaitSeconds = schedulerStats ? 0.5 : 0.0;
        w.timeslices = schedulerStats ? 125 : 0;
        r.workers.push_back(w);
    }
    b = baselineAt(200.0 / 1.85);
}

std::vector<Case> cases()
{
    using W = WorkloadKind;
    return {
        {"convoy x0.25, 6.85 ms GIL wait, fast median",
            [](auto &r, auto &b) { convoy(r, b, W::IoSocket, 5.0, 0.25, 0.9, 12.0, 6.85); }, {"convoy-partial"},
            {"convoy-none", "convoy"}, {"×0.25", "6.85", "12.00"}},
        {"socket convoy: quick tasks, rare long waits, x0.22",
            [](auto &r, auto &b) { convoy(r, b, W::IoSocket, 5.0, 0.22, 0.02, 0.02, 4.14); }, {"convoy-partial"},
            {"convoy-none", "convoy"}, {"Most tasks were quick", "4.14 ms on average", "×0.22"}},
        {"convoy on sleeps, median one interval late",
            [](auto &r, auto &b) { convoy(r, b, W::IoSleep, 5.0, 0.16, 6.4, 6.9, 5.3); }, {"convoy"},
            {"convoy-none", "convoy-partial"}, {"6.40 ms (median) instead of about 1.00 ms", "×0.16"}},
        {"convoy at a 0.5 ms interval", [](auto &r, auto &b) { convoy(r, b, W::IoSleep, 0.5, 0.57, 1.76, 1.9, 0.7); },
            {"convoy"}, {"convoy-none"}, {"1.76", "0.50 ms"}},
        {"a hog that barely delays", [](auto &r, auto &b) { convoy(r, b, W::IoSleep, 5.0, 0.97, 1.08, 1.3, 0.05); },
            {"convoy-none"}, {"convoy", "convoy-partial"}, {"1.08", "1.30"}},
        {"two GIL threads x0.9", [](auto &r, auto &b) { gilBound(r, b, 0.9); }, {"gil-serialised", "slower-than-one"},
            {"parallel", "gil-noise", "speedup"}, {"×0.90", "180 hand-offs"}},
        {"two GIL threads x1.2", [](auto &r, auto &b) { gilBound(r, b, 1.2); }, {"gil-serialised", "gil-noise"},
            {"parallel", "slower-than-one", "load-changed"}, {"×1.20"}},
        {"two GIL threads x1.2 after a baseline on a busier machine",
            [](auto &r, auto &b) {
                gilBound(r, b, 1.2);
                b->otherLoadCores = 0.6;
                r.summary.otherLoadCores = 0.05;
            },
            {"gil-serialised", "load-changed"}, {"gil-noise", "busy-machine"}, {"0.60", "0.05"}},
        {"two GIL threads x1.5: still one at a time", [](auto &r, auto &b) { gilBound(r, b, 1.5); },
            {"gil-serialised", "gil-noise"}, {"parallel", "speedup", "slower-than-one"},
            {"cannot come from running at the same time", "×1.50"}},
        {"the old GIL's battle x0.7", [](auto &r, auto &b) { gilBound(r, b, 0.7, GilPolicy::Legacy); },
            {"gil-serialised", "slower-than-one", "legacy-failed-acquisitions"}, {"gil-noise"}, {"950"}},
        {"four processes on two cores, turns measured", [](auto &r, auto &b) { fourProcesses(r, b, true); },
            {"parallel", "os-turns"}, {"more-workers-than-cores", "gil-serialised"},
            {"×1.85", "4 workers, 2 cores: at any moment at most 2 ran", "50% of their time"}},
        {"four processes on two cores, no schedstat", [](auto &r, auto &b) { fourProcesses(r, b, false); },
            {"parallel", "more-workers-than-cores"}, {"os-turns"}, {"(4) than cores (2)"}},
        {"a busy machine",
            [](auto &r, auto &b) {
                fourProcesses(r, b, false);
                r.summary.otherLoadCores = 0.8;
                b->otherLoadCores = 0.8;
            },
            {"busy-machine"}, {"load-changed"}, {"0.80 cores"}},
        {"four threads overlapping sleeps",
            [](auto &r, auto &b) {
                r = resultOf(ExecutionModel::Threads, 4, W::IoSleep);
                r.summary.avgCoresBusy = 0.02;
                b = baselineAt(200.0 / 3.9);
            },
            {"io-overlap"}, {"io-no-overlap", "gil-serialised"}, {"×3.90"}},
        {"coroutines with blocking I/O",
            [](auto &r, auto &b) {
                r = resultOf(ExecutionModel::Coroutines, 40, W::IoSleep);
                r.config.blockingIo = true;
                b = baselineAt(200.0 / 1.01);
            },
            {"io-blocked-loop"}, {"io-overlap"}, {"×1.01"}},
        {"a quarter computing on four threads",
            [](auto &r, auto &b) {
                r = resultOf(ExecutionModel::Threads, 4, W::Mixed);
                r.config.cpuFraction = 0.25;
                b = baselineAt(200.0 / 3.0);
            },
            {"mixed-amdahl"}, {"gil-serialised"}, {"×4.00", "×3.00"}},
        {"four coroutines computing",
            [](auto &r, auto &b) {
                r = resultOf(ExecutionModel::Coroutines, 4, W::Cpu);
                b = baselineAt(200.0 / 0.98);
            },
            {"one-loop-thread"}, {"gil-serialised", "parallel"}, {"event loop's one thread", "×0.98"}},
        {"the sequential baseline",
            [](auto &r, auto &b) {
                r = resultOf(ExecutionModel::Sequential, 1, W::Cpu);
                b = baselineAt(200.0);
                b->isExperiment = true;
            },
            {"baseline"}, {"gil-serialised", "speedup", "no-baseline"}, {"1.00 cores"}},
        {"race: unsafe-call under the GIL",
            [](auto &r, auto &b) {
                racing(r, b, ExecutionModel::Threads, GilPolicy::Modern, RaceMode::UnsafeCall, 95917);
            },
            {"race-lost-gil", "gil-serialised"}, {"race-lucky"}, {"95917 of 200000 updates were lost (48%)"}},
        {"race: unsafe-plain without a GIL",
            [](auto &r, auto &b) {
                racing(r, b, ExecutionModel::Threads, GilPolicy::Off, RaceMode::UnsafePlain, 3859);
            },
            {"race-lost-cores"}, {"race-lost-gil"}, {"3859 of 200000", "(2%)"}},
        {"race: unsafe-plain under the GIL",
            [](auto &r, auto &b) {
                racing(r, b, ExecutionModel::Threads, GilPolicy::Modern, RaceMode::UnsafePlain, 0);
            },
            {"race-gil-plain"}, {"race-lost-cores", "race-lucky"}, {"not a promise"}},
        {"race: locked",
            [](auto &r, auto &b) { racing(r, b, ExecutionModel::Threads, GilPolicy::Off, RaceMode::Locked, 0); },
            {"race-locked"}, {"race-lost"}, {"83 of 200000 acquisitions", "0.352 s"}},
        {"race: atomic",
            [](auto &r, auto &b) { racing(r, b, ExecutionModel::Threads, GilPolicy::Off, RaceMode::Atomic, 0); },
            {"race-atomic"}, {"race-lost"}, {}},
        {"race: coroutines awaiting inside",
            [](auto &r, auto &b) {
                racing(r, b, ExecutionModel::Coroutines, GilPolicy::Modern, RaceMode::UnsafeCall, 100000);
            },
            {"race-lost-await", "one-loop-thread"}, {"race-lost-gil"}, {"100000 of 200000"}},
        {"race: coroutines without an await inside",
            [](auto &r, auto &b) {
                racing(r, b, ExecutionModel::Coroutines, GilPolicy::Off, RaceMode::UnsafePlain, 0);
            },
            {"race-no-await"}, {"race-lost-await"}, {}},
        {"race: processes share nothing",
            [](auto &r, auto &b) { racing(r, b, ExecutionModel::Processes, GilPolicy::Off, RaceMode::UnsafeCall, 0); },
            {"race-unshared"}, {"race-lucky"}, {}},
        {"race: unsafe-call that lost nothing",
            [](auto &r, auto &b) { racing(r, b, ExecutionModel::Threads, GilPolicy::Modern, RaceMode::UnsafeCall, 0); },
            {"race-lucky"}, {"race-lost-gil"}, {}},
        {"deadlock found",
            [](auto &r, auto &b) {
                r = resultOf(ExecutionModel::Threads, 2, W::Deadlock);
                r.summary.tasksCompleted = 3;
                r.summary.stopped = true;
                DeadlockSummary deadlock;
                deadlock.detected = true;
                deadlock.detectedAfterMs = 0.4;
                deadlock.atSeconds = 0.012;
                deadlock.cycle = {{0, 0, 1}, {1, 1, 0}};
                r.summary.deadlock = deadlock;
                b = baselineAt(200.0);
            },
            {"deadlock"}, {"stopped", "gil-serialised", "speedup"},
            {"worker 0 held lock A and waited for lock B, while worker 1 held lock B and waited for lock A", "0.4 ms",
                "lock_order=same"}},
        {"deadlock: same order",
            [](auto &r, auto &b) {
                r = resultOf(ExecutionModel::Threads, 4, W::Deadlock);
                r.config.lockOrder = LockOrder::Same;
                r.summary.deadlock = DeadlockSummary{};
                b = baselineAt(200.0);
            },
            {"deadlock-ordered"}, {"deadlock", "deadlock-lucky"}, {}},
        {"deadlock: opposite order, none this time",
            [](auto &r, auto &b) {
                r = resultOf(ExecutionModel::Threads, 2, W::Deadlock);
                r.summary.deadlock = DeadlockSummary{};
                b = baselineAt(200.0);
            },
            {"deadlock-lucky"}, {"deadlock", "deadlock-ordered"}, {}},
        {"no baseline", [](auto &r, auto &) { r = resultOf(ExecutionModel::Threads, 2, W::Cpu); }, {"no-baseline"},
            {"gil-serialised"}, {}},
        {"a failed run",
            [](auto &r, auto &b) {
                gilBound(r, b, 1.0);
                r.summary.error = "processes: the worker program '/x' does not exist";
            },
            {"failed"}, {"gil-serialised"}, {"'/x' does not exist"}},
    };
}

} // namespace

class TestVerdict : public QObject
{
    Q_OBJECT

private slots:
    void verdictsFollowTheWholeMeasurement_data();
    void verdictsFollowTheWholeMeasurement();
    void everyNumberIsFilled();
    void failedRunGetsOnlyItsError();
    void explanationTextWrapsAndIndents();
};

void TestVerdict::verdictsFollowTheWholeMeasurement_data()
{
    QTest::addColumn<int>("index");
    const std::vector<Case> all = cases();
    for (std::size_t i = 0; i < all.size(); ++i)
        QTest::newRow(all[i].name) << static_cast<int>(i);
}

void TestVerdict::verdictsFollowTheWholeMeasurement()
{
    QFETCH(int, index);
    const Case c = cases()[static_cast<std::size_t>(index)];
    RunResult result;
    std::optional<BaselineMeasurement> baseline;
    c.measure(result, baseline);
    std::set<std::string> ids;
    for (const Verdict &verdict : verdictsOn(result, baseline))
        ids.insert(verdict.id);
    const std::string explanation = explanationOf(result, baseline);
    auto all = [&] {
        std::string text;
        for (const std::string &id : ids)
            text += id + ' ';
        return text + "| " + explanation;
    };
    for (const std::string &id : c.expected)
        QVERIFY2(ids.count(id), qPrintable(QString::fromStdString("missing " + id + ": " + all())));
    for (const std::string &id : c.absent)
        QVERIFY2(!ids.count(id), qPrintable(QString::fromStdString("unexpected " + id + ": " + all())));
    for (const std::string &text : c.cited)
        QVERIFY2(explanation.find(text) != std::string::npos,
            qPrintable(QString::fromStdString("not cited: " + text + ": " + all())));
}

void TestVerdict::everyNumberIsFilled()
{
    // Every template names only numbers its verdict has, and each verdict id appears once a run.
    for (const Case &c : cases()) {
        RunResult result;
        std::optional<BaselineMeasurement> baseline;
        c.measure(result, baseline);
        std::set<std::string> ids;
        for (const Verdict &verdict : verdictsOn(result, baseline)) {
            QVERIFY2(ids.insert(verdict.id).second, verdict.id.c_str());
            const std::string text = sentence(verdict);
            QVERIFY2(text.find('{') == std::string::npos && text.find('}') == std::string::npos, text.c_str());
        }
    }
}

void TestVerdict::failedRunGetsOnlyItsError()
{
    RunResult result = resultOf(ExecutionModel::Processes, 2, WorkloadKind::Cpu);
    result.summary.error = "boom {not a number}";
    const std::vector<Verdict> verdicts = verdictsOn(result, baselineAt(100.0));
    QCOMPARE(verdicts.size(), std::size_t(1));
    QCOMPARE(verdicts.front().id, std::string("failed"));
    // The error is a value, not a template: braces in it are kept as they are.
    QCOMPARE(sentence(verdicts.front()), std::string("The run failed: boom {not a number}"));
}

void TestVerdict::explanationTextWrapsAndIndents()
{
    RunResult result;
    std::optional<BaselineMeasurement> baseline;
    gilBound(result, baseline, 0.9);
    const std::string text = explanationText(result, baseline);
    QVERIFY2(text.rfind("Explanation:\n  Only one worker", 0) == 0, text.c_str());
    std::size_t start = 0;
    while (start < text.size()) {
        const std::size_t end = text.find('\n', start);
        QVERIFY(end != std::string::npos);
        QVERIFY2(end - start <= 100 + 2, text.substr(start, end - start).c_str()); // "×" is two bytes
        start = end + 1;
    }
    RunResult none = resultOf(ExecutionModel::Threads, 2, WorkloadKind::Cpu);
    none.summary.tasksCompleted = 0;
    QCOMPARE(explanationText(none, std::nullopt), std::string());
}

QTEST_APPLESS_MAIN(TestVerdict)
#include "tst_verdict.moc"
