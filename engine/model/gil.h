#pragma once

#include "model/runconfig.h"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>

namespace clab {

// What the GIL counts for one thread; the thread's record owns it, the GIL bumps it.
struct GilCounters
{
    std::atomic<std::uint64_t> switchesIn{0}; // times this thread took over from another holder
    std::atomic<std::uint64_t> dropRequestsSet{0}; // drop requests this thread set as a waiter
    // Legacy policy: times this thread woke up waiting for the GIL and found it taken again.
    std::atomic<std::uint64_t> failedAcquisitions{0};
};

// A simulated CPython Global Interpreter Lock: a real lock that the threads of one interpreter
// must hold to run "bytecode". The waiting, signalling and hand-off follow CPython
// (Python/ceval_gil.c, 3.2 to 3.11; Include/internal/pycore_gil.h):
//
// Modern (3.2+). The GIL is a flag guarded by a mutex, with a condition variable signalled when it
// is dropped. A thread that wants it waits on the condition for one switch interval. Only if that
// wait timed out, the GIL is still held and no switch happened meanwhile does it set the drop
// request. The holder sees the request at its next checkpoint (the eval breaker), drops the GIL,
// and - FORCE_SWITCHING - waits until some other thread has actually taken it before it competes
// again. Which waiter wins is up to the OS scheduler: there is no queue.
//
// Legacy (<= 3.1). A plain lock (a mutex, a condition and a flag: what PyThread locks were on
// pthreads, Python/thread_pthread.h). The holder releases it every 100 checkpoints ("ticks", one
// per bytecode: `--_Py_Ticker < 0` in Python 2.7's Python/ceval.c), signalling the condition, and
// at once takes it back. On several cores the releasing thread nearly always wins, while the
// waiter, woken on another core, finds the lock taken again (a failed acquisition) and goes back
// to sleep: the "GIL battle" of Beazley's "Inside the Python GIL" (2009), where two CPU-bound
// threads on two cores ran about 1.8x slower than the same work done sequentially.
//
// Off (free-threaded, PEP 703). No lock: take() and drop() do nothing.
//
// Thread-safety: take(), drop() and dropRequested() are called by the interpreter's threads;
// interrupt() from any thread. Cost: an uncontended take/drop is a mutex lock/unlock;
// dropRequested() is one relaxed atomic load.
class Gil
{
public:
    enum class Take
    {
        Immediate, // the GIL was free
        AfterWait, // had to wait for it
        Stopped, // interrupt() was called while waiting; the GIL is not held
    };

    Gil(GilPolicy policy, std::chrono::nanoseconds switchInterval);

    GilPolicy policy() const { return m_policy; }

    // Blocks until the calling thread holds the GIL. `who` identifies the thread (any stable
    // address); `counters` are that thread's.
    Take take(const void *who, GilCounters &counters);
    // Releases the GIL held by `who`. `requested`: it drops because it saw a drop request (modern
    // policy); then it waits until another thread has taken the GIL, as FORCE_SWITCHING does, and
    // returns true.
    bool drop(const void *who, bool requested = false);

    // The eval breaker's question: should the holder drop the GIL at this checkpoint?
    bool dropRequested() const { return m_dropRequest.load(std::memory_order_relaxed); }

    // Wakes every waiter and makes current and future take() calls return Stopped.
    void interrupt();

    std::uint64_t switches() const { return m_switches.load(std::memory_order_relaxed); }
    std::uint64_t dropRequests() const { return m_dropRequests.load(std::memory_order_relaxed); }
    // Legacy policy: wake-ups of waiters that found the GIL taken again, all threads together.
    std::uint64_t failedAcquisitions() const { return m_failedAcquisitions.load(std::memory_order_relaxed); }

    // Checkpoints between releases of the legacy GIL (sys.setcheckinterval's default, 100).
    static constexpr int kLegacyTicks = 100;

private:
    Take takeModern(const void *who, GilCounters &counters);
    Take takeLegacy(const void *who, GilCounters &counters);
    void noteHolder(const void *who, GilCounters &counters); // under m_mutex

    const GilPolicy m_policy;
    const std::chrono::nanoseconds m_interval;

    std::mutex m_mutex;
    std::condition_variable m_cond; // signalled when the GIL is dropped
    bool m_locked = false;
    std::atomic<bool> m_interrupted{false}; // stored before the conditions are signalled
    std::uint64_t m_switchNumber = 0;

    // FORCE_SWITCHING: the last holder, guarded by m_switchMutex, and a condition signalled
    // whenever a thread takes the GIL.
    std::mutex m_switchMutex;
    std::condition_variable m_switchCond;
    const void *m_lastHolder = nullptr;

    std::atomic<bool> m_dropRequest{false};
    std::atomic<std::uint64_t> m_switches{0};
    std::atomic<std::uint64_t> m_dropRequests{0};
    std::atomic<std::uint64_t> m_failedAcquisitions{0};
};

} // namespace clab
