#pragma once

#include <chrono>
#include <functional>
#include <string>
#include <vector>

namespace clab::python {

// How long a program may run, and how the caller stops it early.
struct ProgramLimits
{
    std::chrono::milliseconds timeLimit{std::chrono::minutes(2)};
    std::function<bool()> stopRequested; // polled every few tens of ms; null: never
};

// What running a program gave.
struct ProgramRun
{
    std::string startError; // it could not be started ("cannot start /x/python3: No such file ...")
    int exitStatus = -1; // its waitpid(2) status; -1 when it was not started
    bool timedOut = false; // killed at the time limit
    bool stopped = false; // killed because the caller asked
    std::chrono::milliseconds timeLimit{0}; // the limit it had, for messages
    std::string out; // its standard output (at most kMaxOutputBytes: the rest is dropped)
    std::string err; // the end of its standard error (the last kMaxErrorBytes)

    // Started, ran to its end by itself and exited with code 0.
    bool succeeded() const;
    // Why it did not succeed, for a message: "exited with code 1: <the last lines of its stderr>",
    // "stopped after the time limit of 120 s"; empty when it succeeded.
    std::string failure() const;
};

inline constexpr std::size_t kMaxOutputBytes = 4 << 20;
inline constexpr std::size_t kMaxErrorBytes = 64 << 10;
// How many of its stderr's last lines failure() quotes.
inline constexpr int kQuotedErrorLines = 6;

// Runs `executable` with `args` as a child process in a process group of its own, stdin reading
// /dev/null, and collects its output until it ends. At the time limit or on a stop it kills the
// whole group (what the program started, such as multiprocessing's workers, goes with it) and
// reaps it: no child, zombie or descriptor is left behind whatever happens. Blocks the calling
// thread: not for a GUI thread.
ProgramRun runProgram(const std::string &executable, const std::vector<std::string> &args, const ProgramLimits &limits);

} // namespace clab::python
