async def run_loop(environment):
    next_task = iter(range(TASKS))  # one thread: the coroutines share it without a lock
    results = []

    async def work(index):
        worker = AsyncWorker(index, environment)
        await worker.open()
        completed, latencies = 0, []
        try:
            for task in next_task:
                latency = await worker.run(task)
                completed += 1
                if latency is not None:
                    latencies.append(latency)
#if ends_early
        except EndRun:
            pass  # the workload ended the run: this coroutine stops here
#endif
        finally:
            await worker.close()
        results.append((completed, latencies))

    if hasattr(asyncio, "TaskGroup"):  # Python 3.11+: structured concurrency
        async with asyncio.TaskGroup() as group:
            for index in range(WORKERS):
                group.create_task(work(index))
    else:
        await asyncio.gather(*(work(index) for index in range(WORKERS)))
    return sum(done for done, _ in results), [ms for _, times in results for ms in times]


def run_workers(environment):
    """WORKERS coroutines on one asyncio event loop, on this one thread, take tasks from a shared
    iterator; a coroutine gives the loop to the others only where it awaits."""
    return asyncio.run(run_loop(environment))
