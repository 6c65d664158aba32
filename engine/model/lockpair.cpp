#include "model/lockpair.h"

#include "platform/system.h"

#include <algorithm>

namespace clab {

bool LockPair::tryAcquire(int which, int worker)
{
    std::scoped_lock lock(m_mutex);
    if (m_found || m_owner[static_cast<std::size_t>(which)] >= 0)
        return false;
    m_owner[static_cast<std::size_t>(which)] = worker;
    return true;
}

bool LockPair::acquire(int which, int worker, const std::function<bool()> &stopping)
{
    std::unique_lock lock(m_mutex);
    int &owner = m_owner[static_cast<std::size_t>(which)];
    if (owner < 0 && !m_found) {
        owner = worker;
        return true;
    }
    m_waitsFor[worker] = which;
    m_waitingSinceNs[worker] = platform::monotonicNs();
    bool deadlocked = closesCycle(worker);
    while (!deadlocked && owner >= 0) {
        if (stopping && stopping())
            break;
        m_released.wait_for(lock, kPoll);
        deadlocked = m_found.has_value();
    }
    const bool got = !deadlocked && owner < 0 && !(stopping && stopping());
    if (got)
        owner = worker;
    m_waitsFor.erase(worker);
    m_waitingSinceNs.erase(worker);
    return got;
}

void LockPair::release(int which)
{
    {
        std::scoped_lock lock(m_mutex);
        m_owner[static_cast<std::size_t>(which)] = -1;
    }
    m_released.notify_all();
}

bool LockPair::beginWait(int which, int worker)
{
    std::scoped_lock lock(m_mutex);
    if (!m_waitsFor.count(worker)) {
        m_waitsFor[worker] = which;
        m_waitingSinceNs[worker] = platform::monotonicNs();
    }
    return !closesCycle(worker) && !m_found;
}

void LockPair::endWait(int worker)
{
    std::scoped_lock lock(m_mutex);
    m_waitsFor.erase(worker);
    m_waitingSinceNs.erase(worker);
}

std::optional<DeadlockFound> LockPair::found() const
{
    std::scoped_lock lock(m_mutex);
    return m_found;
}

bool LockPair::closesCycle(int worker)
{
    if (m_found)
        return true;
    std::vector<DeadlockLink> path;
    int current = worker;
    // A cycle has at most as many members as there are locks.
    for (int hop = 0; hop <= kLocks; ++hop) {
        const auto waiting = m_waitsFor.find(current);
        if (waiting == m_waitsFor.end())
            return false;
        const int owner = m_owner[static_cast<std::size_t>(waiting->second)];
        if (owner < 0)
            return false; // released meanwhile: it will wake and take it
        const int held = m_owner[0] == current ? 0 : (m_owner[1] == current ? 1 : -1);
        path.push_back({current, held, waiting->second});
        if (owner == worker) {
            DeadlockFound found;
            found.cycle = path;
            for (const DeadlockLink &link : path)
                found.closedNs = std::max(found.closedNs, m_waitingSinceNs[link.worker]);
            found.foundNs = platform::monotonicNs();
            m_found = found;
            m_released.notify_all();
            return true;
        }
        current = owner;
    }
    return false;
}

} // namespace clab
