#include "execution/runcontext.h"

namespace clab {

std::string_view toString(WorkerRole role)
{
    return role == WorkerRole::Hog ? "hog" : "worker";
}

RunContext::RunContext(RunConfig config)
    : m_config(std::move(config))
    , m_completions(new std::atomic<std::uint32_t>[static_cast<std::size_t>(m_config.tasks)])
{
    for (int i = 0; i < m_config.tasks; ++i)
        m_completions[static_cast<std::size_t>(i)].store(0, std::memory_order_relaxed);
}

int RunContext::claimTask()
{
    if (stopRequested())
        return -1;
    if (taskSource)
        return taskSource();
    if (m_hasReturned.load(std::memory_order_acquire)) {
        std::scoped_lock lock(m_returnedMutex);
        if (!m_returned.empty()) {
            const int task = m_returned.back();
            m_returned.pop_back();
            m_hasReturned.store(!m_returned.empty(), std::memory_order_release);
            return task;
        }
    }
    const int task = m_nextTask.fetch_add(1, std::memory_order_relaxed);
    return task < m_config.tasks ? task : -1;
}

void RunContext::returnTask(int task)
{
    std::scoped_lock lock(m_returnedMutex);
    m_returned.push_back(task);
    m_hasReturned.store(true, std::memory_order_release);
}

void RunContext::completeTask(int task)
{
    if (taskSink)
        taskSink(task);
    m_completions[static_cast<std::size_t>(task)].fetch_add(1, std::memory_order_relaxed);
    m_tasksDone.fetch_add(1, std::memory_order_relaxed);
}

std::vector<std::uint32_t> RunContext::taskCompletions() const
{
    std::vector<std::uint32_t> out(static_cast<std::size_t>(m_config.tasks));
    for (std::size_t i = 0; i < out.size(); ++i)
        out[i] = m_completions[i].load(std::memory_order_relaxed);
    return out;
}

void RunContext::enterRunning()
{
    observeRunning(m_running.fetch_add(1, std::memory_order_acq_rel) + 1);
}

void RunContext::leaveRunning()
{
    m_running.fetch_sub(1, std::memory_order_acq_rel);
}

void RunContext::setRunning(int count)
{
    m_running.store(count, std::memory_order_relaxed);
    observeRunning(count);
}

void RunContext::observeRunning(int count)
{
    int seen = m_maxRunning.load(std::memory_order_relaxed);
    while (count > seen && !m_maxRunning.compare_exchange_weak(seen, count, std::memory_order_relaxed)) {
    }
}

void RunContext::noteFailure(const std::string &message)
{
    std::scoped_lock lock(m_errorMutex);
    m_failures.push_back(message);
}

std::vector<std::string> RunContext::failures() const
{
    std::scoped_lock lock(m_errorMutex);
    return m_failures;
}

void RunContext::requestStop()
{
    m_stop.store(true);
    std::scoped_lock lock(m_stopMutex);
    m_stopCond.notify_all();
}

void RunContext::fail(const std::string &message)
{
    {
        std::scoped_lock lock(m_errorMutex);
        if (m_error.empty())
            m_error = message;
    }
    requestStop();
}

std::string RunContext::error() const
{
    std::scoped_lock lock(m_errorMutex);
    return m_error;
}

bool RunContext::sleepFor(std::chrono::nanoseconds duration)
{
    std::unique_lock lock(m_stopMutex);
    return !m_stopCond.wait_for(lock, duration, [&] { return m_stop.load(); });
}

WorkerRecord &RunContext::addUnit(WorkerRole role, int interpreter)
{
    units.push_back(std::make_unique<WorkerRecord>(static_cast<int>(units.size()), role, interpreter));
    units.back()->timeline.setBudget(&timelineBudget);
    return *units.back();
}

} // namespace clab
