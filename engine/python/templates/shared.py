SHARED = [0] * 64  # the interpreter's shared object: every worker updates it
SHARED_LOCK = threading.Lock()


def compute_shared(steps, x):
    """Like compute(), updating SHARED after every step. Under the GIL the update needs no lock
    (no thread switch falls between reading and writing the item); without the GIL it does."""
    locked = not gil_enabled()
    for _ in range(steps):
        x = compute(1, x)
        if locked:
            with SHARED_LOCK:
                SHARED[x % len(SHARED)] += 1
        else:
            SHARED[x % len(SHARED)] += 1
    return x


#if not async
class Worker:
    """Runs shared tasks: CPU_STEPS steps of computation, each updating the shared object."""

    def __init__(self, index, environment):
        self.state = (SEED + index) & 0x7FFFFFFF

    def run(self, task):
        start = time.perf_counter()
        self.state = compute_shared(CPU_STEPS, self.state)
        return (time.perf_counter() - start) * 1000

    def close(self):
        pass
#else
class AsyncWorker:
    """Runs shared tasks in a coroutine: CPU_STEPS steps, each updating the shared object."""

    def __init__(self, index, environment):
        self.state = (SEED + index) & 0x7FFFFFFF

    async def open(self):
        pass

    async def run(self, task):
        start = time.perf_counter()
#if yields
        done = 0
        while done < CPU_STEPS:
            chunk = min(YIELD_EVERY, CPU_STEPS - done)
            self.state = compute_shared(chunk, self.state)
            done += chunk
            await asyncio.sleep(0)  # hand the loop to the other coroutines, every YIELD_EVERY steps
#else
        self.state = compute_shared(CPU_STEPS, self.state)
#endif
        return (time.perf_counter() - start) * 1000

    async def close(self):
        pass
#endif
