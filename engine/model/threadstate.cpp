#include "model/threadstate.h"

#include "platform/system.h"

#include <algorithm>

namespace clab {

ThreadState::ThreadState(RunContext &context, Interpreter &interpreter, WorkerRecord &record)
    : m_context(context)
    , m_interpreter(interpreter)
    , m_detectPreemption(platform::hasSchedStat())
{
    m_ownLane.emplace(record, platform::monotonicNs(), platform::currentCore());
    m_lane = &*m_ownLane;
    record.pid.store(platform::processId());
    record.tid.store(platform::currentThreadId());
    record.lastCore.store(m_lane->core, std::memory_order_relaxed);
}

ThreadState::ThreadState(RunContext &context, Interpreter &interpreter)
    : m_context(context)
    , m_interpreter(interpreter)
    , m_detectPreemption(platform::hasSchedStat())
{}

ThreadState::~ThreadState()
{
    finish();
}

void ThreadState::append(Lane &lane, std::int64_t endNs)
{
    lane.record->timeline.append({lane.sinceNs, endNs, lane.state, static_cast<std::int16_t>(lane.core)});
    if (lane.state == WorkerState::Running || lane.state == WorkerState::Native)
        lane.busyNs += endNs - lane.sinceNs;
}

void ThreadState::switchTo(WorkerState state, std::int64_t atNs)
{
    Lane *lane = m_lane;
    if (!lane || lane->closed || state == lane->state)
        return;
    // A stretch of running that ends long after the last reading of the clock: that time was
    // not spent running.
    if (lane->state == WorkerState::Running && m_lastProgressNs != 0 && m_lastProgressNs >= lane->sinceNs
        && atNs - m_lastProgressNs >= kPreemptedThresholdNs) {
        if (m_lastProgressNs > lane->sinceNs)
            append(*lane, m_lastProgressNs);
        lane->state = offCoreState();
        lane->sinceNs = m_lastProgressNs;
    }
    if (atNs > lane->sinceNs)
        append(*lane, atNs);
    lane->state = state;
    lane->sinceNs = std::max(atNs, lane->sinceNs);
    lane->core = platform::currentCore();
    lane->record->lastCore.store(lane->core, std::memory_order_relaxed);
    lane->record->publishOpen(state, lane->sinceNs, lane->core);
    // Running is watched from its first moment: a preemption before the first step counts too.
    m_lastProgressNs = m_detectPreemption && state == WorkerState::Running ? lane->sinceNs : 0;
    if (m_detectPreemption && state == WorkerState::Running && !m_runDelayKnown)
        offCoreState(); // the first reading, for later ones to compare with
}

WorkerState ThreadState::offCoreState()
{
    const std::optional<SchedStat> stat = platform::currentThreadSchedStat();
    if (!stat)
        return WorkerState::WaitingCpu;
    const bool known = m_runDelayKnown;
    const std::uint64_t before = m_runDelayNs;
    m_runDelayNs = stat->waitNs;
    m_runDelayKnown = true;
    // The kernel kept the thread on a run queue (a few microseconds left over from an earlier
    // wake-up do not count): its turn was taken away. Otherwise it was off its core for another
    // reason (blocked for a moment in the kernel, or a virtual CPU the hypervisor kept), which is
    // not running either, and not waiting for a core.
    if (!known || stat->waitNs - before >= kMinCoreWaitNs)
        return WorkerState::WaitingCpu;
    return WorkerState::Idle;
}

void ThreadState::startBurst()
{
    m_progressCountdown = kStepsPerClockCheck;
    if (m_detectPreemption && m_lastProgressNs == 0)
        m_lastProgressNs = platform::monotonicNs();
}

void ThreadState::checkClock()
{
    m_progressCountdown = kStepsPerClockCheck;
    if (!m_detectPreemption || !m_lane)
        return;
    const std::int64_t nowNs = platform::monotonicNs();
    const std::int64_t lastNs = m_lastProgressNs;
    m_lastProgressNs = nowNs;
    // Only a gap inside one stretch of "running": any other state, or a GIL hand-off in between
    // (which resets the reading), is not the scheduler's doing.
    if (lastNs == 0 || nowNs - lastNs < kPreemptedThresholdNs || m_lane->state != WorkerState::Running)
        return;
    switchTo(offCoreState(), lastNs);
    switchTo(WorkerState::Running, nowNs);
    m_lastProgressNs = nowNs;
}

void ThreadState::closeLane(Lane &lane, std::int64_t atNs)
{
    if (lane.closed)
        return;
    if (atNs > lane.sinceNs)
        append(lane, atNs);
    lane.sinceNs = std::max(atNs, lane.sinceNs);
    lane.closed = true;
    lane.record->publishClosed();
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
    WorkerRecord &record = *m_lane->record;
    const Gil::Take take = m_interpreter.gil.take(this, record.gil);
    if (take == Gil::Take::Stopped) {
        // The run stopped while this thread wanted the GIL: from then on its lane shows the wait,
        // not the state it had before letting go (a checkpoint leaves the lane "running").
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
    record.gilTakes.fetch_add(1, std::memory_order_relaxed);
    record.gilWaitNs.fetch_add(gotNs - wantedNs, std::memory_order_relaxed);
    if (take == Gil::Take::AfterWait || waited) {
        record.gilContendedTakes.fetch_add(1, std::memory_order_relaxed);
        switchTo(WorkerState::WaitingGil, wantedNs);
    }
    switchTo(WorkerState::Running, gotNs);
    m_context.enterRunning();
    return true;
}

bool ThreadState::dropGil(WorkerState next, bool requested)
{
    if (!m_holding)
        return false;
    m_context.leaveRunning();
    const std::int64_t nowNs = platform::monotonicNs();
    if (m_interpreter.gil.policy() != GilPolicy::Off) {
        m_lane->record->gilHoldNs.fetch_add(nowNs - m_holdStartNs, std::memory_order_relaxed);
        m_lane->record->gilHolds.fetch_add(1, std::memory_order_relaxed);
    }
    m_holding = false;
    switchTo(next, nowNs);
    return m_interpreter.gil.drop(this, requested);
}

void ThreadState::releaseGil()
{
    if (m_holding)
        dropGil(m_lane->state);
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
    const bool forced = dropGil(m_lane->state, m_interpreter.gil.policy() == GilPolicy::Modern);
    // Another thread may have taken and dropped the GIL between our drop and our take, while the
    // OS did not run us: then this thread waited too, and its lane must say so.
    const bool held = takeGil(wantedNs, forced, switchesBefore);
    // Time spent handing the GIL over is the GIL's, not the scheduler's.
    if (m_lastProgressNs != 0)
        m_lastProgressNs = platform::monotonicNs();
    return held;
}

void ThreadState::finish()
{
    if (m_finished)
        return;
    m_finished = true;
    if (!m_ownLane) {
        releaseGil(); // an event loop's lanes are closed by the loop
        return;
    }
    dropGil(WorkerState::Idle);
    closeLane(*m_ownLane, platform::monotonicNs());
    WorkerRecord &record = *m_ownLane->record;
    record.cpuSeconds.store(platform::threadCpuSeconds());
    if (const auto sched = platform::currentThreadSchedStat())
        record.storeSchedStat(*sched);
    record.lastCore.store(platform::currentCore(), std::memory_order_relaxed);
    record.finished.store(true);
}

} // namespace clab
