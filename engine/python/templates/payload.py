WORDS = [b"thread ", b"process ", b"coroutine ", b"lock ", b"the ", b"interpreter ", b"switch ", b"core ",
         b"bytecode ", b"a ", b"waits ", b"runs ", b"GIL ", b"and ", b"queue ", b"parallel "]


def make_payload(size, seed):
    """Text-like bytes that zlib compresses about 3:1: the same bytes the engine uses."""
    mask = (1 << 64) - 1
    x = (seed * 0x9E3779B97F4A7C15 + 1) & mask
    out = bytearray()
    while len(out) < size:
        x ^= (x << 13) & mask
        x ^= x >> 7
        x ^= (x << 17) & mask
        out += WORDS[x % len(WORDS)]
    return bytes(out[:size])
