MESSAGE_BYTES = 64


#if not async
class Worker:
    """Runs io-socket tasks: sends MESSAGE_BYTES to the echo server and reads the echo. Each call
    releases the GIL and must take it back before the code goes on."""

    def __init__(self, index, environment):
        self.connection = socket.create_connection(("127.0.0.1", environment["echo_port"]))
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.message = bytes((index * 7 + i) % 256 for i in range(MESSAGE_BYTES))

    def run(self, task):
        start = time.perf_counter()
        self.connection.sendall(self.message)
        reply = b""
        while len(reply) < MESSAGE_BYTES:
            part = self.connection.recv(MESSAGE_BYTES - len(reply))
            if not part:
                raise RuntimeError("the echo server closed the connection")
            reply += part
        if reply != self.message:
            raise RuntimeError("the echo came back different")
        return (time.perf_counter() - start) * 1000

    def close(self):
        self.connection.close()
#else
class AsyncWorker:
    """Runs io-socket tasks in a coroutine with asyncio streams: it writes, then awaits the echo
    while the loop runs the other coroutines."""

    def __init__(self, index, environment):
        self.port = environment["echo_port"]
        self.message = bytes((index * 7 + i) % 256 for i in range(MESSAGE_BYTES))

    async def open(self):
        self.reader, self.writer = await asyncio.open_connection("127.0.0.1", self.port)
        self.writer.get_extra_info("socket").setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    async def run(self, task):
        start = time.perf_counter()
        self.writer.write(self.message)
        await self.writer.drain()
        reply = await self.reader.readexactly(MESSAGE_BYTES)
        if reply != self.message:
            raise RuntimeError("the echo came back different")
        return (time.perf_counter() - start) * 1000

    async def close(self):
        self.writer.close()
        await self.writer.wait_closed()
#endif
