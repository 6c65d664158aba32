def run_workers(environment):
    """WORKERS threads (threading.Thread: real OS threads, one interpreter, one GIL) take tasks from
    a shared counter until none is left."""
    next_task = iter(range(TASKS))
    claim_lock = threading.Lock()  # next() on a shared iterator is not safe without the GIL
    results = [None] * WORKERS

    def claim():
        with claim_lock:
            return next(next_task, None)

    def work(index):
        worker = Worker(index, environment)
        completed, latencies = 0, []
        try:
            while (task := claim()) is not None:
                latency = worker.run(task)
                completed += 1
                if latency is not None:
                    latencies.append(latency)
#if ends_early
        except EndRun:
            pass  # the workload ended the run: this worker stops here
#endif
        finally:
            worker.close()
        results[index] = (completed, latencies)

    threads = [threading.Thread(target=work, args=(i,), name=f"worker-{i}") for i in range(WORKERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if None in results:
        sys.exit("a worker thread failed: see its traceback above")
    return sum(done for done, _ in results), [ms for _, times in results for ms in times]
