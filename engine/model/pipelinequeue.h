#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>

namespace clab {

// What the pipeline workload's queue saw over a run (summary.pipeline in the JSON).
struct PipelineCounts
{
    int queueSize = 0;
    int producers = 0;
    int consumers = 0;
    std::uint64_t items = 0; // items taken out and consumed
    std::uint64_t putWaits = 0; // puts that found the queue full and waited
    std::uint64_t getWaits = 0; // gets that found it empty and waited
    std::int64_t producerBlockedNs = 0; // time producers spent waiting for room, summed
    std::int64_t consumerBlockedNs = 0; // time consumers spent waiting for an item, summed
    int maxDepth = 0; // the most items it ever held at once
};

// The pipeline workload's bounded FIFO of items (task indices) between producers and consumers,
// as Python's queue.Queue(maxsize) (Lib/queue.py: a mutex and the not_full and not_empty
// conditions) or, used without blocking from one event loop, asyncio.Queue(maxsize)
// (Lib/asyncio/queues.py). It knows how many producers are still producing, so a consumer can tell
// "empty for now" from "empty for good". Safe from any thread.
class PipelineQueue
{
public:
    explicit PipelineQueue(int capacity);

    // How many producers will call producerDone(); set before any unit starts.
    void setProducers(int producers);
    // One producer has put its last item (or stopped): when none is left, waiting consumers wake.
    void producerDone();

    // Puts `item` if there is room (no waiting).
    bool tryPut(int item);
    // Blocks until there is room, then puts `item`. False, with nothing put, when `stopping()`
    // became true (polled about every kPoll).
    bool put(int item, const std::function<bool()> &stopping);

    enum class Got
    {
        Item, // `item` was taken out
        Empty, // empty for now (tryGet only)
        Finished, // empty, and every producer is done: nothing more will come
        Stopped, // the run is stopping (get only)
    };
    Got tryGet(int &item);
    // Blocks until there is an item or nothing more can come.
    Got get(int &item, const std::function<bool()> &stopping);

    // A put or get that waited, and for how long (counted by the caller, who knows what it waited on).
    void countPutWait(std::int64_t ns);
    void countGetWait(std::int64_t ns);

    int capacity() const { return m_capacity; }
    PipelineCounts counts() const;

    static constexpr std::chrono::milliseconds kPoll{20};

private:
    // With m_mutex held.
    void push(int item);
    int pop();

    const int m_capacity;
    mutable std::mutex m_mutex;
    std::condition_variable m_notFull;
    std::condition_variable m_notEmpty;
    std::deque<int> m_items;
    int m_producersLeft = 0;
    PipelineCounts m_counts;
};

} // namespace clab
