# The pipeline workload: producers compute an item (CPU_STEPS steps) and put it on a bounded queue,
# consumers get it and compute again. A task is one item, produced and consumed.
PRODUCER_COUNT = PRODUCERS if PRODUCERS > 0 else max(1, WORKERS // 2)
DONE = None  # put once per consumer after the last item: a consumer that gets it stops
PIPELINE = {
    "queue_size": QUEUE_SIZE,
    "producers": PRODUCER_COUNT,
    "consumers": max(WORKERS - PRODUCER_COUNT, 1),  # one worker is its own consumer
    "items": 0,
    "put_waits": 0,
    "get_waits": 0,
    "producer_blocked_s": 0.0,
    "consumer_blocked_s": 0.0,
    "max_depth": 0,
}


def run_alone():
    """One worker (the sequential baseline) makes each item, puts it, takes it back and consumes it:
    the queue is never full or empty when it is used."""
    items, state, latencies = [], SEED & 0x7FFFFFFF, []
    for task in range(TASKS):
        state = compute(CPU_STEPS, state)
        items.append(task)
        PIPELINE["max_depth"] = max(PIPELINE["max_depth"], len(items))
        items.pop()
        start = time.perf_counter()
        state = compute(CPU_STEPS, state)
        latencies.append((time.perf_counter() - start) * 1000)
    PIPELINE["items"] = TASKS
    return TASKS, latencies


#if not async
def run_workers(environment):
    """PRODUCER_COUNT threads put items on a queue.Queue(maxsize=QUEUE_SIZE), the other threads get
    them. A put on a full queue or a get on an empty one waits on a condition, which releases the
    GIL (Lib/queue.py)."""
    if WORKERS == 1:
        return run_alone()
    items = queue.Queue(maxsize=QUEUE_SIZE)
    next_task = iter(range(TASKS))
    claim_lock = threading.Lock()  # next() on a shared iterator is not safe without the GIL
    count_lock = threading.Lock()
    results = [None] * WORKERS

    def claim():
        with claim_lock:
            return next(next_task, None)

    def count(key, value):
        with count_lock:
            PIPELINE[key] += value

    def produce(index):
        state = (SEED + index) & 0x7FFFFFFF
        while (task := claim()) is not None:
            state = compute(CPU_STEPS, state)
            try:
                items.put_nowait(task)
            except queue.Full:
                start = time.perf_counter()
                items.put(task)  # waits for room
                count("put_waits", 1)
                count("producer_blocked_s", time.perf_counter() - start)
            with count_lock:
                PIPELINE["max_depth"] = max(PIPELINE["max_depth"], items.qsize())
        results[index] = (0, [])

    def consume(index):
        state = (SEED + index) & 0x7FFFFFFF
        completed, latencies = 0, []
        while True:
            try:
                item = items.get_nowait()
            except queue.Empty:
                start = time.perf_counter()
                item = items.get()  # waits for an item
                if item is not DONE:
                    count("get_waits", 1)
                    count("consumer_blocked_s", time.perf_counter() - start)
            if item is DONE:
                break
            start = time.perf_counter()
            state = compute(CPU_STEPS, state)
            latencies.append((time.perf_counter() - start) * 1000)
            completed += 1
        count("items", completed)
        results[index] = (completed, latencies)

    producers = [threading.Thread(target=produce, args=(i,), name=f"producer-{i}") for i in range(PRODUCER_COUNT)]
    consumers = [
        threading.Thread(target=consume, args=(i,), name=f"consumer-{i}") for i in range(PRODUCER_COUNT, WORKERS)
    ]
    for thread in producers + consumers:
        thread.start()
    for thread in producers:
        thread.join()
    for _ in consumers:
        items.put(DONE)
    for thread in consumers:
        thread.join()
    if None in results:
        sys.exit("a worker thread failed: see its traceback above")
    return sum(done for done, _ in results), [ms for _, times in results for ms in times]
#else
async def run_loop(environment):
    items = asyncio.Queue(maxsize=QUEUE_SIZE)  # made inside the loop (Python 3.8 binds it to one)
    next_task = iter(range(TASKS))  # one thread: the coroutines share it without a lock
    results = []

    async def produce(index):
        state = (SEED + index) & 0x7FFFFFFF
        for task in next_task:
            state = compute(CPU_STEPS, state)
            if items.full():
                start = time.perf_counter()
                await items.put(task)  # suspended until a consumer makes room (Lib/asyncio/queues.py)
                PIPELINE["put_waits"] += 1
                PIPELINE["producer_blocked_s"] += time.perf_counter() - start
            else:
                items.put_nowait(task)
            PIPELINE["max_depth"] = max(PIPELINE["max_depth"], items.qsize())

    async def consume(index):
        state = (SEED + index) & 0x7FFFFFFF
        completed, latencies = 0, []
        while True:
            if items.empty():
                start = time.perf_counter()
                item = await items.get()  # suspended until a producer puts an item
                if item is not DONE:
                    PIPELINE["get_waits"] += 1
                    PIPELINE["consumer_blocked_s"] += time.perf_counter() - start
            else:
                item = items.get_nowait()
            if item is DONE:
                break
            start = time.perf_counter()
            state = compute(CPU_STEPS, state)
            latencies.append((time.perf_counter() - start) * 1000)
            completed += 1
        PIPELINE["items"] += completed
        results.append((completed, latencies))

    consumers = [asyncio.ensure_future(consume(index)) for index in range(PRODUCER_COUNT, WORKERS)]
    await asyncio.gather(*(produce(index) for index in range(PRODUCER_COUNT)))
    for _ in consumers:
        await items.put(DONE)
    await asyncio.gather(*consumers)
    return sum(done for done, _ in results), [ms for _, times in results for ms in times]


def run_workers(environment):
    """PRODUCER_COUNT coroutines put items on an asyncio.Queue(maxsize=QUEUE_SIZE), the others get
    them, all on one event loop on this one thread: awaiting a full or empty queue suspends the
    coroutine and the loop runs the others."""
    return run_alone() if WORKERS == 1 else asyncio.run(run_loop(environment))
#endif
