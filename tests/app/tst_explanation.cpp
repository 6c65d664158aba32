#include "lab/explanation.h"

#include <QTest>

using namespace clab;

namespace {

RunResult resultOf(ExecutionModel model, int workers, WorkloadKind workload, GilPolicy gil, double tps, int maxRunning)
{
    RunResult r;
    r.config.model = model;
    r.config.workers = workers;
    r.config.workload = workload;
    r.config.gil = gil;
    r.config.tasks = 40;
    r.machine.logicalCpus = 2;
    r.summary.tasksCompleted = 40;
    r.summary.wallSeconds = 40.0 / tps;
    r.summary.throughputTps = tps;
    r.summary.maxRunning = maxRunning;
    r.summary.avgCoresBusy = 1.0;
    r.summary.gil.switches = 123;
    return r;
}

BaselineMeasurement baselineOf(double tps)
{
    BaselineMeasurement b;
    b.throughputTps = tps;
    b.tasksCompleted = 40;
    return b;
}

} // namespace

class TestExplanation : public QObject
{
    Q_OBJECT

private slots:
    void explainsFromTheMeasurement_data();
    void explainsFromTheMeasurement();
    void comparesThePrediction();
    void takingTurnsUsesTheScheduler();
    void otherLoadIsSaid();
    void legacyCountsFailedAcquisitions();
    void baselineSaysWhenItWasMeasured();
};

void TestExplanation::explainsFromTheMeasurement_data()
{
    QTest::addColumn<int>("model");
    QTest::addColumn<int>("workload");
    QTest::addColumn<int>("gil");
    QTest::addColumn<int>("hogs");
    QTest::addColumn<double>("tps");
    QTest::addColumn<int>("maxRunning");
    QTest::addColumn<double>("latencyMs");
    QTest::addColumn<QString>("expected");
    const int threads = int(ExecutionModel::Threads);
    QTest::newRow("GIL serialises") << threads << int(WorkloadKind::Cpu) << int(GilPolicy::Modern) << 0 << 95.0 << 1
                                    << 10.0 << QStringLiteral("the GIL serialised them");
    QTest::newRow("waits overlap") << threads << int(WorkloadKind::IoSleep) << int(GilPolicy::Modern) << 0 << 390.0 << 1
                                   << 10.0 << QStringLiteral("waiting with the GIL released");
    QTest::newRow("no GIL runs in parallel") << threads << int(WorkloadKind::Cpu) << int(GilPolicy::Off) << 0 << 190.0
                                             << 2 << 10.0 << QStringLiteral("ran bytecode at the same time");
    QTest::newRow("Amdahl ceiling") << threads << int(WorkloadKind::Mixed) << int(GilPolicy::Modern) << 0 << 390.0 << 1
                                    << 10.0 << QStringLiteral("Amdahl's law");
    QTest::newRow("convoy") << threads << int(WorkloadKind::IoSleep) << int(GilPolicy::Modern) << 1 << 20.0 << 1 << 6.0
                            << QStringLiteral("Convoy effect");
}

void TestExplanation::explainsFromTheMeasurement()
{
    QFETCH(int, model);
    QFETCH(int, workload);
    QFETCH(int, gil);
    QFETCH(int, hogs);
    QFETCH(double, tps);
    QFETCH(int, maxRunning);
    QFETCH(double, latencyMs);
    QFETCH(QString, expected);
    const int workers = hogs ? 1 : 4;
    RunResult r = resultOf(ExecutionModel(model), workers, WorkloadKind(workload), GilPolicy(gil), tps, maxRunning);
    r.config.cpuHogs = hogs;
    r.config.ioMs = 1.0;
    r.config.switchIntervalMs = 5.0;
    r.config.cpuFraction = 0.25;
    r.summary.latencyMsP50 = latencyMs;
    const QString text = explainRun(r, baselineOf(100.0));
    QVERIFY2(text.contains(expected), qPrintable(text));
    // Every number it quotes is the measured one.
    QVERIFY2(text.contains(QStringLiteral("%1").arg(tps / 100.0, 0, 'f', 2)) || hogs, qPrintable(text));
}

void TestExplanation::comparesThePrediction()
{
    const RunResult r = resultOf(ExecutionModel::Threads, 2, WorkloadKind::Cpu, GilPolicy::Modern, 100.0, 1);
    auto speed = [](SpeedDirection direction, double factor) {
        Prediction p;
        p.speed = SpeedPrediction{direction, factor};
        return p;
    };
    const QString right = comparePrediction(speed(SpeedDirection::Faster, 2.0), r, 1.9);
    QVERIFY2(right.contains(QStringLiteral("Well predicted")), qPrintable(right));
    const QString wrong = comparePrediction(speed(SpeedDirection::Faster, 2.0), r, 0.7);
    QVERIFY2(wrong.contains(QStringLiteral("Measured: slower (×1.43)"))
            && wrong.contains(QStringLiteral("Not what you expected")),
        qPrintable(wrong));
    // ×2 against a measured ×1.2 is wrong: it stayed about the same, the misconception the GIL
    // lesson exists to remove.
    const QString same = comparePrediction(speed(SpeedDirection::Faster, 2.0), r, 1.2);
    QVERIFY2(same.contains(QStringLiteral("it stayed about the same (×1.20)"))
            && same.contains(QStringLiteral("Not what you expected")),
        qPrintable(same));
    const QString size = comparePrediction(speed(SpeedDirection::Faster, 2.0), r, 3.5);
    QVERIFY2(size.contains(QStringLiteral("Right direction")), qPrintable(size));
    QVERIFY(comparePrediction(speed(SpeedDirection::Faster, 2.0), r, std::nullopt).isEmpty());

    // A preset's own answers: graded on the quantity they name, the student's answer beside it.
    Prediction batch;
    batch.answers = {{"about 400 ms", "wall_ms", 300.0, 600.0}, {"about 10 ms", "wall_ms", 5.0, 25.0},
        {"something in between", "wall_ms", 25.0, 300.0}};
    RunResult fast = r;
    fast.summary.wallSeconds = 0.012;
    batch.answer = 1;
    const QString rightAnswer = comparePrediction(batch, fast, std::nullopt);
    QVERIFY2(rightAnswer.contains(QStringLiteral("You predicted: “about 10 ms”"))
            && rightAnswer.contains(QStringLiteral("wall time 12.0 ms, that is “about 10 ms”"))
            && rightAnswer.contains(QStringLiteral("Well predicted")),
        qPrintable(rightAnswer));
    batch.answer = 0;
    const QString wrongAnswer = comparePrediction(batch, fast, std::nullopt);
    QVERIFY2(wrongAnswer.contains(QStringLiteral("Not what you expected")), qPrintable(wrongAnswer));
    fast.summary.wallSeconds = 2.0;
    const QString none = comparePrediction(batch, fast, std::nullopt);
    QVERIFY2(none.contains(QStringLiteral("none of the answers")), qPrintable(none));
}

// Four processes on two cores: the OS's turns, in numbers from the kernel's schedstat.
void TestExplanation::takingTurnsUsesTheScheduler()
{
    RunResult r = resultOf(ExecutionModel::Processes, 4, WorkloadKind::Cpu, GilPolicy::Modern, 190.0, 2);
    r.summary.avgCoresBusy = 2.0;
    r.summary.wallSeconds = 1.0;
    r.summary.schedulerStats = true;
    for (int i = 0; i < 4; ++i) {
        WorkerResult w;
        w.index = i;
        w.role = WorkerRole::Worker;
        w.onCpuSeconds = 0.5;
        w.cpuWaitSeconds = 0.5;
        w.timeslices = 125; // 4 ms turns
        r.workers.push_back(w);
    }
    const QString text = explainRun(r, baselineOf(95.0));
    QVERIFY2(text.contains(QStringLiteral("4 workers, 2 cores: at any moment at most 2 ran; the OS gave each a turn "
                                          "of about 4.0 ms")),
        qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("50% of their time waiting for a core")), qPrintable(text));

    // Without schedstat the turns are not measured: no number is given for them.
    r.summary.schedulerStats = false;
    QVERIFY(!explainRun(r, baselineOf(95.0)).contains(QStringLiteral("the OS gave each a turn")));
    // Workers that fit the cores are not said to take turns.
    RunResult fits = resultOf(ExecutionModel::Processes, 2, WorkloadKind::Cpu, GilPolicy::Modern, 190.0, 2);
    fits.summary.schedulerStats = true;
    QVERIFY(!explainRun(fits, baselineOf(95.0)).contains(QStringLiteral("turn")));
}

void TestExplanation::otherLoadIsSaid()
{
    RunResult r = resultOf(ExecutionModel::Threads, 4, WorkloadKind::Cpu, GilPolicy::Modern, 95.0, 1);
    r.summary.otherLoadCores = 0.85;
    const QString text = explainRun(r, baselineOf(100.0));
    QVERIFY2(text.contains(QStringLiteral("kept 0.85 cores busy")), qPrintable(text));
    r.summary.otherLoadCores = 0.1;
    QVERIFY(!explainRun(r, baselineOf(100.0)).contains(QStringLiteral("Other programs")));
}

void TestExplanation::legacyCountsFailedAcquisitions()
{
    RunResult r = resultOf(ExecutionModel::Threads, 2, WorkloadKind::Cpu, GilPolicy::Legacy, 60.0, 1);
    r.summary.gil.failedAcquisitions = 31337;
    const QString text = explainRun(r, baselineOf(100.0));
    QVERIFY2(text.contains(QStringLiteral("31337 times a woken thread found it taken again")), qPrintable(text));
}

void TestExplanation::baselineSaysWhenItWasMeasured()
{
    const std::int64_t runStart = 100'000'000'000;
    BaselineMeasurement b = baselineOf(120.0);
    b.measuredAtNs = runStart - 30'000'000; // 30 ms before: the poll before the run
    QVERIFY(describeBaseline(b, runStart).contains(QStringLiteral("measured just before this run")));
    b.measuredAtNs = runStart - 42'000'000'000; // reused, 42 s old
    QVERIFY2(describeBaseline(b, runStart).contains(QStringLiteral("measured 42 s before this run (reused")),
        qPrintable(describeBaseline(b, runStart)));
    b.runsAveraged = 2;
    QVERIFY(describeBaseline(b, runStart)
                .contains(QStringLiteral("mean of baselines measured just before and just after")));
    QCOMPARE(describeBaseline(std::nullopt, runStart), QStringLiteral("not measured"));
}

QTEST_MAIN(TestExplanation)
#include "tst_explanation.moc"
