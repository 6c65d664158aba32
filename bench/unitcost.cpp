#include "unitcost.h"

#include "execution/run.h"
#include "formats/protocol.h"
#include "platform/system.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

namespace clab::bench {

namespace {

double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    return values.empty() ? 0.0 : values[values.size() / 2];
}

double usSince(std::int64_t startNs)
{
    return static_cast<double>(platform::monotonicNs() - startNs) / 1e3;
}

} // namespace

UnitCost threadCost()
{
    UnitCost cost;
    cost.unit = "thread (std::thread)";
    cost.samples = 2000;
    std::vector<double> create;
    std::vector<double> finish;
    for (int i = 0; i < cost.samples; ++i) {
        std::atomic<std::int64_t> ranAt{0};
        const std::int64_t start = platform::monotonicNs();
        std::thread thread([&] { ranAt.store(platform::monotonicNs()); });
        thread.join();
        finish.push_back(usSince(start));
        create.push_back(static_cast<double>(ranAt.load() - start) / 1e3);
    }
    cost.createUs = median(create);
    cost.finishUs = median(finish);

    // Memory: 200 live threads parked on a condition variable.
    constexpr int kLive = 200;
    std::mutex mutex;
    std::condition_variable release;
    bool done = false;
    std::atomic<int> parked{0};
    const double before = platform::proportionalSetKib();
    std::vector<std::thread> threads;
    for (int i = 0; i < kLive; ++i) {
        threads.emplace_back([&] {
            std::unique_lock lock(mutex);
            ++parked;
            release.wait(lock, [&] { return done; });
        });
    }
    while (parked.load() < kLive)
        std::this_thread::yield();
    const double after = platform::proportionalSetKib();
    {
        std::scoped_lock lock(mutex);
        done = true;
    }
    release.notify_all();
    for (std::thread &thread : threads)
        thread.join();
    cost.memoryKib = (after - before) / kLive;
    return cost;
}

UnitCost processCost(const std::string &workerProgram)
{
    UnitCost cost;
    cost.unit = "process (clab-worker)";
    cost.samples = 100;
    std::vector<double> ready;
    std::vector<double> finish;
    std::vector<double> memory;
    for (int i = 0; i < cost.samples; ++i) {
        std::array<int, 2> toChild{};
        std::array<int, 2> fromChild{};
        if (pipe2(toChild.data(), O_CLOEXEC) != 0 || pipe2(fromChild.data(), O_CLOEXEC) != 0)
            return cost;
        const std::int64_t start = platform::monotonicNs();
        const int pid = platform::spawnProcess(workerProgram, {}, {{3, toChild[0]}, {4, fromChild[1]}});
        close(toChild[0]);
        close(fromChild[1]);
        if (pid <= 0) {
            close(toChild[1]);
            close(fromChild[0]);
            return cost;
        }
        // Ready: its hello frame has arrived.
        wire::FrameDecoder decoder;
        std::array<unsigned char, 256> buffer{};
        bool hello = false;
        while (!hello) {
            const ssize_t n = read(fromChild[0], buffer.data(), buffer.size());
            if (n <= 0)
                break;
            decoder.feed(buffer.data(), static_cast<std::size_t>(n));
            while (auto frame = decoder.next())
                hello = hello || frame->type == wire::FrameType::Hello;
        }
        ready.push_back(usSince(start));
        if (i % 10 == 0)
            memory.push_back(platform::proportionalSetKib(pid));
        // Finish: no settings come (end of file), so it exits; reap it.
        close(toChild[1]);
        int status = 0;
        waitpid(pid, &status, 0);
        finish.push_back(usSince(start));
        close(fromChild[0]);
    }
    cost.createUs = median(ready);
    cost.finishUs = median(finish);
    cost.memoryKib = median(memory);
    return cost;
}

UnitCost coroutineCost()
{
    UnitCost cost;
    cost.unit = "coroutine (C++20, asio)";
    constexpr int kUnits = 10000;
    std::vector<double> create;
    std::vector<double> finish;
    std::vector<double> memory;
    for (int i = 0; i < 5; ++i) {
        RunConfig config;
        config.model = ExecutionModel::Coroutines;
        config.workers = kUnits;
        config.tasks = kUnits;
        config.workload = WorkloadKind::Cpu;
        config.cpuSteps = 1;
        config.gil = GilPolicy::Off;
        const RunOutcome outcome = runToEnd(config);
        if (outcome.error || !outcome.result.succeeded() || !outcome.result.summary.unitCreateUs)
            return cost;
        const RunSummary &s = outcome.result.summary;
        create.push_back(*s.unitCreateUs);
        finish.push_back(s.wallSeconds * 1e6 / kUnits + *s.unitCreateUs);
        memory.push_back(s.unitMemoryKib.value_or(0.0));
    }
    cost.samples = 5 * kUnits;
    cost.createUs = median(create);
    cost.finishUs = median(finish);
    cost.memoryKib = median(memory);
    return cost;
}

} // namespace clab::bench
