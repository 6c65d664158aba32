#include "execution/run.h"
#include "platform/system.h"
#include "testsupport.h"

#include <QRandomGenerator>
#include <QTest>

#include <chrono>
#include <thread>

using namespace clab;
using namespace std::chrono_literals;

class TestStop : public QObject
{
    Q_OBJECT

private slots:
    void stopAtRandomMomentsLeavesNothing();
    void requestStopReturnsAtOnce();
    void destroyingARunningRunStopsIt();
};

void TestStop::stopAtRandomMomentsLeavesNothing()
{
    // Stop 50 runs of every kind at random moments, from before the first task to after the last:
    // afterwards this process has exactly the threads and descriptors it had before.
    const char *models[] = {"threads", "subinterpreters", "sequential", "processes", "coroutines"};
    const std::vector<std::string> workloads = test::allWorkloads();
    const char *policies[] = {"modern", "legacy", "off"};
    QRandomGenerator random(20261125);

    const int threadsBefore = platform::threadCount();
    const int fdsBefore = platform::openFdCount();
    QVERIFY(threadsBefore > 0 && fdsBefore > 0);

    for (int i = 0; i < 50; ++i) {
        RunConfig config;
        QVERIFY(!setField(config, "model", models[i % 5]));
        QVERIFY(!setField(config, "workload", workloads[random.bounded(static_cast<quint32>(workloads.size()))]));
        QVERIFY(!setField(config, "gil", policies[random.bounded(3)]));
        if (validate(config)) // deadlock on processes or subinterpreters: threads instead
            config.model = ExecutionModel::Threads;
        config.workers = config.model == ExecutionModel::Sequential ? 1 : 1 + random.bounded(8);
        config.cpuHogs = random.bounded(3);
        config.tasks = 200;
        config.ioMs = 5;
        config.fileKib = 16;
        config.nativeKib = 64;
        config.switchIntervalMs = random.bounded(2) ? 5 : 0.05;
        {
            Run run(config);
            QVERIFY(!run.start());
            std::this_thread::sleep_for(std::chrono::microseconds(random.bounded(60000)));
            run.requestStop();
            QVERIFY2(run.waitFinished(5s), "a stopped run finishes within 5 s");
            QVERIFY(run.result().summary.tasksCompleted <= 200);
        }
        // Exited threads leave /proc/self/task a moment after join(); allow that moment.
        QTRY_COMPARE_WITH_TIMEOUT(platform::threadCount(), threadsBefore, 2000);
        QCOMPARE(platform::openFdCount(), fdsBefore);
    }
}

void TestStop::requestStopReturnsAtOnce()
{
    RunConfig config;
    config.workers = 8;
    config.cpuHogs = 2;
    config.workload = WorkloadKind::IoSleep;
    config.ioMs = 10000; // a long blocking wait must still end at once
    config.tasks = 16;
    Run run(config);
    QVERIFY(!run.start());
    QTRY_VERIFY_WITH_TIMEOUT(run.units().size() == 10, 2000);
    run.requestStop();
    QVERIFY(run.waitFinished(30s));
    QVERIFY(run.result().summary.stopped);
    QVERIFY(run.result().succeeded()); // a stop is not a failure
    // The engine's own clock: the 10 s waits were cut short, not waited out.
    QVERIFY2(run.result().summary.wallSeconds < 5.0, qPrintable(QString::number(run.result().summary.wallSeconds)));
}

void TestStop::destroyingARunningRunStopsIt()
{
    const int threadsBefore = platform::threadCount();
    {
        RunConfig config;
        config.workers = 4;
        config.tasks = 100000;
        Run run(config);
        QVERIFY(!run.start());
    }
    QTRY_COMPARE_WITH_TIMEOUT(platform::threadCount(), threadsBefore, 2000);
}

QTEST_GUILESS_MAIN(TestStop)
#include "tst_stop.moc"
