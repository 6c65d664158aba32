#include "execution/hogthreads.h"

#include "execution/runcontext.h"
#include "execution/threadentry.h"
#include "model/threadstate.h"
#include "model/workload.h"

#include <chrono>
#include <functional>

namespace clab {

namespace {

void runHog(RunContext &context, Interpreter &interpreter, WorkerRecord &record,
    const std::vector<unsigned char> &payload, const std::atomic<bool> &stop, const std::function<void()> &attached,
    int number, int count)
{
    runThread(context, "hog thread", number, count, [&] {
        ThreadState thread(context, interpreter, record);
        Workload workload(context, interpreter, thread, record, payload);
        workload.runHog(stop, attached);
        thread.finish();
    });
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
    m_holding.assign(interpreters.size(), false);
    m_hasHogs.assign(interpreters.size(), false);
    int count = 0;
    for (const auto &unit : context.units) {
        if (unit->role == WorkerRole::Hog) {
            m_hasHogs[static_cast<std::size_t>(unit->interpreter)] = true;
            ++count;
        }
    }
    m_threads.reserve(static_cast<std::size_t>(count));
    for (const auto &unit : context.units) {
        if (unit->role != WorkerRole::Hog)
            continue;
        const auto index = static_cast<std::size_t>(unit->interpreter);
        std::function<void()> attached = [this, index] {
            {
                std::scoped_lock lock(m_mutex);
                m_holding[index] = true;
            }
            m_holdingChanged.notify_all();
        };
        const int number = static_cast<int>(m_threads.size()) + 1;
        m_threads.push_back(
            startThread("hog thread", number, count, runHog, std::ref(context), std::ref(*interpreters[index]),
                std::ref(*unit), std::cref(payload), std::cref(m_stop), std::move(attached), number, count));
    }
}

void HogThreads::waitUntilHolding(const RunContext &context)
{
    auto ready = [&] {
        for (std::size_t i = 0; i < m_hasHogs.size(); ++i) {
            if (m_hasHogs[i] && !m_holding[i])
                return false;
        }
        return true;
    };
    // Short waits, so that a stop (which does not signal this condition) is seen at once.
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(1);
    std::unique_lock lock(m_mutex);
    while (!ready() && !context.stopRequested() && std::chrono::steady_clock::now() < deadline)
        m_holdingChanged.wait_for(lock, std::chrono::milliseconds(5));
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
