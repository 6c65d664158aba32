def compute(steps, x):
    """Pure-Python computation: `steps` steps of about a microsecond each on CPython (16 rounds of a
    linear congruential generator). It holds the GIL throughout: another thread gets a turn only
    when this one is asked to drop it (every switch interval)."""
    for _ in range(steps):
        for _ in range(16):
            x = (x * 1103515245 + 12345) & 0x7FFFFFFF
    return x
