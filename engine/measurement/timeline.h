#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

namespace clab {

// What a worker is doing during one interval of the timeline.
enum class WorkerState : std::uint8_t
{
    Running, // executing "bytecode" (holding the GIL when there is one)
    WaitingGil, // blocked in the GIL's take
    Io, // in blocking I/O, GIL released
    Native, // in native code (zlib), GIL released
    Idle, // alive but without work
    // Runnable but not on a CPU: the OS scheduler gave the core to another thread. Only threads
    // that compute are seen in it (their clock jumped between two steps of work).
    WaitingCpu,
    WaitingLock, // blocked acquiring a lock another worker holds (threading.Lock), GIL released
    WaitingQueue, // blocked on the pipeline's queue, full (a put) or empty (a get), GIL released
};
inline constexpr WorkerState kLastWorkerState = WorkerState::WaitingQueue;

std::string_view toString(WorkerState state);

// One interval on a worker's lane: [startNs, endNs) on the monotonic clock.
struct Interval
{
    std::int64_t startNs = 0;
    std::int64_t endNs = 0;
    WorkerState state = WorkerState::Idle;
    std::int16_t core = -1; // the CPU the worker was on when the interval began
};

// How many intervals a whole run stores, over all its lanes: once `cap` are stored, every lane
// drops what it would add and counts it. A run's memory then stays bounded however many units it
// has: at 24 bytes an interval, the default cap is 24 MiB, and as much again for the result's copy
// and its analysis; a run that reaches it stays well under 200 MB in all (BENCHMARKS.md).
// Any thread.
class TimelineBudget
{
public:
    static constexpr std::size_t kDefaultCap = std::size_t{1} << 20;

    explicit TimelineBudget(std::size_t cap = kDefaultCap)
        : m_cap(cap)
    {}
    // Takes room for one interval; false once the cap is reached.
    bool take() { return m_taken.fetch_add(1, std::memory_order_relaxed) < m_cap; }
    std::size_t cap() const { return m_cap; }
    // Intervals refused because the cap was reached.
    std::uint64_t refused() const
    {
        const std::uint64_t taken = m_taken.load(std::memory_order_relaxed);
        return taken > m_cap ? taken - m_cap : 0;
    }
    bool reached() const { return m_taken.load(std::memory_order_relaxed) >= m_cap; }

private:
    const std::size_t m_cap;
    std::atomic<std::uint64_t> m_taken{0};
};

// An append-only log of intervals with one writer (the worker it belongs to) and any number of
// readers (the sampler, the GUI, the result builder). No lock: the writer fills a slot, then
// publishes it by storing the new size with release order; a reader loads the size with acquire
// order and reads only slots below it. Storage is a list of chunks that never move, so a reader
// walking it never sees a reallocation (taskflow's observer pattern, made lock-free). Chunks grow
// from kFirstChunkSize to kChunkSize intervals: a lane that records little costs a few hundred
// bytes, which matters when a run has 100,000 coroutine lanes.
// Memory is bounded: past `capacity` intervals, or once the run's budget is spent, the writer drops
// new ones and counts them.
class IntervalLog
{
public:
    static constexpr std::size_t kFirstChunkSize = 16;
    static constexpr std::size_t kChunkSize = 4096; // the largest chunk

    explicit IntervalLog(std::size_t capacity = 1u << 21);
    ~IntervalLog();
    IntervalLog(const IntervalLog &) = delete;
    IntervalLog &operator=(const IntervalLog &) = delete;

    // Shares `budget` (which outlives this log) with the run's other lanes. Before the writer starts.
    void setBudget(TimelineBudget *budget) { m_budget = budget; }

    // Writer thread only.
    void append(const Interval &interval);

    // Any thread: the published intervals from index `from` on.
    std::vector<Interval> snapshot(std::size_t from = 0) const;
    std::size_t size() const { return m_size.load(std::memory_order_acquire); }
    std::uint64_t dropped() const { return m_dropped.load(std::memory_order_relaxed); }

private:
    struct Chunk
    {
        explicit Chunk(std::size_t size)
            : capacity(size)
            , items(new Interval[size])
        {}
        const std::size_t capacity;
        const std::unique_ptr<Interval[]> items;
        std::atomic<Chunk *> next{nullptr};
    };

    std::size_t m_capacity;
    TimelineBudget *m_budget = nullptr;
    Chunk *m_head;
    Chunk *m_tail; // writer only
    std::size_t m_tailUsed = 0; // writer only
    std::atomic<std::size_t> m_size{0};
    std::atomic<std::uint64_t> m_dropped{0};
};

} // namespace clab
