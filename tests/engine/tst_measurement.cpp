// A run measures only itself: its CPU time and cores busy come from its own units, the rest of the
// machine's load is reported apart as other load, and the kernel's scheduler statistics show the
// OS making workers take turns. Ratios inside one test; skips name their reason.
#include "execution/run.h"
#include "platform/system.h"
#include "testsupport.h"

#include <QProcess>
#include <QTest>

#include <atomic>
#include <chrono>
#include <thread>

using namespace clab;
using namespace clab::test;
using namespace std::chrono_literals;

namespace {

int cores()
{
    return static_cast<int>(std::thread::hardware_concurrency());
}

// A thread of this process that keeps one core busy, as a window drawing its charts would.
class BusyThread
{
public:
    BusyThread()
        : m_thread([this] {
            volatile std::uint64_t x = 0;
            while (!m_stop.load(std::memory_order_relaxed))
                x = x + 1;
        })
    {}
    ~BusyThread()
    {
        m_stop = true;
        m_thread.join();
    }

private:
    std::atomic<bool> m_stop{false};
    std::thread m_thread;
};

// A program outside the run that keeps one core busy until it is killed.
class Spinner
{
public:
    Spinner()
    {
        m_process.start(QStringLiteral("/bin/sh"), {QStringLiteral("-c"), QStringLiteral("while :; do :; done")});
        m_process.waitForStarted();
    }
    ~Spinner()
    {
        m_process.kill();
        m_process.waitForFinished();
    }
    bool running() const { return m_process.state() == QProcess::Running; }

private:
    QProcess m_process;
};

double totalWaitingCpuSeconds(const WorkerResult &worker)
{
    double seconds = 0.0;
    for (const Interval &i : worker.timeline) {
        if (i.state == WorkerState::WaitingCpu)
            seconds += static_cast<double>(i.endNs - i.startNs) / 1e9;
    }
    return seconds;
}

} // namespace

class TestMeasurement : public QObject
{
    Q_OBJECT

private slots:
    void sleepingCoroutinesUseAlmostNoCpu();
    void otherProgramsAreOtherLoad();
    void workersTakeTurnsOnTooFewCores_data();
    void workersTakeTurnsOnTooFewCores();
    void workersThatFitWaitLittle();
    void processLanesAreLiveBeforeTheRunEnds();
};

// 40 coroutines sleeping on one event loop use a few % of a core, even while another thread of
// the same process (a window drawing) keeps a core busy: that thread is not the run's.
void TestMeasurement::sleepingCoroutinesUseAlmostNoCpu()
{
    RunConfig config;
    config.model = ExecutionModel::Coroutines;
    config.workers = 40;
    config.workload = WorkloadKind::IoSleep;
    config.ioMs = 50;
    config.tasks = 960; // 24 rounds of 50 ms: over a second, at 10 samples a second
    BusyThread drawing;
    const RunResult result = runOk(config);
    QVERIFY2(result.samples.size() >= 10, qPrintable(QString::number(result.samples.size())));
    qInfo("40 sleeping coroutines: %.3f cores busy, %.3f s CPU; other load %.2f cores", result.summary.avgCoresBusy,
        result.summary.cpuSeconds, result.summary.otherLoadCores);
    QVERIFY2(result.summary.avgCoresBusy <= 0.2, qPrintable(QString::number(result.summary.avgCoresBusy)));
    for (const Sample &sample : result.samples)
        QVERIFY2(sample.coresBusy <= 0.5, qPrintable(QString::number(sample.coresBusy)));
    // The drawing thread is the machine's load from the run's point of view.
    if (cores() >= 2)
        QVERIFY2(result.summary.otherLoadCores >= 0.7, qPrintable(QString::number(result.summary.otherLoadCores)));
}

// A CPU-bound program beside a one-core run: it shows as other load, and the run's own cores busy
// stays what it was on a quiet machine.
void TestMeasurement::otherProgramsAreOtherLoad()
{
    if (cores() < 2)
        QSKIP("one core: the spinner and the run would share it, so the run's own cores busy must change");
    RunConfig config = cpuConfig(ExecutionModel::Sequential, 1, GilPolicy::Modern);
    config.tasks = 160; // about a second
    const RunResult quiet = runOk(config);
    if (quiet.summary.otherLoadCores >= 0.3)
        QSKIP(qPrintable(QStringLiteral("other programs already keep %1 cores busy: no quiet run to compare with")
                             .arg(quiet.summary.otherLoadCores)));
    RunResult loaded;
    {
        Spinner spinner;
        QVERIFY(spinner.running());
        loaded = runOk(config);
    }
    qInfo("sequential cpu: quiet %.2f cores busy (other %.2f), beside a spinner %.2f (other %.2f)",
        quiet.summary.avgCoresBusy, quiet.summary.otherLoadCores, loaded.summary.avgCoresBusy,
        loaded.summary.otherLoadCores);
    QVERIFY2(loaded.summary.otherLoadCores >= 0.7, qPrintable(QString::number(loaded.summary.otherLoadCores)));
    QVERIFY2(std::abs(loaded.summary.avgCoresBusy - quiet.summary.avgCoresBusy) <= 0.15,
        qPrintable(
            QStringLiteral("quiet %1, loaded %2").arg(quiet.summary.avgCoresBusy).arg(loaded.summary.avgCoresBusy)));
    // The summary text says the machine was busy.
    QVERIFY(QString::fromStdString(loaded.summaryText()).contains(QStringLiteral("other load")));
}

void TestMeasurement::workersTakeTurnsOnTooFewCores_data()
{
    QTest::addColumn<int>("model");
    QTest::addColumn<int>("gil");
    QTest::newRow("processes") << int(ExecutionModel::Processes) << int(GilPolicy::Modern);
    QTest::newRow("threads, no GIL") << int(ExecutionModel::Threads) << int(GilPolicy::Off);
}

// Twice as many CPU-bound workers as cores: the OS gives each a turn, and each waits for a core
// about half of the time. The kernel's schedstat measures it; the timeline shows it.
void TestMeasurement::workersTakeTurnsOnTooFewCores()
{
    QFETCH(int, model);
    QFETCH(int, gil);
    if (!platform::hasSchedStat())
        QSKIP("this kernel keeps no per-thread scheduler statistics (schedstat)");
    const int n = cores();
    RunConfig config = cpuConfig(static_cast<ExecutionModel>(model), 2 * n, static_cast<GilPolicy>(gil));
    config.tasks = 256 * n; // about 1.5 s of work on n cores
    const RunResult result = runOk(config);
    QVERIFY(result.summary.schedulerStats);
    const double wall = result.summary.wallSeconds;
    int workers = 0;
    for (const WorkerResult &w : result.workers) {
        if (w.role != WorkerRole::Worker)
            continue;
        ++workers;
        qInfo("worker %d: on CPU %.3f s, waiting for a core %.3f s (%.0f %% of %.3f s), %llu turns; "
              "timeline shows %.3f s waiting",
            w.index, w.onCpuSeconds, w.cpuWaitSeconds, 100.0 * w.cpuWaitSeconds / wall, wall,
            static_cast<unsigned long long>(w.timeslices), totalWaitingCpuSeconds(w));
        QVERIFY2(w.cpuWaitSeconds >= 0.25 * wall,
            qPrintable(QStringLiteral("worker %1 waited %2 s of %3 s").arg(w.index).arg(w.cpuWaitSeconds).arg(wall)));
        QVERIFY(w.timeslices > 0);
        // The lane shows the turns: a good part of it is "waiting for a core".
        QVERIFY2(totalWaitingCpuSeconds(w) >= 0.15 * wall,
            qPrintable(QStringLiteral("worker %1's lane waits %2 s of %3 s")
                           .arg(w.index)
                           .arg(totalWaitingCpuSeconds(w))
                           .arg(wall)));
    }
    QCOMPARE(workers, 2 * n);
    // At any moment at most `n` ran; summary.maxRunning comes from the Running intervals.
    QVERIFY2(result.summary.maxRunning <= n, qPrintable(QString::number(result.summary.maxRunning)));
    for (const Sample &sample : result.samples) // and so does every live reading
        QVERIFY2(sample.running <= n, qPrintable(QString::number(sample.running)));
    const RunResult::SchedulerShare share = result.schedulerShare();
    QVERIFY(share.meanTurnMs > 0.0);
    QVERIFY(QString::fromStdString(result.summaryText()).contains(QStringLiteral("OS scheduler")));
}

// As many CPU-bound processes as cores: each has a core of its own and hardly waits.
void TestMeasurement::workersThatFitWaitLittle()
{
    if (!platform::hasSchedStat())
        QSKIP("this kernel keeps no per-thread scheduler statistics (schedstat)");
    const int n = cores();
    RunConfig config = cpuConfig(ExecutionModel::Processes, n, GilPolicy::Modern);
    config.tasks = 256 * n;
    const RunResult result = runOk(config);
    if (result.summary.otherLoadCores >= 0.3)
        QSKIP(qPrintable(QStringLiteral("other programs kept %1 cores busy: not a quiet machine")
                             .arg(result.summary.otherLoadCores)));
    const double wall = result.summary.wallSeconds;
    for (const WorkerResult &w : result.workers) {
        if (w.role != WorkerRole::Worker)
            continue;
        qInfo("worker %d: waiting for a core %.3f s of %.3f s", w.index, w.cpuWaitSeconds, wall);
        QVERIFY2(w.cpuWaitSeconds <= 0.15 * wall,
            qPrintable(QStringLiteral("worker %1 waited %2 s of %3 s").arg(w.index).arg(w.cpuWaitSeconds).arg(wall)));
    }
}

// Worker processes publish what they are doing while they do it: their lanes fill during the run.
void TestMeasurement::processLanesAreLiveBeforeTheRunEnds()
{
    RunConfig config = cpuConfig(ExecutionModel::Processes, 2, GilPolicy::Modern);
    config.tasks = 400; // several seconds: stopped once seen
    Run run(config);
    QVERIFY(!run.start());
    // Wait for every worker to be underway, then for each lane to show what it does.
    const auto lanesLive = [&] {
        const std::vector<UnitStatus> units = run.units();
        if (units.size() < 2)
            return false;
        for (const UnitStatus &unit : units) {
            if (unit.role == WorkerRole::Worker && !unit.current && run.timeline(unit.index, 0).empty())
                return false;
        }
        return true;
    };
    QTRY_VERIFY_WITH_TIMEOUT(lanesLive() || run.isFinished(), 20000);
    QVERIFY2(!run.isFinished(), "the run ended before its lanes showed anything");
    // What they show is running bytecode, waiting for a core or waiting for the next task from the
    // engine (Idle), with the time it started.
    for (const UnitStatus &unit : run.units()) {
        if (unit.role != WorkerRole::Worker || !unit.current)
            continue;
        const WorkerState state = unit.current->state;
        QVERIFY2(state == WorkerState::Running || state == WorkerState::WaitingCpu || state == WorkerState::Idle,
            toString(state).data());
        QVERIFY(unit.current->startNs >= run.startNs());
        QVERIFY(unit.current->endNs >= unit.current->startNs);
    }
    run.requestStop();
    QVERIFY(run.waitFinished(30s));
}

QTEST_GUILESS_MAIN(TestMeasurement)
#include "tst_measurement.moc"
