#if not async
class Worker:
    """Runs io-file tasks: writes FILE_KIB KiB, fsyncs them to disk and reads them back. The calls
    release the GIL while the disk works."""

    def __init__(self, index, environment):
        self.path = os.path.join(environment["folder"], f"unit-{index}.dat")
        self.data = make_payload(FILE_KIB * 1024, SEED)

    def run(self, task):
        start = time.perf_counter()
        with open(self.path, "wb") as file:
            file.write(self.data)
            file.flush()
            os.fsync(file.fileno())
        with open(self.path, "rb") as file:
            if file.read() != self.data:
                raise RuntimeError(f"{self.path}: the bytes read back differ from those written")
        return (time.perf_counter() - start) * 1000

    def close(self):
        if os.path.exists(self.path):
            os.remove(self.path)
#else
class AsyncWorker:
    """Runs io-file tasks in a coroutine. File calls are blocking (asyncio has no asynchronous
    files), so the loop waits for each write, fsync and read."""

    def __init__(self, index, environment):
        self.path = os.path.join(environment["folder"], f"unit-{index}.dat")
        self.data = make_payload(FILE_KIB * 1024, SEED)

    async def open(self):
        pass

    async def run(self, task):
        start = time.perf_counter()
        with open(self.path, "wb") as file:
            file.write(self.data)
            file.flush()
            os.fsync(file.fileno())
        with open(self.path, "rb") as file:
            if file.read() != self.data:
                raise RuntimeError(f"{self.path}: the bytes read back differ from those written")
        return (time.perf_counter() - start) * 1000

    async def close(self):
        if os.path.exists(self.path):
            os.remove(self.path)
#endif
