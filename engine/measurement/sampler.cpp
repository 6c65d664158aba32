#include "measurement/sampler.h"

#include "execution/echoserver.h"
#include "execution/runcontext.h"
#include "execution/threadentry.h"
#include "platform/system.h"

#include <algorithm>
#include <chrono>
#include <optional>
#include <unordered_map>
#include <utility>

namespace clab {

Sampler::Sampler(RunContext &context)
    : m_context(context)
    , m_ownPid(platform::processId())
{}

Sampler::~Sampler()
{
    stop();
}

void Sampler::start()
{
    m_lastCpu = platform::readCpuTimes();
    m_lastNs = platform::monotonicNs();
    m_lastOwnCpu = readUnits();
    m_startCpu = m_lastCpu;
    m_startNs = m_lastNs;
    m_startOwnCpu = m_lastOwnCpu;
    m_thread = startThread(
        "sampler thread", 0, 0, [this] { runThread(m_context, "sampler thread", 0, 0, [this] { loop(); }); });
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

    m_ownCpuSeconds = std::max(0.0, m_lastOwnCpu - m_startOwnCpu);
    const double wallSeconds = static_cast<double>(m_lastNs - m_startNs) / 1e9;
    if (wallSeconds > 0.0)
        m_otherLoadCores = std::max(0.0, ProcStat::busyCores(m_startCpu, m_lastCpu) - m_ownCpuSeconds / wallSeconds);
}

void Sampler::loop()
{
    const auto period = std::chrono::nanoseconds(static_cast<std::int64_t>(1e9 / m_context.config().sampleHz));
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
    sample.throughputTps
        = static_cast<double>(sample.tasksDone - baseTasks) / (static_cast<double>(nowNs - baseNs) / 1e9);
    std::vector<CpuTimes> cpu = platform::readCpuTimes();
    // The census counts units between taking their GIL and dropping it. With more of them than
    // cores, some of those are runnable but off a core: at one moment at most one unit per core
    // runs bytecode.
    sample.running = m_context.running();
    if (!cpu.empty())
        sample.running = std::min(sample.running, static_cast<int>(cpu.size()));

    for (const CoreBusy &core : ProcStat::busyPercent(baseCpu, cpu)) {
        const auto id = static_cast<std::size_t>(core.id);
        if (sample.coreBusyPct.size() <= id)
            sample.coreBusyPct.resize(id + 1, -1.0);
        sample.coreBusyPct[id] = core.percent;
    }
    const double ownCpu = readUnits();
    const double baseOwnCpu = shortTail ? m_earlierOwnCpu : m_lastOwnCpu;
    const double baseSpanSeconds = static_cast<double>(nowNs - baseNs) / 1e9;
    sample.coresBusy = std::max(0.0, ownCpu - baseOwnCpu) / baseSpanSeconds;
    sample.otherLoadCores = std::max(0.0, ProcStat::busyCores(baseCpu, cpu) - sample.coresBusy);

    m_earlierCpu = std::move(m_lastCpu);
    m_earlierNs = m_lastNs;
    m_earlierTasks = m_lastTasks;
    m_earlierOwnCpu = m_lastOwnCpu;
    m_lastOwnCpu = std::max(ownCpu, m_lastOwnCpu);
    m_lastCpu = std::move(cpu);
    m_lastNs = nowNs;
    m_lastTasks = sample.tasksDone;
    m_history.push_back(sample);
    m_live.push(std::move(sample));
}

double Sampler::readUnits()
{
    // Where each live unit last ran and how long it waited for a CPU, straight from the kernel:
    // one read per thread, however many units share it (a coroutine loop runs thousands on one
    // thread). Units of worker processes are threads of other pids: read under /proc/<pid>/task.
    struct Thread
    {
        std::optional<TaskStat> stat;
        std::optional<SchedStat> sched;
        int units = 0;
        int unfinished = 0;
        int pid = 0;
        double finishedCpu = 0.0; // its units' final CPU time, once all of them finished
        double lastKnownCpu = 0.0; // its units' live CPU time so far, if it cannot be read now
    };
    std::unordered_map<int, Thread> threads; // by tid, unique system-wide
    for (const auto &unit : m_context.units) {
        const int tid = unit->tid.load();
        if (tid == 0)
            continue;
        Thread &thread = threads[tid];
        ++thread.units;
        if (unit->finished.load()) {
            // A worker process ended before its last report came: what was read of it live.
            const double cpu = unit->pid.load() == m_ownPid
                ? unit->cpuSeconds.load()
                : std::max(unit->cpuSeconds.load(), unit->liveCpuSeconds.load());
            thread.finishedCpu += cpu;
            thread.lastKnownCpu += cpu;
        } else {
            ++thread.unfinished;
            thread.pid = unit->pid.load();
            thread.lastKnownCpu += unit->liveCpuSeconds.load();
        }
    }
    double ownCpu = 0.0;
    for (auto &[tid, thread] : threads) {
        if (thread.unfinished == 0) {
            ownCpu += thread.finishedCpu;
            continue;
        }
        const int pid = thread.pid == m_ownPid ? 0 : thread.pid;
        thread.stat = pid == 0 ? platform::readThreadStat(tid) : platform::readTaskStat(pid, tid);
        thread.sched = platform::readSchedStat(pid, tid);
        if (thread.sched)
            ownCpu += static_cast<double>(thread.sched->onCpuNs) / 1e9;
        else if (thread.stat)
            ownCpu
                += static_cast<double>(thread.stat->utimeTicks + thread.stat->stimeTicks) / platform::ticksPerSecond();
        else
            ownCpu += thread.lastKnownCpu; // it ended between our look at its units and the read
    }
    if (const EchoServer *server = m_context.echoServer; server && server->threadId() != 0) {
        if (const auto sched = platform::readSchedStat(0, server->threadId()))
            ownCpu += static_cast<double>(sched->onCpuNs) / 1e9;
        else
            ownCpu += server->cpuSeconds();
    }

    for (const auto &unit : m_context.units) {
        const int tid = unit->tid.load();
        if (tid == 0 || unit->finished.load())
            continue;
        const auto found = threads.find(tid);
        if (found == threads.end())
            continue;
        const Thread &thread = found->second;
        if (thread.stat)
            unit->lastCore.store(thread.stat->processor, std::memory_order_relaxed);
        if (thread.units != 1)
            continue; // the CPU time of a shared thread is not any one unit's
        if (thread.sched) {
            unit->liveCpuSeconds.store(static_cast<double>(thread.sched->onCpuNs) / 1e9, std::memory_order_relaxed);
            unit->storeSchedStat(*thread.sched);
        } else if (thread.stat) {
            unit->liveCpuSeconds.store(
                static_cast<double>(thread.stat->utimeTicks + thread.stat->stimeTicks) / platform::ticksPerSecond(),
                std::memory_order_relaxed);
        }
    }
    return ownCpu;
}

} // namespace clab
