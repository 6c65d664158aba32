#include "execution/childprocess.h"

#include "platform/system.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <thread>
#include <utility>

namespace clab {

namespace {

void closeFd(int &fd)
{
    if (fd >= 0) {
        close(fd);
        fd = -1;
    }
}

} // namespace

ChildProcess::~ChildProcess()
{
    terminate();
}

ChildProcess::ChildProcess(ChildProcess &&other) noexcept
    : m_pid(std::exchange(other.m_pid, -1))
    , m_toChild(std::exchange(other.m_toChild, -1))
    , m_fromChild(std::exchange(other.m_fromChild, -1))
    , m_reaped(std::exchange(other.m_reaped, false))
{}

ChildProcess &ChildProcess::operator=(ChildProcess &&other) noexcept
{
    if (this != &other) {
        terminate();
        m_pid = std::exchange(other.m_pid, -1);
        m_toChild = std::exchange(other.m_toChild, -1);
        m_fromChild = std::exchange(other.m_fromChild, -1);
        m_reaped = std::exchange(other.m_reaped, false);
    }
    return *this;
}

std::string ChildProcess::start(const std::string &program)
{
    terminate();
    m_reaped = false;
    std::array<int, 2> toChild{-1, -1}; // [0] ours, [1] the child's fd 3
    std::array<int, 2> fromChild{-1, -1}; // [0] ours, [1] the child's fd 4
    if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, toChild.data()) != 0
        || pipe2(fromChild.data(), O_CLOEXEC) != 0) {
        const int error = errno;
        for (int *fd : {&toChild[0], &toChild[1], &fromChild[0], &fromChild[1]})
            closeFd(*fd);
        return "cannot create a pipe: " + std::string(std::strerror(error)) + platform::limitNote(error);
    }
    const int pid = platform::spawnProcess(program, {}, {{3, toChild[1]}, {4, fromChild[1]}});
    close(toChild[1]);
    close(fromChild[1]);
    m_toChild = toChild[0];
    m_fromChild = fromChild[0];
    if (pid <= 0) {
        closeChannels();
        return "cannot start " + program + ": " + std::strerror(-pid) + platform::limitNote(-pid);
    }
    m_pid = pid;
    return {};
}

bool ChildProcess::write(const unsigned char *data, std::size_t size)
{
    std::size_t done = 0;
    while (m_toChild >= 0 && done < size) {
        const ssize_t n = send(m_toChild, data + done, size - done, MSG_NOSIGNAL);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            closeFd(m_toChild); // the child is gone (EPIPE): its end of file on the pipe tells how
            return false;
        }
        done += static_cast<std::size_t>(n);
    }
    return m_toChild >= 0;
}

void ChildProcess::closeChannels()
{
    closeFd(m_toChild);
    closeFd(m_fromChild);
}

void ChildProcess::killGroup()
{
    if (m_pid > 0 && !m_reaped)
        kill(-m_pid, SIGKILL);
}

std::optional<int> ChildProcess::reap(std::chrono::nanoseconds grace)
{
    closeChannels();
    if (m_pid <= 0 || m_reaped)
        return std::nullopt;
    // Wait for its exit without reaping it yet (WNOWAIT): until it is reaped, its pid is still
    // its process group's id, so the kill below reaches its group and no other (waitid(2)).
    const std::int64_t deadline = platform::monotonicNs() + grace.count();
    for (;;) {
        siginfo_t info{};
        const int got = waitid(P_PID, static_cast<id_t>(m_pid), &info, WEXITED | WNOHANG | WNOWAIT);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0) {
            m_reaped = true; // ECHILD: not ours to reap any more (SIGCHLD ignored, or reaped elsewhere)
            return std::nullopt;
        }
        if (info.si_pid == m_pid || platform::monotonicNs() >= deadline)
            break;
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    kill(-m_pid, SIGKILL); // what it started in its group (a wrapper's children) ends with it
    int status = 0;
    pid_t got = 0;
    while ((got = waitpid(m_pid, &status, 0)) < 0 && errno == EINTR) {
    }
    m_reaped = true;
    if (got != m_pid)
        return std::nullopt;
    return status;
}

void ChildProcess::terminate() noexcept
{
    reap(std::chrono::nanoseconds(0));
}

} // namespace clab
