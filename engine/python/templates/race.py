COUNTER = 0  # the shared counter every worker increments
LOCK_USE = {"acquisitions": 0, "waits": 0, "wait_s": 0.0}  # updated only while holding the lock
#if race_atomic
INCREMENTS = []  # Python has no atomic integer: list.append is one atomic operation, with or without a GIL
#endif
#if race_locked
#if async
COUNTER_LOCK = None  # an asyncio.Lock, made on the event loop when first used
WANTING = 0  # coroutines waiting for COUNTER_LOCK (one thread: a plain count is exact)
#else
COUNTER_LOCK = threading.Lock()
#endif
#endif


def final_count():
#if race_atomic
    return len(INCREMENTS)
#else
    return COUNTER
#endif


#if not async
def f(worker):
    """A step of computation, in a call: the interpreter may switch threads when it enters one."""
    worker.state = compute(1, worker.state)
    return 1


def increment(worker):
    global COUNTER
#if race_call
    COUNTER = COUNTER + f(worker)  # reads COUNTER, calls f (a switch can happen), writes what it read + 1
#endif
#if race_plain
    value = f(worker)
    COUNTER += value  # no call between read and write: under a GIL (CPython 3.11+) no switch falls there
#endif
#if race_locked
    waited = not COUNTER_LOCK.acquire(blocking=False)
    if waited:
        start = time.perf_counter()
        COUNTER_LOCK.acquire()  # waits with the GIL released
    try:
        LOCK_USE["acquisitions"] += 1
        if waited:
            LOCK_USE["waits"] += 1
            LOCK_USE["wait_s"] += time.perf_counter() - start
        COUNTER = COUNTER + f(worker)  # a switch here lets others run, but not into this block
    finally:
        COUNTER_LOCK.release()
#endif
#if race_atomic
    f(worker)
    INCREMENTS.append(1)
#endif


class Worker:
    """Runs race tasks: CPU_STEPS increments of COUNTER, each with a step of computation in it."""

    def __init__(self, index, environment):
        self.state = (SEED + index) & 0x7FFFFFFF

    def run(self, task):
        start = time.perf_counter()
        for _ in range(CPU_STEPS):
            increment(self)
        return (time.perf_counter() - start) * 1000

    def close(self):
        pass
#else
def f(worker):
    """A step of computation."""
    worker.state = compute(1, worker.state)
    return 1


async def f_awaiting(worker):
    """A step of computation, then an await: the event loop runs the others before this goes on."""
    worker.state = compute(1, worker.state)
    await asyncio.sleep(0)
    return 1


async def increment(worker):
    global COUNTER
#if race_call
    COUNTER = COUNTER + await f_awaiting(worker)  # reads, awaits (the others run and write), writes read + 1
#endif
#if race_plain
    COUNTER += f(worker)  # no await inside: nothing else runs on this thread in between
#endif
#if race_locked
    global COUNTER_LOCK, WANTING
    if COUNTER_LOCK is None:
        COUNTER_LOCK = asyncio.Lock()
    waited = COUNTER_LOCK.locked() or WANTING > 0  # asyncio.Lock serves its waiters first come, first served
    WANTING += 1
    start = time.perf_counter()
    async with COUNTER_LOCK:
        WANTING -= 1
        LOCK_USE["acquisitions"] += 1
        if waited:
            LOCK_USE["waits"] += 1
            LOCK_USE["wait_s"] += time.perf_counter() - start
        COUNTER = COUNTER + await f_awaiting(worker)  # the others run during the await, not into this block
#endif
#if race_atomic
    f(worker)
    INCREMENTS.append(1)
#endif


class AsyncWorker:
    """Runs race tasks in a coroutine: CPU_STEPS increments of COUNTER, each with a step in it."""

    def __init__(self, index, environment):
        self.state = (SEED + index) & 0x7FFFFFFF

    async def open(self):
        pass

    async def run(self, task):
        start = time.perf_counter()
        for _ in range(CPU_STEPS):
            await increment(self)
        return (time.perf_counter() - start) * 1000

    async def close(self):
        pass
#endif
