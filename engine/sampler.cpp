#include "sampler.h"

#include "platform/system.h"
#include "runcontext.h"

#include <algorithm>
#include <chrono>
#include <optional>
#include <unordered_map>
#include <utility>

namespace clab {

Sampler::Sampler(RunContext &context)
    : m_context(context)
    , m_ownPid(platform::processId())
{
}

Sampler::~Sampler()
{
    stop();
}

void Sampler::start()
{
    m_lastCpu = platform::readCpuTimes();
    m_lastNs = platform::monotonicNs();
    m_thread = std::thread(&Sampler::loop, this);
}

void Sampler::stop()
{
    if (!m_thread.joinable())
        return;
    {
        std::scoped_lock lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_all();
    m_thread.join();
    takeSample(true); // the final reading, so the last span is not lost
}

void Sampler::loop()
{
    const auto period = std::chrono::nanoseconds(
        static_cast<std::int64_t>(1e9 / m_context.config().sampleHz));
    auto next = std::chrono::steady_clock::now() + period;
    std::unique_lock lock(m_mutex);
    while (!m_wake.wait_until(lock, next, [&] { return m_stopping; })) {
        lock.unlock();
        takeSample();
        lock.lock();
        next += period;
        const auto now = std::chrono::steady_clock::now();
        if (next < now) // fell behind (a loaded machine): skip, do not burst
            next = now + period;
    }
}

void Sampler::takeSample(bool final)
{
    const std::int64_t nowNs = platform::monotonicNs();
    const double spanSeconds = static_cast<double>(nowNs - m_lastNs) / 1e9;
    if (spanSeconds <= 0.0)
        return;
    const double periodSeconds = 1.0 / m_context.config().sampleHz;
    const bool shortTail = final && spanSeconds < periodSeconds / 2 && m_earlierNs > 0;
    const std::int64_t baseNs = shortTail ? m_earlierNs : m_lastNs;
    const std::uint64_t baseTasks = shortTail ? m_earlierTasks : m_lastTasks;
    const std::vector<CpuTimes> &baseCpu = shortTail ? m_earlierCpu : m_lastCpu;

    Sample sample;
    sample.tSeconds = static_cast<double>(nowNs - m_context.startNs) / 1e9;
    sample.tasksDone = m_context.tasksDone();
    sample.throughputTps = static_cast<double>(sample.tasksDone - baseTasks) / (static_cast<double>(nowNs - baseNs) / 1e9);
    sample.running = m_context.running();

    std::vector<CpuTimes> cpu = platform::readCpuTimes();
    for (const CoreBusy &core : ProcStat::busyPercent(baseCpu, cpu)) {
        const auto id = static_cast<std::size_t>(core.id);
        if (sample.coreBusyPct.size() <= id)
            sample.coreBusyPct.resize(id + 1, -1.0);
        sample.coreBusyPct[id] = core.percent;
    }

    // Where each live unit last ran, straight from the kernel: one read per thread, however many
    // units share it (a coroutine loop runs thousands on one thread). The CPU time of a thread
    // shared by several units is not any one unit's; their executor apportions it instead.
    // Units of worker processes are threads of other pids: read them under /proc/<pid>/task.
    struct Thread
    {
        std::optional<TaskStat> stat;
        int units = 0;
        int pid = 0;
    };
    std::unordered_map<int, Thread> threads; // by tid, unique system-wide
    for (const auto &unit : m_context.units) {
        const int tid = unit->tid.load();
        if (tid != 0 && !unit->finished.load()) {
            Thread &thread = threads[tid];
            ++thread.units;
            thread.pid = unit->pid.load();
        }
    }
    for (auto &[tid, thread] : threads) {
        thread.stat = thread.pid == 0 || thread.pid == m_ownPid ? platform::readThreadStat(tid)
                                                                : platform::readTaskStat(thread.pid, tid);
    }
    for (const auto &unit : m_context.units) {
        const int tid = unit->tid.load();
        if (tid == 0 || unit->finished.load())
            continue;
        const auto found = threads.find(tid);
        if (found == threads.end() || !found->second.stat)
            continue;
        const TaskStat &stat = *found->second.stat;
        unit->lastCore.store(stat.processor, std::memory_order_relaxed);
        if (found->second.units == 1) {
            unit->liveCpuSeconds.store(
                static_cast<double>(stat.utimeTicks + stat.stimeTicks) / platform::ticksPerSecond(),
                std::memory_order_relaxed);
        }
    }

    m_earlierCpu = std::move(m_lastCpu);
    m_earlierNs = m_lastNs;
    m_earlierTasks = m_lastTasks;
    m_lastCpu = std::move(cpu);
    m_lastNs = nowNs;
    m_lastTasks = sample.tasksDone;
    m_history.push_back(sample);
    m_live.push(std::move(sample));
}

} // namespace clab
