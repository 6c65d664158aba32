PAYLOAD = make_payload(NATIVE_KIB * 1024, SEED)


#if not async
class Worker:
    """Runs native tasks: zlib compresses NATIVE_KIB KiB. zlib releases the GIL while it works, so
    threads compress at the same time."""

    def __init__(self, index, environment):
        pass

    def run(self, task):
        start = time.perf_counter()
        zlib.compress(PAYLOAD)
        return (time.perf_counter() - start) * 1000

    def close(self):
        pass
#else
class AsyncWorker:
    """Runs native tasks in a coroutine: zlib is a blocking call, so the loop waits for it."""

    def __init__(self, index, environment):
        pass

    async def open(self):
        pass

    async def run(self, task):
        start = time.perf_counter()
        zlib.compress(PAYLOAD)  # not awaited: every other coroutine waits until it returns
        return (time.perf_counter() - start) * 1000

    async def close(self):
        pass
#endif
