CPU_PART_STEPS = int(CPU_STEPS * CPU_FRACTION + 0.5)
IO_PART_MS = IO_MS * (1 - CPU_FRACTION)


#if not async
class Worker:
    """Runs mixed tasks: CPU_FRACTION of CPU_STEPS steps of computation, then a blocking wait for
    the rest of IO_MS. The latency is the wait's."""

    def __init__(self, index, environment):
        self.state = (SEED + index) & 0x7FFFFFFF

    def run(self, task):
        self.state = compute(CPU_PART_STEPS, self.state)
        if IO_PART_MS <= 0:
            return None
        start = time.perf_counter()
        time.sleep(IO_PART_MS / 1000)
        return (time.perf_counter() - start) * 1000

    def close(self):
        pass
#else
class AsyncWorker:
    """Runs mixed tasks in a coroutine: computation, then a wait. The latency is the wait's."""

    def __init__(self, index, environment):
        self.state = (SEED + index) & 0x7FFFFFFF

    async def open(self):
        pass

    async def run(self, task):
#if yields
        done = 0
        while done < CPU_PART_STEPS:
            chunk = min(YIELD_EVERY, CPU_PART_STEPS - done)
            self.state = compute(chunk, self.state)
            done += chunk
            await asyncio.sleep(0)  # hand the loop to the other coroutines, every YIELD_EVERY steps
#else
        self.state = compute(CPU_PART_STEPS, self.state)  # awaits nothing: keeps the loop
#endif
        if IO_PART_MS <= 0:
            return None
        start = time.perf_counter()
#if blocking
        time.sleep(IO_PART_MS / 1000)  # a blocking call inside a coroutine: the whole loop sleeps
#else
        await asyncio.sleep(IO_PART_MS / 1000)
#endif
        return (time.perf_counter() - start) * 1000

    async def close(self):
        pass
#endif
