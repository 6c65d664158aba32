#include "model/lockpair.h"
#include "testsupport.h"

#include <QTest>

#include <thread>

using namespace clab;

Q_DECLARE_METATYPE(clab::RunConfig)

namespace {

RunConfig deadlockConfig(ExecutionModel model, GilPolicy gil, LockOrder order, int workers = 2)
{
    RunConfig config;
    config.model = model;
    config.workers = workers;
    config.workload = WorkloadKind::Deadlock;
    config.gil = gil;
    config.lockOrder = order;
    config.tasks = 50;
    config.cpuSteps = 4000;
    return config;
}

} // namespace

// The deadlock workload: two locks taken in opposite orders deadlock, the engine finds the cycle
// in its wait-for graph within a second, says who held and waited for what, and ends the run with
// nothing left behind; taken in the same order they never deadlock.
class TestDeadlock : public QObject
{
    Q_OBJECT

private slots:
    void wantsSharedLocks();
    void graphFindsOnlyRealCycles();
    void oppositeOrderDeadlocks_data();
    void oppositeOrderDeadlocks();
    void sameOrderNeverDeadlocks_data();
    void sameOrderNeverDeadlocks();
    void stopsCleanlyWhileWaiting();
};

void TestDeadlock::wantsSharedLocks()
{
    for (const ExecutionModel model : {ExecutionModel::Processes, ExecutionModel::Subinterpreters}) {
        const std::optional<ConfigError> error
            = validate(deadlockConfig(model, GilPolicy::Modern, LockOrder::Opposite));
        QVERIFY(error);
        QCOMPARE(error->field, std::string("workload"));
        QVERIFY2(error->message.find("threads or coroutines") != std::string::npos, error->message.c_str());
    }
    QVERIFY(!validate(deadlockConfig(ExecutionModel::Threads, GilPolicy::Modern, LockOrder::Opposite)));
}

// The wait-for graph alone: a wait for a lock whose owner is running is no cycle; the wait that
// closes one is refused, and the other waiter is woken and refused too.
void TestDeadlock::graphFindsOnlyRealCycles()
{
    LockPair locks;
    QVERIFY(locks.tryAcquire(0, 0));
    QVERIFY(locks.tryAcquire(1, 1));
    QVERIFY(!locks.tryAcquire(0, 1));
    QVERIFY(locks.beginWait(1, 0)); // worker 0 waits for B, held by 1, which runs: no cycle
    QVERIFY(!locks.found());
    locks.endWait(0);
    bool zeroGotIt = true;
    std::thread zero([&] { zeroGotIt = locks.acquire(1, 0, {}); }); // blocks: B is held
    QTest::qWait(50);
    QVERIFY(!locks.acquire(0, 1, {})); // worker 1 waits for A, held by 0, waiting for B: a cycle
    zero.join();
    QVERIFY(!zeroGotIt);
    const std::optional<DeadlockFound> found = locks.found();
    QVERIFY(found);
    QCOMPARE(found->cycle.size(), std::size_t(2));
    QVERIFY(found->foundNs >= found->closedNs);
    for (const DeadlockLink &link : found->cycle)
        QCOMPARE(link.waitsFor, 1 - link.holds);

    // A lock released while someone waits goes to the waiter.
    LockPair free;
    QVERIFY(free.tryAcquire(0, 0));
    bool got = false;
    std::thread waiter([&] { got = free.acquire(0, 1, {}); });
    QTest::qWait(30);
    free.release(0);
    waiter.join();
    QVERIFY(got);
    QVERIFY(!free.found());
}

void TestDeadlock::oppositeOrderDeadlocks_data()
{
    QTest::addColumn<RunConfig>("config");
    for (const GilPolicy gil : {GilPolicy::Modern, GilPolicy::Legacy, GilPolicy::Off})
        QTest::newRow(toString(gil).data()) << deadlockConfig(ExecutionModel::Threads, gil, LockOrder::Opposite);
    QTest::newRow("4 threads") << deadlockConfig(ExecutionModel::Threads, GilPolicy::Off, LockOrder::Opposite, 4);
    QTest::newRow("coroutines") << deadlockConfig(ExecutionModel::Coroutines, GilPolicy::Modern, LockOrder::Opposite);
}

void TestDeadlock::oppositeOrderDeadlocks()
{
    QFETCH(RunConfig, config);
    const int threadsBefore = platform::threadCount();
    RunOutcome outcome = runToEnd(config);
    QVERIFY(!outcome.error);
    const RunResult &run = outcome.result;
    QVERIFY2(run.summary.error.empty(), run.summary.error.c_str()); // the experiment's result, not a failure
    QVERIFY(run.summary.deadlock);
    const DeadlockSummary &deadlock = *run.summary.deadlock;
    QVERIFY(deadlock.detected);
    QVERIFY2(deadlock.detectedAfterMs < 1000.0, "found within a second");
    QVERIFY(run.summary.stopped);
    QVERIFY(run.summary.tasksCompleted < std::uint64_t(config.tasks));
    // The cycle: two workers, each holding the lock the other waits for.
    QCOMPARE(deadlock.cycle.size(), std::size_t(2));
    QVERIFY(deadlock.cycle[0].worker != deadlock.cycle[1].worker);
    QCOMPARE(deadlock.cycle[0].holds, deadlock.cycle[1].waitsFor);
    QCOMPARE(deadlock.cycle[1].holds, deadlock.cycle[0].waitsFor);
    // Both wait on their lanes until the end.
    for (const DeadlockLink &link : deadlock.cycle) {
        const WorkerResult &worker = run.workers[static_cast<std::size_t>(link.worker)];
        QVERIFY(!worker.timeline.empty());
        bool waited = false;
        for (const Interval &interval : worker.timeline)
            waited = waited || interval.state == WorkerState::WaitingLock;
        QVERIFY(waited);
    }
    const std::string json = run.toJson();
    for (const char *key :
        {"\"deadlock\"", "\"detected\": true", "\"detected_after_ms\"", "\"cycle\"", "\"waits_for\""})
        QVERIFY2(json.find(key) != std::string::npos, key);
    // Nothing left behind.
    QTRY_COMPARE(platform::threadCount(), threadsBefore);
}

void TestDeadlock::sameOrderNeverDeadlocks_data()
{
    QTest::addColumn<RunConfig>("config");
    for (const GilPolicy gil : {GilPolicy::Modern, GilPolicy::Off})
        QTest::newRow(toString(gil).data()) << deadlockConfig(ExecutionModel::Threads, gil, LockOrder::Same, 4);
    QTest::newRow("coroutines") << deadlockConfig(ExecutionModel::Coroutines, GilPolicy::Modern, LockOrder::Same, 4);
    QTest::newRow("one worker, opposite")
        << deadlockConfig(ExecutionModel::Sequential, GilPolicy::Modern, LockOrder::Opposite, 1);
}

void TestDeadlock::sameOrderNeverDeadlocks()
{
    QFETCH(RunConfig, config);
    const RunResult run = test::runOk(config);
    QVERIFY(run.summary.deadlock);
    QVERIFY(!run.summary.deadlock->detected);
    QVERIFY(run.summary.deadlock->cycle.empty());
    QVERIFY(!run.summary.stopped);
    QCOMPARE(run.summary.tasksCompleted, std::uint64_t(config.tasks));
}

void TestDeadlock::stopsCleanlyWhileWaiting()
{
    // Same order, many workers: most of them wait for lock A at any moment. A stop then.
    RunConfig config = deadlockConfig(ExecutionModel::Threads, GilPolicy::Off, LockOrder::Same, 8);
    config.tasks = 1'000'000;
    const int threadsBefore = platform::threadCount();
    Run run(config);
    QVERIFY(!run.start());
    QTest::qWait(150);
    run.requestStop();
    QVERIFY(run.waitFinished(std::chrono::seconds(30)));
    const RunResult result = run.takeResult();
    QVERIFY(result.summary.stopped);
    QVERIFY(result.summary.error.empty());
    QVERIFY(!result.summary.deadlock->detected);
    QTRY_COMPARE(platform::threadCount(), threadsBefore);
}

QTEST_GUILESS_MAIN(TestDeadlock)
#include "tst_deadlock.moc"
