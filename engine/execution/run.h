#pragma once

#include "measurement/sample.h"
#include "model/runconfig.h"
#include "results/runresult.h"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

namespace clab {

class Executor;
class RunContext;
class Sampler;

// Live view of one unit, for charts while the run goes on.
struct UnitStatus
{
    int index = 0;
    WorkerRole role = WorkerRole::Worker;
    int interpreter = 0;
    int pid = 0;
    int tid = 0;
    std::uint64_t tasks = 0;
    int lastCore = -1;
    double cpuSeconds = 0.0;
    double spawnMs = -1.0; // worker processes: spawn to ready, once known
    bool finished = false;
    bool failed = false; // a worker process that died during the run
    // What it is doing now, in an interval not yet in its timeline (which gets it when it ends):
    // endNs is when this status was read. Worker processes report theirs with their stats, every
    // 25 ms. Empty when the unit has not published one yet or its lane is closed.
    std::optional<Interval> current;
};

// One experiment: the engine's public entry point.
//
//   Run run(config);
//   if (auto error = run.start()) ...   // returns at once; the run goes on on engine threads
//   run.drainSamples();                 // any one consumer, e.g. a 33 ms GUI timer
//   run.requestStop();                  // any thread, returns at once
//   if (run.isFinished()) use(run.result());   // or keep it: run.takeResult()
//
// start() validates first: an invalid config is refused before any thread starts. Nothing a run's
// thread throws ends the program: the run ends failed, its error naming the thread ("the sampler
// thread failed: std::bad_alloc", "cannot start worker thread 3 of 8: Resource temporarily
// unavailable"), and every thread it started is joined. All joining
// and cleanup happen on the run's supervisor thread, never on the caller's. The destructor stops
// the run and waits for it: destroy a Run off the GUI thread, or only once isFinished().
class Run
{
public:
    explicit Run(RunConfig config);
    ~Run();
    Run(const Run &) = delete;
    Run &operator=(const Run &) = delete;

    const RunConfig &config() const { return m_config; }

    // Validates and starts. Returns the validation error, or nothing once the run is underway.
    std::optional<ConfigError> start();
    void requestStop();

    bool isFinished() const { return m_finished.load(std::memory_order_acquire); }
    // Blocks the caller until the run finished or the timeout passed. Not for a GUI thread.
    bool waitFinished(std::chrono::milliseconds timeout);

    // Samples taken since the last drain (sampler thread -> one consumer).
    std::vector<Sample> drainSamples();
    std::uint64_t tasksDone() const;
    double elapsedSeconds() const;
    // The units' live status: units [first, first + count) of unitCount(), so a view reads only
    // the lanes it draws (a 100,000-coroutine run is not 100,000 statuses per frame).
    std::vector<UnitStatus> units(std::size_t first = 0, std::size_t count = SIZE_MAX) const;
    // How many units the run has (workers and hogs), once it executes; 0 before.
    std::size_t unitCount() const;
    // Units that died while the run went on ("worker 2 (pid 812) killed by signal 9 ..."), live.
    std::vector<std::string> workerFailures() const;
    // A unit's timeline from interval `from` on (lock-free reads of the unit's own log).
    std::vector<Interval> timeline(int unit, std::size_t from = 0) const;
    std::int64_t startNs() const;

    // The result; only once isFinished().
    const RunResult &result() const { return m_result; }
    // Moves the result out, only once isFinished(): the owner keeps it by value and may then
    // destroy the Run anywhere (result() is empty afterwards).
    RunResult takeResult();

private:
    void supervise();
    // Prepares and runs the units; returns the wall time of the run. Throws what the engine's
    // code throws, with every thread it started joined.
    double execute();
    void markFinished();
    void buildResult(double wallSeconds);

    const RunConfig m_config;
    std::unique_ptr<RunContext> m_context;
    std::unique_ptr<Executor> m_executor;
    std::unique_ptr<Sampler> m_sampler;
    std::atomic<bool> m_executing{false};
    std::thread m_supervisor;

    double m_wallSeconds = 0.0; // written before m_finished
    std::atomic<bool> m_finished{false};
    std::mutex m_finishedMutex;
    std::condition_variable m_finishedCond;
    RunResult m_result;
};

// Runs a config to the end on the calling thread's behalf (CLI, tests, benchmarks).
// An invalid config comes back as the error; a failed run as a result whose summary.error is set.
struct RunOutcome
{
    std::optional<ConfigError> error;
    RunResult result;
};
RunOutcome runToEnd(const RunConfig &config);

} // namespace clab
