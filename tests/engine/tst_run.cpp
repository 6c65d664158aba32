#include "execution/run.h"
#include "speedtest.h"
#include "testsupport.h"
#include "twocores.h"

#include <QTest>

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>
#include <thread>

using namespace clab;
using namespace clab::test;

// Behaviour of whole runs on real threads. Speed-dependent checks are ratios of runs made inside
// the same test, each the median of five alternating pairs, with margins a noisy 2-core machine
// keeps. Multi-core checks skip, saying why, on one core.

namespace {

// Intervals of one state on all units of one interpreter never overlap when a GIL is on.
int maxOverlap(const RunResult &result, WorkerState state, int interpreter)
{
    std::vector<const WorkerResult *> lanes;
    for (const WorkerResult &w : result.workers) {
        if (w.interpreter == interpreter)
            lanes.push_back(&w);
    }
    return clab::test::maxOverlap(lanes, state);
}

} // namespace

class TestRun : public QObject
{
    Q_OBJECT

private slots:
    void cpuThreadsUnderTheGil();
    void cpuThreadsWithoutTheGil();
    void cpuSubinterpreters();
    void nativeReleasesTheGil();
    void sleepingThreadsOverlap();
    void convoyEffect();
    void socketConvoy();
    void legacyGilIsNoFaster();
    void everyTaskCompletesOnce_data();
    void everyTaskCompletesOnce();
    void sharedStateLosesNoUpdate_data();
    void sharedStateLosesNoUpdate();
    void timelineIsConsistent();
    void ioFileCleansUp();
    void samplesAreLive();
    void currentStateIsLive();
    void unitStatusesArePaged();
    void invalidConfigStartsNothing();
};

void TestRun::cpuThreadsUnderTheGil()
{
    CLAB_SPEED_TEST();
    const Comparison c = compare(cpuConfig(ExecutionModel::Threads, 2, GilPolicy::Modern));
    qInfo("cpu, 2 threads, GIL modern: speedup %.2f, cores busy %.2f", c.speedup, c.parallel.summary.avgCoresBusy);
    QVERIFY2(c.speedup >= 0.8 && c.speedup <= 1.15, qPrintable(QString::number(c.speedup)));
    QCOMPARE(c.parallel.summary.maxRunning, 1);
    QVERIFY(c.parallel.summary.avgCoresBusy <= 1.3);
    QVERIFY(c.parallel.summary.gil.switches >= 2);
    QVERIFY(c.parallel.summary.gil.dropRequests >= 1);
}

void TestRun::cpuThreadsWithoutTheGil()
{
    CLAB_SPEED_TEST();
    if (!multiCore())
        QSKIP("one core: two threads cannot run in parallel here");
    const double capacity = twoThreadCapacity();
    if (capacity < 1.3)
        QSKIP(qPrintable(QStringLiteral("two plain threads reach only %1x here now: no second core").arg(capacity)));
    const Comparison c = compare(cpuConfig(ExecutionModel::Threads, 2, GilPolicy::Off));
    qInfo("cpu, 2 threads, GIL off: speedup %.2f (two plain threads: %.2f)", c.speedup, capacity);
    QVERIFY2(c.speedup >= twoWorkerTarget(capacity),
        qPrintable(QStringLiteral("%1, plain threads %2").arg(c.speedup).arg(capacity)));
    QCOMPARE(c.parallel.summary.maxRunning, 2);
}

void TestRun::cpuSubinterpreters()
{
    CLAB_SPEED_TEST();
    if (!multiCore())
        QSKIP("one core: two interpreters cannot run in parallel here");
    const double capacity = twoThreadCapacity();
    if (capacity < 1.3)
        QSKIP(qPrintable(QStringLiteral("two plain threads reach only %1x here now: no second core").arg(capacity)));
    const Comparison c = compare(cpuConfig(ExecutionModel::Subinterpreters, 2, GilPolicy::Modern));
    qInfo("cpu, 2 subinterpreters, GIL modern: speedup %.2f (two plain threads: %.2f)", c.speedup, capacity);
    QVERIFY2(c.speedup >= twoWorkerTarget(capacity),
        qPrintable(QStringLiteral("%1, plain threads %2").arg(c.speedup).arg(capacity)));
    QCOMPARE(c.parallel.summary.maxRunning, 2);
    // Yet inside each interpreter, its own GIL still lets one thread at a time run.
    QCOMPARE(maxOverlap(c.parallel, WorkerState::Running, 0), 1);
}

void TestRun::nativeReleasesTheGil()
{
    CLAB_SPEED_TEST();
    if (!multiCore())
        QSKIP("one core: native code cannot run in parallel here");
    RunConfig config;
    config.workers = 2;
    config.workload = WorkloadKind::Native;
    config.nativeKib = 256;
    config.tasks = 64;
    const Comparison c = compare(config);
    qInfo("native, 2 threads, GIL modern: speedup %.2f", c.speedup);
    QVERIFY2(c.speedup >= 1.5, qPrintable(QString::number(c.speedup)));
}

void TestRun::sleepingThreadsOverlap()
{
    CLAB_SPEED_TEST();
    RunConfig config;
    config.workers = 4;
    config.workload = WorkloadKind::IoSleep;
    config.ioMs = 10;
    config.tasks = 40;
    const Comparison c = compare(config);
    qInfo("io-sleep 10 ms x 40, 4 threads: speedup %.2f", c.speedup);
    QVERIFY2(c.speedup >= 3.0, qPrintable(QString::number(c.speedup)));
}

void TestRun::convoyEffect()
{
    CLAB_SPEED_TEST();
    // One I/O thread and one CPU hog in the same interpreter: each time the I/O thread comes back
    // from its 1 ms wait it must wait a switch interval for the hog to be asked to drop the GIL.
    RunConfig config;
    config.workers = 1;
    config.workload = WorkloadKind::IoSleep;
    config.ioMs = 1;
    config.tasks = 150;
    config.cpuHogs = 1;

    config.switchIntervalMs = 5;
    const RunResult at5 = runOk(config);
    config.switchIntervalMs = 0.5;
    const RunResult atHalf = runOk(config);
    config.gil = GilPolicy::Off;
    const RunResult off = runOk(config);
    qInfo("convoy p50: %.2f ms at 5 ms, %.2f ms at 0.5 ms, %.2f ms with the GIL off", at5.summary.latencyMsP50,
        atHalf.summary.latencyMsP50, off.summary.latencyMsP50);
    QVERIFY(at5.summary.latencyMsP50 >= 4.0);
    QVERIFY(atHalf.summary.latencyMsP50 < 2.5);
    QVERIFY(off.summary.latencyMsP50 < 2.0);
    QVERIFY(at5.summary.gil.dropRequests >= 100); // the I/O thread had to ask nearly every time
}

void TestRun::socketConvoy()
{
    CLAB_SPEED_TEST();
    // Round trips to the loopback echo server: alone, beside a CPU hog in the same interpreter,
    // and beside a hog with the GIL off. Each send and receive releases the GIL; beside the hog,
    // taking it back costs about one switch interval (Beazley's convoy effect, "Understanding the Python GIL", 2010).
    RunConfig config;
    config.workers = 1;
    config.workload = WorkloadKind::IoSocket;
    config.tasks = 400;
    const RunResult alone = runOk(config);
    config.cpuHogs = 1;
    config.tasks = 100;
    const RunResult withHog = runOk(config);
    qInfo("io-socket: %.0f round trips/s alone, %.0f beside a hog (p50 %.2f ms)", alone.summary.throughputTps,
        withHog.summary.throughputTps, withHog.summary.latencyMsP50);
    QVERIFY(withHog.summary.throughputTps <= alone.summary.throughputTps / 10);
    // A round trip releases the GIL twice. Whether the second release also costs a switch interval
    // depends on whether the OS wakes the hog before the client takes the GIL back, so the median
    // can be fast on one machine and slow on another; the mean and the tail cannot.
    const double meanMs = 1000.0 / withHog.summary.throughputTps;
    QVERIFY2(meanMs >= 2.0, qPrintable(QString::number(meanMs)));
    QVERIFY2(withHog.summary.latencyMsP99 >= 4.0, qPrintable(QString::number(withHog.summary.latencyMsP99)));
    if (!multiCore())
        QSKIP("one core: without a GIL the hog and the client still share the only core");
    // Without a GIL the hog costs only a share of the two cores (the echo server is a third thread).
    RunConfig offAlone = config;
    offAlone.gil = GilPolicy::Off;
    offAlone.cpuHogs = 0;
    offAlone.tasks = 2000;
    RunConfig off = offAlone;
    off.cpuHogs = 1;
    const double ratio = throughputRatio(offAlone, off);
    qInfo("io-socket, GIL off: %.2f of the round trips/s beside a hog", ratio);
    QVERIFY2(ratio >= 0.5, qPrintable(QString::number(ratio)));
}

void TestRun::legacyGilIsNoFaster()
{
    CLAB_SPEED_TEST();
    const Comparison c = compare(cpuConfig(ExecutionModel::Threads, 2, GilPolicy::Legacy));
    qInfo("cpu, 2 threads, legacy GIL: speedup %.2f", c.speedup);
    QVERIFY2(c.speedup <= 1.05, qPrintable(QString::number(c.speedup)));
    QCOMPARE(c.parallel.summary.maxRunning, 1);
    QCOMPARE(c.parallel.summary.gil.dropRequests, std::uint64_t(0));
}

void TestRun::everyTaskCompletesOnce_data()
{
    QTest::addColumn<QString>("model");
    QTest::addColumn<QString>("workload");
    QTest::addColumn<QString>("gil");
    QTest::addColumn<int>("workers");
    QTest::addColumn<int>("hogs");
    for (const std::string &name : test::allWorkloads()) {
        const char *workload = name.c_str();
        QTest::addRow("sequential %s", workload) << "sequential" << workload << "modern" << 1 << 0;
        QTest::addRow("threads %s modern", workload) << "threads" << workload << "modern" << 3 << 0;
        QTest::addRow("threads %s legacy", workload) << "threads" << workload << "legacy" << 3 << 0;
        QTest::addRow("threads %s off", workload) << "threads" << workload << "off" << 3 << 0;
        if (name == "deadlock" || name == "pipeline")
            continue; // its locks or queue are shared by the workers of one interpreter only (validate() says so)
        QTest::addRow("subinterpreters %s", workload) << "subinterpreters" << workload << "modern" << 3 << 1;
        QTest::addRow("processes %s", workload) << "processes" << workload << "modern" << 3 << 1;
    }
    QTest::addRow("threads cpu, 2 hogs") << "threads"
                                         << "cpu"
                                         << "modern" << 2 << 2;
    QTest::addRow("64 threads io-sleep") << "threads"
                                         << "io-sleep"
                                         << "modern" << 64 << 0;
}

void TestRun::everyTaskCompletesOnce()
{
    QFETCH(QString, model);
    QFETCH(QString, workload);
    QFETCH(QString, gil);
    QFETCH(int, workers);
    QFETCH(int, hogs);
    RunConfig config;
    QVERIFY(!setField(config, "model", model.toStdString()));
    QVERIFY(!setField(config, "workload", workload.toStdString()));
    QVERIFY(!setField(config, "gil", gil.toStdString()));
    config.workers = workers;
    config.cpuHogs = hogs;
    const RunResult result = runOk(withSmallTasks(config));
    const QString problem = taskCompletionProblem(result);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    std::uint64_t byWorkers = 0;
    for (const WorkerResult &w : result.workers) {
        if (w.role == WorkerRole::Worker)
            byWorkers += w.tasks;
        else
            QCOMPARE(w.tasks, std::uint64_t(0));
        QVERIFY(w.tid > 0);
    }
    QCOMPARE(byWorkers, std::uint64_t(97));
    if (config.gil == GilPolicy::Off)
        return;
    // One GIL per interpreter: never two lanes of one interpreter in bytecode at once.
    std::set<int> interpreters;
    for (const WorkerResult &w : result.workers)
        interpreters.insert(w.interpreter);
    for (const int interpreter : interpreters)
        QVERIFY(maxOverlap(result, WorkerState::Running, interpreter) <= 1);
    if (interpreters.size() == 1)
        QCOMPARE(result.summary.maxRunning, 1);
}

void TestRun::sharedStateLosesNoUpdate_data()
{
    QTest::addColumn<QString>("gil");
    QTest::newRow("GIL modern: the GIL guards it") << "modern";
    QTest::newRow("GIL legacy") << "legacy";
    QTest::newRow("GIL off: a lock guards it") << "off";
}

void TestRun::sharedStateLosesNoUpdate()
{
    QFETCH(QString, gil);
    RunConfig config;
    config.workers = 4;
    config.workload = WorkloadKind::Shared;
    QVERIFY(!setField(config, "gil", gil.toStdString()));
    config.tasks = 40;
    config.cpuSteps = 500;
    const RunResult result = runOk(config);
    QCOMPARE(result.summary.sharedUpdates, std::uint64_t(40 * 500));
}

void TestRun::timelineIsConsistent()
{
    RunConfig config = cpuConfig(ExecutionModel::Threads, 3, GilPolicy::Modern);
    config.switchIntervalMs = 1;
    config.tasks = 30;
    const RunResult result = runOk(config);
    for (const WorkerResult &w : result.workers) {
        QVERIFY(!w.timeline.empty());
        for (std::size_t i = 0; i < w.timeline.size(); ++i) {
            QVERIFY(w.timeline[i].endNs >= w.timeline[i].startNs);
            if (i > 0)
                QVERIFY(w.timeline[i].startNs >= w.timeline[i - 1].endNs);
        }
        QVERIFY(w.gilHoldSeconds > 0);
        QVERIFY(w.cpuSeconds > 0);
        QVERIFY(w.lastCore >= 0);
    }
    // The strongest check of the GIL: no two lanes ever run bytecode at the same moment.
    QCOMPARE(maxOverlap(result, WorkerState::Running, 0), 1);
    QVERIFY(maxOverlap(result, WorkerState::WaitingGil, 0) >= 1);
    // Hold times follow the switch interval (a waiter asks after 1 ms, the holder drops at once).
    QVERIFY2(result.summary.gil.holdMsMean > 0.5 && result.summary.gil.holdMsMean < 10,
        qPrintable(QString::number(result.summary.gil.holdMsMean)));
}

void TestRun::ioFileCleansUp()
{
    const auto tmp = std::filesystem::temp_directory_path();
    auto runDirs = [&] {
        int count = 0;
        for (const auto &entry : std::filesystem::directory_iterator(tmp))
            count += entry.path().filename().string().rfind("clab-run-", 0) == 0;
        return count;
    };
    const int before = runDirs();
    RunConfig config;
    config.workers = 3;
    config.workload = WorkloadKind::IoFile;
    config.fileKib = 32;
    config.tasks = 12;
    const RunResult result = runOk(config);
    QCOMPARE(result.summary.tasksCompleted, std::uint64_t(12));
    QVERIFY(result.summary.latencyMsP50 > 0);
    QCOMPARE(runDirs(), before);
}

void TestRun::samplesAreLive()
{
    RunConfig config;
    config.workers = 2;
    config.workload = WorkloadKind::IoSleep;
    config.ioMs = 20;
    config.tasks = 40;
    config.sampleHz = 20;
    Run run(config);
    QVERIFY(!run.start());
    std::vector<Sample> seen;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    while (seen.empty() && !run.isFinished() && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
        seen = run.drainSamples();
    }
    QVERIFY2(!seen.empty(), "a sample arrives while the run goes on");
    QVERIFY2(!run.isFinished(), "the first sample arrives long before the run ends");
    QVERIFY(!run.units().empty());
    QVERIFY(run.waitFinished(std::chrono::seconds(30)));
    const RunResult &result = run.result();
    QVERIFY(result.samples.size() >= 5);
    for (std::size_t i = 1; i < result.samples.size(); ++i) {
        QVERIFY(result.samples[i].tSeconds > result.samples[i - 1].tSeconds);
        QVERIFY(result.samples[i].tasksDone >= result.samples[i - 1].tasksDone);
        for (double pct : result.samples[i].coreBusyPct)
            QVERIFY(pct == -1.0 || (pct >= 0.0 && pct <= 100.0));
    }
    QCOMPARE(result.samples.back().tasksDone, std::uint64_t(40));
    // The last reading measures a span of at least half a period: no burst from a short tail.
    std::vector<double> rates;
    for (std::size_t i = 1; i + 1 < result.samples.size(); ++i)
        rates.push_back(result.samples[i].throughputTps);
    std::nth_element(rates.begin(), rates.begin() + static_cast<std::ptrdiff_t>(rates.size() / 2), rates.end());
    const double median = rates[rates.size() / 2];
    QVERIFY2(result.samples.back().throughputTps <= 2.5 * median,
        qPrintable(QStringLiteral("last %1 tasks/s, median %2").arg(result.samples.back().throughputTps).arg(median)));
}

// A sequential CPU run holds the GIL from start to end: its timeline gets nothing until it
// finishes, but the live status says what it is doing now.
void TestRun::currentStateIsLive()
{
    RunConfig config = test::cpuConfig(ExecutionModel::Sequential, 1, GilPolicy::Modern);
    config.tasks = 400;
    Run run(config);
    QVERIFY(!run.start());
    std::optional<Interval> current;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (!run.isFinished() && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
        const std::vector<UnitStatus> units = run.units();
        if (!units.empty() && units.front().current && units.front().current->state == WorkerState::Running
            && run.elapsedSeconds() > 0.2) {
            current = units.front().current;
            break;
        }
    }
    QVERIFY2(current, "the unit's current state is published while it runs");
    QVERIFY(current->startNs >= run.startNs() - 1000); // µs resolution
    QVERIFY(current->endNs >= current->startNs);
    QVERIFY(current->core >= 0);
    QVERIFY(run.waitFinished(std::chrono::seconds(60)));
    for (const UnitStatus &unit : run.units())
        QVERIFY2(!unit.current, "a finished unit has no current interval");
}

void TestRun::unitStatusesArePaged()
{
    // A view reads the statuses of the units it draws, not of all of them.
    RunConfig config;
    config.model = ExecutionModel::Coroutines;
    config.workers = 1000;
    config.workload = WorkloadKind::IoSleep;
    config.ioMs = 50;
    config.tasks = 2000;
    Run run(config);
    QVERIFY(run.units().empty());
    QCOMPARE(run.unitCount(), std::size_t(0));
    QVERIFY(!run.start());
    QTRY_VERIFY_WITH_TIMEOUT(run.unitCount() >= 1000 || run.isFinished(), 10000);
    const std::size_t total = run.unitCount();
    QVERIFY(total >= 1000);
    const std::vector<UnitStatus> first = run.units(0, 10);
    QCOMPARE(first.size(), std::size_t(10));
    for (std::size_t i = 0; i < first.size(); ++i)
        QCOMPARE(first[i].index, static_cast<int>(i));
    const std::vector<UnitStatus> tail = run.units(total - 3, 10);
    QCOMPARE(tail.size(), std::size_t(3));
    QCOMPARE(tail.back().index, static_cast<int>(total - 1));
    QVERIFY(run.units(total, 1).empty());
    QCOMPARE(run.units().size(), total);
    run.requestStop();
    QVERIFY(run.waitFinished(std::chrono::seconds(30)));
}

void TestRun::invalidConfigStartsNothing()
{
    RunConfig config;
    config.workers = 0;
    const int threadsBefore = platform::threadCount();
    Run run(config);
    const auto error = run.start();
    QVERIFY(error.has_value());
    QCOMPARE(QString::fromStdString(error->field), QStringLiteral("workers"));
    QCOMPARE(platform::threadCount(), threadsBefore);
    QVERIFY(!run.isFinished());
}

QTEST_GUILESS_MAIN(TestRun)
#include "tst_run.moc"
