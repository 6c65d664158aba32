#include "execution/runcontext.h"
#include "model/interpreter.h"
#include "model/threadstate.h"
#include "model/workload.h"
#include "results/experiment.h"
#include "speedtest.h"
#include "testsupport.h"

#include <QTest>

#include <algorithm>
#include <thread>
#include <vector>

using namespace clab;
using namespace clab::test;

// The legacy GIL (Python 2 to 3.1) against the modern one, on whole runs and on one unit's
// work. Speed is asserted as ratios of runs made side by side in one test, never as times.

namespace {

double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    return values[values.size() / 2];
}

// One unit computes `steps` steps on its own thread under `policy`, as a thread of a run does.
struct UnitWork
{
    std::uint64_t checksum = 0;
    std::uint64_t gilTakes = 0;
    std::uint64_t gilHolds = 0;
};

UnitWork computeAlone(GilPolicy policy, int steps, bool shared)
{
    RunConfig config;
    config.gil = policy;
    config.workload = shared ? WorkloadKind::Shared : WorkloadKind::Cpu;
    RunContext context(config);
    Interpreter interpreter(config);
    WorkerRecord &record = context.addUnit(WorkerRole::Worker, 0);
    const std::vector<unsigned char> payload;
    UnitWork out;
    {
        ThreadState thread(context, interpreter, record);
        Workload workload(context, interpreter, thread, record, payload);
        if (!thread.attach())
            return out;
        const bool done = shared ? workload.computeShared(steps) : workload.compute(steps);
        if (!done)
            return out;
        out.checksum = workload.checksum();
    } // the thread state drops the GIL and closes its lane
    out.gilTakes = record.gilTakes.load();
    out.gilHolds = record.gilHolds.load();
    return out;
}

} // namespace

class TestLegacyGil : public QObject
{
    Q_OBJECT

private slots:
    void sameWorkUnderEveryPolicy();
    void legacyChecksEveryBytecode();
    void noFailedAcquisitionsWithoutContention();
    void legacyGilBattle();
};

// A task's work does not depend on the policy: legacy only cuts each step into ticks, and the
// rounds compose, so the final state is the very same number.
void TestLegacyGil::sameWorkUnderEveryPolicy()
{
    for (const bool shared : {false, true}) {
        const UnitWork modern = computeAlone(GilPolicy::Modern, 250, shared);
        const UnitWork legacy = computeAlone(GilPolicy::Legacy, 250, shared);
        const UnitWork off = computeAlone(GilPolicy::Off, 250, shared);
        QVERIFY(modern.checksum != 0);
        QCOMPARE(legacy.checksum, modern.checksum);
        QCOMPARE(off.checksum, modern.checksum);
    }
}

// Under legacy a step holds kLegacyTicksPerStep checkpoints, and every kLegacyTicks-th releases
// and re-takes the GIL; under modern nobody asks, so the unit keeps the GIL from attach to end.
void TestLegacyGil::legacyChecksEveryBytecode()
{
    constexpr int kSteps = 1000;
    const UnitWork modern = computeAlone(GilPolicy::Modern, kSteps, false);
    const UnitWork legacy = computeAlone(GilPolicy::Legacy, kSteps, false);
    QCOMPARE(modern.gilTakes, std::uint64_t(1));
    const std::uint64_t releases = std::uint64_t(kSteps) * kLegacyTicksPerStep / Gil::kLegacyTicks;
    QCOMPARE(legacy.gilTakes, 1 + releases);
    QCOMPARE(legacy.gilHolds, 1 + releases); // the last hold ends when the thread finishes
}

void TestLegacyGil::noFailedAcquisitionsWithoutContention()
{
    RunConfig alone = cpuConfig(ExecutionModel::Threads, 1, GilPolicy::Legacy);
    alone.tasks = 8;
    alone.cpuSteps = 1000;
    const RunResult one = runOk(alone);
    QVERIFY(one.summary.gil.switches >= 1);
    QCOMPARE(one.summary.gil.failedAcquisitions, std::uint64_t(0));

    RunConfig free = alone;
    free.workers = 2;
    free.gil = GilPolicy::Off;
    const RunResult off = runOk(free);
    QCOMPARE(off.summary.gil.failedAcquisitions, std::uint64_t(0));
    for (const WorkerResult &w : off.workers)
        QCOMPARE(w.gilFailedAcquisitions, std::uint64_t(0));
}

// Beazley's "Inside the Python GIL" (2009): on two cores, two CPU-bound threads of Python 2 took
// about 1.8x as long as doing the same work sequentially (45.5 s against 24.6 s), because the
// holder re-takes the GIL it released every 100 ticks before the woken waiter, on the other core,
// can. The modern GIL (3.2+) hands over on request and runs them at about sequential speed.
// Each repetition runs sequential and 2 threads under legacy, then under modern, side by side.
void TestLegacyGil::legacyGilBattle()
{
    CLAB_SPEED_TEST();
    if (std::thread::hardware_concurrency() < 2)
        QSKIP("one core: the waiter never wakes on another core while the holder runs, so there is no battle");

    RunConfig legacy = cpuConfig(ExecutionModel::Threads, 2, GilPolicy::Legacy);
    legacy.tasks = 32;
    RunConfig modern = legacy;
    modern.gil = GilPolicy::Modern;
    RunConfig off = legacy;
    off.gil = GilPolicy::Off;

    // The battle needs the waiter to wake on the other core. On a shared machine another program
    // sometimes holds that core, and then both threads share one and the legacy GIL switches
    // rarely, as on a single core. A run without the GIL, made beside each repetition, tells
    // whether two cores were free: only those repetitions count.
    std::vector<double> legacySpeedups;
    std::vector<double> modernSpeedups;
    std::uint64_t failed = 0;
    std::uint64_t switches = 0;
    for (int i = 0; i < 12 && legacySpeedups.size() < 5; ++i) {
        const double sequential = runOk(sequentialBaselineOf(modern)).summary.wallSeconds;
        const RunResult offRun = runOk(off);
        const double legacySequential = runOk(sequentialBaselineOf(legacy)).summary.wallSeconds;
        const RunResult legacyRun = runOk(legacy);
        const RunResult modernRun = runOk(modern);
        QCOMPARE(legacyRun.summary.maxRunning, 1);
        QCOMPARE(modernRun.summary.gil.failedAcquisitions, std::uint64_t(0));
        if (sequential / offRun.summary.wallSeconds < 1.6)
            continue; // the second core was busy elsewhere
        legacySpeedups.push_back(legacySequential / legacyRun.summary.wallSeconds);
        modernSpeedups.push_back(sequential / modernRun.summary.wallSeconds);
        failed += legacyRun.summary.gil.failedAcquisitions;
        switches += legacyRun.summary.gil.switches;
    }
    if (legacySpeedups.size() < 3)
        QSKIP("the second core was busy with other programs in most repetitions: no battle to measure");
    const double legacySpeedup = median(legacySpeedups);
    const double modernSpeedup = median(modernSpeedups);
    qInfo("cpu, 2 threads: speedup legacy %.2f, modern %.2f; %llu switches, %llu failed acquisitions", legacySpeedup,
        modernSpeedup, static_cast<unsigned long long>(switches), static_cast<unsigned long long>(failed));
    // The mechanism holds on every host: the waiter, woken by a release, finds the lock re-taken
    // many times for each time it gets it (about ten times on the hosts in BENCHMARKS.md).
    QVERIFY2(failed >= 3 * switches,
        qPrintable(QStringLiteral("%1 failed acquisitions, %2 switches").arg(failed).arg(switches)));
    // What it costs depends on the host: what a futile wake-up costs on the other core (a speedup
    // of 0.63 on one 2-CPU virtual machine, 0.81-0.93 on others of the same model; BENCHMARKS.md).
    // What the lesson asks a student to predict holds on all of them: slower than one thread, and
    // than two under the modern GIL - by more than the repetitions' noise (about 0.02).
    QVERIFY2(legacySpeedup <= 0.95, qPrintable(QString::number(legacySpeedup)));
    QVERIFY2(legacySpeedup <= modernSpeedup - 0.04,
        qPrintable(QStringLiteral("legacy %1, modern %2").arg(legacySpeedup).arg(modernSpeedup)));
}

QTEST_GUILESS_MAIN(TestLegacyGil)
#include "tst_legacygil.moc"
