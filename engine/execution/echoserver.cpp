#include "execution/echoserver.h"

#include "execution/threadentry.h"
#include "platform/system.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <vector>

namespace clab {

EchoServer::~EchoServer()
{
    stop();
}

std::string EchoServer::start(RunContext &context)
{
    m_listenFd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    m_wakeFd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
    if (m_listenFd < 0 || m_wakeFd < 0) {
        const std::string reason = std::strerror(errno);
        stop();
        return "io-socket: cannot create the echo server's socket: " + reason;
    }
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = 0; // an ephemeral port
    socklen_t length = sizeof address;
    if (bind(m_listenFd, reinterpret_cast<sockaddr *>(&address), sizeof address) != 0
        || listen(m_listenFd, SOMAXCONN) != 0
        || getsockname(m_listenFd, reinterpret_cast<sockaddr *>(&address), &length) != 0) {
        const std::string reason = std::strerror(errno);
        stop();
        return "io-socket: cannot listen on 127.0.0.1: " + reason;
    }
    m_port = ntohs(address.sin_port);
    try {
        m_thread = startThread("echo server thread", 0, 0, [this, &context] {
            std::vector<int> connections;
            runThread(context, "echo server thread", 0, 0, [&] { serve(connections); });
            // Whether it ended or failed: a client blocked on its reply sees the end, and one that
            // connects from now on is refused (shutdown(2) of a listening socket resets its queue).
            for (const int fd : connections)
                close(fd);
            shutdown(m_listenFd, SHUT_RDWR);
            m_cpuSeconds.store(platform::threadCpuSeconds(), std::memory_order_release);
        });
    } catch (...) {
        stop();
        throw;
    }
    return {};
}

void EchoServer::stop()
{
    if (m_thread.joinable()) {
        const std::uint64_t one = 1;
        [[maybe_unused]] const ssize_t woke = write(m_wakeFd, &one, sizeof one);
        m_thread.join();
    }
    for (int *fd : {&m_listenFd, &m_wakeFd}) {
        if (*fd >= 0) {
            close(*fd);
            *fd = -1;
        }
    }
}

void EchoServer::serve(std::vector<int> &connections)
{
    m_tid.store(platform::currentThreadId(), std::memory_order_release);
    // fds[0] wakes us to stop, fds[1] accepts, the rest are connections (also in `connections`,
    // which the caller closes, whatever happens here).
    std::vector<pollfd> fds{{m_wakeFd, POLLIN, 0}, {m_listenFd, POLLIN, 0}};
    std::array<char, 16384> buffer{};
    for (;;) {
        if (poll(fds.data(), fds.size(), -1) < 0) {
            if (errno == EINTR)
                continue;
            break;
        }
        if (fds[0].revents != 0)
            break;
        if (fds[1].revents & POLLIN) {
            const int client = accept4(m_listenFd, nullptr, nullptr, SOCK_CLOEXEC);
            if (client >= 0) {
                try {
                    connections.push_back(client);
                } catch (...) {
                    close(client);
                    throw;
                }
                const int on = 1;
                setsockopt(client, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
                fds.push_back({client, POLLIN, 0});
            }
        }
        for (std::size_t i = 2; i < fds.size();) {
            bool closed = false;
            if (fds[i].revents != 0) {
                const ssize_t got = recv(fds[i].fd, buffer.data(), buffer.size(), 0);
                closed = got <= 0 && !(got < 0 && errno == EINTR);
                for (ssize_t sent = 0; got > 0 && sent < got;) {
                    const ssize_t n
                        = send(fds[i].fd, buffer.data() + sent, static_cast<std::size_t>(got - sent), MSG_NOSIGNAL);
                    if (n <= 0) {
                        closed = true;
                        break;
                    }
                    sent += n;
                }
            }
            if (closed) {
                close(fds[i].fd);
                std::erase(connections, fds[i].fd);
                fds[i] = fds.back();
                fds.pop_back();
            } else {
                ++i;
            }
        }
    }
}

} // namespace clab
