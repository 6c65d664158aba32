LOCK_NAMES = "AB"
HOLD_STEPS = CPU_STEPS // 2  # steps computed holding only the first lock
# Python has no deadlock detector: a worker that waits this long for a lock follows who holds what
# (the wait-for graph below), and if the waits form a cycle, that is a deadlock.
DEADLOCK_TIMEOUT_S = 0.5
OWNER = [None, None]  # which worker holds each lock
WAITS_FOR = {}  # worker -> the lock it waits for
DEADLOCK = {"detected": False, "detected_after_ms": 0.0, "cycle": []}


def find_cycle(worker, waited_s):
    """Follows the wait-for graph from `worker`; records a cycle back to it as the deadlock."""
    cycle, current = [], worker
    for _ in range(len(OWNER) + 1):
        which = WAITS_FOR.get(current)
        owner = None if which is None else OWNER[which]
        if owner is None:
            return False
        holds = "".join(LOCK_NAMES[i] for i, who in enumerate(OWNER) if who == current) or "-"
        cycle.append({"worker": current, "holds": holds, "waits_for": LOCK_NAMES[which]})
        if owner == worker:
            DEADLOCK.update(detected=True, detected_after_ms=waited_s * 1000, cycle=cycle)
            return True
        current = owner
    return False


#if not async
LOCKS = [threading.Lock(), threading.Lock()]
ENDED = threading.Event()


def take(worker, which):
    """LOCKS[which].acquire(), in short waits, watching for the end of the run and for a deadlock."""
    WAITS_FOR[worker] = which
    start = time.perf_counter()
    try:
        while not LOCKS[which].acquire(timeout=0.05):
            waited = time.perf_counter() - start
            if not ENDED.is_set() and waited >= DEADLOCK_TIMEOUT_S and find_cycle(worker, waited):
                ENDED.set()  # the experiment's result: every worker stops
            if ENDED.is_set():
                raise EndRun
    finally:
        del WAITS_FOR[worker]
    OWNER[which] = worker


def release(which):
    OWNER[which] = None
    LOCKS[which].release()


class Worker:
    """Runs deadlock tasks: takes its first lock, computes, takes its second lock, computes. With
    LOCK_ORDER "opposite", odd workers take B before A."""

    def __init__(self, index, environment):
        self.index = index
        self.state = (SEED + index) & 0x7FFFFFFF
        first = 1 if LOCK_ORDER == "opposite" and index % 2 == 1 else 0
        self.order = (first, 1 - first)

    def run(self, task):
        if ENDED.is_set():
            raise EndRun
        start = time.perf_counter()
        first, second = self.order
        take(self.index, first)
        try:
            self.state = compute(HOLD_STEPS, self.state)
            take(self.index, second)
            try:
                self.state = compute(CPU_STEPS - HOLD_STEPS, self.state)
            finally:
                release(second)
        finally:
            release(first)
        return (time.perf_counter() - start) * 1000

    def close(self):
        pass
#else
LOCKS = None  # two asyncio.Locks, made on the event loop when first used
ENDED = False


async def take(worker, which):
    """await LOCKS[which].acquire(), in short waits, watching for the end and for a deadlock."""
    global LOCKS, ENDED
    if LOCKS is None:
        LOCKS = [asyncio.Lock(), asyncio.Lock()]
    WAITS_FOR[worker] = which
    start = time.perf_counter()
    try:
        while True:
            try:
                await asyncio.wait_for(LOCKS[which].acquire(), 0.05)
                break
            except asyncio.TimeoutError:
                waited = time.perf_counter() - start
                if not ENDED and waited >= DEADLOCK_TIMEOUT_S and find_cycle(worker, waited):
                    ENDED = True  # the experiment's result: every coroutine stops
                if ENDED:
                    raise EndRun
    finally:
        del WAITS_FOR[worker]
    OWNER[which] = worker


def release(which):
    OWNER[which] = None
    LOCKS[which].release()


class AsyncWorker:
    """Runs deadlock tasks in a coroutine: `async with first: ...; await ...; async with second:`.
    The await while holding the first lock is where the others run and take theirs."""

    def __init__(self, index, environment):
        self.index = index
        self.state = (SEED + index) & 0x7FFFFFFF
        first = 1 if LOCK_ORDER == "opposite" and index % 2 == 1 else 0
        self.order = (first, 1 - first)

    async def open(self):
        pass

    async def run(self, task):
        if ENDED:
            raise EndRun
        start = time.perf_counter()
        first, second = self.order
        await take(self.index, first)
        try:
            self.state = compute(HOLD_STEPS, self.state)
            await asyncio.sleep(0)
            await take(self.index, second)
            try:
                self.state = compute(CPU_STEPS - HOLD_STEPS, self.state)
            finally:
                release(second)
        finally:
            release(first)
        return (time.perf_counter() - start) * 1000

    async def close(self):
        pass
#endif
