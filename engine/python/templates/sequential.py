def run_workers(environment):
    """Every task, one after the other, on this one thread."""
    worker = Worker(0, environment)
    latencies = []
    try:
        for task in range(TASKS):
            latency = worker.run(task)
            if latency is not None:
                latencies.append(latency)
    finally:
        worker.close()
    return TASKS, latencies
