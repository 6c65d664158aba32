#pragma once

#include "execution/runcontext.h"
#include "measurement/timeline.h"
#include "measurement/workerrecord.h"
#include "model/interpreter.h"

#include <cstdint>
#include <optional>

namespace clab {

// One lane of the timeline: a unit's record and the interval the unit is in now. A thread has one
// lane, its own. An event-loop thread has one per coroutine it runs and switches between them.
struct Lane
{
    Lane(WorkerRecord &unitRecord, std::int64_t startNs, int startCore)
        : record(&unitRecord)
        , sinceNs(startNs)
        , core(startCore)
    {
        record->publishOpen(state, sinceNs, core);
    }

    WorkerRecord *record;
    WorkerState state = WorkerState::Idle;
    std::int64_t sinceNs; // when `state` began
    int core; // the CPU the thread was on when `state` began
    std::int64_t busyNs = 0; // time spent Running or Native on this lane, closed intervals only
    bool closed = false; // the unit is done; nothing more is written to its timeline
};

// The engine's PyThreadState: one OS thread's view of its interpreter. It takes and drops the GIL,
// answers the eval breaker at checkpoints, and records timeline and GIL statistics as it goes.
// Used only by the thread that owns it; nothing here takes a lock shared with other units except
// the GIL itself.
//
// A thread unit records on its own lane. An event loop (the coroutines model) is one Python thread
// running many units: it calls enterLane() each time it resumes a coroutine, so that timeline
// intervals and GIL statistics go to the coroutine running at that moment.
class ThreadState
{
public:
    // A thread unit: its record is its lane; records the thread's pid, tid and core there.
    ThreadState(RunContext &context, Interpreter &interpreter, WorkerRecord &record);
    // An event loop's thread: no lane of its own until enterLane().
    ThreadState(RunContext &context, Interpreter &interpreter);
    ~ThreadState();
    ThreadState(const ThreadState &) = delete;
    ThreadState &operator=(const ThreadState &) = delete;

    // Takes the GIL to start running bytecode. False if the run stopped meanwhile.
    bool attach();

    // The eval breaker, reached between steps of work (CPython: function entry, loop back-edges).
    // Drops and re-takes the GIL when asked to (modern) or every 100 ticks (legacy).
    // False when the run is stopping: the caller must return.
    bool checkpoint();

    // Called once per step of computation, beside checkpoint(). Every few steps it reads the
    // monotonic clock: a step takes about a microsecond, so a jump of more than
    // kPreemptedThresholdNs since the last reading means the thread was not running. If the
    // kernel's schedstat says it waited on a run queue meanwhile (runnable, no core; at least
    // kMinCoreWaitNs), the gap becomes a "waiting for a core" interval on the lane, else "idle".
    // startBurst() marks the start of a stretch of steps (the span before it was not computing);
    // endBurst() reads the clock once more at its end, so a preemption after the last reading is
    // not left inside "running".
    void startBurst();
    void endBurst() { checkClock(); }
    void noteProgress()
    {
        if (--m_progressCountdown <= 0)
            checkClock();
    }

    // Py_BEGIN_ALLOW_THREADS / Py_END_ALLOW_THREADS: drops the GIL, runs `op` in `state` (I/O or
    // native code), and takes the GIL back. False if the run stopped before it got the GIL back.
    template<typename Op> bool allowThreads(WorkerState state, Op &&op)
    {
        dropGil(state);
        op();
        return takeGil(nowNs());
    }

    // Drops the GIL if held and closes the timeline; records CPU time and last core on the
    // thread's own lane. An event loop closes its coroutines' lanes itself (closeLane()).
    void finish();

    int coreNow() const { return m_lane ? m_lane->core : -1; }
    // The record of the current lane: where latencies and task counts go.
    WorkerRecord &record() const { return *m_lane->record; }

    // Event loops only, on their own thread.
    // Makes `lane` the current lane; its state is unchanged until the next transition.
    void enterLane(Lane &lane) { m_lane = &lane; }
    // The current lane enters `state` at `atNs` (not before its current interval began): a
    // coroutine suspends (Io while it awaits a timer, Idle when ready but not resumed) or resumes
    // while the GIL is already held (Running); a worker process waits for its next task (Idle).
    void markLane(WorkerState state, std::int64_t atNs) { switchTo(state, atNs); }
    // Writes `lane`'s last interval, up to `atNs`, and closes it.
    void closeLane(Lane &lane, std::int64_t atNs);
    // The loop has nothing to run and will block until a timer fires: drops the GIL, as asyncio's
    // select() does inside Py_BEGIN_ALLOW_THREADS. The current lane keeps its state.
    void releaseGil();
    bool holdsGil() const { return m_holding; }

    static std::int64_t nowNs();

private:
    // `wantedNs`: when the thread started wanting the GIL; `waited`: it already waited for it.
    bool takeGil(
        std::int64_t wantedNs, bool waited = false, std::optional<std::uint64_t> switchesBefore = std::nullopt);
    // Returns true if the drop waited for another thread to take the GIL (forced switching).
    // `requested`: dropping because of a drop request seen at a checkpoint (forced switching).
    bool dropGil(WorkerState next, bool requested = false);
    void switchTo(WorkerState state, std::int64_t atNs);
    void checkClock();
    // What a gap in progress was: WaitingCpu if this thread's schedstat run_delay grew since the
    // last reading, else Idle (off its core for another reason). Reads /proc/thread-self/schedstat.
    WorkerState offCoreState();
    static void append(Lane &lane, std::int64_t endNs);

    RunContext &m_context;
    Interpreter &m_interpreter;
    std::optional<Lane> m_ownLane; // a thread unit's lane; empty for an event loop
    Lane *m_lane = nullptr; // where intervals and GIL statistics go now

    bool m_holding = false;
    bool m_finished = false;
    int m_ticks = Gil::kLegacyTicks;
    // Preemption detection (noteProgress): steps left until the next clock reading, and the last
    // reading; 0 when the thread was not computing since.
    int m_progressCountdown = kStepsPerClockCheck;
    std::int64_t m_lastProgressNs = 0;
    const bool m_detectPreemption;
    // This thread's run-queue wait (schedstat run_delay) at the last reading: a gap in progress is
    // "waiting for a core" only for as long as the kernel says the thread waited in it.
    std::uint64_t m_runDelayNs = 0;
    bool m_runDelayKnown = false;

public:
    static constexpr int kStepsPerClockCheck = 16; // about 20 us between readings
    static constexpr std::int64_t kPreemptedThresholdNs = 100'000;
    static constexpr std::uint64_t kMinCoreWaitNs = 50'000;

private:
    std::int64_t m_holdStartNs = 0;
};

} // namespace clab
