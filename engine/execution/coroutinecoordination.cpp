#include "execution/coroutineloop.h"

#include "model/workload.h"

#include <asio/post.hpp>
#include <asio/use_awaitable.hpp>

// The coordination workloads on the coroutine executor's one loop thread: the race workload's
// read-modify-write, the deadlock workload's two locks, and the pipeline's asyncio.Queue-like
// queue. The rest of the loop is in coroutineexecutor.cpp.
//
// g++ 12 miscompiles a co_await inside a loop condition (the frame's parameters read as garbage
// on the first resumption), so every co_await in this file is a statement or an assignment.

namespace clab {

// `await queue.put(item)` on an asyncio.Queue(maxsize) (Lib/asyncio/queues.py): while it is full
// the coroutine is suspended and the loop runs the others; here it waits a turn of the loop at a
// time, in WaitingQueue, until there is room.
asio::awaitable<bool> CoroutineExecutor::Loop::putItem(CoroutineUnit &unit, int item)
{
    PipelineQueue &queue = m_interpreter.pipeline;
    if (queue.tryPut(item))
        co_return true;
    const std::int64_t startNs = ThreadState::nowNs();
    bool going = true;
    bool put = false;
    while (going && !put) {
        going = co_await yieldToLoop(unit, WorkerState::WaitingQueue);
        if (going)
            put = queue.tryPut(item);
    }
    queue.countPutWait(ThreadState::nowNs() - startNs);
    co_return put;
}

// `await queue.get()`: suspended while the queue is empty, until an item comes or every producer
// is done (Finished).
asio::awaitable<PipelineQueue::Got> CoroutineExecutor::Loop::getItem(CoroutineUnit &unit, int &item)
{
    PipelineQueue &queue = m_interpreter.pipeline;
    PipelineQueue::Got got = queue.tryGet(item);
    if (got != PipelineQueue::Got::Empty)
        co_return got;
    const std::int64_t startNs = ThreadState::nowNs();
    while (got == PipelineQueue::Got::Empty) {
        const bool going = co_await yieldToLoop(unit, WorkerState::WaitingQueue);
        got = going ? queue.tryGet(item) : PipelineQueue::Got::Stopped;
    }
    if (got == PipelineQueue::Got::Item)
        queue.countGetWait(ThreadState::nowNs() - startNs);
    co_return got;
}

asio::awaitable<void> CoroutineExecutor::Loop::pipelineMain(CoroutineUnit &unit)
{
    PipelineQueue &queue = m_interpreter.pipeline;
    const int worker = static_cast<int>(&unit - m_units.data());
    if (m_config.workers == 1) {
        // One coroutine makes and consumes each item itself: the queue never makes it wait.
        bool going = true;
        while (going) {
            const int task = m_context.claimTask();
            going = task >= 0 && m_workload->compute(m_config.cpuSteps) && queue.tryPut(task);
            int item = -1;
            const std::int64_t startNs = ThreadState::nowNs();
            going = going && queue.tryGet(item) == PipelineQueue::Got::Item && m_workload->compute(m_config.cpuSteps);
            if (going) {
                unit.lane.record->latenciesMs.push_back(msSince(startNs));
                m_context.completeTask(item);
                unit.lane.record->tasks.fetch_add(1, std::memory_order_relaxed);
                going = m_thread->checkpoint();
            }
        }
        queue.producerDone();
        co_return;
    }
    if (worker < pipelineProducers(m_config)) {
        bool going = true;
        while (going) {
            const int task = m_context.claimTask();
            going = task >= 0 && m_workload->compute(m_config.cpuSteps);
            if (going)
                going = co_await putItem(unit, task);
            if (going)
                going = m_thread->checkpoint();
        }
        queue.producerDone(); // even when stopped, so no consumer waits for it
        co_return;
    }
    bool going = true;
    while (going) {
        int item = -1;
        const PipelineQueue::Got got = co_await getItem(unit, item);
        if (got != PipelineQueue::Got::Item)
            co_return;
        const std::int64_t startNs = ThreadState::nowNs();
        going = m_workload->compute(m_config.cpuSteps);
        if (!going)
            co_return;
        unit.lane.record->latenciesMs.push_back(msSince(startNs));
        m_context.completeTask(item);
        unit.lane.record->tasks.fetch_add(1, std::memory_order_relaxed);
        going = m_thread->checkpoint();
    }
}

// The race workload on one loop thread: `counter = counter + await f()`, f() a step of
// computation. Without an await between the read and the write nothing else runs on the thread
// (unsafe-plain and atomic, which compute without awaiting, are safe); with unsafe-call the others
// run during the await and write the counter, and this write undoes theirs. locked holds an
// asyncio.Lock-like lock across the await, which the others wait for, each at its turn.
asio::awaitable<bool> CoroutineExecutor::Loop::race(CoroutineUnit &unit)
{
    for (int i = 0; i < m_config.cpuSteps; ++i) {
        if (m_config.raceMode == RaceMode::UnsafePlain || m_config.raceMode == RaceMode::Atomic) {
            if (!m_workload->raceIncrement())
                co_return false;
            continue;
        }
        const bool locked = m_config.raceMode == RaceMode::Locked;
        if (locked) {
            const std::int64_t startNs = ThreadState::nowNs();
            const std::uint64_t ticket = m_raceLockNextTicket++;
            const bool waited = ticket != m_raceLockServing;
            while (ticket != m_raceLockServing) {
                const bool resumed = co_await yieldToLoop(unit, WorkerState::WaitingLock);
                if (!resumed)
                    co_return false;
            }
            m_workload->countRaceLock(waited, waited ? ThreadState::nowNs() - startNs : 0);
        }
        const std::uint64_t read = m_workload->raceRead();
        bool going = m_workload->compute(1);
        if (going)
            going = co_await yieldToLoop(unit, WorkerState::Idle);
        if (going)
            m_workload->raceWrite(read);
        if (locked)
            ++m_raceLockServing;
        if (!going)
            co_return false;
    }
    co_return true;
}

// One of the deadlock workload's locks, asyncio.Lock-like: a coroutine that finds it held waits a
// turn of the loop at a time. A wait that closes a cycle in the wait-for graph ends the run.
asio::awaitable<bool> CoroutineExecutor::Loop::takeLock(CoroutineUnit &unit, int which, int worker)
{
    LockPair &locks = m_interpreter.deadlockLocks;
    bool going = true;
    while (going && !locks.tryAcquire(which, worker)) {
        if (!locks.beginWait(which, worker)) {
            suspend(unit, WorkerState::WaitingLock); // it waits, as the others in the cycle do, to the end
            locks.endWait(worker);
            m_context.requestStop(); // the experiment's result: the run ends
            co_return false;
        }
        going = co_await yieldToLoop(unit, WorkerState::WaitingLock);
    }
    locks.endWait(worker);
    co_return going;
}

// `async with first: <compute>; await ...; async with second: <compute>`: the await while holding
// the first lock is where the other coroutines run, and take theirs.
asio::awaitable<bool> CoroutineExecutor::Loop::deadlockTask(CoroutineUnit &unit)
{
    const int worker = static_cast<int>(&unit - m_units.data());
    const int first = m_config.lockOrder == LockOrder::Opposite && worker % 2 == 1 ? 1 : 0;
    const int second = 1 - first;
    const int holding = m_config.cpuSteps / 2;
    LockPair &locks = m_interpreter.deadlockLocks;
    const bool locked = co_await takeLock(unit, first, worker);
    if (!locked)
        co_return false;
    bool going = m_workload->compute(holding);
    if (going)
        going = co_await yieldToLoop(unit, WorkerState::Idle);
    if (going)
        going = co_await takeLock(unit, second, worker);
    if (going) {
        going = m_workload->compute(m_config.cpuSteps - holding);
        locks.release(second);
    }
    locks.release(first);
    co_return going;
}

} // namespace clab
