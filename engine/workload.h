#pragma once

#include "interpreter.h"
#include "runcontext.h"
#include "threadstate.h"

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace clab {

// One step of pure computation: a dependent chain of multiply-xorshift rounds that the compiler
// cannot vectorise or skip, about a microsecond on a 2-3 GHz core. Between two steps a unit
// reaches a checkpoint, like CPython's eval breaker between bytecodes. Public so benchmarks run
// the very same kernel on plain std::threads.
inline std::uint64_t cpuStep(std::uint64_t x)
{
    constexpr int kRounds = 600;
    for (int i = 0; i < kRounds; ++i) {
        x ^= x >> 31;
        x *= 0x9E3779B97F4A7C15ULL;
        x ^= x >> 29;
    }
    return x;
}

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
    bool roundTrip();

    RunContext &m_context;
    Interpreter &m_interpreter;
    ThreadState &m_thread;
    const std::vector<unsigned char> &m_payload;
    const RunConfig &m_config;

    std::uint64_t m_state;
    std::vector<unsigned char> m_scratch;
    std::string m_filePath;
    int m_socket = -1; // io-socket: this unit's connection to the echo server
};

} // namespace clab
