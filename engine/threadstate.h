#pragma once

#include "interpreter.h"
#include "runcontext.h"
#include "timeline.h"
#include "workerrecord.h"

#include <cstdint>
#include <optional>

namespace clab {

// The engine's PyThreadState: one execution unit's view of its interpreter. It takes and drops
// the GIL, answers the eval breaker at checkpoints, and records the unit's timeline and GIL
// statistics as it goes. Used only by the thread that owns it; nothing here takes a lock shared
// with other units except the GIL itself.
class ThreadState
{
public:
    ThreadState(RunContext &context, Interpreter &interpreter, WorkerRecord &record);
    ~ThreadState();
    ThreadState(const ThreadState &) = delete;
    ThreadState &operator=(const ThreadState &) = delete;

    // Takes the GIL to start running bytecode. False if the run stopped meanwhile.
    bool attach();

    // The eval breaker, reached between steps of work (CPython: function entry, loop back-edges).
    // Drops and re-takes the GIL when asked to (modern) or every 100 ticks (legacy).
    // False when the run is stopping: the caller must return.
    bool checkpoint();

    // Py_BEGIN_ALLOW_THREADS / Py_END_ALLOW_THREADS: drops the GIL, runs `op` in `state` (I/O or
    // native code), and takes the GIL back. False if the run stopped before it got the GIL back.
    template<typename Op>
    bool allowThreads(WorkerState state, Op &&op)
    {
        dropGil(state);
        op();
        return takeGil(nowNs());
    }

    // Drops the GIL if held and closes the timeline; records CPU time and last core.
    void finish();

    int coreNow() const { return m_core; }

private:
    static std::int64_t nowNs();
    // `wantedNs`: when the thread started wanting the GIL; `waited`: it already waited for it.
    bool takeGil(std::int64_t wantedNs, bool waited = false,
                 std::optional<std::uint64_t> switchesBefore = std::nullopt);
    // Returns true if the drop waited for another thread to take the GIL (forced switching).
    bool dropGil(WorkerState next);
    void switchTo(WorkerState state, std::int64_t atNs);

    RunContext &m_context;
    Interpreter &m_interpreter;
    WorkerRecord &m_record;

    bool m_holding = false;
    bool m_finished = false;
    int m_ticks = Gil::kLegacyTicks;
    std::int64_t m_holdStartNs = 0;

    WorkerState m_state = WorkerState::Idle;
    std::int64_t m_stateStartNs = 0;
    int m_core = -1;
};

} // namespace clab
