#include "execution/coroutineexecutor.h"
#include "execution/coroutineloop.h"

#include "execution/hogthreads.h"
#include "execution/runcontext.h"
#include "execution/threadentry.h"
#include "model/threadstate.h"
#include "model/workload.h"
#include "platform/system.h"

// Standalone asio (ASIO_STANDALONE), on a SYSTEM include path: engine/CMakeLists.txt.
#include <asio/co_spawn.hpp>
#include <asio/io_context.hpp>
#include <asio/ip/tcp.hpp>
#include <asio/post.hpp>
#include <asio/read.hpp>
#include <asio/redirect_error.hpp>
#include <asio/steady_timer.hpp>
#include <asio/use_awaitable.hpp>
#include <asio/write.hpp>

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <exception>
#include <limits>
#include <memory>
#include <system_error>
#include <thread>

namespace clab {

namespace {

// co_spawn's completion handler: an exception that escaped a coroutine fails the run.
struct CoroutineDone
{
    RunContext *context;

    void operator()(const std::exception_ptr &error) const
    {
        if (!error)
            return;
        try {
            std::rethrow_exception(error);
        } catch (const std::exception &e) {
            context->fail(std::string("coroutines: ") + e.what());
        } catch (...) {
            context->fail("coroutines: a coroutine failed");
        }
    }
};

} // namespace

void CoroutineExecutor::Loop::spawnAll()
{
    // The first spawn on a fresh thread also pays one-time costs of that thread (about 3 KiB and
    // 20 us here), so the cost per coroutine is the marginal cost, measured over the other N - 1.
    // With a single coroutine it is that one spawn, all in.
    auto spawn = [this](CoroutineUnit &unit) { asio::co_spawn(m_io, unitMain(unit), CoroutineDone{&m_context}); };
    const bool several = m_units.size() > 1;
    if (several)
        spawn(m_units.front());
    const std::size_t heapBefore = platform::heapBytesInUse();
    const std::int64_t startNs = ThreadState::nowNs();
    for (std::size_t i = several ? 1 : 0; i < m_units.size(); ++i)
        spawn(m_units[i]);
    const std::int64_t endNs = ThreadState::nowNs();
    const std::size_t heapAfter = platform::heapBytesInUse();

    const auto measured = static_cast<double>(several ? m_units.size() - 1 : m_units.size());
    m_context.unitCreateUs = static_cast<double>(endNs - startNs) / 1e3 / measured;
    m_context.unitMemoryKib
        = static_cast<double>(heapAfter > heapBefore ? heapAfter - heapBefore : 0) / 1024.0 / measured;
}

void CoroutineExecutor::Loop::run()
{
    const int pid = platform::processId();
    const int tid = platform::currentThreadId();
    const int core = platform::currentCore();
    const std::int64_t startNs = ThreadState::nowNs();
    for (CoroutineUnit &unit : m_units) {
        unit.lane.sinceNs = startNs;
        unit.lane.core = core;
        unit.lane.record->pid.store(pid);
        unit.lane.record->tid.store(tid);
        unit.lane.record->lastCore.store(core, std::memory_order_relaxed);
    }

    ThreadState thread(m_context, m_interpreter);
    Workload workload(m_context, m_interpreter, thread, *m_units.front().lane.record, m_payload);
    m_thread = &thread;
    m_workload = &workload;
    try {
        // Run every ready coroutine; when none is ready, the loop would block in epoll_wait until
        // a timer fires: drop the GIL first, like asyncio's select(). The coroutine resumed next
        // takes it back (resume()).
        while (!m_io.stopped()) {
            if (m_io.poll() > 0 || m_io.stopped())
                continue;
            thread.releaseGil();
            m_io.run_one();
        }
    } catch (const std::exception &error) {
        m_context.fail(std::string("coroutines: the event loop failed: ") + error.what());
    }
    thread.finish();

    // Coroutines still suspended when the run stopped end here, in the state they were in. The
    // loop thread's CPU time is shared out by the time each coroutine ran (Running or Native).
    const std::int64_t endNs = ThreadState::nowNs();
    std::int64_t busyNs = 0;
    for (CoroutineUnit &unit : m_units) {
        thread.closeLane(unit.lane, endNs);
        busyNs += unit.lane.busyNs;
    }
    const double cpuSeconds = platform::threadCpuSeconds();
    const SchedStat sched = platform::currentThreadSchedStat().value_or(SchedStat{});
    const int lastCore = platform::currentCore();
    for (CoroutineUnit &unit : m_units) {
        const double share = busyNs > 0 ? static_cast<double>(unit.lane.busyNs) / static_cast<double>(busyNs)
                                        : 1.0 / static_cast<double>(m_units.size());
        WorkerRecord &record = *unit.lane.record;
        record.cpuSeconds.store(cpuSeconds * share);
        // The scheduler sees one thread: its time on and off a CPU is shared out the same way.
        auto shareOf = [share](std::uint64_t value) {
            return static_cast<std::uint64_t>(std::llround(static_cast<double>(value) * share));
        };
        record.storeSchedStat({shareOf(sched.onCpuNs), shareOf(sched.waitNs), shareOf(sched.timeslices)});
        record.lastCore.store(lastCore, std::memory_order_relaxed);
        record.finished.store(true);
    }
    m_thread = nullptr;
    m_workload = nullptr;
}

bool CoroutineExecutor::Loop::resume(CoroutineUnit &unit)
{
    ThreadState &thread = *m_thread;
    thread.enterLane(unit.lane);
    const std::int64_t nowNs = ThreadState::nowNs();
    // Its timer expired a while ago: since then it was ready, waiting for the loop to resume it.
    if (unit.lane.state == WorkerState::Io && unit.readyNs < nowNs)
        thread.markLane(WorkerState::Idle, unit.readyNs);
    if (m_context.stopRequested())
        return false;
    if (!thread.holdsGil())
        return thread.attach(); // Running, after WaitingGil if another thread held it
    thread.markLane(WorkerState::Running, nowNs);
    return true;
}

void CoroutineExecutor::Loop::suspend(CoroutineUnit &unit, WorkerState state)
{
    m_thread->markLane(state, ThreadState::nowNs());
    // Live CPU time of a coroutine: the time it ran so far (the sampler cannot tell the
    // coroutines of one thread apart).
    unit.lane.record->liveCpuSeconds.store(static_cast<double>(unit.lane.busyNs) / 1e9, std::memory_order_relaxed);
}

void CoroutineExecutor::Loop::finish(CoroutineUnit &unit)
{
    m_thread->closeLane(unit.lane, ThreadState::nowNs());
    // Its time so far until the loop ends and shares out the thread's CPU time.
    WorkerRecord &record = *unit.lane.record;
    record.cpuSeconds.store(static_cast<double>(unit.lane.busyNs) / 1e9);
    record.finished.store(true);
}

// g++ 12 miscompiles a co_await inside a loop condition (the frame's parameters read as garbage
// on the first resumption), so every co_await in this file is a statement or an assignment.
asio::awaitable<void> CoroutineExecutor::Loop::unitMain(CoroutineUnit &unit)
{
    bool more = resume(unit);
    if (more && m_config.workload == WorkloadKind::Pipeline) {
        co_await pipelineMain(unit);
        more = false;
    }
    while (more)
        more = co_await runTask(unit);
    finish(unit);
}

// One task, as Workload::runTask runs it on a thread, except that waits are awaited.
asio::awaitable<bool> CoroutineExecutor::Loop::runTask(CoroutineUnit &unit)
{
    const int task = m_context.claimTask();
    if (task < 0)
        co_return false;

    const std::int64_t startNs = ThreadState::nowNs();
    const WorkloadKind kind = m_config.workload;
    bool done = false;
    if (kind == WorkloadKind::Cpu || kind == WorkloadKind::Shared) {
        done = co_await compute(unit, m_config.cpuSteps, kind == WorkloadKind::Shared);
        if (done)
            unit.lane.record->latenciesMs.push_back(msSince(startNs));
    } else if (kind == WorkloadKind::Native) {
        done = m_workload->compress(); // zlib on the loop thread: every other coroutine waits
    } else if (kind == WorkloadKind::IoSleep) {
        done = co_await sleep(unit, m_config.ioMs);
    } else if (kind == WorkloadKind::IoFile) {
        done = m_workload->writeSyncRead(); // a blocking call: the loop stalls, as in asyncio
    } else if (kind == WorkloadKind::Mixed) {
        const int steps = static_cast<int>(std::lround(m_config.cpuSteps * m_config.cpuFraction));
        const double ioMs = m_config.ioMs * (1.0 - m_config.cpuFraction);
        done = co_await compute(unit, steps, false);
        if (done && ioMs > 0.0)
            done = co_await sleep(unit, ioMs);
    } else if (kind == WorkloadKind::IoSocket) {
        done = co_await roundTrip(unit, static_cast<std::size_t>(&unit - m_units.data()));
    } else if (kind == WorkloadKind::Race) {
        done = co_await race(unit);
        if (done)
            unit.lane.record->latenciesMs.push_back(msSince(startNs));
    } else if (kind == WorkloadKind::Deadlock) {
        done = co_await deadlockTask(unit);
        if (done)
            unit.lane.record->latenciesMs.push_back(msSince(startNs));
    }
    if (!done)
        co_return false;
    m_context.completeTask(task);
    unit.lane.record->tasks.fetch_add(1, std::memory_order_relaxed);
    co_return m_thread->checkpoint();
}

// Computation awaits nothing, so it keeps the loop to itself, unless yield_every makes it hand the
// loop over every N steps (await asyncio.sleep(0)): it goes to the back of the ready queue.
asio::awaitable<bool> CoroutineExecutor::Loop::compute(CoroutineUnit &unit, int steps, bool shared)
{
    const int every = m_config.yieldEvery > 0 ? m_config.yieldEvery : std::max(steps, 1);
    for (int done = 0; done < steps;) {
        const int chunk = std::min(every, steps - done);
        if (!(shared ? m_workload->computeShared(chunk) : m_workload->compute(chunk)))
            co_return false;
        done += chunk;
        if (m_config.yieldEvery > 0) {
            suspend(unit, WorkerState::Idle);
            co_await asio::post(m_io.get_executor(), asio::use_awaitable);
            if (!resume(unit))
                co_return false;
        }
    }
    co_return true;
}

asio::awaitable<bool> CoroutineExecutor::Loop::yieldToLoop(CoroutineUnit &unit, WorkerState state)
{
    suspend(unit, state);
    co_await asio::post(m_io.get_executor(), asio::use_awaitable);
    co_return resume(unit);
}

// An I/O wait. Awaited, it parks this coroutine on a timer and the loop runs the others; the
// latency is the whole await, to the moment the coroutine runs again with the GIL held. With
// blocking_io it is time.sleep() inside a coroutine: the loop thread itself sleeps.
asio::awaitable<bool> CoroutineExecutor::Loop::sleep(CoroutineUnit &unit, double ms)
{
    if (m_config.blockingIo)
        co_return m_workload->blockingWait(ms);

    const auto duration = std::chrono::nanoseconds(static_cast<std::int64_t>(ms * 1e6));
    const std::int64_t startNs = ThreadState::nowNs();
    asio::steady_timer timer(m_io, duration);
    unit.readyNs = startNs + duration.count();
    suspend(unit, WorkerState::Io);
    std::error_code error; // never cancelled: a stop ends the loop, and the frame with it
    co_await timer.async_wait(asio::redirect_error(asio::use_awaitable, error));
    if (!resume(unit))
        co_return false;
    unit.lane.record->latenciesMs.push_back(msSince(startNs));
    co_return true;
}

// A request and its echo over asio's asynchronous sockets, like asyncio streams: the coroutine
// writes, then awaits the reply; the loop runs the others meanwhile, and drops the GIL only if
// none is ready. The latency is the whole exchange, until this coroutine runs again with the GIL.
asio::awaitable<bool> CoroutineExecutor::Loop::roundTrip(CoroutineUnit &unit, std::size_t index)
{
    constexpr std::size_t kMessageBytes = 64;
    const std::int64_t startNs = ThreadState::nowNs();
    unit.readyNs = std::numeric_limits<std::int64_t>::max(); // in I/O until the loop resumes it
    std::error_code error;
    if (m_sockets.size() < m_units.size())
        m_sockets.resize(m_units.size());
    std::unique_ptr<asio::ip::tcp::socket> &socket = m_sockets[index];
    if (!socket) {
        socket = std::make_unique<asio::ip::tcp::socket>(m_io);
        const asio::ip::tcp::endpoint server(
            asio::ip::address_v4::loopback(), static_cast<std::uint16_t>(m_context.echoPort));
        suspend(unit, WorkerState::Io);
        co_await socket->async_connect(server, asio::redirect_error(asio::use_awaitable, error));
        if (!resume(unit))
            co_return false;
        if (!error)
            socket->set_option(asio::ip::tcp::no_delay(true), error);
        if (error) {
            m_context.fail("io-socket: cannot connect to the echo server: " + error.message());
            co_return false;
        }
    }

    std::array<unsigned char, kMessageBytes> request{};
    std::array<unsigned char, kMessageBytes> reply{};
    const auto seed = static_cast<std::uint64_t>(startNs) ^ index;
    for (std::size_t i = 0; i < request.size(); ++i)
        request[i] = static_cast<unsigned char>(seed >> (i % 8 * 8));
    suspend(unit, WorkerState::Io);
    // The send itself is a system call that releases the GIL, as socket.send() does under
    // asyncio's transports; whoever runs next takes it back (resume()).
    m_thread->releaseGil();
    co_await asio::async_write(*socket, asio::buffer(request), asio::redirect_error(asio::use_awaitable, error));
    if (!error)
        co_await asio::async_read(*socket, asio::buffer(reply), asio::redirect_error(asio::use_awaitable, error));
    if (!resume(unit))
        co_return false;
    if (error || reply != request) {
        m_context.fail("io-socket: " + (error ? error.message() : std::string("the echo came back different")));
        co_return false;
    }
    unit.lane.record->latenciesMs.push_back(msSince(startNs));
    co_return true;
}

CoroutineExecutor::CoroutineExecutor() = default;
CoroutineExecutor::~CoroutineExecutor() = default;

std::string CoroutineExecutor::prepare(RunContext &context)
{
    const RunConfig &config = context.config();
    m_interpreters.push_back(std::make_unique<Interpreter>(config));
    for (int w = 0; w < config.workers; ++w)
        context.addUnit(WorkerRole::Worker, 0);
    for (int h = 0; h < config.cpuHogs; ++h)
        context.addUnit(WorkerRole::Hog, 0);
    m_payload = makePayload(config);

    auto loop = std::make_unique<Loop>(context, *m_interpreters.front(), m_payload);
    // Spawned on a short-lived thread of its own: its allocator cache (glibc's tcache) starts
    // empty, so the heap taken meanwhile is what the coroutines took, even for a handful of them.
    try {
        Loop *spawning = loop.get();
        std::thread spawner = startThread("coroutine spawner thread", 0, 0, [&context, spawning] {
            runThread(context, "coroutine spawner thread", 0, 0, [spawning] { spawning->spawnAll(); });
        });
        spawner.join();
    } catch (const ThreadStartError &error) {
        return error.what();
    }
    if (const std::string error = context.error(); !error.empty())
        return error;
    std::scoped_lock lock(m_loopMutex);
    m_loop = std::move(loop);
    return {};
}

void CoroutineExecutor::execute(RunContext &context)
{
    HogThreads hogs;
    std::thread loopThread;
    try {
        // Hogs first: in the convoy experiment they already hold the GIL when the I/O starts.
        hogs.start(context, m_interpreters, m_payload);
        hogs.waitUntilHolding(context);
        Loop *loop = m_loop.get();
        loopThread = startThread("event loop thread", 0, 0,
            [&context, loop] { runThread(context, "event loop thread", 0, 0, [loop] { loop->run(); }); });
    } catch (...) {
        // A thread that could not start (or no memory): the ones started stop and are joined.
        failRun(context, "the run's supervisor thread", std::current_exception());
        interrupt();
    }
    if (loopThread.joinable())
        loopThread.join();
    hogs.stopAndJoin();

    addSharedCounts(context, *m_interpreters.front());

    // Destroyed here, not with the executor: a finished run keeps no descriptor and no frame.
    std::unique_ptr<Loop> loop;
    {
        std::scoped_lock lock(m_loopMutex);
        loop = std::move(m_loop);
    }
}

void CoroutineExecutor::interrupt()
{
    for (auto &interpreter : m_interpreters)
        interpreter->gil.interrupt();
    std::scoped_lock lock(m_loopMutex);
    if (m_loop)
        m_loop->stop();
}

} // namespace clab
