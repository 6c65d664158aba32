#pragma once

#include "model/interpreter.h"

#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace clab {

class RunContext;

// The CPU hogs of a run: extra CPU-bound OS threads in the interpreters of this process that
// compete for the GIL for the whole run (the convoy-effect experiment). Shared by the executors
// whose units live in this process (threads, subinterpreters, coroutines).
// Used by the executor's thread only; costs one std::thread per hog.
class HogThreads
{
public:
    HogThreads() = default;
    ~HogThreads(); // stops and joins whatever still runs
    HogThreads(const HogThreads &) = delete;
    HogThreads &operator=(const HogThreads &) = delete;

    // Starts one thread for every hog unit in context.units, in the interpreter its record names.
    // Throws ThreadStartError if a thread cannot start ("cannot start hog thread 2 of 4: ...");
    // the ones started keep running until stopAndJoin(). `interpreters` and `payload` must
    // outlive the hogs.
    void start(RunContext &context, const std::vector<std::unique_ptr<Interpreter>> &interpreters,
        const std::vector<unsigned char> &payload);

    // Returns once a hog holds the GIL of every interpreter that has hogs (or the run stopped, or
    // a second passed). The measured units start after it, as in the convoy experiments of
    // Beazley (2010, "Understanding the Python GIL"), where the CPU-bound thread is already
    // running when the I/O begins; otherwise who first holds the GIL would be a race the OS decides.
    void waitUntilHolding(const RunContext &context);

    // The measured work is over: each hog stops at its next checkpoint, or at once if it waits for
    // a GIL (which this interrupts, so call it only once no other unit needs the GILs).
    void stopAndJoin();

private:
    std::atomic<bool> m_stop{false};
    const std::vector<std::unique_ptr<Interpreter>> *m_interpreters = nullptr;
    std::vector<std::thread> m_threads;

    std::mutex m_mutex;
    std::condition_variable m_holdingChanged;
    std::vector<bool> m_holding; // by interpreter: a hog has taken its GIL
    std::vector<bool> m_hasHogs; // by interpreter
};

} // namespace clab
