#include "explanation.h"

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
    QTest::newRow("Amdahl ceiling") << threads << int(WorkloadKind::Mixed) << int(GilPolicy::Modern) << 0 << 390.0
                                    << 1 << 10.0 << QStringLiteral("Amdahl's law");
    QTest::newRow("convoy") << threads << int(WorkloadKind::IoSleep) << int(GilPolicy::Modern) << 1 << 20.0 << 1
                            << 6.0 << QStringLiteral("Convoy effect");
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
    const QString right = comparePrediction({Prediction::Direction::Faster, 2.0}, 1.9);
    QVERIFY2(right.contains(QStringLiteral("Well predicted")), qPrintable(right));
    const QString wrong = comparePrediction({Prediction::Direction::Faster, 2.0}, 0.8);
    QVERIFY2(wrong.contains(QStringLiteral("slower")) && wrong.contains(QStringLiteral("Not what you expected")),
             qPrintable(wrong));
}

QTEST_MAIN(TestExplanation)
#include "tst_explanation.moc"
