#pragma once

#include "execution/runcontext.h"
#include "model/interpreter.h"
#include "model/threadstate.h"

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace clab {

// `Rounds` dependent multiply-xorshift rounds that the compiler cannot vectorise or skip.
// Composable: n rounds then m rounds give exactly what n + m rounds give.
template<int Rounds> inline std::uint64_t cpuRounds(std::uint64_t x)
{
    for (int i = 0; i < Rounds; ++i) {
        x ^= x >> 31;
        x *= 0x9E3779B97F4A7C15ULL;
        x ^= x >> 29;
    }
    return x;
}

// Rounds in one step of pure computation.
inline constexpr int kCpuStepRounds = 600;

// One step of pure computation: about a microsecond on a 2-3 GHz core. Between two steps a unit
// reaches a checkpoint, like CPython's eval breaker between bytecodes. Public so benchmarks run
// the very same kernel on plain std::threads.
inline std::uint64_t cpuStep(std::uint64_t x)
{
    return cpuRounds<kCpuStepRounds>(x);
}

// Under the legacy GIL a step is cut into ticks, each followed by a checkpoint. Python 2 counted
// one tick per bytecode (Python/ceval.c, `--_Py_Ticker < 0`) and released the GIL every 100, so
// every few microseconds (a bytecode took roughly 0.05-0.1 us on 2009 hardware). One step is
// about 1.4 us here; 20 ticks of 30 rounds make a tick about 70 ns and a release about every 7 us.
// A task does the same rounds under every policy; only where the checkpoints fall differs. The
// modern GIL's eval breaker is reached per step, which CPython 3.2+ results are measured against.
inline constexpr int kLegacyTicksPerStep = 20;
inline constexpr int kLegacyTickRounds = kCpuStepRounds / kLegacyTicksPerStep;
static_assert(kLegacyTickRounds * kLegacyTicksPerStep == kCpuStepRounds,
    "a step must split into whole ticks, or legacy tasks would do different work");

// The race workload's add between reading and writing its counter: a few bytecodes' worth.
inline constexpr int kRaceAddRounds = 20;

// Read-only data the workloads compute on, made once per run: text-like bytes that zlib
// compresses about 3:1 (native) and the bytes io-file writes.
std::vector<unsigned char> makePayload(std::size_t bytes, std::uint64_t seed);
// The payload a run's workload reads: native_kib for native, file_kib for io-file, else empty.
std::vector<unsigned char> makePayload(const RunConfig &config);

// Runs the tasks of a run's workload on one execution unit. Owns the unit's scratch buffers.
// Used only by the unit's own thread. Latencies and task counts go to the thread state's current
// lane: a thread's own record, or the coroutine an event loop is running at that moment.
class Workload
{
public:
    Workload(RunContext &context, Interpreter &interpreter, ThreadState &thread, WorkerRecord &record,
        const std::vector<unsigned char> &payload);
    ~Workload();

    // Claims and runs tasks until none is left or the run stops.
    void runTasks();
    // A CPU hog: computes until `stop` is set or the run stops (the convoy-effect experiment).
    // `attached`, if given, is called once the hog holds the GIL (or the run stopped first).
    void runHog(const std::atomic<bool> &stop, const std::function<void()> &attached = {});

    // One piece of a task each, for executors that drive tasks themselves (an event loop that
    // interleaves them with awaits). Each returns false when the run stops or fails meanwhile.
    // `steps` steps of computation with a checkpoint after each:
    bool compute(int steps);
    // the same, updating the interpreter's shared object every step:
    bool computeShared(int steps);
    // `increments` read-modify-writes of the race counter, each with a step of computation in it:
    bool race(int increments);
    // one `counter = counter + f()`, f() a step; race_mode says where the read falls:
    bool raceIncrement();
    // A deadlock task: this worker's first lock, half the steps, its second lock, the other half.
    // False when the run stops or a deadlock was found (the run is then asked to stop).
    bool deadlockTask();
    // The pipeline workload on a thread: a producer (the first pipelineProducers() workers) claims
    // tasks, computes each item and puts it on the queue; a consumer gets items, computes each and
    // completes its task, until the producers are done and the queue is empty, or the run stops.
    void runPipeline();
    // Which of the deadlock workload's locks this worker takes first (0 = A, 1 = B).
    int firstLock() const;
    // Its parts, for an event loop that puts an await between them: the read; the add and the
    // write of what was read; and the lock of race_mode=locked, counted (acquired at once or not).
    std::uint64_t raceRead() const;
    void raceWrite(std::uint64_t read);
    void countRaceLock(bool waited, std::int64_t waitNs);
    // a blocking wait of `ms` with the GIL released (time.sleep), its latency recorded:
    bool blockingWait(double ms);
    // zlib of native_kib with the GIL released, its latency recorded:
    bool compress();
    // write, fsync and read back file_kib with the GIL released, its latency recorded:
    bool writeSyncRead();

    // Folded results of the computation, so none of it can be optimised away.
    std::uint64_t checksum() const { return m_state; }

private:
    bool runTask();
    // One step of computation. Under the legacy GIL it reaches a checkpoint after each of its
    // ticks but the last; the caller reaches the one after the step. False when the run stops.
    bool step();
    bool roundTrip();
    // race_mode=locked: takes the interpreter's race lock, waiting with the GIL released (as
    // threading.Lock.acquire does). False if the run stopped first (the lock is then not held).
    bool lockRace();
    // Takes one of the deadlock workload's locks, waiting with the GIL released. False when the
    // run stops or the wait closed a cycle (then the run is asked to stop).
    bool takeDeadlockLock(int which);
    // queue.Queue.put and .get on a thread: a full or empty queue is waited on with the GIL
    // released (WaitingQueue). False when the run stops first.
    bool putItem(int item);
    PipelineQueue::Got getItem(int &item);

    RunContext &m_context;
    Interpreter &m_interpreter;
    ThreadState &m_thread;
    const std::vector<unsigned char> &m_payload;
    const RunConfig &m_config;

    const bool m_ticks; // legacy GIL: checkpoints inside steps, one per tick
    std::uint64_t m_state;
    std::vector<unsigned char> m_scratch;
    std::string m_filePath;
    int m_socket = -1; // io-socket: this unit's connection to the echo server
    int m_index; // the unit's index among the run's workers
};

} // namespace clab
