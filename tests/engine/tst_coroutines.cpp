#include "execution/run.h"
#include "platform/system.h"
#include "results/experiment.h"
#include "speedtest.h"
#include "testsupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QRandomGenerator>
#include <QSet>
#include <QTest>

#include <algorithm>
#include <array>
#include <chrono>
#include <thread>

using namespace clab;
using clab::test::maxOverlap;
using clab::test::runOk;
using namespace std::chrono_literals;

// The coroutines model: N C++20 coroutines on one event-loop thread. Speed-dependent checks are
// ratios of runs made inside the same test (the median of three alternating pairs), with margins a
// noisy 2-core machine keeps; everything else is an invariant.

namespace {

RunConfig coroutineConfig(WorkloadKind workload, int workers, int tasks)
{
    RunConfig config;
    config.model = ExecutionModel::Coroutines;
    config.workload = workload;
    config.workers = workers;
    config.tasks = tasks;
    return config;
}

struct Comparison
{
    double speedup = 0.0; // median of baseline wall / run wall
    RunResult run; // the last run, for its other numbers
    std::vector<RunResult> baselines;
};

Comparison compare(const RunConfig &config, const RunConfig &baseline)
{
    std::vector<double> ratios;
    Comparison out;
    for (int i = 0; i < 3; ++i) {
        out.baselines.push_back(runOk(baseline));
        out.run = runOk(config);
        ratios.push_back(out.baselines.back().summary.wallSeconds / out.run.summary.wallSeconds);
    }
    std::sort(ratios.begin(), ratios.end());
    out.speedup = ratios[1];
    return out;
}

std::vector<const WorkerResult *> coroutinesOf(const RunResult &result)
{
    std::vector<const WorkerResult *> out;
    for (const WorkerResult &w : result.workers) {
        if (w.role == WorkerRole::Worker)
            out.push_back(&w);
    }
    return out;
}

std::int64_t firstRunningNs(const RunResult &result, const WorkerResult &w)
{
    for (const Interval &i : w.timeline) {
        if (i.state == WorkerState::Running)
            return i.startNs - result.startNs;
    }
    return -1;
}

QJsonObject parseObject(const std::string &text)
{
    return QJsonDocument::fromJson(QByteArray::fromStdString(text)).object();
}

} // namespace

class TestCoroutines : public QObject
{
    Q_OBJECT

private slots:
    void cpuGainsNothing();
    void sleepsOverlapOnOneThread();
    void yieldEveryInterleaves();
    void nativeBlocksTheLoop();
    void convoyEffect();
    void socketConvoy();
    void tenThousandCoroutines();
    void everyTaskCompletesOnce_data();
    void everyTaskCompletesOnce();
    void timelineIsConsistent();
    void stopAtRandomMomentsLeavesNothing();
    void stopTenThousandAtRandomMoments();
};

void TestCoroutines::cpuGainsNothing()
{
    CLAB_SPEED_TEST();
    RunConfig config = coroutineConfig(WorkloadKind::Cpu, 4, 32);
    const Comparison c = compare(config, sequentialBaselineOf(config));
    qInfo("cpu, 4 coroutines: speedup %.2f, cores busy %.2f", c.speedup, c.run.summary.avgCoresBusy);
    QVERIFY2(c.speedup <= 1.15, qPrintable(QString::number(c.speedup)));
    QVERIFY2(c.speedup >= 0.6, qPrintable(QString::number(c.speedup))); // nor much slower
    QCOMPARE(c.run.summary.maxRunning, 1);

    // One thread for all of them, and not a thread of any other run (or of this test).
    const auto units = coroutinesOf(c.run);
    QCOMPARE(units.size(), std::size_t(4));
    const int loopTid = units.front()->tid;
    QVERIFY(loopTid != 0);
    QVERIFY(loopTid != platform::currentThreadId());
    for (const WorkerResult *w : units) {
        QCOMPARE(w->tid, loopTid);
        QCOMPARE(w->pid, platform::processId());
    }
    for (const RunResult &baseline : c.baselines) {
        for (const WorkerResult &w : baseline.workers)
            QVERIFY(w.tid != loopTid);
    }
    // Nothing awaits, so the first coroutine to run keeps the loop and does every task.
    std::uint64_t most = 0;
    for (const WorkerResult *w : units)
        most = std::max(most, w->tasks);
    QCOMPARE(most, std::uint64_t(32));
}

void TestCoroutines::sleepsOverlapOnOneThread()
{
    CLAB_SPEED_TEST();
    RunConfig config = coroutineConfig(WorkloadKind::IoSleep, 40, 40);
    config.ioMs = 10;
    const Comparison awaited = compare(config, sequentialBaselineOf(config));
    qInfo("io-sleep 10 ms x 40, 40 coroutines: speedup %.2f (wall %.1f ms)", awaited.speedup,
        awaited.run.summary.wallSeconds * 1e3);
    QVERIFY2(awaited.speedup >= 10, qPrintable(QString::number(awaited.speedup)));
    for (const WorkerResult *w : coroutinesOf(awaited.run))
        QCOMPARE(w->tid, coroutinesOf(awaited.run).front()->tid);

    // time.sleep() inside a coroutine: the loop thread itself sleeps, and every coroutine waits.
    config.blockingIo = true;
    const Comparison blocking = compare(config, sequentialBaselineOf(config));
    qInfo("same with blocking_io: speedup %.2f", blocking.speedup);
    QVERIFY2(blocking.speedup <= 1.2, qPrintable(QString::number(blocking.speedup)));
}

void TestCoroutines::yieldEveryInterleaves()
{
    RunConfig config = coroutineConfig(WorkloadKind::Cpu, 2, 16);
    config.cpuSteps = 2000;
    RunConfig yielding = config;
    yielding.yieldEvery = 1;

    std::vector<double> throughputRatios;
    RunResult plain;
    RunResult fair;
    for (int i = 0; i < 3; ++i) {
        plain = runOk(config);
        fair = runOk(yielding);
        throughputRatios.push_back(fair.summary.throughputTps / plain.summary.throughputTps);
    }
    std::sort(throughputRatios.begin(), throughputRatios.end());
    const double ratio = throughputRatios[1];

    const auto plainUnits = coroutinesOf(plain);
    const auto fairUnits = coroutinesOf(fair);
    const double plainWallNs = plain.summary.wallSeconds * 1e9;
    const double fairWallNs = fair.summary.wallSeconds * 1e9;
    const std::int64_t plainSecond
        = std::max(firstRunningNs(plain, *plainUnits[0]), firstRunningNs(plain, *plainUnits[1]));
    const std::int64_t fairSecond = std::max(firstRunningNs(fair, *fairUnits[0]), firstRunningNs(fair, *fairUnits[1]));
    qInfo("yield_every 1 vs 0: throughput ratio %.2f; tasks %llu/%llu vs %llu/%llu; second coroutine first "
          "ran at %.1f%% vs %.1f%% of the run; latency p50 %.2f vs %.2f ms",
        ratio, static_cast<unsigned long long>(fairUnits[0]->tasks),
        static_cast<unsigned long long>(fairUnits[1]->tasks), static_cast<unsigned long long>(plainUnits[0]->tasks),
        static_cast<unsigned long long>(plainUnits[1]->tasks), 100.0 * static_cast<double>(fairSecond) / fairWallNs,
        100.0 * static_cast<double>(plainSecond) / plainWallNs, fair.summary.latencyMsP50, plain.summary.latencyMsP50);

    // Without yields the first coroutine never lets go: it does every task, and the second one
    // runs only once the first has finished.
    QCOMPARE(std::max(plainUnits[0]->tasks, plainUnits[1]->tasks), std::uint64_t(16));
    QVERIFY(plainSecond < 0 || static_cast<double>(plainSecond) >= 0.9 * plainWallNs);
    // With a yield every step both run from the start and share the tasks; each task then takes
    // about twice as long from start to end, since the two advance together. (The second one
    // starts within microseconds; the margin is for an OS that preempts the loop's thread on a
    // busy machine.)
    QVERIFY(fairSecond >= 0);
    QVERIFY2(static_cast<double>(fairSecond) <= 0.25 * fairWallNs, qPrintable(QString::number(fairSecond)));
    QVERIFY(fairUnits[0]->tasks >= 6 && fairUnits[1]->tasks >= 6);
    QVERIFY2(fair.summary.latencyMsP50 >= 1.5 * plain.summary.latencyMsP50,
        qPrintable(QString::number(fair.summary.latencyMsP50)));
    // A yield costs far less than a step, so throughput stays sane. Sanitizers slow the loop's
    // own code (a yield) far more than a step of computation.
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
    constexpr double kLowestRatio = 0.1;
#else
    constexpr double kLowestRatio = 0.5;
#endif
    QVERIFY2(ratio >= kLowestRatio && ratio <= 1.3, qPrintable(QString::number(ratio)));
    QCOMPARE(fair.summary.maxRunning, 1);
}

void TestCoroutines::nativeBlocksTheLoop()
{
    CLAB_SPEED_TEST();
    // zlib releases the GIL, but it runs on the loop thread: nothing else runs meanwhile.
    // 64 tasks (about 0.1 s): with 16, one run was a few tens of ms and a single hiccup of the
    // shared machine in the sequential run could decide the median.
    RunConfig config = coroutineConfig(WorkloadKind::Native, 4, 64);
    config.nativeKib = 128;
    const Comparison c = compare(config, sequentialBaselineOf(config));
    qInfo("native, 4 coroutines: speedup %.2f", c.speedup);
    QVERIFY2(c.speedup <= 1.15, qPrintable(QString::number(c.speedup)));
    bool sawNative = false;
    for (const WorkerResult *w : coroutinesOf(c.run)) {
        for (const Interval &i : w->timeline)
            sawNative = sawNative || i.state == WorkerState::Native;
    }
    QVERIFY(sawNative);
}

void TestCoroutines::convoyEffect()
{
    CLAB_SPEED_TEST();
    // One coroutine sleeping 1 ms per task beside one CPU hog: whenever the idle loop wakes up it
    // must wait for the GIL, a switch interval each time, like any thread (asyncio's convoy).
    RunConfig config = coroutineConfig(WorkloadKind::IoSleep, 1, 100);
    config.ioMs = 1;
    config.cpuHogs = 1;
    const RunResult at5 = runOk(config);
    config.gil = GilPolicy::Off;
    const RunResult off = runOk(config);
    qInfo("coroutine convoy p50: %.2f ms at 5 ms, %.2f ms with the GIL off", at5.summary.latencyMsP50,
        off.summary.latencyMsP50);
    QVERIFY(at5.summary.latencyMsP50 >= 4.0);
    QVERIFY(off.summary.latencyMsP50 < 2.0);
    QVERIFY(at5.summary.gil.dropRequests >= 50);
    const auto units = coroutinesOf(at5);
    QVERIFY(std::any_of(units.front()->timeline.begin(), units.front()->timeline.end(),
        [](const Interval &i) { return i.state == WorkerState::WaitingGil; }));
}

void TestCoroutines::socketConvoy()
{
    CLAB_SPEED_TEST();
    // Round trips on asio's sockets from one coroutine: alone, and beside a CPU hog. Each time the
    // loop has nothing ready it drops the GIL (asyncio's select); the hog takes it, and the loop
    // waits about a switch interval to get it back when the echo arrives.
    RunConfig config = coroutineConfig(WorkloadKind::IoSocket, 1, 400);
    const RunResult alone = runOk(config);
    config.cpuHogs = 1;
    config.tasks = 100;
    const RunResult withHog = runOk(config);
    qInfo("coroutine io-socket: %.0f round trips/s alone, %.0f beside a hog (p50 %.2f ms)", alone.summary.throughputTps,
        withHog.summary.throughputTps, withHog.summary.latencyMsP50);
    QVERIFY(withHog.summary.throughputTps <= alone.summary.throughputTps / 10);
    // Whether every round trip waits a switch interval depends on when the OS wakes the hog, so
    // the median varies between machines; the mean and the tail do not.
    const double meanMs = 1000.0 / withHog.summary.throughputTps;
    QVERIFY2(meanMs >= 2.0, qPrintable(QString::number(meanMs)));
    QVERIFY2(withHog.summary.latencyMsP99 >= 4.0, qPrintable(QString::number(withHog.summary.latencyMsP99)));
    if (std::thread::hardware_concurrency() < 2)
        QSKIP("one core: without a GIL the hog and the loop still share the only core");
    RunConfig offAlone = config;
    offAlone.gil = GilPolicy::Off;
    offAlone.cpuHogs = 0;
    offAlone.tasks = 2000;
    RunConfig off = offAlone;
    off.cpuHogs = 1;
    const double ratio = clab::test::throughputRatio(offAlone, off);
    qInfo("coroutine io-socket, GIL off: %.2f of the round trips/s beside a hog", ratio);
    QVERIFY2(ratio >= 0.5, qPrintable(QString::number(ratio)));
}

void TestCoroutines::tenThousandCoroutines()
{
    RunConfig config = coroutineConfig(WorkloadKind::IoSleep, 10000, 10000);
    config.ioMs = 1;
    const RunResult result = runOk(config);
    qInfo("10,000 coroutines x 1 ms: wall %.1f ms, %.3f us and %.3f KiB per coroutine",
        result.summary.wallSeconds * 1e3, result.summary.unitCreateUs.value_or(-1),
        result.summary.unitMemoryKib.value_or(-1));
    QCOMPARE(result.summary.tasksCompleted, std::uint64_t(10000));
    QCOMPARE(result.taskCompletions.size(), std::size_t(10000));
    for (std::size_t i = 0; i < result.taskCompletions.size(); ++i)
        QVERIFY2(result.taskCompletions[i] == 1, qPrintable(QStringLiteral("task %1").arg(i)));
    // 10 s of sleeping, overlapped on one thread.
    QVERIFY(result.summary.wallSeconds < 2.0);

    QVERIFY(result.summary.unitMemoryKib.has_value());
    QVERIFY(result.summary.unitCreateUs.has_value());
    QVERIFY(*result.summary.unitMemoryKib > 0.0);
    QVERIFY(*result.summary.unitMemoryKib < 64.0); // a frame, not a thread stack
    // Lesson 02: about 1 KiB each, far more than the bare 56-64 byte frame of its table, because
    // it counts asio's frame and handler too; the same order as an asyncio task.
    QVERIFY2(*result.summary.unitMemoryKib > 0.25 && *result.summary.unitMemoryKib < 4.0,
        qPrintable(QString::number(*result.summary.unitMemoryKib)));
    QVERIFY(*result.summary.unitCreateUs > 0.0);
    const QJsonObject cost
        = parseObject(result.toJson())[QStringLiteral("summary")][QStringLiteral("unit_cost")].toObject();
    QCOMPARE(cost[QStringLiteral("model")].toString(), QStringLiteral("coroutines"));
    QCOMPARE(cost[QStringLiteral("units")].toInt(), 10000);
    QCOMPARE(cost[QStringLiteral("memory_kib_per_unit")].toDouble(), *result.summary.unitMemoryKib);
    QCOMPARE(cost[QStringLiteral("create_us")].toDouble(), *result.summary.unitCreateUs);

    // Runs whose executor measures no unit cost write none.
    RunConfig threads = sequentialBaselineOf(config);
    threads.tasks = 4;
    const QJsonObject summary = parseObject(runOk(threads).toJson())[QStringLiteral("summary")].toObject();
    QVERIFY(!summary.contains(QStringLiteral("unit_cost")));
}

void TestCoroutines::everyTaskCompletesOnce_data()
{
    QTest::addColumn<QString>("workload");
    QTest::addColumn<QString>("gil");
    QTest::addColumn<int>("workers");
    QTest::addColumn<int>("hogs");
    QTest::addColumn<int>("yieldEvery");
    QTest::addColumn<bool>("blockingIo");
    for (const std::string &name : test::allWorkloads()) {
        const char *workload = name.c_str();
        QTest::addRow("%s modern", workload) << workload << "modern" << 5 << 0 << 0 << false;
        QTest::addRow("%s off", workload) << workload << "off" << 5 << 0 << 0 << false;
        // No hog beside the legacy GIL: its release-and-retake every 100 ticks leaves a waiter on
        // another core almost no chance (the GIL battle), so such a run can take minutes.
        QTest::addRow("%s legacy", workload) << workload << "legacy" << 5 << 0 << 0 << false;
        QTest::addRow("%s modern, 2 hogs, yield 10", workload) << workload << "modern" << 5 << 2 << 10 << false;
    }
    QTest::addRow("mixed, yield 1, blocking") << "mixed"
                                              << "modern" << 3 << 0 << 1 << true;
    QTest::addRow("io-sleep blocking, 1 hog") << "io-sleep"
                                              << "modern" << 8 << 1 << 0 << true;
    QTest::addRow("1 coroutine shared, yield 1") << "shared"
                                                 << "modern" << 1 << 0 << 1 << false;
    QTest::addRow("200 coroutines io-sleep") << "io-sleep"
                                             << "modern" << 200 << 0 << 0 << false;
    QTest::addRow("200 coroutines io-socket") << "io-socket"
                                              << "modern" << 200 << 0 << 0 << false;
}

void TestCoroutines::everyTaskCompletesOnce()
{
    QFETCH(QString, workload);
    QFETCH(QString, gil);
    QFETCH(int, workers);
    QFETCH(int, hogs);
    QFETCH(int, yieldEvery);
    QFETCH(bool, blockingIo);
    RunConfig config;
    config.model = ExecutionModel::Coroutines;
    QVERIFY(!setField(config, "workload", workload.toStdString()));
    QVERIFY(!setField(config, "gil", gil.toStdString()));
    config.workers = workers;
    config.cpuHogs = hogs;
    config.yieldEvery = yieldEvery;
    config.blockingIo = blockingIo;
    const RunResult result = clab::test::runOk(clab::test::withSmallTasks(config));
    const QString problem = clab::test::taskCompletionProblem(result);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    std::uint64_t byWorkers = 0;
    int hogsSeen = 0;
    for (const WorkerResult &w : result.workers) {
        QVERIFY(w.tid > 0);
        if (w.role == WorkerRole::Worker) {
            byWorkers += w.tasks;
            QCOMPARE(w.tid, result.workers.front().tid);
            QVERIFY(w.cpuSeconds >= 0.0);
        } else {
            ++hogsSeen;
            QCOMPARE(w.tasks, std::uint64_t(0));
            QVERIFY(w.tid != result.workers.front().tid); // a hog is a thread of its own
        }
    }
    QCOMPARE(byWorkers, std::uint64_t(97));
    QCOMPARE(hogsSeen, hogs);
    if (config.gil != GilPolicy::Off)
        QCOMPARE(result.summary.maxRunning, 1);
    if (config.workload == WorkloadKind::Shared)
        QCOMPARE(result.summary.sharedUpdates, std::uint64_t(97 * 300));
    QVERIFY(result.summary.latencyMsP50 > 0.0);
}

void TestCoroutines::timelineIsConsistent()
{
    RunConfig config = coroutineConfig(WorkloadKind::Mixed, 6, 60);
    config.cpuSteps = 1000;
    config.ioMs = 4;
    config.yieldEvery = 100;
    config.cpuHogs = 1;
    config.switchIntervalMs = 1;
    const RunResult result = runOk(config);
    const auto units = coroutinesOf(result);
    QCOMPARE(units.size(), std::size_t(6));
    QSet<int> states;
    for (const WorkerResult *w : units) {
        QVERIFY(!w->timeline.empty());
        QCOMPARE(w->droppedIntervals, std::uint64_t(0));
        for (std::size_t i = 0; i < w->timeline.size(); ++i) {
            const Interval &interval = w->timeline[i];
            QVERIFY(interval.endNs > interval.startNs);
            QVERIFY(interval.startNs >= result.startNs);
            if (i > 0)
                QVERIFY2(interval.startNs >= w->timeline[i - 1].endNs, "ordered and not overlapping");
            states.insert(static_cast<int>(interval.state));
        }
    }
    // One thread: at most one coroutine runs at any moment; with the GIL on, not even beside the hog.
    QCOMPARE(maxOverlap(units, WorkerState::Running), 1);
    std::vector<const WorkerResult *> all;
    for (const WorkerResult &w : result.workers)
        all.push_back(&w);
    QCOMPARE(maxOverlap(all, WorkerState::Running), 1);
    // Coroutines ran, awaited timers, waited their turn on the loop, and the loop waited for the GIL.
    for (WorkerState state : {WorkerState::Running, WorkerState::Io, WorkerState::Idle, WorkerState::WaitingGil})
        QVERIFY2(states.contains(static_cast<int>(state)), toString(state).data());

    // The trace gives every coroutine a track of its own, though they share one thread.
    const QJsonArray events = parseObject(result.chromeTrace())[QStringLiteral("traceEvents")].toArray();
    QMap<qint64, QList<QPair<double, double>>> tracks;
    for (const auto &e : events) {
        const QJsonObject event = e.toObject();
        if (event[QStringLiteral("ph")].toString() != QStringLiteral("X")
            || event[QStringLiteral("cat")].toString() != QStringLiteral("state"))
            continue; // the GIL holder track is checked in tst_chrometrace
        const double ts = event[QStringLiteral("ts")].toDouble();
        tracks[event[QStringLiteral("tid")].toInteger()].append({ts, ts + event[QStringLiteral("dur")].toDouble()});
    }
    QCOMPARE(tracks.size(), static_cast<qsizetype>(result.workers.size()));
    for (auto spans : tracks) {
        std::sort(spans.begin(), spans.end());
        for (int i = 1; i < spans.size(); ++i)
            QVERIFY2(spans[i].first >= spans[i - 1].second - 1e-9, "no two events overlap on a track");
    }
}

void TestCoroutines::stopTenThousandAtRandomMoments()
{
    // 20 runs of 10,000 coroutines, each stopped at a random moment while they sleep and wake:
    // each run ends within a second and leaves no thread and no descriptor behind.
    QRandomGenerator random(20261127);
    const int threadsBefore = platform::threadCount();
    const int fdsBefore = platform::openFdCount();
    for (int i = 0; i < 20; ++i) {
        RunConfig config = coroutineConfig(i % 2 ? WorkloadKind::IoSleep : WorkloadKind::Mixed, 10000, 40000);
        config.ioMs = 2;
        config.cpuSteps = 20;
        config.cpuHogs = i % 4 == 0 ? 1 : 0;
        {
            Run run(config);
            QVERIFY(!run.start());
            std::this_thread::sleep_for(std::chrono::microseconds(random.bounded(80000)));
            run.requestStop();
            QVERIFY2(run.waitFinished(30s), qPrintable(QStringLiteral("run %1 never ended after its stop").arg(i)));
            QVERIFY(run.result().summary.tasksCompleted <= 40000);
            for (const std::uint32_t count : run.result().taskCompletions)
                QVERIFY(count <= 1);
        }
        QTRY_COMPARE_WITH_TIMEOUT(platform::threadCount(), threadsBefore, 2000);
        QCOMPARE(platform::openFdCount(), fdsBefore);
    }
}

void TestCoroutines::stopAtRandomMomentsLeavesNothing()
{
    // Stop 20 runs of every kind at random moments, one of them with 10,000 coroutines: each ends
    // within a second, and afterwards this process has the threads and descriptors it had before.
    const std::vector<std::string> workloads = test::allWorkloads();
    const char *policies[] = {"modern", "legacy", "off"};
    QRandomGenerator random(20261126);

    const int threadsBefore = platform::threadCount();
    const int fdsBefore = platform::openFdCount();
    QVERIFY(threadsBefore > 0 && fdsBefore > 0);

    for (int i = 0; i < 20; ++i) {
        RunConfig config;
        config.model = ExecutionModel::Coroutines;
        QVERIFY(!setField(config, "workload", workloads[random.bounded(static_cast<quint32>(workloads.size()))]));
        QVERIFY(!setField(config, "gil", policies[random.bounded(3)]));
        config.workers = i == 7 ? 10000 : 1 + random.bounded(64);
        config.workload = i == 7 ? WorkloadKind::IoSleep : config.workload;
        config.cpuHogs = random.bounded(3);
        config.yieldEvery = std::array{0, 1, 50}[random.bounded(3u)];
        config.blockingIo = random.bounded(4) == 0;
        config.tasks = i == 7 ? 20000 : 400;
        config.ioMs = 5;
        config.fileKib = 16;
        config.nativeKib = 64;
        config.switchIntervalMs = random.bounded(2) ? 5 : 0.05;
        {
            Run run(config);
            QVERIFY(!run.start());
            std::this_thread::sleep_for(std::chrono::microseconds(random.bounded(60000)));
            run.requestStop();
            QVERIFY2(run.waitFinished(30s), qPrintable(QStringLiteral("run %1 never ended after its stop").arg(i)));
            const RunSummary &summary = run.result().summary;
            QVERIFY(run.result().succeeded());
            QVERIFY(summary.tasksCompleted <= std::uint64_t(config.tasks));
            for (const std::uint32_t count : run.result().taskCompletions)
                QVERIFY(count <= 1);
        }
        // Exited threads leave /proc/self/task a moment after join(); allow that moment.
        QTRY_COMPARE_WITH_TIMEOUT(platform::threadCount(), threadsBefore, 2000);
        QCOMPARE(platform::openFdCount(), fdsBefore);
    }
}

QTEST_GUILESS_MAIN(TestCoroutines)
#include "tst_coroutines.moc"
