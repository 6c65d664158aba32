#include "execution/run.h"
#include "results/sweep.h"

#include <QTest>

using namespace clab;

namespace {

SweepRequest request(std::vector<ExecutionModel> models, std::vector<GilPolicy> policies, int maxWorkers)
{
    SweepRequest r;
    r.base.workload = WorkloadKind::Cpu;
    r.base.tasks = 8;
    r.base.cpuSteps = 300;
    r.base.cpuHogs = 1;
    r.models = std::move(models);
    r.policies = std::move(policies);
    r.maxWorkers = maxWorkers;
    return r;
}

// A finished run's result as the engine reports it, for the tally's arithmetic.
RunResult finished(const RunConfig &config, double throughput, bool stopped = false)
{
    RunResult result;
    result.config = config;
    result.summary.tasksCompleted = stopped ? 3 : static_cast<std::uint64_t>(config.tasks);
    result.summary.stopped = stopped;
    result.summary.throughputTps = throughput;
    result.summary.wallSeconds = static_cast<double>(result.summary.tasksCompleted) / throughput;
    return result;
}

} // namespace

class TestSweep : public QObject
{
    Q_OBJECT

private slots:
    void plansBaselineThenEveryWorkerCount();
    void sequentialModelIsTheBaseline();
    void refusesBadRequests_data();
    void refusesBadRequests();
    void tallyMeasuresAgainstItsPolicysBaseline();
    void tallySkipsRunsThatDidNotFinish();
    void fitCountsProcessorsNotWorkers();
    void pythonLinesAreTheirOwn();
    void smallRealSweep();
};

void TestSweep::plansBaselineThenEveryWorkerCount()
{
    const SweepPlan plan = planSweep(
        request({ExecutionModel::Threads, ExecutionModel::Processes}, {GilPolicy::Modern, GilPolicy::Off}, 3));
    QVERIFY(!plan.error);
    QCOMPARE(plan.steps.size(), 2u * (1 + 2 * 3));
    for (std::size_t i = 0; i < plan.steps.size(); ++i) {
        const SweepStep &step = plan.steps[i];
        const bool first = i % 7 == 0;
        QCOMPARE(step.baseline, first);
        QVERIFY(step.config.gil == (i < 7 ? GilPolicy::Modern : GilPolicy::Off));
        QVERIFY(step.config.workload == WorkloadKind::Cpu);
        QCOMPARE(step.config.tasks, 8);
        if (first) {
            QVERIFY(step.config.model == ExecutionModel::Sequential);
            QCOMPARE(step.config.workers, 1);
            QCOMPARE(step.config.cpuHogs, 0); // the baseline is the workload alone
        } else {
            const int k = static_cast<int>(i % 7) - 1;
            QVERIFY(step.config.model == (k < 3 ? ExecutionModel::Threads : ExecutionModel::Processes));
            QCOMPARE(step.config.workers, k % 3 + 1);
            QCOMPARE(step.config.cpuHogs, 1);
        }
    }
}

void TestSweep::sequentialModelIsTheBaseline()
{
    const SweepPlan plan
        = planSweep(request({ExecutionModel::Sequential, ExecutionModel::Threads}, {GilPolicy::Modern}, 2));
    QVERIFY(!plan.error);
    QCOMPARE(plan.steps.size(), 3u);
    QVERIFY(plan.steps[0].baseline);
    QVERIFY(plan.steps[1].config.model == ExecutionModel::Threads);
}

void TestSweep::refusesBadRequests_data()
{
    QTest::addColumn<int>("maxWorkers");
    QTest::addColumn<bool>("noModels");
    QTest::addColumn<bool>("noPolicies");
    QTest::addColumn<int>("tasks");
    QTest::addColumn<QString>("message");
    QTest::newRow("max workers 0") << 0 << false << false << 8 << "max_workers: must be 1..64, got 0";
    QTest::newRow("max workers 65") << 65 << false << false << 8 << "max_workers: must be 1..64, got 65";
    QTest::newRow("max workers negative") << -3 << false << false << 8 << "max_workers: must be 1..64, got -3";
    QTest::newRow("no models") << 4 << true << false << 8 << "models: choose at least one execution model";
    QTest::newRow("no policies") << 4 << false << true << 8 << "gil: choose at least one GIL policy";
    QTest::newRow("bad workload setting") << 4 << false << false << 0 << "tasks: must be 1..1000000, got 0";
}

void TestSweep::refusesBadRequests()
{
    QFETCH(int, maxWorkers);
    QFETCH(bool, noModels);
    QFETCH(bool, noPolicies);
    QFETCH(int, tasks);
    QFETCH(QString, message);
    SweepRequest r = request({ExecutionModel::Threads}, {GilPolicy::Modern}, maxWorkers);
    if (noModels)
        r.models.clear();
    if (noPolicies)
        r.policies.clear();
    r.base.tasks = tasks;
    const SweepPlan plan = planSweep(r);
    QVERIFY(plan.error);
    QCOMPARE(QString::fromStdString(plan.error->toString()), message);
    QVERIFY(plan.steps.empty());
}

void TestSweep::tallyMeasuresAgainstItsPolicysBaseline()
{
    const SweepPlan plan = planSweep(request({ExecutionModel::Threads}, {GilPolicy::Modern, GilPolicy::Off}, 2));
    QCOMPARE(plan.steps.size(), 6u);
    SweepTally tally;
    // A run before its policy's baseline has nothing to be measured against.
    QVERIFY(!tally.record(plan.steps[1], finished(plan.steps[1].config, 10.0)));
    QCOMPARE(*tally.record(plan.steps[0], finished(plan.steps[0].config, 10.0)), 1.0);
    QCOMPARE(*tally.record(plan.steps[1], finished(plan.steps[1].config, 9.0)), 0.9);
    QCOMPARE(*tally.record(plan.steps[2], finished(plan.steps[2].config, 12.0)), 1.2);
    QCOMPARE(*tally.record(plan.steps[3], finished(plan.steps[3].config, 20.0)), 1.0);
    QCOMPARE(*tally.record(plan.steps[4], finished(plan.steps[4].config, 20.0)), 1.0);
    QCOMPARE(*tally.record(plan.steps[5], finished(plan.steps[5].config, 36.0)), 1.8);
    QCOMPARE(tally.baseline(GilPolicy::Modern)->throughputTps, 10.0);
    QCOMPARE(tally.baseline(GilPolicy::Off)->throughputTps, 20.0);
    QVERIFY(!tally.baseline(GilPolicy::Legacy));

    const std::vector<SweepSeries> series = tally.series();
    QCOMPARE(series.size(), 2u);
    QCOMPARE(tally.pointCount(), 4);
    for (const SweepSeries &s : series) {
        QVERIFY(s.model == ExecutionModel::Threads);
        QCOMPARE(s.points.size(), 2u);
        QVERIFY(s.fit);
        // At two workers: 1/S = s + (1 - s)/2 -> s = 2/S - 1.
        const double expected = s.gil == GilPolicy::Off ? 2.0 / 1.8 - 1.0 : 2.0 / 1.2 - 1.0;
        QVERIFY(std::abs(s.fit->serialFraction - expected) < 0.05);
    }
}

void TestSweep::tallySkipsRunsThatDidNotFinish()
{
    const SweepPlan plan = planSweep(request({ExecutionModel::Threads}, {GilPolicy::Modern}, 2));
    SweepTally tally;
    QVERIFY(!tally.record(plan.steps[0], finished(plan.steps[0].config, 10.0, true)));
    QVERIFY(!tally.baseline(GilPolicy::Modern));
    QVERIFY(tally.record(plan.steps[0], finished(plan.steps[0].config, 10.0)));
    RunResult failed = finished(plan.steps[1].config, 10.0);
    failed.summary.error = "worker died";
    QVERIFY(!tally.record(plan.steps[1], failed));
    QVERIFY(!tally.record(plan.steps[2], finished(plan.steps[2].config, 10.0, true)));
    QCOMPARE(tally.pointCount(), 0);
    QVERIFY(tally.series().empty());
}

// On two cores, four processes that run 1.9x faster than one are no sign of a serial part: beyond
// the cores the limit is the core count. Only points within the cores are fitted, and one worker
// count above one (two cores) does not determine a serial fraction; eight cores do.
void TestSweep::fitCountsProcessorsNotWorkers()
{
    const SweepPlan plan = planSweep(request({ExecutionModel::Processes}, {GilPolicy::Modern}, 4));
    QCOMPARE(plan.steps.size(), 5u);
    SweepTally tally;
    const double throughputs[] = {10.0, 10.0, 19.0, 19.0, 19.0};
    for (std::size_t i = 0; i < plan.steps.size(); ++i)
        QVERIFY(tally.record(plan.steps[i], finished(plan.steps[i].config, throughputs[i])));
    const std::vector<SweepSeries> uncapped = tally.series();
    const std::vector<SweepSeries> onTwoCores = tally.series(2);
    QCOMPARE(onTwoCores.size(), 1u);
    QCOMPARE(onTwoCores.front().processors, 2);
    QCOMPARE(onTwoCores.front().points.back().workers, 4.0); // plotted at its worker count
    QVERIFY(onTwoCores.front().fit && uncapped.front().fit);
    QCOMPARE(onTwoCores.front().fit->pointsUsed, 2); // one and two workers
    QVERIFY(!onTwoCores.front().fit->isDetermined());
    // Without the cap, the turns taken beyond two cores read as a large serial part.
    QVERIFY(uncapped.front().fit->serialFraction > 0.2);

    SweepTally eight;
    const SweepPlan wide = planSweep(request({ExecutionModel::Processes}, {GilPolicy::Modern}, 8));
    for (const SweepStep &step : wide.steps) {
        const int workers = step.baseline ? 1 : step.config.workers;
        QVERIFY(eight.record(step, finished(step.config, 10.0 * amdahlSpeedup(0.05, workers))));
    }
    const SweepSeries onEight = eight.series(8).front();
    QVERIFY(onEight.fit && onEight.fit->isDetermined());
    QVERIFY2(
        std::abs(onEight.fit->serialFraction - 0.05) < 1e-6, qPrintable(QString::number(onEight.fit->serialFraction)));
}

// A line run on a real interpreter is its own series, named by the interpreter, apart from the
// engine's lines (which keep their (model, GIL) keys and colours) and fitted the same way.
void TestSweep::pythonLinesAreTheirOwn()
{
    const SweepPlan plan = planSweep(request({ExecutionModel::Threads}, {GilPolicy::Modern}, 2));
    SweepTally tally;
    QVERIFY(tally.record(plan.steps[0], finished(plan.steps[0].config, 10.0)));
    QVERIFY(tally.record(plan.steps[1], finished(plan.steps[1].config, 10.0)));
    tally.recordPython("CPython 3.11.2", ExecutionModel::Threads, 1, 1.0);
    tally.recordPython("CPython 3.11.2", ExecutionModel::Threads, 4, 0.8);
    tally.recordPython("CPython 3.11.2", ExecutionModel::Threads, 2, 0.9);
    tally.recordPython("CPython 3.11.2", ExecutionModel::Processes, 2, 1.7);
    tally.recordPython("CPython 3.11.2", ExecutionModel::Threads, 2, 0.85); // measured again: replaces
    QCOMPARE(tally.series().size(), 1u);
    QCOMPARE(tally.pointCount(), 1); // the engine's points only
    const std::vector<SweepSeries> python = tally.pythonSeries(2);
    QCOMPARE(python.size(), 2u);
    QCOMPARE(python[0].interpreter, std::string("CPython 3.11.2"));
    QVERIFY(python[0].model == ExecutionModel::Threads);
    QCOMPARE(python[0].points.size(), 3u);
    QCOMPARE(python[0].points[1].workers, 2.0);
    QCOMPARE(python[0].points[1].speedup, 0.85);
    QCOMPARE(python[0].processors, 2);
    QVERIFY(python[1].model == ExecutionModel::Processes);
    QVERIFY(tally.series().front().interpreter.empty());
}

void TestSweep::smallRealSweep()
{
    // A whole sweep, run the way the CLI runs it: every step in turn, to the end.
    const SweepPlan plan = planSweep(request({ExecutionModel::Threads}, {GilPolicy::Off}, 2));
    QVERIFY(!plan.error);
    SweepTally tally;
    for (const SweepStep &step : plan.steps) {
        RunOutcome outcome = runToEnd(step.config);
        QVERIFY(!outcome.error);
        QVERIFY2(outcome.result.succeeded(), outcome.result.summary.error.c_str());
        const auto speedup = tally.record(step, outcome.result);
        QVERIFY(speedup);
        QVERIFY(*speedup > 0.0);
    }
    const std::vector<SweepSeries> series = tally.series();
    QCOMPARE(series.size(), 1u);
    QCOMPARE(series[0].points.size(), 2u);
    QVERIFY(series[0].fit);
    QVERIFY(series[0].fit->serialFraction >= 0.0 && series[0].fit->serialFraction <= 1.0);
}

QTEST_GUILESS_MAIN(TestSweep)
#include "tst_sweep.moc"
