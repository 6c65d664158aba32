#pragma once

#include <array>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <vector>

namespace clab {

// One edge of a deadlock's cycle: a worker that holds one lock and waits for the other.
struct DeadlockLink
{
    int worker = 0;
    int holds = 0; // lock index: 0 is A, 1 is B
    int waitsFor = 0;
};

// "A" for lock 0, "B" for lock 1: the names the lessons, the JSON and the explanation use.
inline const char *lockName(int lock)
{
    return lock == 0 ? "A" : (lock == 1 ? "B" : "-");
}

// A cycle of the wait-for graph, found: who held what and waited for what, when the cycle closed
// (its last member began to wait) and when it was found, on the monotonic clock.
struct DeadlockFound
{
    std::vector<DeadlockLink> cycle;
    std::int64_t closedNs = 0;
    std::int64_t foundNs = 0;
};

// The deadlock workload's two locks ("A" and "B") of one interpreter, and the wait-for graph over
// them: which worker owns each lock and which lock each waiting worker waits for. A worker that
// begins to wait follows the graph from itself (its lock's owner, the lock that owner waits for,
// its owner, ...); coming back to itself means a cycle: every member waits for a lock another
// member holds, so none can ever go on. The cycle is recorded, every waiter is woken and refused,
// and the caller ends the run. Locks are not re-entrant and not fair (as threading.Lock).
class LockPair
{
public:
    static constexpr int kLocks = 2;

    // Takes lock `which` for `worker` if it is free (no waiting).
    bool tryAcquire(int which, int worker);
    // Blocks until `worker` holds lock `which`. False when a deadlock was found (by this call or
    // another) or `stopping()` became true; the lock is then not held. `stopping` is polled about
    // every kPoll.
    bool acquire(int which, int worker, const std::function<bool()> &stopping);
    void release(int which);

    // For a caller that waits without blocking (an event loop): `worker` now waits for `which`.
    // Returns false, with the deadlock recorded, when that closes a cycle.
    bool beginWait(int which, int worker);
    void endWait(int worker);

    // The cycle found, if one was (any thread).
    std::optional<DeadlockFound> found() const;

    static constexpr std::chrono::milliseconds kPoll{20};

private:
    // With m_mutex held: whether `worker` waiting closes a cycle; records it if so.
    bool closesCycle(int worker);

    mutable std::mutex m_mutex;
    std::condition_variable m_released;
    std::array<int, kLocks> m_owner{-1, -1};
    std::map<int, int> m_waitsFor; // worker -> lock
    std::map<int, std::int64_t> m_waitingSinceNs; // worker -> when it began to wait
    std::optional<DeadlockFound> m_found;
};

} // namespace clab
