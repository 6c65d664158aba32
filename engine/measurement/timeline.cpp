#include "measurement/timeline.h"

#include <algorithm>

namespace clab {

std::string_view toString(WorkerState state)
{
    switch (state) {
    case WorkerState::Running:
        return "running";
    case WorkerState::WaitingGil:
        return "gil-wait";
    case WorkerState::Io:
        return "io";
    case WorkerState::Native:
        return "native";
    case WorkerState::Idle:
        return "idle";
    case WorkerState::WaitingCpu:
        return "cpu-wait";
    case WorkerState::WaitingLock:
        return "lock-wait";
    case WorkerState::WaitingQueue:
        return "queue-wait";
    }
    return "?";
}

IntervalLog::IntervalLog(std::size_t capacity)
    : m_capacity(capacity)
    , m_head(new Chunk(kFirstChunkSize))
    , m_tail(m_head)
{}

IntervalLog::~IntervalLog()
{
    Chunk *chunk = m_head;
    while (chunk) {
        Chunk *next = chunk->next.load(std::memory_order_relaxed);
        delete chunk;
        chunk = next;
    }
}

void IntervalLog::append(const Interval &interval)
{
    const std::size_t size = m_size.load(std::memory_order_relaxed);
    if (size >= m_capacity || (m_budget && !m_budget->take())) {
        m_dropped.fetch_add(1, std::memory_order_relaxed);
        return;
    }
    if (m_tailUsed == m_tail->capacity) {
        auto *chunk = new Chunk(std::min(m_tail->capacity * 2, kChunkSize));
        m_tail->next.store(chunk, std::memory_order_release);
        m_tail = chunk;
        m_tailUsed = 0;
    }
    m_tail->items[m_tailUsed++] = interval;
    m_size.store(size + 1, std::memory_order_release);
}

std::vector<Interval> IntervalLog::snapshot(std::size_t from) const
{
    const std::size_t size = m_size.load(std::memory_order_acquire);
    std::vector<Interval> out;
    if (from >= size)
        return out;
    out.reserve(size - from);
    const Chunk *chunk = m_head;
    std::size_t chunkStart = 0;
    while (chunk && chunkStart + chunk->capacity <= from) {
        chunkStart += chunk->capacity;
        chunk = chunk->next.load(std::memory_order_acquire);
    }
    for (std::size_t i = from; i < size && chunk;) {
        out.push_back(chunk->items[i - chunkStart]);
        ++i;
        if (i - chunkStart == chunk->capacity) {
            chunkStart += chunk->capacity;
            chunk = chunk->next.load(std::memory_order_acquire);
        }
    }
    return out;
}

} // namespace clab
