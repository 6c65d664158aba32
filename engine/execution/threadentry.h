#pragma once

#include "execution/testhooks.h"

#include <exception>
#include <stdexcept>
#include <string>
#include <system_error>
#include <thread>
#include <utility>

namespace clab {

class RunContext;

// Every thread of a run starts through these, so that nothing a thread throws (std::bad_alloc,
// std::system_error) reaches std::terminate: it becomes the run's failure, named after the thread.

// A thread of a run could not be created: "cannot start worker thread 3 of 8: Resource
// temporarily unavailable". Its message is the run's error as it is.
class ThreadStartError : public std::runtime_error
{
public:
    using std::runtime_error::runtime_error;
};

// "the sampler thread" or, for one of several, "worker thread 3 of 8".
std::string threadName(const char *kind, int number = 0, int count = 0);

// What an exception says, for a message: its what(), or "an unknown exception".
std::string describe(const std::exception_ptr &error);

// Fails the run with "<thread> failed: <what>" (a ThreadStartError: its own message). Never
// throws; with no memory left for the message, it still stops the run.
void failRun(RunContext &context, const std::string &thread, const std::exception_ptr &error) noexcept;

// "cannot start worker thread 3 of 8: Resource temporarily unavailable (ulimit -u is 40)": the
// thread, why, and the limit of processes that stopped it when there is one (RLIMIT_NPROC).
std::string threadStartMessage(const char *kind, int number, int count, const std::error_code &error);

// Creates a thread; a failure (std::system_error: the limit of threads or memory reached) becomes
// a ThreadStartError naming it. `kind` and number/count as for threadName().
template<typename... Args> std::thread startThread(const char *kind, int number, int count, Args &&...args)
{
    try {
        CLAB_TEST_HOOK(("start " + std::string(kind)).c_str());
        return std::thread(std::forward<Args>(args)...);
    } catch (const std::system_error &error) {
        throw ThreadStartError(threadStartMessage(kind, number, count, error.code()));
    }
}

// A thread's entry point: runs `body`, and whatever it throws fails the run instead of ending the
// program. The test-hook site is `kind` ("sampler thread").
template<typename Body>
void runThread(RunContext &context, const char *kind, int number, int count, Body &&body) noexcept
{
    try {
        CLAB_TEST_HOOK(kind);
        std::forward<Body>(body)();
    } catch (...) {
        std::string name;
        try {
            name = threadName(kind, number, count);
        } catch (...) {
        }
        failRun(context, name, std::current_exception());
    }
}

} // namespace clab
