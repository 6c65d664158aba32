#include "platform/system.h"
#include "results/experiment.h"
#include "results/sweep.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <cstdlib>
#include <string>

// The experiment and its baseline: which baseline a config has, when a measured one is reused, and
// the phases of a real experiment (small runs: behaviour is asserted, never a stopwatch time).

using namespace clab;

namespace {

constexpr std::int64_t kSecond = 1'000'000'000;

RunConfig smallCpu(ExecutionModel model = ExecutionModel::Threads, int workers = 2)
{
    RunConfig config;
    config.model = model;
    config.workers = workers;
    config.workload = WorkloadKind::Cpu;
    config.tasks = 12;
    config.cpuSteps = 300;
    return config;
}

BaselineMeasurement measured(std::int64_t atNs, double otherLoad = 0.0, double tps = 100.0)
{
    BaselineMeasurement m;
    m.throughputTps = tps;
    m.wallSeconds = 0.12;
    m.tasksCompleted = 12;
    m.tasksPlanned = 12;
    m.measuredAtNs = atNs;
    m.otherLoadCores = otherLoad;
    return m;
}

ExperimentResult experimentOk(const RunConfig &config, BaselineCache *cache, ExperimentOptions options = {})
{
    ExperimentOutcome outcome = runExperiment(config, cache, std::move(options));
    if (outcome.error)
        qFatal("invalid config: %s", outcome.error->toString().c_str());
    if (!outcome.result.succeeded())
        qFatal("experiment failed: %s", outcome.result.run.summary.error.c_str());
    return std::move(outcome.result);
}

// A short experiment never gets a baseline after it.
ExperimentOptions shortRuns()
{
    ExperimentOptions options;
    options.longRunSeconds = 1e9;
    return options;
}

} // namespace

class TestExperiment : public QObject
{
    Q_OBJECT

private slots:
    void baselineRuleIsOneWorkerSequentialWithoutHogs();
    void baselineKeyIsTheWorkloadOnly();
    void sweepPlansTheSameBaseline();
    void speedupIsRunOverBaselineThroughput();
    void cacheReusesAFreshBaseline();
    void cacheForgetsAfterSixtySeconds();
    void cacheForgetsWhenOtherLoadChanged();
    void cacheKeepsWorkloadsApart();

    void experimentMeasuresThenReusesItsBaseline();
    void experimentRemeasuresAnOldBaseline();
    void experimentRemeasuresWhenOtherLoadChanged();
    void experimentSpeedupAndEfficiency();
    void longRunGetsABaselineAfter();
    void sequentialIsItsOwnBaseline();
    void longBaselineIsCappedAndStillCompares();
    void withoutBaselineNothingIsMeasured();
    void stopDuringBaselineEndsWithoutTheRun();
    void failingBaselineFailsTheExperiment();
    void invalidConfigIsRefused();
    void jsonHasTheExperimentObject();
};

void TestExperiment::baselineRuleIsOneWorkerSequentialWithoutHogs()
{
    RunConfig config = smallCpu(ExecutionModel::Coroutines, 50);
    config.cpuHogs = 2;
    config.gil = GilPolicy::Legacy;
    config.yieldEvery = 10;
    config.blockingIo = true;
    const RunConfig baseline = sequentialBaselineOf(config);
    QVERIFY(baseline.model == ExecutionModel::Sequential);
    QCOMPARE(baseline.workers, 1);
    QCOMPARE(baseline.cpuHogs, 0);
    QCOMPARE(baseline.yieldEvery, 0);
    QCOMPARE(baseline.blockingIo, false);
    QVERIFY(baseline.gil == GilPolicy::Legacy);
    QCOMPARE(baseline.tasks, config.tasks);
    QCOMPARE(baseline.cpuSteps, config.cpuSteps);
    QVERIFY(!validate(baseline));
}

void TestExperiment::baselineKeyIsTheWorkloadOnly()
{
    RunConfig threads = smallCpu(ExecutionModel::Threads, 4);
    RunConfig processes = smallCpu(ExecutionModel::Processes, 2);
    processes.cpuHogs = 1;
    processes.sampleHz = 50;
    QCOMPARE(baselineKey(threads), baselineKey(processes));
    QCOMPARE(baselineKey(threads), baselineKey(sequentialBaselineOf(threads)));

    for (auto change : std::vector<void (*)(RunConfig &)>{[](RunConfig &c) { c.tasks = 13; },
             [](RunConfig &c) { c.cpuSteps = 301; }, [](RunConfig &c) { c.gil = GilPolicy::Off; },
             [](RunConfig &c) { c.workload = WorkloadKind::Native; }, [](RunConfig &c) { c.seed = 2; }}) {
        RunConfig other = threads;
        change(other);
        QVERIFY(baselineKey(other) != baselineKey(threads));
    }
}

void TestExperiment::sweepPlansTheSameBaseline()
{
    SweepRequest request;
    request.base = smallCpu();
    request.base.cpuHogs = 1;
    request.models = {ExecutionModel::Threads};
    request.policies = {GilPolicy::Modern};
    request.maxWorkers = 2;
    const SweepPlan plan = planSweep(request);
    QVERIFY(!plan.error);
    QVERIFY(plan.steps.front().baseline);
    const auto a = fields(plan.steps.front().config);
    const auto b = fields(sequentialBaselineOf(plan.steps.back().config));
    QCOMPARE(a.size(), b.size());
    for (std::size_t i = 0; i < a.size(); ++i)
        QCOMPARE(a[i].value, b[i].value);

    // The tally's speedup is the same rule.
    SweepTally tally;
    RunResult base;
    base.summary.tasksCompleted = 12;
    base.summary.throughputTps = 40.0;
    QCOMPARE(*tally.record(plan.steps.front(), base), 1.0);
    RunResult run = base;
    run.summary.throughputTps = 70.0;
    QCOMPARE(*tally.record(plan.steps.back(), run), *speedupOf(70.0, 40.0));
}

void TestExperiment::speedupIsRunOverBaselineThroughput()
{
    QCOMPARE(*speedupOf(300.0, 100.0), 3.0);
    QCOMPARE(*speedupOf(50.0, 100.0), 0.5);
    QVERIFY(!speedupOf(50.0, 0.0));
    QVERIFY(!speedupOf(0.0, 100.0));
    QCOMPARE(*efficiencyOf(3.0, 4), 0.75);
    QVERIFY(!efficiencyOf(3.0, 0));
}

void TestExperiment::cacheReusesAFreshBaseline()
{
    BaselineCache cache;
    const RunConfig config = smallCpu();
    const std::int64_t t0 = 1000 * kSecond;
    QVERIFY(!cache.freshFor(config, t0, 0.0));
    cache.store(config, measured(t0, 0.5, 123.0));
    const auto fresh = cache.freshFor(config, t0 + 10 * kSecond, 0.6);
    QVERIFY(fresh);
    QCOMPARE(fresh->throughputTps, 123.0);
    // Any model of the same workload shares it.
    QVERIFY(cache.freshFor(smallCpu(ExecutionModel::Processes, 3), t0 + kSecond, 0.5));
    QCOMPARE(*cache.lastOtherLoadCores(), 0.5);
}

void TestExperiment::cacheForgetsAfterSixtySeconds()
{
    BaselineCache cache;
    const RunConfig config = smallCpu();
    const std::int64_t t0 = 1000 * kSecond;
    cache.store(config, measured(t0));
    const auto maxAge = static_cast<std::int64_t>(kBaselineMaxAgeSeconds) * kSecond;
    QVERIFY(cache.freshFor(config, t0 + maxAge, 0.0));
    QVERIFY(!cache.freshFor(config, t0 + maxAge + kSecond, 0.0));
    QVERIFY(!cache.freshFor(config, t0 - kSecond, 0.0)); // a clock that went back is not trusted
    QVERIFY(cache.latestFor(config)); // still there to show, just not reused
}

void TestExperiment::cacheForgetsWhenOtherLoadChanged()
{
    BaselineCache cache;
    const RunConfig config = smallCpu();
    const std::int64_t t0 = 1000 * kSecond;
    cache.store(config, measured(t0, 1.0));
    QVERIFY(cache.freshFor(config, t0 + kSecond, 1.0 + kBaselineMaxOtherLoadChangeCores * 0.5));
    QVERIFY(cache.freshFor(config, t0 + kSecond, 1.0 - kBaselineMaxOtherLoadChangeCores * 0.5));
    QVERIFY(!cache.freshFor(config, t0 + kSecond, 1.0 + kBaselineMaxOtherLoadChangeCores + 0.05));
    QVERIFY(!cache.freshFor(config, t0 + kSecond, 1.0 - kBaselineMaxOtherLoadChangeCores - 0.05));
}

void TestExperiment::cacheKeepsWorkloadsApart()
{
    BaselineCache cache;
    const std::int64_t t0 = 1000 * kSecond;
    cache.store(smallCpu(), measured(t0));
    RunConfig other = smallCpu();
    other.workload = WorkloadKind::Native;
    QVERIFY(!cache.freshFor(other, t0 + kSecond, 0.0));
    other = smallCpu();
    other.tasks = 24;
    QVERIFY(!cache.freshFor(other, t0 + kSecond, 0.0));
    QCOMPARE(cache.size(), 1u);
}

void TestExperiment::experimentMeasuresThenReusesItsBaseline()
{
    BaselineCache cache;
    const ExperimentResult first = experimentOk(smallCpu(), &cache, shortRuns());
    QVERIFY(!first.baselineReused);
    QVERIFY(first.baselineBefore);
    QVERIFY(first.baseline);
    QCOMPARE(first.baseline->tasksCompleted, 12u);
    QVERIFY(first.baseline->measuredAtNs > 0);
    QCOMPARE(cache.size(), 1u);

    // Another model of the same workload right after, the machine's load unchanged (as measured
    // during the baseline; how a changed load is handled is the next tests' business): the cached
    // baseline is fresh.
    ExperimentOptions unchanged = shortRuns();
    unchanged.otherLoadCoresNow = first.baseline->otherLoadCores;
    const ExperimentResult second = experimentOk(smallCpu(ExecutionModel::Processes, 2), &cache, unchanged);
    QVERIFY(second.baselineReused);
    QCOMPARE(second.baseline->measuredAtNs, first.baseline->measuredAtNs);
    QVERIFY(second.baselineAgeSeconds >= 0.0);
    QVERIFY(second.speedup);
}

void TestExperiment::experimentRemeasuresAnOldBaseline()
{
    BaselineCache cache;
    std::int64_t offset = 0;
    ExperimentOptions options = shortRuns();
    options.clock = [&offset] { return platform::monotonicNs() + offset; };

    const ExperimentResult first = experimentOk(smallCpu(), &cache, options);
    QVERIFY(!first.baselineReused);
    offset = static_cast<std::int64_t>(kBaselineMaxAgeSeconds + 1) * kSecond; // a minute later
    options.otherLoadCoresNow = first.baseline->otherLoadCores; // same load: only its age decides
    const ExperimentResult second = experimentOk(smallCpu(), &cache, options);
    QVERIFY(!second.baselineReused);
    QVERIFY(second.baseline->measuredAtNs > first.baseline->measuredAtNs + offset - kSecond);
    // And the new one is fresh again, while the load stays what it was.
    options.otherLoadCoresNow = second.baseline->otherLoadCores;
    QVERIFY(experimentOk(smallCpu(), &cache, options).baselineReused);
}

void TestExperiment::experimentRemeasuresWhenOtherLoadChanged()
{
    BaselineCache cache;
    const ExperimentResult first = experimentOk(smallCpu(), &cache, shortRuns());
    ExperimentOptions options = shortRuns();
    options.otherLoadCoresNow = first.baseline->otherLoadCores + kBaselineMaxOtherLoadChangeCores + 0.3;
    const ExperimentResult busier = experimentOk(smallCpu(), &cache, options);
    QVERIFY(!busier.baselineReused);
    QVERIFY(busier.baseline->measuredAtNs > first.baseline->measuredAtNs);

    options.otherLoadCoresNow = busier.baseline->otherLoadCores; // unchanged since: reused
    QVERIFY(experimentOk(smallCpu(), &cache, options).baselineReused);
}

void TestExperiment::experimentSpeedupAndEfficiency()
{
    const ExperimentResult r = experimentOk(smallCpu(ExecutionModel::Threads, 3), nullptr, shortRuns());
    QVERIFY(r.baseline && r.speedup && r.efficiency);
    QVERIFY(!r.baselineAfter);
    QCOMPARE(r.baseline->runsAveraged, 1);
    QCOMPARE(*r.speedup, r.run.summary.throughputTps / r.baseline->throughputTps);
    QCOMPARE(*r.efficiency, *r.speedup / 3.0);
}

void TestExperiment::longRunGetsABaselineAfter()
{
    BaselineCache cache;
    ExperimentOptions options;
    options.longRunSeconds = 0.0; // every run is "long"
    const ExperimentResult r = experimentOk(smallCpu(), &cache, options);
    QVERIFY(r.baselineBefore && r.baselineAfter && r.baseline);
    QCOMPARE(r.baseline->runsAveraged, 2);
    QVERIFY(r.baselineAfter->measuredAtNs >= r.baselineBefore->measuredAtNs);
    QCOMPARE(r.baseline->throughputTps, (r.baselineBefore->throughputTps + r.baselineAfter->throughputTps) / 2.0);
    QCOMPARE(*r.speedup, r.run.summary.throughputTps / r.baseline->throughputTps);
    // The cache keeps the latest single measurement.
    QCOMPARE(cache.latestFor(smallCpu())->measuredAtNs, r.baselineAfter->measuredAtNs);
}

void TestExperiment::sequentialIsItsOwnBaseline()
{
    BaselineCache cache;
    const ExperimentResult r = experimentOk(smallCpu(ExecutionModel::Sequential, 1), &cache);
    QVERIFY(r.baseline);
    QVERIFY(r.baseline->isExperiment);
    QVERIFY(!r.baselineBefore && !r.baselineAfter);
    QCOMPARE(*r.speedup, 1.0);
    QCOMPARE(*r.efficiency, 1.0);
    QCOMPARE(r.baseline->throughputTps, r.run.summary.throughputTps);
    // It refreshed the cache: a threads run of the same workload reuses it.
    const ExperimentResult threads = experimentOk(smallCpu(), &cache, shortRuns());
    QVERIFY(threads.baselineReused);
    QVERIFY(threads.baseline->isExperiment);
}

void TestExperiment::longBaselineIsCappedAndStillCompares()
{
    RunConfig config;
    config.model = ExecutionModel::Threads;
    config.workers = 8;
    config.workload = WorkloadKind::IoSleep;
    config.ioMs = 5;
    config.tasks = 400; // 2 s alone, sequentially
    ExperimentOptions options = shortRuns();
    options.baselineCapSeconds = 0.05;
    const ExperimentResult r = experimentOk(config, nullptr, options);
    QVERIFY(r.baseline);
    QVERIFY(r.baseline->cappedEarly);
    QVERIFY(r.baseline->tasksCompleted > 0);
    QVERIFY(r.baseline->tasksCompleted < 400u);
    QCOMPARE(r.baseline->tasksPlanned, 400);
    QCOMPARE(r.run.summary.tasksCompleted, 400u); // the experiment itself is never capped
    QVERIFY(r.speedup);
}

void TestExperiment::withoutBaselineNothingIsMeasured()
{
    ExperimentOptions options = shortRuns();
    options.measureBaseline = false;
    const ExperimentResult r = experimentOk(smallCpu(), nullptr, options);
    QVERIFY(!r.baseline && !r.speedup && !r.efficiency);
    QCOMPARE(r.run.summary.tasksCompleted, 12u);

    // A fresh cached one is still used.
    BaselineCache cache;
    cache.store(smallCpu(), measured(platform::monotonicNs(), 0.0, 50.0));
    const ExperimentResult cached = experimentOk(smallCpu(), &cache, options);
    QVERIFY(cached.baselineReused);
    QCOMPARE(*cached.speedup, cached.run.summary.throughputTps / 50.0);
}

void TestExperiment::stopDuringBaselineEndsWithoutTheRun()
{
    RunConfig config = smallCpu();
    config.workload = WorkloadKind::IoSleep;
    config.ioMs = 50;
    config.tasks = 200; // 10 s sequentially: it is still measuring when stopped
    BaselineCache cache;
    Experiment experiment(config, &cache);
    QVERIFY(!experiment.start());
    QVERIFY(experiment.phase() == Experiment::Phase::BaselineBefore);
    QVERIFY(experiment.currentRun());
    QVERIFY(experiment.currentRun()->config().model == ExecutionModel::Sequential);
    experiment.requestStop();
    while (!experiment.isFinished())
        experiment.waitForProgress(std::chrono::milliseconds(50));
    const ExperimentResult &r = experiment.result();
    QVERIFY(!experiment.currentRun());
    QVERIFY(!r.experimentRan);
    QVERIFY(r.run.summary.stopped);
    QVERIFY(r.run.summary.error.empty());
    QCOMPARE(r.run.summary.tasksCompleted, 0u);
    QVERIFY(r.run.config.model == ExecutionModel::Threads);
    QVERIFY(!r.speedup);
    QCOMPARE(cache.size(), 0u); // a baseline cut short is not kept
}

void TestExperiment::failingBaselineFailsTheExperiment()
{
    const char *old = std::getenv("TMPDIR");
    const std::string saved = old ? old : "";
    qputenv("TMPDIR", "/nonexistent/clab-no-such-dir");
    RunConfig config = smallCpu();
    config.workload = WorkloadKind::IoFile;
    config.fileKib = 4;
    BaselineCache cache;
    const ExperimentOutcome outcome = runExperiment(config, &cache);
    if (old)
        qputenv("TMPDIR", QByteArray::fromStdString(saved));
    else
        qunsetenv("TMPDIR");

    QVERIFY(!outcome.error);
    const ExperimentResult &r = outcome.result;
    QVERIFY(!r.experimentRan);
    QVERIFY(!r.succeeded());
    QVERIFY2(r.run.summary.error.find("baseline") != std::string::npos, r.run.summary.error.c_str());
    QVERIFY2(r.run.summary.error.find("cannot create a private folder in /nonexistent/clab-no-such-dir (from TMPDIR)")
            != std::string::npos,
        r.run.summary.error.c_str());
    QVERIFY(!r.baseline && !r.speedup);
    QCOMPARE(cache.size(), 0u);
}

void TestExperiment::invalidConfigIsRefused()
{
    RunConfig config = smallCpu();
    config.workers = 0;
    const ExperimentOutcome outcome = runExperiment(config, nullptr);
    QVERIFY(outcome.error);
    QCOMPARE(outcome.error->field, std::string("workers"));

    Experiment experiment(smallCpu(), nullptr);
    QVERIFY(!experiment.start());
    QVERIFY(experiment.start()); // only once
    experiment.requestStop();
}

void TestExperiment::jsonHasTheExperimentObject()
{
    const ExperimentResult r = experimentOk(smallCpu(), nullptr, shortRuns());
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(QByteArray::fromStdString(r.toJson()), &error);
    QCOMPARE(error.error, QJsonParseError::NoError);
    const QJsonObject root = doc.object();
    QCOMPARE(root[QStringLiteral("summary")].toObject()[QStringLiteral("tasks_completed")].toInt(), 12);
    const QJsonObject e = root[QStringLiteral("experiment")].toObject();
    QCOMPARE(e[QStringLiteral("baseline_throughput_tps")].toDouble(), r.baseline->throughputTps);
    QCOMPARE(e[QStringLiteral("baseline_wall_s")].toDouble(), r.baseline->wallSeconds);
    QCOMPARE(e[QStringLiteral("speedup")].toDouble(), *r.speedup);
    QCOMPARE(e[QStringLiteral("efficiency")].toDouble(), *r.efficiency);
    QVERIFY(e[QStringLiteral("baseline_age_s")].toDouble() >= 0.0);
    QCOMPARE(e[QStringLiteral("baseline_reused")].toBool(), false);
}

QTEST_GUILESS_MAIN(TestExperiment)
#include "tst_experiment.moc"
