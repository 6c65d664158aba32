#pragma once

#include "model/gil.h"
#include "model/lockpair.h"
#include "model/pipelinequeue.h"
#include "model/runconfig.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <mutex>

namespace clab {

// One simulated Python interpreter: its GIL and the objects its threads share. Threads of the
// same interpreter share both; subinterpreters (PEP 684) each own one, and share nothing
// (PEP 734: objects are not shared between interpreters, only passed through queues).
struct Interpreter
{
    explicit Interpreter(const RunConfig &config)
        : gil(config.gil, std::chrono::nanoseconds(static_cast<std::int64_t>(config.switchIntervalMs * 1e6)))
        , pipeline(config.queueSize)
    {
        if (config.workload == WorkloadKind::Pipeline)
            pipeline.setProducers(std::min(pipelineProducers(config), config.workers));
    }

    Gil gil;

    // The object the `shared` workload updates, like a dict every thread writes to. With a GIL its
    // holder is the only thread running bytecode, so plain updates are safe; free-threaded
    // CPython guards such objects with per-object locks instead (PEP 703), and so does `lock`.
    std::array<std::uint64_t, 64> sharedSlots{};
    std::mutex sharedLock;

    // The counter the `race` workload increments, and race_mode=locked's mutex with its counts.
    // Reads and writes of the counter are atomic operations, so that a lost update is the model's
    // doing (a read and a write apart, another worker's write between them), never undefined
    // behaviour of the C++ program.
    std::atomic<std::uint64_t> raceCounter{0};
    std::mutex raceLock;
    std::atomic<std::uint64_t> raceLockAcquisitions{0};
    std::atomic<std::uint64_t> raceLockWaits{0}; // acquisitions that found it held and waited
    std::atomic<std::int64_t> raceLockWaitNs{0};

    // The deadlock workload's two locks and their wait-for graph.
    LockPair deadlockLocks;

    // The pipeline workload's bounded queue between its producers and consumers.
    PipelineQueue pipeline;
};

// Adds what an interpreter's shared objects hold to the sums of `Counts` (RunContext): called by
// an executor for each of its interpreters once every unit is joined.
template<typename Counts> void addSharedCounts(Counts &counts, const Interpreter &interpreter)
{
    for (const std::uint64_t count : interpreter.sharedSlots)
        counts.sharedUpdates += count;
    counts.raceFinal += interpreter.raceCounter.load();
    counts.raceLockAcquisitions += interpreter.raceLockAcquisitions.load();
    counts.raceLockWaits += interpreter.raceLockWaits.load();
    counts.raceLockWaitNs += interpreter.raceLockWaitNs.load();
    if (!counts.deadlock)
        counts.deadlock = interpreter.deadlockLocks.found();
    if (!counts.pipeline)
        counts.pipeline = interpreter.pipeline.counts();
}

} // namespace clab
