#include "python/programrunner.h"

#include "platform/system.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <vector>

namespace clab::python {

namespace {

constexpr int kPollMs = 25;

// The pipes of one child, closed whatever path leaves the function.
struct Pipes
{
    std::array<int, 2> out{-1, -1};
    std::array<int, 2> err{-1, -1};
    ~Pipes()
    {
        for (int fd : {out[0], out[1], err[0], err[1]}) {
            if (fd >= 0)
                close(fd);
        }
    }
};

void closeFd(int &fd)
{
    if (fd >= 0) {
        close(fd);
        fd = -1;
    }
}

// Reads what is there; false at end of file or on an error.
bool readSome(int fd, std::string &into, std::size_t keep, bool keepEnd)
{
    std::array<char, 16384> buffer{};
    const ssize_t n = read(fd, buffer.data(), buffer.size());
    if (n < 0 && (errno == EINTR || errno == EAGAIN))
        return true;
    if (n <= 0)
        return false;
    into.append(buffer.data(), static_cast<std::size_t>(n));
    if (into.size() > keep) {
        if (keepEnd)
            into.erase(0, into.size() - keep);
        else
            into.resize(keep);
    }
    return true;
}

// Its group killed, the child reaped: returns its status.
int killAndReap(int pid)
{
    // Until the child is reaped its pid is its group's id, so this reaches its group and no other.
    kill(-pid, SIGKILL);
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    return status;
}

std::string lastLines(const std::string &text, int count)
{
    std::vector<std::string> lines;
    std::size_t from = 0;
    while (from < text.size()) {
        std::size_t newline = text.find('\n', from);
        if (newline == std::string::npos)
            newline = text.size();
        if (newline > from)
            lines.push_back(text.substr(from, newline - from));
        from = newline + 1;
    }
    std::string out;
    const std::size_t first
        = lines.size() > static_cast<std::size_t>(count) ? lines.size() - static_cast<std::size_t>(count) : 0;
    for (std::size_t i = first; i < lines.size(); ++i)
        out += (i == first ? "" : "\n") + lines[i];
    return out;
}

// "120", "0.3": a time limit in seconds, without trailing zeros.
std::string secondsText(std::chrono::milliseconds limit)
{
    std::string text = std::to_string(static_cast<double>(limit.count()) / 1000.0);
    text.erase(text.find_last_not_of('0') + 1);
    if (text.back() == '.')
        text.pop_back();
    return text;
}

// Whether the child has exited, without reaping it (WNOWAIT keeps its pid its group's id).
bool hasExited(int pid)
{
    siginfo_t info{};
    int got = 0;
    while ((got = waitid(P_PID, static_cast<id_t>(pid), &info, WEXITED | WNOHANG | WNOWAIT)) < 0 && errno == EINTR) {
    }
    return got < 0 || info.si_pid == pid;
}

} // namespace

bool ProgramRun::succeeded() const
{
    return startError.empty() && !timedOut && !stopped && WIFEXITED(exitStatus) && WEXITSTATUS(exitStatus) == 0;
}

std::string ProgramRun::failure() const
{
    if (!startError.empty())
        return startError;
    if (stopped)
        return "stopped";
    if (timedOut)
        return "stopped at the time limit of " + secondsText(timeLimit) + " s";
    if (succeeded())
        return {};
    std::string text = platform::describeExit(exitStatus);
    const std::string tail = lastLines(err, kQuotedErrorLines);
    return tail.empty() ? text : text + ":\n" + tail;
}

ProgramRun runProgram(const std::string &executable, const std::vector<std::string> &args, const ProgramLimits &limits)
{
    ProgramRun run;
    run.timeLimit = limits.timeLimit;
    Pipes pipes;
    if (pipe2(pipes.out.data(), O_CLOEXEC) != 0 || pipe2(pipes.err.data(), O_CLOEXEC) != 0) {
        const int error = errno;
        run.startError = "cannot create a pipe: " + std::string(std::strerror(error)) + platform::limitNote(error);
        return run;
    }
    const int pid = platform::spawnProcess(executable, args, {{1, pipes.out[1]}, {2, pipes.err[1]}});
    closeFd(pipes.out[1]);
    closeFd(pipes.err[1]);
    if (pid <= 0) {
        run.startError = "cannot start " + executable + ": " + std::strerror(-pid) + platform::limitNote(-pid);
        return run;
    }

    const std::int64_t deadline = platform::monotonicNs() + std::chrono::nanoseconds(limits.timeLimit).count();
    bool outOpen = true;
    bool errOpen = true;
    // Until both pipes end. A program that exits but leaves a child holding them (a server it did
    // not stop) runs into the time limit, and its group is killed then.
    while (outOpen || errOpen) {
        std::array<pollfd, 2> fds{{{outOpen ? pipes.out[0] : -1, POLLIN, 0}, {errOpen ? pipes.err[0] : -1, POLLIN, 0}}};
        const int ready = poll(fds.data(), fds.size(), kPollMs);
        if (ready < 0 && errno != EINTR)
            break;
        if (ready > 0) {
            if (outOpen && fds[0].revents != 0)
                outOpen = readSome(pipes.out[0], run.out, kMaxOutputBytes, false);
            if (errOpen && fds[1].revents != 0)
                errOpen = readSome(pipes.err[0], run.err, kMaxErrorBytes, true);
        }
        if (limits.stopRequested && limits.stopRequested()) {
            run.stopped = true;
            break;
        }
        if (platform::monotonicNs() >= deadline) {
            run.timedOut = true;
            break;
        }
    }
    // Both pipes ended: the program is exiting. Give it until the time limit to do so by itself.
    while (!run.stopped && !run.timedOut && !hasExited(pid)) {
        if (limits.stopRequested && limits.stopRequested())
            run.stopped = true;
        else if (platform::monotonicNs() >= deadline)
            run.timedOut = true;
        else
            poll(nullptr, 0, 1);
    }
    run.exitStatus = killAndReap(pid);
    return run;
}

} // namespace clab::python
