#include "hogthreads.h"

#include "runcontext.h"
#include "threadstate.h"
#include "workload.h"

namespace clab {

namespace {

void runHog(RunContext &context, Interpreter &interpreter, WorkerRecord &record,
            const std::vector<unsigned char> &payload, const std::atomic<bool> &stop)
{
    ThreadState thread(context, interpreter, record);
    Workload workload(context, interpreter, thread, record, payload);
    workload.runHog(stop);
    thread.finish();
}

} // namespace

HogThreads::~HogThreads()
{
    stopAndJoin();
}

void HogThreads::start(RunContext &context, const std::vector<std::unique_ptr<Interpreter>> &interpreters,
                       const std::vector<unsigned char> &payload)
{
    m_interpreters = &interpreters;
    for (const auto &unit : context.units) {
        if (unit->role != WorkerRole::Hog)
            continue;
        Interpreter &interpreter = *interpreters[static_cast<std::size_t>(unit->interpreter)];
        m_threads.emplace_back(runHog, std::ref(context), std::ref(interpreter), std::ref(*unit),
                               std::cref(payload), std::cref(m_stop));
    }
}

void HogThreads::stopAndJoin()
{
    m_stop.store(true);
    if (m_interpreters) {
        for (const auto &interpreter : *m_interpreters)
            interpreter->gil.interrupt();
    }
    for (std::thread &thread : m_threads) {
        if (thread.joinable())
            thread.join();
    }
    m_threads.clear();
}

} // namespace clab
