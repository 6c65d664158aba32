#include "model/pipelinequeue.h"
#include "speedtest.h"
#include "testsupport.h"

#include <QTest>

#include <algorithm>
#include <thread>

using namespace clab;

Q_DECLARE_METATYPE(clab::ExecutionModel)

namespace {

RunConfig pipelineConfig(ExecutionModel model, int queueSize, int workers = 2, int producers = 1)
{
    RunConfig config;
    config.model = model;
    config.workers = workers;
    config.workload = WorkloadKind::Pipeline;
    config.queueSize = queueSize;
    config.producers = producers;
    config.tasks = 200;
    config.cpuSteps = 200;
    return config;
}

bool laneShows(const RunResult &run, WorkerState state)
{
    for (const WorkerResult &worker : run.workers) {
        for (const Interval &interval : worker.timeline) {
            if (interval.state == state)
                return true;
        }
    }
    return false;
}

} // namespace

// The pipeline workload: producers put items on a bounded queue and consumers get them. Every item
// made is consumed once; a queue of one makes both sides wait; the queue never holds more than its
// size; a stop leaves nothing behind; and a longer queue does not lose throughput.
class TestPipeline : public QObject
{
    Q_OBJECT

private slots:
    void validatesItsSettings();
    void queueAloneKeepsItsBound();
    void everyItemIsConsumed_data();
    void everyItemIsConsumed();
    void queueOfOneBlocksBothSides_data();
    void queueOfOneBlocksBothSides();
    void coroutinesStayOnOneThread();
    void stopsCleanlyWhileWaiting_data();
    void stopsCleanlyWhileWaiting();
    void longerQueueIsNoSlower();
};

void TestPipeline::validatesItsSettings()
{
    QVERIFY(!validate(pipelineConfig(ExecutionModel::Threads, 4)));
    QVERIFY(!validate(pipelineConfig(ExecutionModel::Coroutines, 4, 4, 0))); // 0: half of them

    RunConfig config = pipelineConfig(ExecutionModel::Threads, 0);
    auto error = validate(config);
    QVERIFY(error);
    QCOMPARE(error->field, std::string("queue_size"));
    QVERIFY2(error->message.find("1..10000") != std::string::npos, error->message.c_str());
    config.queueSize = 10'001;
    error = validate(config);
    QVERIFY(error);
    QCOMPARE(error->field, std::string("queue_size"));

    // At least one worker must consume: producers 0..workers-1.
    config = pipelineConfig(ExecutionModel::Threads, 4, 3, 3);
    error = validate(config);
    QVERIFY(error);
    QCOMPARE(error->field, std::string("producers"));
    QVERIFY2(error->message.find("0..2") != std::string::npos, error->message.c_str());
    config.producers = -1;
    QVERIFY(validate(config));

    // One worker, the sequential baseline of every pipeline, produces and consumes itself.
    QVERIFY(!validate(sequentialBaselineOf(pipelineConfig(ExecutionModel::Threads, 4, 4, 2))));

    for (const ExecutionModel model : {ExecutionModel::Processes, ExecutionModel::Subinterpreters}) {
        error = validate(pipelineConfig(model, 4));
        QVERIFY(error);
        QCOMPARE(error->field, std::string("workload"));
        QVERIFY2(error->message.find(std::string(toString(model))) != std::string::npos, error->message.c_str());
    }

    // Parsed from the CLI's and presets' text.
    RunConfig parsed;
    QVERIFY(!setField(parsed, "workload", "pipeline"));
    QVERIFY(!setField(parsed, "queue_size", "16"));
    QVERIFY(!setField(parsed, "producers", "1"));
    QVERIFY(parsed.workload == WorkloadKind::Pipeline);
    QCOMPARE(parsed.queueSize, 16);
    QCOMPARE(parsed.producers, 1);
    QVERIFY(setField(parsed, "queue_size", "many"));
}

// The queue alone, from two threads: a put on a full queue waits until a get makes room, and the
// depth never passes the capacity.
void TestPipeline::queueAloneKeepsItsBound()
{
    PipelineQueue queue(2);
    queue.setProducers(1);
    QVERIFY(queue.tryPut(1));
    QVERIFY(queue.tryPut(2));
    QVERIFY(!queue.tryPut(3)); // full
    std::atomic<bool> put{false};
    std::thread producer([&] {
        put = queue.put(3, [] { return false; });
        queue.producerDone();
    });
    int item = -1;
    QCOMPARE(queue.get(item, [] { return false; }), PipelineQueue::Got::Item);
    QCOMPARE(item, 1);
    QTRY_VERIFY(put.load());
    producer.join();
    QCOMPARE(queue.tryGet(item), PipelineQueue::Got::Item);
    QCOMPARE(item, 2);
    QCOMPARE(queue.tryGet(item), PipelineQueue::Got::Item);
    QCOMPARE(item, 3);
    QCOMPARE(queue.tryGet(item), PipelineQueue::Got::Finished); // empty, and its producer is done
    QCOMPARE(queue.counts().maxDepth, 2);
    QCOMPARE(queue.counts().items, std::uint64_t(3));

    // A stop ends a wait on a full queue.
    PipelineQueue full(1);
    full.setProducers(1);
    QVERIFY(full.tryPut(1));
    QVERIFY(!full.put(2, [] { return true; }));
}

void TestPipeline::everyItemIsConsumed_data()
{
    QTest::addColumn<ExecutionModel>("model");
    QTest::addColumn<int>("workers");
    QTest::addColumn<int>("producers");
    QTest::addColumn<int>("queueSize");
    QTest::newRow("sequential, queue 1") << ExecutionModel::Sequential << 1 << 0 << 1;
    QTest::newRow("coroutines alone, queue 1") << ExecutionModel::Coroutines << 1 << 0 << 1;
    QTest::newRow("threads 1+1, queue 4") << ExecutionModel::Threads << 2 << 1 << 4;
    QTest::newRow("threads 1+3, queue 2") << ExecutionModel::Threads << 4 << 1 << 2;
    QTest::newRow("threads 3+1, queue 1") << ExecutionModel::Threads << 4 << 3 << 1;
    QTest::newRow("threads half, queue 16") << ExecutionModel::Threads << 5 << 0 << 16;
    QTest::newRow("coroutines 1+1, queue 4") << ExecutionModel::Coroutines << 2 << 1 << 4;
    QTest::newRow("coroutines 2+3, queue 1") << ExecutionModel::Coroutines << 5 << 2 << 1;
}

void TestPipeline::everyItemIsConsumed()
{
    QFETCH(ExecutionModel, model);
    QFETCH(int, workers);
    QFETCH(int, producers);
    QFETCH(int, queueSize);
    const RunConfig config = pipelineConfig(model, queueSize, workers, producers);
    const RunResult run = test::runOk(config);
    QVERIFY(!run.summary.stopped);
    QVERIFY(run.summary.pipeline);
    const PipelineSummary &p = *run.summary.pipeline;
    QCOMPARE(run.summary.tasksCompleted, std::uint64_t(config.tasks));
    QCOMPARE(p.items, std::uint64_t(config.tasks));
    QCOMPARE(p.queueSize, queueSize);
    QCOMPARE(p.producers, pipelineProducers(config));
    if (workers == 1) {
        // Alone, it makes and takes each item itself: nothing ever waits.
        QCOMPARE(p.producers, 1);
        QCOMPARE(p.consumers, 1);
        QCOMPARE(p.putWaits + p.getWaits, std::uint64_t(0));
        QVERIFY(!laneShows(run, WorkerState::WaitingQueue));
    } else {
        QCOMPARE(p.producers + p.consumers, workers);
    }
    QVERIFY2(p.maxDepth >= 1 && p.maxDepth <= queueSize, qPrintable(QString::number(p.maxDepth)));
    // Tasks are done by consumers only.
    for (const WorkerResult &worker : run.workers) {
        if (worker.role == WorkerRole::Worker && workers > 1 && worker.index < p.producers)
            QCOMPARE(worker.tasks, std::uint64_t(0));
    }
    // And the JSON says so.
    const std::string json = run.toJson();
    QVERIFY(json.find("\"pipeline\"") != std::string::npos);
    QVERIFY(json.find("\"put_waits\"") != std::string::npos);
    QVERIFY(json.find("\"max_depth\"") != std::string::npos);
}

// A queue of one between one producer and one consumer: the producer's next put finds the last
// item still there, and the consumer's next get finds nothing yet, so both wait, and the
// timeline shows it.
void TestPipeline::queueOfOneBlocksBothSides_data()
{
    QTest::addColumn<ExecutionModel>("model");
    QTest::newRow("threads") << ExecutionModel::Threads;
    QTest::newRow("coroutines") << ExecutionModel::Coroutines;
}

void TestPipeline::queueOfOneBlocksBothSides()
{
    QFETCH(ExecutionModel, model);
    const RunResult run = test::runOk(pipelineConfig(model, 1));
    const PipelineSummary &p = *run.summary.pipeline;
    QCOMPARE(p.items, std::uint64_t(200));
    QVERIFY2(p.putWaits > 0, "the producer never found the queue full");
    QVERIFY2(p.getWaits > 0, "the consumer never found the queue empty");
    QVERIFY(p.producerBlockedSeconds > 0.0);
    QVERIFY(p.consumerBlockedSeconds > 0.0);
    QCOMPARE(p.maxDepth, 1);
    QVERIFY(laneShows(run, WorkerState::WaitingQueue));
}

void TestPipeline::coroutinesStayOnOneThread()
{
    const RunResult run = test::runOk(pipelineConfig(ExecutionModel::Coroutines, 2, 6, 3));
    int loopTid = 0;
    for (const WorkerResult &worker : run.workers) {
        if (worker.role != WorkerRole::Worker)
            continue;
        if (loopTid == 0)
            loopTid = worker.tid;
        QCOMPARE(worker.tid, loopTid);
    }
    QVERIFY(loopTid != 0);
    QVERIFY(loopTid != platform::currentThreadId());
    QCOMPARE(run.summary.maxRunning, 1);
}

// Many producers on a queue of one: most of them wait on it at any moment. A stop then, once a
// worker is seen waiting on the queue, ends the run with no thread left.
void TestPipeline::stopsCleanlyWhileWaiting_data()
{
    QTest::addColumn<ExecutionModel>("model");
    QTest::newRow("threads") << ExecutionModel::Threads;
    QTest::newRow("coroutines") << ExecutionModel::Coroutines;
}

void TestPipeline::stopsCleanlyWhileWaiting()
{
    QFETCH(ExecutionModel, model);
    RunConfig config = pipelineConfig(model, 1, 8, 6);
    config.tasks = 1'000'000;
    config.cpuSteps = 2000;
    const int threadsBefore = platform::threadCount();
    Run run(config);
    QVERIFY(!run.start());
    const auto someoneWaits = [&run] {
        for (const UnitStatus &unit : run.units()) {
            if (unit.current && unit.current->state == WorkerState::WaitingQueue)
                return true;
        }
        return false;
    };
    QTRY_VERIFY_WITH_TIMEOUT(someoneWaits(), 20'000);
    run.requestStop();
    QVERIFY(run.waitFinished(std::chrono::seconds(30)));
    const RunResult result = run.takeResult();
    QVERIFY(result.summary.stopped);
    QVERIFY(result.summary.error.empty());
    QVERIFY(result.summary.tasksCompleted < std::uint64_t(config.tasks));
    QVERIFY(result.summary.pipeline->maxDepth <= 1);
    QTRY_COMPARE(platform::threadCount(), threadsBefore);
}

// With a queue of 16 the producer seldom waits for the consumer, nor the consumer for the producer,
// where a queue of one makes them take turns: throughput with 16 is at least that with 1 (median
// ratio of 3 pairs, with a margin for a shared machine).
void TestPipeline::longerQueueIsNoSlower()
{
    CLAB_SPEED_TEST();
    RunConfig one = pipelineConfig(ExecutionModel::Threads, 1);
    one.gil = GilPolicy::Off;
    one.tasks = 2000;
    RunConfig sixteen = one;
    sixteen.queueSize = 16;
    std::vector<double> ratios;
    double otherLoad = 0.0;
    for (int i = 0; i < 3; ++i) {
        const RunResult small = test::runOk(one);
        const RunResult large = test::runOk(sixteen);
        ratios.push_back(large.summary.throughputTps / small.summary.throughputTps);
        otherLoad = std::max({otherLoad, small.summary.otherLoadCores, large.summary.otherLoadCores});
    }
    std::sort(ratios.begin(), ratios.end());
    const double ratio = ratios[1];
    qInfo("throughput, queue 16 / queue 1: %.2f", ratio);
    if (ratio < 0.9 && otherLoad > kBusyMachineCores)
        QSKIP("other programs kept a core busy");
    QVERIFY2(ratio >= 0.9, qPrintable(QString::number(ratio)));
}

QTEST_GUILESS_MAIN(TestPipeline)
#include "tst_pipeline.moc"
