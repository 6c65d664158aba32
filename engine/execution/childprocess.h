#pragma once

#include <chrono>
#include <optional>
#include <string>

namespace clab {

// One child process of the engine and the two channels to it: what we write reaches its fd 3,
// what it writes to its fd 4 we read. The owner of both: on destruction (or terminate()) the
// child's whole process group is killed, the child is reaped with waitpid(2), and our ends are
// closed, so an exception that unwinds past it leaves no zombie, no stray grandchild and no fd.
//
// Our writing end is one end of a socketpair(2), written with send(MSG_NOSIGNAL): writing to a
// child that has died fails with EPIPE instead of raising SIGPIPE, without touching the
// process-wide signal disposition. Its output is a pipe, which we only read.
//
// Move-only; used by one thread (the run's supervisor).
class ChildProcess
{
public:
    ChildProcess() = default;
    ~ChildProcess();
    ChildProcess(ChildProcess &&other) noexcept;
    ChildProcess &operator=(ChildProcess &&other) noexcept;
    ChildProcess(const ChildProcess &) = delete;
    ChildProcess &operator=(const ChildProcess &) = delete;

    // Starts `program` in a process group of its own (platform::spawnProcess). Returns an error
    // message, empty on success; on failure nothing is left open.
    std::string start(const std::string &program);

    int pid() const { return m_pid; }
    bool isStarted() const { return m_pid > 0; }
    bool isReaped() const { return m_reaped; }
    int readFd() const { return m_fromChild; }
    bool canWrite() const { return m_toChild >= 0; }

    // Writes all of `size` bytes; false (and the writing end closed) once the child is gone.
    bool write(const unsigned char *data, std::size_t size);
    // Closes both of our ends: the child reads its end of file, we read nothing more.
    void closeChannels();
    // Kills the child's whole process group now (while the child is not reaped, the group id is
    // still its own, so no other process is hit).
    void killGroup();

    // Reaps the child: waits up to `grace` for it to exit by itself, then kills its process group
    // (whatever it left behind goes with it) and waits for it. Returns its wait status, or nothing
    // when there was no child to reap (never started, already reaped, reaped by someone else).
    // Closes both of our ends first.
    std::optional<int> reap(std::chrono::nanoseconds grace);
    // reap() at once, for destruction and unwinding.
    void terminate() noexcept;

private:
    int m_pid = -1;
    int m_toChild = -1;
    int m_fromChild = -1;
    bool m_reaped = false;
};

} // namespace clab
