#pragma once

#include "measurement/sample.h"

#include <mutex>
#include <utility>
#include <vector>

namespace clab {

// Hands samples from the sampler thread to one consumer (the GUI's frame timer, the CLI).
// Thread-safe: push() from the sampler, drain() from the consumer; both O(1) under a short lock.
class SampleBuffer
{
public:
    void push(Sample sample)
    {
        std::scoped_lock lock(m_mutex);
        m_pending.push_back(std::move(sample));
    }

    std::vector<Sample> drain()
    {
        std::scoped_lock lock(m_mutex);
        return std::exchange(m_pending, {});
    }

private:
    std::mutex m_mutex;
    std::vector<Sample> m_pending;
};

} // namespace clab
