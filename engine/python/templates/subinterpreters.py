# What each subinterpreter runs: this file again, as a module (so its __main__ guard stays shut),
# then its tasks from the shared queue until it reads -1.
INTERPRETER_MAIN = """
import json, runpy
program = runpy.run_path(program_path, run_name="concurrency_lab_worker")
environment = json.loads(environment_json)
#if hogs
program["start_hogs"]()
#endif
worker = program["Worker"](index, environment)
try:
    while (task := tasks.get()) >= 0:
        results.put(worker.run(task))
finally:
    worker.close()
"""


def run_workers(environment):
    """WORKERS subinterpreters (concurrent.interpreters, PEP 734: Python 3.14+), each with its own
    GIL, in this one process; each is driven by a thread of this interpreter and takes tasks from a
    cross-interpreter queue until none is left."""
    try:
        from concurrent import interpreters
    except ImportError:
        sys.exit(f"subinterpreters need Python 3.14 or newer (concurrent.interpreters); "
                 f"this is Python {sys.version.split()[0]}")
    tasks, results = interpreters.create_queue(), interpreters.create_queue()
    for task in range(TASKS):
        tasks.put(task)
    for _ in range(WORKERS):
        tasks.put(-1)
    failures = []

    def drive(index):
        interpreter = interpreters.create()
        try:
            interpreter.prepare_main(program_path=os.path.abspath(__file__), index=index,
                                     environment_json=json.dumps(environment), tasks=tasks, results=results)
            interpreter.exec(INTERPRETER_MAIN)
        except Exception as error:
            failures.append(error)
        finally:
            interpreter.close()

    threads = [threading.Thread(target=drive, args=(i,), name=f"interpreter-{i}") for i in range(WORKERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if failures:
        sys.exit(f"a subinterpreter failed: {failures[0]}")
    latencies = [results.get() for _ in range(TASKS)]
    return TASKS, [ms for ms in latencies if ms is not None]
