#if not async
class Worker:
    """Runs io-sleep tasks: one blocking wait of IO_MS ms. time.sleep() releases the GIL."""

    def __init__(self, index, environment):
        pass

    def run(self, task):
        start = time.perf_counter()
        time.sleep(IO_MS / 1000)
        return (time.perf_counter() - start) * 1000

    def close(self):
        pass
#else
class AsyncWorker:
    """Runs io-sleep tasks in a coroutine: one wait of IO_MS ms."""

    def __init__(self, index, environment):
        pass

    async def open(self):
        pass

    async def run(self, task):
        start = time.perf_counter()
#if blocking
        time.sleep(IO_MS / 1000)  # a blocking call inside a coroutine: the whole loop sleeps
#else
        await asyncio.sleep(IO_MS / 1000)  # the loop runs the other coroutines meanwhile
#endif
        return (time.perf_counter() - start) * 1000

    async def close(self):
        pass
#endif
