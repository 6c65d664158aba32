#if not async
class Worker:
    """Runs cpu tasks: CPU_STEPS steps of pure-Python computation each."""

    def __init__(self, index, environment):
        self.state = (SEED + index) & 0x7FFFFFFF

    def run(self, task):
        start = time.perf_counter()
        self.state = compute(CPU_STEPS, self.state)
        return (time.perf_counter() - start) * 1000

    def close(self):
        pass
#else
class AsyncWorker:
    """Runs cpu tasks in a coroutine: CPU_STEPS steps of pure-Python computation each."""

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
            self.state = compute(chunk, self.state)
            done += chunk
            await asyncio.sleep(0)  # hand the loop to the other coroutines, every YIELD_EVERY steps
#else
        # Computation awaits nothing: this coroutine keeps the event loop until the task is done.
        self.state = compute(CPU_STEPS, self.state)
#endif
        return (time.perf_counter() - start) * 1000

    async def close(self):
        pass
#endif
