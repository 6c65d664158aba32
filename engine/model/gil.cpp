#include "model/gil.h"

#include <algorithm>

namespace clab {

Gil::Gil(GilPolicy policy, std::chrono::nanoseconds switchInterval)
    : m_policy(policy)
    , m_interval(std::max(switchInterval, std::chrono::nanoseconds(1000)))
{}

Gil::Take Gil::take(const void *who, GilCounters &counters)
{
    switch (m_policy) {
    case GilPolicy::Modern:
        return takeModern(who, counters);
    case GilPolicy::Legacy:
        return takeLegacy(who, counters);
    case GilPolicy::Off:
        break;
    }
    return Take::Immediate;
}

void Gil::noteHolder(const void *who, GilCounters &counters)
{
    // The switch number counts changes of holder, not acquisitions: a thread that takes the GIL
    // back after an I/O call with nobody in between has not switched (take_gil in ceval_gil.c).
    std::scoped_lock lock(m_switchMutex);
    if (m_lastHolder != who) {
        m_lastHolder = who;
        ++m_switchNumber;
        m_switches.fetch_add(1, std::memory_order_relaxed);
        counters.switchesIn.fetch_add(1, std::memory_order_relaxed);
    }
    m_switchCond.notify_all();
}

Gil::Take Gil::takeModern(const void *who, GilCounters &counters)
{
    std::unique_lock lock(m_mutex);
    const bool waited = m_locked;
    while (m_locked) {
        if (m_interrupted)
            return Take::Stopped;
        const std::uint64_t savedSwitchNumber = m_switchNumber;
        const bool timedOut = m_cond.wait_for(lock, m_interval) == std::cv_status::timeout;
        // Ask the holder to drop the GIL only if a whole interval passed without any switch:
        // a thread that got the GIL and dropped it meanwhile already gave others their turn.
        if (timedOut && m_locked && m_switchNumber == savedSwitchNumber && !m_interrupted) {
            if (!m_dropRequest.exchange(true, std::memory_order_relaxed))
                m_dropRequests.fetch_add(1, std::memory_order_relaxed);
            counters.dropRequestsSet.fetch_add(1, std::memory_order_relaxed);
        }
    }
    if (m_interrupted)
        return Take::Stopped;
    m_locked = true;
    noteHolder(who, counters);
    // A request aimed at the previous holder has been served.
    m_dropRequest.store(false, std::memory_order_relaxed);
    return waited ? Take::AfterWait : Take::Immediate;
}

Gil::Take Gil::takeLegacy(const void *who, GilCounters &counters)
{
    std::unique_lock lock(m_mutex);
    const bool waited = m_locked;
    // Timed steps, never one untimed wait: Debian 12's glibc (2.36) can lose a condition
    // variable's wake-up when signals and waits race (glibc bug 25847), which would leave this
    // thread waiting for ever while the holder releases and re-takes the GIL.
    // Each wake-up - a release's signal, or the end of a step - that finds the lock taken again is
    // a failed acquisition, as each turn of the `while (thelock->locked)` loop around
    // pthread_cond_wait in Python/thread_pthread.h was: the releasing thread, still running on its
    // core, re-took the lock before this one, just woken on another core, could get the mutex.
    while (m_locked && !m_interrupted) {
        m_cond.wait_for(lock, std::chrono::milliseconds(1));
        if (m_locked && !m_interrupted) {
            counters.failedAcquisitions.fetch_add(1, std::memory_order_relaxed);
            m_failedAcquisitions.fetch_add(1, std::memory_order_relaxed);
        }
    }
    if (m_interrupted)
        return Take::Stopped;
    m_locked = true;
    noteHolder(who, counters);
    return waited ? Take::AfterWait : Take::Immediate;
}

bool Gil::drop(const void *who, bool requested)
{
    if (m_policy == GilPolicy::Off)
        return false;
    {
        // PyThread_release_lock (Python/thread_pthread.h): lock the mutex, mark the lock free,
        // signal one waiter, unlock. The signal wakes a waiter (a futex wake on Linux) even though
        // the legacy holder takes the lock straight back: that wake-up is what the battle costs.
        std::scoped_lock lock(m_mutex);
        m_locked = false;
        m_cond.notify_one();
    }
    // `requested`: the caller drops because it saw a drop request at its checkpoint. As in CPython
    // 3.13+, where the request is a bit of the holder's own eval breaker, the dropper decides from
    // what it saw, not from the shared flag, which the new holder may already have cleared.
    if (m_policy != GilPolicy::Modern || !requested)
        return false;
    // FORCE_SWITCHING: we were asked to drop the GIL, so do not compete for it again until some
    // other thread has taken it; otherwise this thread, already running, would usually win again.
    // The request is served by this drop; the waiter that takes the GIL clears it too.
    std::unique_lock lock(m_switchMutex);
    m_dropRequest.store(false, std::memory_order_relaxed);
    // Waits in 1 ms steps, so that a lost wake-up (glibc bug 25847, see takeLegacy) can never keep
    // this thread out of the GIL.
    while (m_lastHolder == who && !m_interrupted.load())
        m_switchCond.wait_for(lock, std::chrono::milliseconds(1));
    return true;
}

void Gil::interrupt()
{
    // Store first, then signal under each mutex: a waiter either saw the flag when it checked
    // under the mutex, or is already waiting and gets the signal. The two mutexes are never held
    // in the order switch-then-GIL, so this cannot deadlock with take().
    m_interrupted.store(true);
    {
        std::scoped_lock lock(m_mutex);
        m_cond.notify_all();
    }
    std::scoped_lock lock(m_switchMutex);
    m_switchCond.notify_all();
}

} // namespace clab
