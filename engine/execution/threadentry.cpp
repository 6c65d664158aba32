#include "execution/threadentry.h"

#include "execution/runcontext.h"
#include "platform/system.h"

namespace clab {

std::string threadName(const char *kind, int number, int count)
{
    if (count <= 0)
        return std::string("the ") + kind;
    return std::string(kind) + " " + std::to_string(number) + " of " + std::to_string(count);
}

std::string threadStartMessage(const char *kind, int number, int count, const std::error_code &error)
{
    std::string message = "cannot start " + threadName(kind, number, count) + ": " + error.message();
    if (error.category() == std::generic_category() || error.category() == std::system_category())
        message += platform::limitNote(error.value());
    return message;
}

std::string describe(const std::exception_ptr &error)
{
    try {
        std::rethrow_exception(error);
    } catch (const std::exception &e) {
        return e.what();
    } catch (...) {
        return "an unknown exception";
    }
}

void failRun(RunContext &context, const std::string &thread, const std::exception_ptr &error) noexcept
{
    try {
        try {
            std::rethrow_exception(error);
        } catch (const ThreadStartError &e) {
            context.fail(e.what());
            return;
        } catch (...) {
        }
        context.fail((thread.empty() ? std::string("a thread of the run") : thread) + " failed: " + describe(error));
    } catch (...) {
        context.requestStop(); // no memory even for the message: the run still ends
    }
}

} // namespace clab
