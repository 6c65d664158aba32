#include "threadstate.h"

#include "platform/system.h"

namespace clab {

ThreadState::ThreadState(RunContext &context, Interpreter &interpreter, WorkerRecord &record)
    : m_context(context)
    , m_interpreter(interpreter)
    , m_record(record)
{
    m_record.pid.store(platform::processId());
    m_record.tid.store(platform::currentThreadId());
    m_stateStartNs = platform::monotonicNs();
    m_core = platform::currentCore();
    m_record.lastCore.store(m_core, std::memory_order_relaxed);
}

ThreadState::~ThreadState()
{
    finish();
}

void ThreadState::switchTo(WorkerState state, std::int64_t atNs)
{
    if (state == m_state)
        return;
    if (atNs > m_stateStartNs)
        m_record.timeline.append({m_stateStartNs, atNs, m_state, static_cast<std::int16_t>(m_core)});
    m_state = state;
    m_stateStartNs = std::max(atNs, m_stateStartNs);
    m_core = platform::currentCore();
    m_record.lastCore.store(m_core, std::memory_order_relaxed);
}

std::int64_t ThreadState::nowNs()
{
    return platform::monotonicNs();
}

bool ThreadState::attach()
{
    return takeGil(nowNs());
}

bool ThreadState::takeGil(std::int64_t wantedNs, bool waited, std::optional<std::uint64_t> switchesBefore)
{
    const Gil::Take take = m_interpreter.gil.take(this, m_record.gil);
    if (take == Gil::Take::Stopped) {
        // Stopped while it wanted the GIL: from then on the lane shows waiting, never running.
        switchTo(WorkerState::WaitingGil, wantedNs);
        return false;
    }
    // Holder changes are counted only when the holder changes: any change since the caller's
    // drop means some other thread held the GIL in between.
    if (switchesBefore && m_interpreter.gil.switches() != *switchesBefore)
        waited = true;
    const std::int64_t gotNs = m_interpreter.gil.policy() == GilPolicy::Off ? wantedNs : platform::monotonicNs();

    m_holding = true;
    m_holdStartNs = gotNs;
    m_record.gilTakes.fetch_add(1, std::memory_order_relaxed);
    m_record.gilWaitNs.fetch_add(gotNs - wantedNs, std::memory_order_relaxed);
    if (take == Gil::Take::AfterWait || waited) {
        m_record.gilContendedTakes.fetch_add(1, std::memory_order_relaxed);
        switchTo(WorkerState::WaitingGil, wantedNs);
    }
    switchTo(WorkerState::Running, gotNs);
    m_context.enterRunning();
    return true;
}

bool ThreadState::dropGil(WorkerState next)
{
    if (!m_holding)
        return false;
    m_context.leaveRunning();
    const std::int64_t nowNs = platform::monotonicNs();
    if (m_interpreter.gil.policy() != GilPolicy::Off) {
        m_record.gilHoldNs.fetch_add(nowNs - m_holdStartNs, std::memory_order_relaxed);
        m_record.gilHolds.fetch_add(1, std::memory_order_relaxed);
    }
    m_holding = false;
    switchTo(next, nowNs);
    return m_interpreter.gil.drop(this);
}

bool ThreadState::checkpoint()
{
    if (m_context.stopRequested())
        return false;
    switch (m_interpreter.gil.policy()) {
    case GilPolicy::Off:
        return true;
    case GilPolicy::Modern:
        if (!m_interpreter.gil.dropRequested())
            return true;
        break;
    case GilPolicy::Legacy:
        if (--m_ticks > 0)
            return true;
        m_ticks = Gil::kLegacyTicks;
        break;
    }
    // From the moment it lets go, this thread wants the GIL back. The lane stays "running" unless
    // it really waits: the legacy GIL's release-and-retake usually gets the lock straight back.
    const std::int64_t wantedNs = nowNs();
    const std::uint64_t switchesBefore = m_interpreter.gil.switches();
    const bool forced = dropGil(m_state);
    // Another thread may have taken and dropped the GIL between our drop and our take, while the
    // OS did not run us: then this thread waited too, and its lane must say so.
    return takeGil(wantedNs, forced, switchesBefore);
}

void ThreadState::finish()
{
    if (m_finished)
        return;
    m_finished = true;
    dropGil(WorkerState::Idle);
    const std::int64_t endNs = platform::monotonicNs();
    if (endNs > m_stateStartNs)
        m_record.timeline.append({m_stateStartNs, endNs, m_state, static_cast<std::int16_t>(m_core)});
    m_stateStartNs = endNs;
    m_record.cpuSeconds.store(platform::threadCpuSeconds());
    m_record.lastCore.store(platform::currentCore(), std::memory_order_relaxed);
    m_record.finished.store(true);
}

} // namespace clab
