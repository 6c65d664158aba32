def start_hogs():
    """CPU_HOGS threads that compute for the whole run in this interpreter (the convoy effect): each
    wants the GIL all the time, so every thread that waited for I/O must wait for it again."""
    stop = threading.Event()
    started = threading.Semaphore(0)

    def hog():
        started.release()
        x = 1
        while not stop.is_set():
            x = compute(100, x)

    hogs = [threading.Thread(target=hog, name=f"cpu-hog-{i}", daemon=True) for i in range(CPU_HOGS)]
    for thread in hogs:
        thread.start()
    for _ in hogs:
        started.acquire()  # every hog holds or wants the GIL before the run begins

    def stop_hogs():
        stop.set()
        for thread in hogs:
            thread.join()

    return stop_hogs
