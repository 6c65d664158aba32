#include "model/gil.h"

#include <QTest>

#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

using namespace clab;
using namespace std::chrono_literals;

namespace {

// A minimal interpreter thread: take the GIL, "run bytecode" for `checkpoints` steps, answering
// drop requests like the eval breaker does, and count how many threads are inside at once.
struct Census
{
    std::atomic<int> inside{0};
    std::atomic<int> maxInside{0};

    void enter()
    {
        const int now = ++inside;
        int seen = maxInside.load();
        while (now > seen && !maxInside.compare_exchange_weak(seen, now)) {
        }
    }
    void leave() { --inside; }
};

void spin(int iterations)
{
    volatile std::uint64_t x = 1;
    for (int i = 0; i < iterations; ++i)
        x = x * 6364136223846793005ULL + 1;
}

void interpreterThread(Gil &gil, Census &census, int checkpoints, std::uint64_t &sharedCounter)
{
    GilCounters counters;
    int ticks = Gil::kLegacyTicks;
    if (gil.take(&counters, counters) == Gil::Take::Stopped)
        return;
    census.enter();
    for (int i = 0; i < checkpoints; ++i) {
        spin(50);
        ++sharedCounter; // safe only because the GIL serialises us
        const bool release = gil.policy() == GilPolicy::Modern ? gil.dropRequested()
                                                               : (gil.policy() == GilPolicy::Legacy && --ticks == 0);
        if (release) {
            ticks = Gil::kLegacyTicks;
            census.leave();
            gil.drop(&counters, gil.policy() == GilPolicy::Modern);
            if (gil.take(&counters, counters) == Gil::Take::Stopped)
                return;
            census.enter();
        }
    }
    census.leave();
    gil.drop(&counters);
}

} // namespace

class TestGil : public QObject
{
    Q_OBJECT

private slots:
    void mutualExclusion_data();
    void mutualExclusion();
    void offLetsThreadsRunTogether();
    void dropRequestOnlyAfterInterval();
    void forcedSwitchHandsOver();
    void legacyNeverRequestsDrops();
    void interruptWakesWaiters();
};

void TestGil::mutualExclusion_data()
{
    QTest::addColumn<int>("policy");
    QTest::addColumn<double>("intervalMs");
    QTest::newRow("modern 5 ms") << int(GilPolicy::Modern) << 5.0;
    QTest::newRow("modern 0.05 ms") << int(GilPolicy::Modern) << 0.05;
    QTest::newRow("modern 0.001 ms") << int(GilPolicy::Modern) << 0.001;
    QTest::newRow("legacy") << int(GilPolicy::Legacy) << 5.0;
}

void TestGil::mutualExclusion()
{
    QFETCH(int, policy);
    QFETCH(double, intervalMs);
    Gil gil(GilPolicy(policy), std::chrono::nanoseconds(std::int64_t(intervalMs * 1e6)));
    Census census;
    std::uint64_t counter = 0;
    constexpr int kThreads = 4;
    constexpr int kCheckpoints = 20000;
    std::vector<std::thread> threads;
    for (int i = 0; i < kThreads; ++i)
        threads.emplace_back(interpreterThread, std::ref(gil), std::ref(census), kCheckpoints, std::ref(counter));
    for (auto &t : threads)
        t.join();
    QCOMPARE(census.maxInside.load(), 1);
    QCOMPARE(counter, std::uint64_t(kThreads) * kCheckpoints); // no lost update
    QVERIFY(gil.switches() >= kThreads); // everybody got it at least once
}

void TestGil::offLetsThreadsRunTogether()
{
    if (std::thread::hardware_concurrency() < 2)
        QSKIP("needs 2 cores to see two threads inside at once");
    Gil gil(GilPolicy::Off, 5ms);
    Census census;
    std::atomic<bool> go{false};
    auto body = [&] {
        GilCounters counters;
        QCOMPARE(gil.take(&counters, counters), Gil::Take::Immediate);
        census.enter();
        const auto until = std::chrono::steady_clock::now() + 200ms;
        while (census.maxInside.load() < 2 && std::chrono::steady_clock::now() < until)
            spin(100);
        census.leave();
        gil.drop(&counters);
    };
    std::thread a(body), b(body);
    a.join();
    b.join();
    QCOMPARE(census.maxInside.load(), 2);
    QCOMPARE(gil.switches(), std::uint64_t(0));
}

void TestGil::dropRequestOnlyAfterInterval()
{
    // A holder that never reaches a checkpoint: the waiter must wait one whole interval
    // before it asks, and then the request is up.
    Gil gil(GilPolicy::Modern, 100ms);
    GilCounters holder;
    QCOMPARE(gil.take(&holder, holder), Gil::Take::Immediate);

    GilCounters waiter;
    std::thread thread([&] {
        QCOMPARE(gil.take(&waiter, waiter), Gil::Take::AfterWait);
        gil.drop(&waiter);
    });
    std::this_thread::sleep_for(30ms);
    QVERIFY(!gil.dropRequested()); // less than one interval
    QTRY_VERIFY_WITH_TIMEOUT(gil.dropRequested(), 2000);
    QCOMPARE(waiter.dropRequestsSet.load(), std::uint64_t(1));
    gil.drop(&holder, true); // it saw the request: forced switching returns once the waiter has it
    thread.join();
    QCOMPARE(gil.dropRequests(), std::uint64_t(1));
    QVERIFY(!gil.dropRequested()); // the new holder cleared it
}

void TestGil::forcedSwitchHandsOver()
{
    // With a pending drop request the holder may not take the GIL back before the waiter had it:
    // the order of takes must alternate holder, waiter, holder.
    Gil gil(GilPolicy::Modern, 1ms);
    GilCounters holder, waiter;
    std::vector<int> order;
    std::mutex orderMutex;
    auto note = [&](int who) {
        std::scoped_lock lock(orderMutex);
        order.push_back(who);
    };

    QCOMPARE(gil.take(&holder, holder), Gil::Take::Immediate);
    note(0);
    std::thread thread([&] {
        gil.take(&waiter, waiter);
        note(1);
        spin(1000);
        gil.drop(&waiter);
    });
    QTRY_VERIFY_WITH_TIMEOUT(gil.dropRequested(), 2000);
    QVERIFY(gil.drop(&holder, true)); // it saw the request, so it waited for the switch
    QVERIFY(gil.take(&holder, holder) != Gil::Take::Stopped);
    note(0);
    gil.drop(&holder);
    thread.join();
    QCOMPARE(order, (std::vector<int>{0, 1, 0}));
    QCOMPARE(holder.switchesIn.load(), std::uint64_t(2));
    QCOMPARE(waiter.switchesIn.load(), std::uint64_t(1));
}

void TestGil::legacyNeverRequestsDrops()
{
    Gil gil(GilPolicy::Legacy, 1ms);
    Census census;
    std::uint64_t counter = 0;
    std::thread a(interpreterThread, std::ref(gil), std::ref(census), 5000, std::ref(counter));
    std::thread b(interpreterThread, std::ref(gil), std::ref(census), 5000, std::ref(counter));
    a.join();
    b.join();
    QCOMPARE(gil.dropRequests(), std::uint64_t(0));
    QCOMPARE(counter, std::uint64_t(10000));
}

void TestGil::interruptWakesWaiters()
{
    for (GilPolicy policy : {GilPolicy::Modern, GilPolicy::Legacy}) {
        Gil gil(policy, 10ms);
        GilCounters holder;
        QCOMPARE(gil.take(&holder, holder), Gil::Take::Immediate);
        std::atomic<int> stopped{0};
        std::vector<std::thread> waiters;
        for (int i = 0; i < 3; ++i) {
            waiters.emplace_back([&] {
                GilCounters counters;
                if (gil.take(&counters, counters) == Gil::Take::Stopped)
                    ++stopped;
            });
        }
        if (policy == GilPolicy::Modern) // proof that a waiter is blocked in take(): it asked
            QTRY_VERIFY_WITH_TIMEOUT(gil.dropRequested(), 5000);
        const auto start = std::chrono::steady_clock::now();
        gil.interrupt();
        for (auto &t : waiters)
            t.join();
        QVERIFY(std::chrono::steady_clock::now() - start < 500ms);
        QCOMPARE(stopped.load(), 3);
        GilCounters late;
        QCOMPARE(gil.take(&late, late), Gil::Take::Stopped);
    }
}

QTEST_GUILESS_MAIN(TestGil)
#include "tst_gil.moc"
