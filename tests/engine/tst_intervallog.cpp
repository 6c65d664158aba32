#include "measurement/timeline.h"

#include <QTest>

#include <atomic>
#include <thread>

using namespace clab;

class TestIntervalLog : public QObject
{
    Q_OBJECT

private slots:
    void appendAndSnapshotAcrossChunks();
    void snapshotFromOffset();
    void capacityDropsAndCounts();
    void budgetCapsEveryLaneTogether();
    void readerSeesOnlyPublishedIntervals();
};

void TestIntervalLog::appendAndSnapshotAcrossChunks()
{
    IntervalLog log;
    const std::size_t count = IntervalLog::kChunkSize * 2 + 17;
    for (std::size_t i = 0; i < count; ++i)
        log.append({std::int64_t(i), std::int64_t(i + 1), WorkerState::Running, 0});
    QCOMPARE(log.size(), count);
    const auto all = log.snapshot();
    QCOMPARE(all.size(), count);
    for (std::size_t i = 0; i < count; ++i)
        QCOMPARE(all[i].startNs, std::int64_t(i));
}

void TestIntervalLog::snapshotFromOffset()
{
    IntervalLog log;
    for (int i = 0; i < 5000; ++i)
        log.append({i, i + 1, WorkerState::Io, 1});
    const auto tail = log.snapshot(4090);
    QCOMPARE(tail.size(), std::size_t(910));
    QCOMPARE(tail.front().startNs, std::int64_t(4090));
    QCOMPARE(tail.back().startNs, std::int64_t(4999));
    QVERIFY(log.snapshot(5000).empty());
    QVERIFY(log.snapshot(999999).empty());
}

void TestIntervalLog::capacityDropsAndCounts()
{
    IntervalLog log(10);
    for (int i = 0; i < 25; ++i)
        log.append({i, i + 1, WorkerState::Idle, 0});
    QCOMPARE(log.size(), std::size_t(10));
    QCOMPARE(log.dropped(), std::uint64_t(15));
}

void TestIntervalLog::budgetCapsEveryLaneTogether()
{
    // A run's cap is on all its lanes together, not on each: 10 intervals in all, however shared.
    TimelineBudget budget(10);
    IntervalLog a;
    IntervalLog b;
    a.setBudget(&budget);
    b.setBudget(&budget);
    for (int i = 0; i < 8; ++i) {
        a.append({i, i + 1, WorkerState::Running, 0});
        b.append({i, i + 1, WorkerState::Io, 1});
    }
    QCOMPARE(a.size() + b.size(), std::size_t(10));
    QCOMPARE(a.dropped() + b.dropped(), std::uint64_t(6));
    QVERIFY(budget.reached());
    QCOMPARE(budget.refused(), std::uint64_t(6));
    QCOMPARE(budget.cap(), std::size_t(10));

    TimelineBudget roomy(100);
    IntervalLog c;
    c.setBudget(&roomy);
    c.append({0, 1, WorkerState::Running, 0});
    QVERIFY(!roomy.reached());
    QCOMPARE(roomy.refused(), std::uint64_t(0));
}

void TestIntervalLog::readerSeesOnlyPublishedIntervals()
{
    // One writer, one reader running at the same time: every interval the reader sees is whole and
    // in order (an interval's end is its start + 1 by construction).
    IntervalLog log;
    constexpr int kCount = 200000;
    std::atomic<bool> done{false};
    std::thread writer([&] {
        for (int i = 0; i < kCount; ++i)
            log.append({i, i + 1, WorkerState::Running, std::int16_t(i % 2)});
        done = true;
    });
    std::size_t seen = 0;
    bool ordered = true;
    while (!done.load() || seen < log.size()) {
        for (const Interval &interval : log.snapshot(seen)) {
            ordered = ordered && interval.startNs == std::int64_t(seen) && interval.endNs == interval.startNs + 1;
            ++seen;
        }
    }
    writer.join();
    QVERIFY(ordered);
    QCOMPARE(seen, std::size_t(kCount));
}

QTEST_GUILESS_MAIN(TestIntervalLog)
#include "tst_intervallog.moc"
