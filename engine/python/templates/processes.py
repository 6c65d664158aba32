# Start method: "fork" where the platform has it (Linux's default up to Python 3.13; 3.14 made it
# "forkserver"), because it starts a worker in about 10 ms where "spawn" takes about 60 ms.
START_METHOD = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
_worker = None


def start_worker(environment):
    """Runs once in each worker process, before its first task."""
    global _worker
#if hogs
    start_hogs()  # CPU_HOGS hog threads in this process, beside its worker
#endif
    _worker = Worker(os.getpid(), environment)


def run_task(task):
    return _worker.run(task)


def run_workers(environment):
    """WORKERS child processes (multiprocessing, each with its own interpreter and GIL) take tasks
    from the pool's queue one at a time until none is left."""
    context = multiprocessing.get_context(START_METHOD)
    with ProcessPoolExecutor(max_workers=WORKERS, mp_context=context, initializer=start_worker,
                             initargs=(environment,)) as pool:
        results = list(pool.map(run_task, range(TASKS)))
    return len(results), [ms for ms in results if ms is not None]
