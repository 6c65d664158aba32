#pragma once

#include "measurement/procstat.h"
#include "measurement/timeline.h"
#include "model/gil.h"

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace clab {

enum class WorkerRole
{
    Worker,
    Hog
};
std::string_view toString(WorkerRole role);

// Everything one execution unit reports while it runs. The unit itself writes the atomics and its
// timeline; the sampler and the GUI read them live; `latenciesMs` is the unit's own until it has
// been joined. One record per unit, allocated before the run starts and never moved.
struct WorkerRecord
{
    WorkerRecord(int unitIndex, WorkerRole unitRole, int unitInterpreter)
        : index(unitIndex)
        , role(unitRole)
        , interpreter(unitInterpreter)
    {}

    const int index;
    const WorkerRole role;
    const int interpreter; // which interpreter (and GIL) it belongs to

    std::atomic<int> pid{0};
    std::atomic<int> tid{0};
    std::atomic<std::uint64_t> tasks{0};
    std::atomic<std::int64_t> gilHoldNs{0};
    std::atomic<std::int64_t> gilWaitNs{0};
    std::atomic<std::uint64_t> gilTakes{0}; // every acquisition
    std::atomic<std::uint64_t> gilContendedTakes{0}; // acquisitions that had to wait
    std::atomic<std::uint64_t> gilHolds{0}; // completed holds
    GilCounters gil; // switches in, drop requests set, failed acquisitions
    std::atomic<int> lastCore{-1};
    std::atomic<double> cpuSeconds{0.0}; // final, from the thread's own CPU clock
    std::atomic<double> liveCpuSeconds{0.0}; // while running, from /proc/self/task/<tid>/schedstat
    // The kernel's scheduler statistics of the unit's thread (schedstat): time on a CPU, time
    // runnable but waiting for one, and turns on a CPU. Live from the sampler, final at the end.
    std::atomic<std::int64_t> onCpuNs{0};
    std::atomic<std::int64_t> cpuWaitNs{0};
    std::atomic<std::uint64_t> timeslices{0};
    void storeSchedStat(const SchedStat &stat)
    {
        onCpuNs.store(static_cast<std::int64_t>(stat.onCpuNs), std::memory_order_relaxed);
        cpuWaitNs.store(static_cast<std::int64_t>(stat.waitNs), std::memory_order_relaxed);
        timeslices.store(stat.timeslices, std::memory_order_relaxed);
    }
    std::atomic<bool> finished{false};
    // Worker processes only: spawn to ready, in ms (-1 until known), and how the process ended
    // ("exited with code 3", "killed by signal 9 (SIGKILL)"; empty while it runs or when it ended
    // normally). The executor's thread writes `exit`; read it after the run.
    std::atomic<double> spawnMs{-1.0};
    std::atomic<bool> failed{false};
    std::string exit;

    // The interval the unit is in now, not yet in `timeline` (that gets it when it ends), for
    // live views. One word, so that a reader never sees a state with another state's start.
    struct OpenInterval
    {
        WorkerState state = WorkerState::Idle;
        std::int64_t sinceNs = 0; // monotonic clock
        int core = -1;
    };
    void publishOpen(WorkerState state, std::int64_t sinceNs, int core)
    {
        // bit 63: open; bits 56..58: state; bits 48..55: core + 1 (0: unknown, capped); low 48
        // bits: start in µs (enough for 8.9 years of uptime).
        const auto coreBits = static_cast<std::uint64_t>(std::clamp(core + 1, 0, 255));
        const auto us = static_cast<std::uint64_t>(std::max<std::int64_t>(sinceNs, 0) / 1000) & kMicrosMask;
        m_open.store((1ull << 63) | (static_cast<std::uint64_t>(state) << 56) | (coreBits << 48) | us,
            std::memory_order_release);
    }
    void publishClosed() { m_open.store(0, std::memory_order_release); }
    std::optional<OpenInterval> openInterval() const
    {
        const std::uint64_t word = m_open.load(std::memory_order_acquire);
        if (!(word >> 63))
            return std::nullopt;
        return OpenInterval{static_cast<WorkerState>((word >> 56) & 0x7),
            static_cast<std::int64_t>(word & kMicrosMask) * 1000, static_cast<int>((word >> 48) & 0xff) - 1};
    }

    IntervalLog timeline;
    std::vector<double> latenciesMs;

private:
    static constexpr std::uint64_t kMicrosMask = (1ull << 48) - 1;
    std::atomic<std::uint64_t> m_open{0};
};

} // namespace clab
