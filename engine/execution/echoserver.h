#pragma once

#include <atomic>
#include <string>
#include <thread>
#include <vector>

namespace clab {

class RunContext;

// The loopback echo server of the io-socket workload: the "remote service" every round trip
// talks to. It listens on 127.0.0.1 on a port the kernel picks, and one thread of its own echoes
// whatever each connection sends, with poll(2) over every socket. It is not a unit of the run
// and holds no GIL: it stands for a server in another program.
//
// start() and stop() from one thread (the run's supervisor); port() from any thread after start().
class EchoServer
{
public:
    EchoServer() = default;
    ~EchoServer();
    EchoServer(const EchoServer &) = delete;
    EchoServer &operator=(const EchoServer &) = delete;

    // Returns an error message, empty on success. If its thread fails later, `context` fails
    // ("the echo server thread failed: ..."); a thread that cannot start throws ThreadStartError.
    std::string start(RunContext &context);
    // Closes every socket and joins the thread. Safe to call twice.
    void stop();
    int port() const { return m_port; }
    // Its thread's kernel id once it serves (0 before), for the sampler's CPU readings (any
    // thread); and that thread's CPU time, final once stop() returned.
    int threadId() const { return m_tid.load(std::memory_order_acquire); }
    double cpuSeconds() const { return m_cpuSeconds.load(std::memory_order_acquire); }

private:
    void serve(std::vector<int> &connections);

    int m_listenFd = -1;
    int m_wakeFd = -1;
    int m_port = 0;
    std::thread m_thread;
    std::atomic<int> m_tid{0};
    std::atomic<double> m_cpuSeconds{0.0};
};

} // namespace clab
