#pragma once

// The coroutine executor's event loop, shared by the files that write its coroutines:
// coroutineexecutor.cpp (the loop, a task, computation and the waits) and
// coroutinecoordination.cpp (the race, deadlock and pipeline workloads). Private to the executor.

#include "execution/coroutineexecutor.h"
#include "execution/runcontext.h"
#include "model/pipelinequeue.h"
#include "model/threadstate.h"

// Standalone asio (ASIO_STANDALONE), on a SYSTEM include path: engine/CMakeLists.txt.
#include <asio/awaitable.hpp>
#include <asio/io_context.hpp>
#include <asio/ip/tcp.hpp>

#include <cstdint>
#include <memory>
#include <vector>

namespace clab {

class Workload;

inline double msSince(std::int64_t startNs)
{
    return static_cast<double>(ThreadState::nowNs() - startNs) / 1e6;
}

// One coroutine's bookkeeping, owned by the loop and written only on the loop thread.
struct CoroutineUnit
{
    explicit CoroutineUnit(WorkerRecord &record)
        : lane(record, 0, -1)
    {}

    Lane lane;
    std::int64_t readyNs = 0; // when the timer it awaits expires: Io until then, Idle (ready) after
};

// The event loop and its coroutines. asio::awaitable is asio's own coroutine task type: each
// coroutine below is a real C++20 coroutine whose frame asio allocates, and co_await on a timer or
// a post suspends it until the io_context resumes it. asio's type is used rather than a task type
// of our own because its timers, cancellation and shutdown already work with it, and because it is
// what a reader of asio's C++20 examples will recognise.
//
// Threads: spawnAll() on one thread before the run, run() on the loop thread, stop() from any.
class CoroutineExecutor::Loop
{
public:
    Loop(RunContext &context, Interpreter &interpreter, const std::vector<unsigned char> &payload)
        : m_context(context)
        , m_config(context.config())
        , m_interpreter(interpreter)
        , m_payload(payload)
    {
        m_units.reserve(context.units.size());
        for (const auto &record : context.units) {
            if (record->role == WorkerRole::Worker)
                m_units.emplace_back(*record);
        }
    }

    // Creates every coroutine (each starts suspended) and records the cost per unit.
    void spawnAll();
    // The loop thread: runs until every coroutine is done or stop().
    void run();
    // Any thread: io_context::stop() is thread-safe; it makes run() return at its next step.
    void stop() { m_io.stop(); }

private:
    asio::awaitable<void> unitMain(CoroutineUnit &unit);
    asio::awaitable<bool> runTask(CoroutineUnit &unit);
    asio::awaitable<bool> compute(CoroutineUnit &unit, int steps, bool shared);
    asio::awaitable<bool> sleep(CoroutineUnit &unit, double ms);
    asio::awaitable<bool> roundTrip(CoroutineUnit &unit, std::size_t index);
    asio::awaitable<bool> race(CoroutineUnit &unit);
    asio::awaitable<bool> deadlockTask(CoroutineUnit &unit);
    asio::awaitable<bool> takeLock(CoroutineUnit &unit, int which, int worker);
    // The pipeline workload: a producer or a consumer, run to its end, and the awaited put and get
    // of its asyncio.Queue-like queue.
    asio::awaitable<void> pipelineMain(CoroutineUnit &unit);
    asio::awaitable<bool> putItem(CoroutineUnit &unit, int item);
    asio::awaitable<PipelineQueue::Got> getItem(CoroutineUnit &unit, int &item);
    // await asyncio.sleep(0): `unit` goes to the back of the ready queue, its lane in `state`.
    asio::awaitable<bool> yieldToLoop(CoroutineUnit &unit, WorkerState state);

    // The loop resumed `unit`: its lane becomes current and the loop thread holds the GIL again if
    // it had dropped it while idle. False when the run is stopping.
    bool resume(CoroutineUnit &unit);
    // `unit` is about to await: its lane goes to `state` (Io for a timer, Idle for a yield).
    void suspend(CoroutineUnit &unit, WorkerState state);
    void finish(CoroutineUnit &unit);

    RunContext &m_context;
    const RunConfig &m_config;
    Interpreter &m_interpreter;
    const std::vector<unsigned char> &m_payload;
    std::vector<CoroutineUnit> m_units; // never resized once spawned: the frames refer to them

    // The loop thread's Python thread state and workload, set only while run() runs.
    ThreadState *m_thread = nullptr;
    Workload *m_workload = nullptr;

    // Last, so it is destroyed first: it frees the frames of coroutines still suspended (a stopped
    // run) before anything they refer to, and closes its descriptors (epoll, eventfd, timerfd).
    // Concurrency hint 1: one thread runs it; stop() from others stays safe.
    asio::io_context m_io{1};
    // race_mode=locked: the loop's race lock, first come first served as an asyncio.Lock is. The
    // loop has one thread, so two numbers are the whole lock: each coroutine that wants it takes
    // the next ticket and waits, a turn of the loop at a time, until its ticket is served.
    std::uint64_t m_raceLockNextTicket = 0;
    std::uint64_t m_raceLockServing = 0;
    // io-socket: each coroutine's connection to the echo server, made on its first task. After
    // m_io, so they are closed before it goes.
    std::vector<std::unique_ptr<asio::ip::tcp::socket>> m_sockets;
};

} // namespace clab
