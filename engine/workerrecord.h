#pragma once

#include "gil.h"
#include "timeline.h"

#include <atomic>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace clab {

enum class WorkerRole { Worker, Hog };
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
    {
    }

    const int index;
    const WorkerRole role;
    const int interpreter; // which interpreter (and GIL) it belongs to

    std::atomic<int> pid{0};
    std::atomic<int> tid{0};
    std::atomic<std::uint64_t> tasks{0};
    std::atomic<std::int64_t> gilHoldNs{0};
    std::atomic<std::int64_t> gilWaitNs{0};
    std::atomic<std::uint64_t> gilTakes{0};          // every acquisition
    std::atomic<std::uint64_t> gilContendedTakes{0}; // acquisitions that had to wait
    std::atomic<std::uint64_t> gilHolds{0};          // completed holds
    GilCounters gil;                                  // switches in, drop requests set
    std::atomic<int> lastCore{-1};
    std::atomic<double> cpuSeconds{0.0};     // final, from the thread's own CPU clock
    std::atomic<double> liveCpuSeconds{0.0}; // while running, from /proc/self/task/<tid>/stat
    std::atomic<bool> finished{false};
    // Worker processes only: spawn to ready, in ms (-1 until known), and how the process ended
    // ("exited with code 3", "killed by signal 9 (SIGKILL)"; empty while it runs or when it ended
    // normally). The executor's thread writes `exit`; read it after the run.
    std::atomic<double> spawnMs{-1.0};
    std::atomic<bool> failed{false};
    std::string exit;

    IntervalLog timeline;
    std::vector<double> latenciesMs;
};

} // namespace clab
