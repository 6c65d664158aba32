#pragma once

#include "measurement/workerrecord.h"
#include "model/lockpair.h"
#include "model/pipelinequeue.h"
#include "model/runconfig.h"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace clab {

class EchoServer;

// The state one run shares between its supervisor, its executor, its units and its sampler.
// Created by Run before anything starts; every member is safe to use from the threads named.
class RunContext
{
public:
    explicit RunContext(RunConfig config);

    const RunConfig &config() const { return m_config; }

    // Task dispenser: each task index is handed out exactly once (any unit thread).
    // Returns -1 when every task has been handed out or the run is stopping.
    int claimTask();
    // Hands a claimed task back, so another unit runs it: a worker process that died with it.
    void returnTask(int task);
    // Marks a task done and counts it (any unit thread).
    void completeTask(int task);
    std::uint64_t tasksDone() const { return m_tasksDone.load(std::memory_order_relaxed); }
    // How many times each task completed; every entry is 1 after a full run.
    std::vector<std::uint32_t> taskCompletions() const;

    // "Running bytecode" census: how many units execute bytecode at this moment, and the most
    // ever seen at once (1 whenever a GIL serialises them).
    void enterRunning();
    void leaveRunning();
    int running() const { return m_running.load(std::memory_order_relaxed); }
    int maxRunning() const { return m_maxRunning.load(std::memory_order_relaxed); }

    // Where a worker process's tasks come from and where their completions go: set by the worker
    // program before its units start, so that the engine's dispenser stays the only one.
    std::function<int()> taskSource;
    std::function<void(int)> taskSink;

    // For executors that learn of running units from afar (worker processes): sets the census
    // and raises the maximum to at least `count`.
    void setRunning(int count);
    void observeRunning(int count);

    // A unit that failed without failing the run (a worker process that crashed): the others go
    // on. Any thread; failures() returns every message so far, oldest first.
    void noteFailure(const std::string &message);
    std::vector<std::string> failures() const;

    // Stop: requestStop() from any thread; units poll stopRequested() at checkpoints.
    void requestStop();
    bool stopRequested() const { return m_stop.load(std::memory_order_relaxed); }
    // Ends the run with an error (any thread); the first error wins.
    void fail(const std::string &message);
    std::string error() const;

    // A real blocking wait of the calling thread that ends early when the run stops.
    // Returns false if it was cut short.
    bool sleepFor(std::chrono::nanoseconds duration);

    // The intervals the whole run's timelines may store (every unit's lane draws on it).
    TimelineBudget timelineBudget;
    // The units, allocated by the executor's prepare() before the sampler starts; fixed afterwards.
    std::vector<std::unique_ptr<WorkerRecord>> units;
    WorkerRecord &addUnit(WorkerRole role, int interpreter);

    // A private directory for io-file tasks (empty when the workload has no files).
    std::string tempDir;
    // The loopback port of the run's echo server for io-socket tasks (0 when there is none).
    int echoPort = 0;
    // The run's echo server, while it serves (its thread's CPU time is the run's); set by the
    // supervisor before the sampler starts.
    const EchoServer *echoServer = nullptr;
    // The run's start on the monotonic clock; timelines are relative to it when exported.
    // Set by the supervisor before any unit or the sampler starts.
    std::int64_t startNs = 0;
    // What the interpreters' shared objects hold at the end, summed by the executor once every unit
    // is joined (addSharedCounts): the shared workload's increments, the race workload's counters
    // and the use of its lock.
    std::uint64_t sharedUpdates = 0;
    std::uint64_t raceFinal = 0;
    std::uint64_t raceLockAcquisitions = 0;
    std::uint64_t raceLockWaits = 0;
    std::int64_t raceLockWaitNs = 0;
    std::optional<DeadlockFound> deadlock; // the deadlock workload's cycle, if one was found
    std::optional<PipelineCounts> pipeline; // the pipeline workload's queue (the first interpreter's)
    // What one unit cost to create, per unit: wall time in microseconds and heap in KiB. Set by
    // executors that measure it (coroutines) in prepare(); empty otherwise.
    std::optional<double> unitCreateUs;
    std::optional<double> unitMemoryKib;

private:
    const RunConfig m_config;
    std::atomic<int> m_nextTask{0};
    std::atomic<std::uint64_t> m_tasksDone{0};
    std::unique_ptr<std::atomic<std::uint32_t>[]> m_completions;
    std::atomic<int> m_running{0};
    std::atomic<int> m_maxRunning{0};

    mutable std::mutex m_errorMutex;
    std::string m_error;
    std::vector<std::string> m_failures;

    std::mutex m_returnedMutex;
    std::vector<int> m_returned;
    std::atomic<bool> m_hasReturned{false};

    std::atomic<bool> m_stop{false};
    std::mutex m_stopMutex;
    std::condition_variable m_stopCond;
};

} // namespace clab
