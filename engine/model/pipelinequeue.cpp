#include "model/pipelinequeue.h"

#include <algorithm>

namespace clab {

PipelineQueue::PipelineQueue(int capacity)
    : m_capacity(std::max(capacity, 1))
{
    m_counts.queueSize = m_capacity;
}

void PipelineQueue::setProducers(int producers)
{
    std::scoped_lock lock(m_mutex);
    m_producersLeft = producers;
}

void PipelineQueue::producerDone()
{
    {
        std::scoped_lock lock(m_mutex);
        if (m_producersLeft > 0)
            --m_producersLeft;
    }
    m_notEmpty.notify_all();
}

void PipelineQueue::push(int item)
{
    m_items.push_back(item);
    m_counts.maxDepth = std::max(m_counts.maxDepth, static_cast<int>(m_items.size()));
}

int PipelineQueue::pop()
{
    const int item = m_items.front();
    m_items.pop_front();
    ++m_counts.items;
    return item;
}

bool PipelineQueue::tryPut(int item)
{
    {
        std::scoped_lock lock(m_mutex);
        if (static_cast<int>(m_items.size()) >= m_capacity)
            return false;
        push(item);
    }
    m_notEmpty.notify_one();
    return true;
}

bool PipelineQueue::put(int item, const std::function<bool()> &stopping)
{
    {
        std::unique_lock lock(m_mutex);
        while (static_cast<int>(m_items.size()) >= m_capacity) {
            if (stopping())
                return false;
            m_notFull.wait_for(lock, kPoll);
        }
        push(item);
    }
    m_notEmpty.notify_one();
    return true;
}

PipelineQueue::Got PipelineQueue::tryGet(int &item)
{
    {
        std::scoped_lock lock(m_mutex);
        if (m_items.empty())
            return m_producersLeft == 0 ? Got::Finished : Got::Empty;
        item = pop();
    }
    m_notFull.notify_one();
    return Got::Item;
}

PipelineQueue::Got PipelineQueue::get(int &item, const std::function<bool()> &stopping)
{
    {
        std::unique_lock lock(m_mutex);
        while (m_items.empty()) {
            if (m_producersLeft == 0)
                return Got::Finished;
            if (stopping())
                return Got::Stopped;
            m_notEmpty.wait_for(lock, kPoll);
        }
        item = pop();
    }
    m_notFull.notify_one();
    return Got::Item;
}

void PipelineQueue::countPutWait(std::int64_t ns)
{
    std::scoped_lock lock(m_mutex);
    ++m_counts.putWaits;
    m_counts.producerBlockedNs += ns;
}

void PipelineQueue::countGetWait(std::int64_t ns)
{
    std::scoped_lock lock(m_mutex);
    ++m_counts.getWaits;
    m_counts.consumerBlockedNs += ns;
}

PipelineCounts PipelineQueue::counts() const
{
    std::scoped_lock lock(m_mutex);
    return m_counts;
}

} // namespace clab
