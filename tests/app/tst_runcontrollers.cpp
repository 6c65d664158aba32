// The GUI's run owners on their failure paths: a baseline that fails, a run that fails, and a stop
// in each phase (baseline, run, second baseline), for the Lab's RunController; a step that fails
// and a cancel for the SweepController. Each waits for states, with generous time-outs.

#include "compare/sweepcontroller.h"
#include "lab/runcontroller.h"

#include <QSignalSpy>
#include <QTest>

using namespace clab;

namespace {

constexpr int kTimeoutMs = 120000;
const QString kNoTempDir
    = QStringLiteral("cannot create a private folder in /nonexistent/clab-test-tmpdir (from TMPDIR)");

// TMPDIR names a folder that does not exist while it lives: the io-file workload cannot make its
// private directory there (mkdtemp(3) fails), so its runs genuinely fail.
class BrokenTmpDir
{
public:
    BrokenTmpDir()
        : m_had(qEnvironmentVariableIsSet("TMPDIR"))
        , m_old(qgetenv("TMPDIR"))
    {
        qputenv("TMPDIR", "/nonexistent/clab-test-tmpdir");
    }
    ~BrokenTmpDir()
    {
        if (m_had)
            qputenv("TMPDIR", m_old);
        else
            qunsetenv("TMPDIR");
    }

private:
    bool m_had;
    QByteArray m_old;
};

RunConfig ioFileConfig()
{
    RunConfig config;
    config.model = ExecutionModel::Threads;
    config.workers = 2;
    config.workload = WorkloadKind::IoFile;
    config.tasks = 16;
    config.fileKib = 4;
    return config;
}

// Sequentially `tasks` x 10 ms; with `workers` threads about `workers` times less.
RunConfig sleepConfig(int workers, int tasks)
{
    RunConfig config;
    config.model = ExecutionModel::Threads;
    config.workers = workers;
    config.workload = WorkloadKind::IoSleep;
    config.ioMs = 10;
    config.tasks = tasks;
    return config;
}

} // namespace

class TestRunControllers : public QObject
{
    Q_OBJECT

private slots:
    void baselineThatFailsFailsTheExperiment();
    void runThatFailsEndsWithItsError();
    void stopDuringTheBaseline();
    void stopDuringTheRun();
    void stopDuringTheSecondBaseline();
    void destroyedWhileRunning();
    void sweepStepThatFailsEndsTheSweep();
    void sweepCancelledDuringAStep();
};

void TestRunControllers::baselineThatFailsFailsTheExperiment()
{
    const BrokenTmpDir broken;
    RunController controller;
    QSignalSpy failed(&controller, &RunController::runFailed);
    QSignalSpy finished(&controller, &RunController::runFinished);
    QVERIFY(!controller.start(ioFileConfig()));
    QCOMPARE(controller.phase(), RunController::Phase::Baseline);
    QTRY_VERIFY_WITH_TIMEOUT(!controller.isBusy(), kTimeoutMs);
    QCOMPARE(failed.count(), 1);
    const QString message = failed.front().front().toString();
    QVERIFY2(message.contains(QStringLiteral("the sequential baseline failed")) && message.contains(kNoTempDir),
        qPrintable(message));
    QCOMPARE(finished.count(), 0);
    QVERIFY(!controller.lastResult());
    // Nothing of it lingers: the controller starts again.
    QVERIFY(!controller.start(sleepConfig(2, 4)));
    QTRY_VERIFY_WITH_TIMEOUT(!controller.isBusy(), kTimeoutMs);
}

void TestRunControllers::runThatFailsEndsWithItsError()
{
    const BrokenTmpDir broken;
    RunController controller;
    controller.setBaselineEnabled(false);
    QSignalSpy failed(&controller, &RunController::runFailed);
    QSignalSpy finished(&controller, &RunController::runFinished);
    QVERIFY(!controller.start(ioFileConfig()));
    QCOMPARE(controller.phase(), RunController::Phase::Experiment);
    QTRY_VERIFY_WITH_TIMEOUT(!controller.isBusy(), kTimeoutMs);
    QCOMPARE(finished.count(), 1);
    QCOMPARE(failed.count(), 0);
    QVERIFY(controller.lastResult());
    const QString error = QString::fromStdString(controller.lastResult()->summary.error);
    QVERIFY2(error.contains(kNoTempDir), qPrintable(error));
    QVERIFY(!controller.lastExperiment()->speedup);
}

void TestRunControllers::stopDuringTheBaseline()
{
    RunController controller;
    QSignalSpy failed(&controller, &RunController::runFailed);
    QSignalSpy finished(&controller, &RunController::runFinished);
    QSignalSpy busy(&controller, &RunController::busyChanged);
    controller.setBaselineCapSeconds(3600);
    QVERIFY(!controller.start(sleepConfig(8, 2000))); // a 20 s baseline
    QCOMPARE(controller.phase(), RunController::Phase::Baseline);
    controller.stop();
    QVERIFY(controller.isStopping());
    QTRY_VERIFY_WITH_TIMEOUT(!controller.isBusy(), kTimeoutMs);
    // Stopped, not failed: the experiment never ran, and nothing was reported as its result.
    QCOMPARE(failed.count(), 0);
    QCOMPARE(finished.count(), 0);
    QVERIFY(!controller.lastResult());
    QCOMPARE(busy.count(), 2);
    QCOMPARE(busy.back().front().toBool(), false);
}

void TestRunControllers::stopDuringTheRun()
{
    RunController controller;
    QSignalSpy finished(&controller, &RunController::runFinished);
    QSignalSpy measured(&controller, &RunController::baselineMeasured);
    controller.setBaselineCapSeconds(0.2); // the baseline before is cut short ...
    QVERIFY(!controller.start(sleepConfig(2, 2000))); // ... the run would take 10 s
    QTRY_COMPARE_WITH_TIMEOUT(controller.phase(), RunController::Phase::Experiment, kTimeoutMs);
    QCOMPARE(measured.count(), 1);
    controller.stop();
    QTRY_VERIFY_WITH_TIMEOUT(!controller.isBusy(), kTimeoutMs);
    QCOMPARE(finished.count(), 1);
    QVERIFY(controller.lastResult());
    QVERIFY(controller.lastResult()->summary.stopped);
    QVERIFY(controller.lastResult()->summary.error.empty());
}

void TestRunControllers::stopDuringTheSecondBaseline()
{
    RunController controller;
    QSignalSpy finished(&controller, &RunController::runFinished);
    QSignalSpy rebaseline(&controller, &RunController::rebaselineStarted);
    controller.setBaselineCapSeconds(3600);
    controller.setLongRunSeconds(0); // every run gets a second baseline after it
    // Baselines of 2 s each; the run itself a tenth of that.
    QVERIFY(!controller.start(sleepConfig(16, 200)));
    QTRY_COMPARE_WITH_TIMEOUT(controller.phase(), RunController::Phase::Rebaseline, kTimeoutMs);
    QCOMPARE(rebaseline.count(), 1);
    controller.stop();
    QTRY_VERIFY_WITH_TIMEOUT(!controller.isBusy(), kTimeoutMs);
    // The run was whole: it is the result, whatever became of the baseline after it.
    QCOMPARE(finished.count(), 1);
    QVERIFY(controller.lastResult());
    QVERIFY(!controller.lastResult()->summary.stopped);
    QCOMPARE(controller.lastResult()->summary.tasksCompleted, std::uint64_t(200));
    QVERIFY(controller.lastExperiment()->baselineBefore);
}

void TestRunControllers::destroyedWhileRunning()
{
    // Destroying a controller mid-run returns at once on this thread; its run stops and is
    // destroyed on a pool thread, which the application waits for when it ends.
    for (const RunController::Phase phase : {RunController::Phase::Baseline, RunController::Phase::Experiment}) {
        auto controller = std::make_unique<RunController>();
        controller->setBaselineEnabled(phase == RunController::Phase::Baseline);
        controller->setBaselineCapSeconds(3600);
        QVERIFY(!controller->start(sleepConfig(2, 2000)));
        QCOMPARE(controller->phase(), phase);
        controller.reset();
    }
    auto sweep = std::make_unique<SweepController>();
    SweepRequest request;
    request.base = sleepConfig(1, 2000);
    request.models = {ExecutionModel::Threads};
    request.policies = {GilPolicy::Modern};
    request.maxWorkers = 2;
    QVERIFY(!sweep->start(request));
    sweep.reset();
}

void TestRunControllers::sweepStepThatFailsEndsTheSweep()
{
    const BrokenTmpDir broken;
    SweepController sweep;
    QSignalSpy ended(&sweep, &SweepController::sweepEnded);
    QSignalSpy stepFinished(&sweep, &SweepController::stepFinished);
    SweepRequest request;
    request.base = ioFileConfig();
    request.models = {ExecutionModel::Threads};
    request.policies = {GilPolicy::Modern};
    request.maxWorkers = 2;
    QVERIFY(!sweep.start(request));
    QTRY_VERIFY_WITH_TIMEOUT(!sweep.isBusy(), kTimeoutMs);
    QCOMPARE(ended.count(), 1);
    QCOMPARE(ended.front().at(0).value<SweepController::Outcome>(), SweepController::Outcome::Failed);
    const QString message = ended.front().at(1).toString();
    QVERIFY2(message.contains(kNoTempDir), qPrintable(message));
    QCOMPARE(stepFinished.count(), 0);
}

void TestRunControllers::sweepCancelledDuringAStep()
{
    SweepController sweep;
    QSignalSpy ended(&sweep, &SweepController::sweepEnded);
    SweepRequest request;
    request.base = sleepConfig(1, 2000); // a 20 s first step
    request.models = {ExecutionModel::Threads};
    request.policies = {GilPolicy::Modern};
    request.maxWorkers = 2;
    QVERIFY(!sweep.start(request));
    QVERIFY(sweep.currentStep());
    sweep.cancel();
    QVERIFY(sweep.isCancelling());
    QTRY_VERIFY_WITH_TIMEOUT(!sweep.isBusy(), kTimeoutMs);
    QCOMPARE(ended.count(), 1);
    QCOMPARE(ended.front().at(0).value<SweepController::Outcome>(), SweepController::Outcome::Cancelled);
}

QTEST_GUILESS_MAIN(TestRunControllers)
#include "tst_runcontrollers.moc"
