{{header}}
{{imports}}

{{settings}}

#if ends_early
class EndRun(Exception):
    """Raised by a worker's task to end the run early (the deadlock workload, once it found one)."""


#endif
{{pieces}}


def cpu_seconds():
    """CPU time of this process and of its children that have ended, as os.times() counts it."""
    times = os.times()
    return times.user + times.system + times.children_user + times.children_system


def gil_enabled():
    """False only on a free-threaded build running without its GIL (Python 3.13+)."""
    check = getattr(sys, "_is_gil_enabled", None)
    return True if check is None else bool(check())


def percentile(values, p):
    """Percentile by nearest rank, as the engine computes it."""
    if not values:
        return 0.0
    ordered = sorted(values)
    rank = min(max(math.ceil(p / 100 * len(ordered)), 1), len(ordered))
    return ordered[rank - 1]


def main():
    sys.setswitchinterval(SWITCH_INTERVAL_MS / 1000)  # how long a waiting thread waits for the GIL
    environment = {}
#if socket
    echo_server, environment["echo_port"] = start_echo_server()
#endif
#if file
    scratch = tempfile.TemporaryDirectory(prefix="concurrency-lab-")
    environment["folder"] = scratch.name
#endif
#if hogs_here
    stop_hogs = start_hogs()
#endif
    cpu_before = cpu_seconds()
    start = time.perf_counter()
    completed, latencies = run_workers(environment)
    wall = time.perf_counter() - start
    cpu = cpu_seconds() - cpu_before  # the echo server's process is not part of the run
#if hogs_here
    stop_hogs()
#endif
#if socket
    stop_echo_server(echo_server)
#endif
#if file
    scratch.cleanup()
#endif
    summary = {
        "wall_s": wall,
        "cpu_s": cpu,
        "tasks_completed": completed,
        "throughput_tps": completed / wall if wall > 0 else 0.0,
        "avg_cores_busy": cpu / wall if wall > 0 else 0.0,
        "latency_ms_p50": percentile(latencies, 50),
        "latency_ms_p90": percentile(latencies, 90),
        "latency_ms_p99": percentile(latencies, 99),
    }
#if shared_here
    summary["shared_updates"] = sum(SHARED)
#endif
#if deadlock_here
    summary["deadlock"] = DEADLOCK
#endif
#if pipeline
    summary["pipeline"] = PIPELINE
#endif
#if race_here
    expected = completed * CPU_STEPS
    summary["race"] = {
        "expected": expected,
        "final": final_count(),
        "lost_updates": max(expected - final_count(), 0),
        "lock_acquisitions": LOCK_USE["acquisitions"],
        "lock_waits": LOCK_USE["waits"],
        "lock_wait_s": LOCK_USE["wait_s"],
    }
#endif
    print(json.dumps({
        "format": "concurrency-lab-python",
        "config": SETTINGS,
        "python": {
            "executable": sys.executable,
            "version": ".".join(str(part) for part in sys.version_info[:3]),
            "implementation": sys.implementation.name,
            "gil_enabled": gil_enabled(),
        },
        "summary": summary,
    }))


if __name__ == "__main__":
    main()
