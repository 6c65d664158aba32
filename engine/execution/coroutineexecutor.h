#pragma once

#include "execution/executor.h"
#include "model/interpreter.h"

#include <memory>
#include <mutex>
#include <vector>

namespace clab {

// Coroutines: N C++20 coroutines on ONE OS thread, driven by standalone asio's event loop
// (io_context) the way asyncio drives its tasks. Every coroutine claims tasks like a thread unit,
// but only an await hands the loop to another coroutine: a timer (io-sleep, mixed) or, with
// yield_every, a yield to the loop (asyncio.sleep(0)). CPU work, zlib (native), file I/O
// (io-file) and, with blocking_io, the sleeps themselves run on the loop thread and stall every
// other coroutine meanwhile.
//
// The loop thread is one Python thread: it holds the GIL while it runs coroutine code and drops it
// only while idle, waiting for a timer, as asyncio's select() does. CPU hogs are real threads in
// the same interpreter; with them, the loop waits for the GIL like any thread (convoy effect).
// Each coroutine has its own WorkerRecord and timeline lane; all report the loop thread's pid and
// tid, and only the loop thread writes them.
//
// prepare() spawns every coroutine and measures what that costs per unit (time and heap);
// execute() runs the loop on a new thread; interrupt() may come from any thread at any moment.
// Cost per coroutine: about a microsecond to create and under a KiB of heap (summary.unit_cost).
class CoroutineExecutor final : public Executor
{
public:
    CoroutineExecutor();
    ~CoroutineExecutor() override;

    std::string prepare(RunContext &context) override;
    void execute(RunContext &context) override;
    void interrupt() override;

private:
    class Loop; // the io_context and the coroutines; asio stays inside the .cpp

    std::vector<std::unique_ptr<Interpreter>> m_interpreters; // exactly one
    std::vector<unsigned char> m_payload;
    std::mutex m_loopMutex; // guards m_loop against interrupt() while execute() destroys it
    std::unique_ptr<Loop> m_loop;
};

} // namespace clab
