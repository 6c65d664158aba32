#include "execution/threadexecutor.h"

#include "execution/hogthreads.h"
#include "execution/runcontext.h"
#include "execution/threadentry.h"
#include "model/workload.h"

#include <algorithm>
#include <thread>

namespace clab {

std::string ThreadExecutor::prepare(RunContext &context)
{
    const RunConfig &config = context.config();
    const int interpreters = config.model == ExecutionModel::Subinterpreters ? config.workers : 1;
    for (int i = 0; i < interpreters; ++i)
        m_interpreters.push_back(std::make_unique<Interpreter>(config));

    for (int w = 0; w < config.workers; ++w)
        context.addUnit(WorkerRole::Worker, interpreters == 1 ? 0 : w);
    for (int i = 0; i < interpreters; ++i) {
        for (int h = 0; h < config.cpuHogs; ++h)
            context.addUnit(WorkerRole::Hog, i);
    }

    m_payload = makePayload(config);
    return {};
}

void ThreadExecutor::runUnit(RunContext &context, std::size_t unit, int number, int count)
{
    runThread(context, "worker thread", number, count, [&] {
        WorkerRecord &record = *context.units[unit];
        Interpreter &interpreter = *m_interpreters[static_cast<std::size_t>(record.interpreter)];
        ThreadState thread(context, interpreter, record);
        Workload workload(context, interpreter, thread, record, m_payload);
        workload.runTasks();
        thread.finish();
    });
}

void ThreadExecutor::execute(RunContext &context)
{
    std::vector<std::thread> workers;
    HogThreads hogs;
    try {
        const auto count = static_cast<int>(std::count_if(context.units.begin(), context.units.end(),
            [](const auto &unit) { return unit->role == WorkerRole::Worker; }));
        workers.reserve(static_cast<std::size_t>(count));
        // Hogs first: in the convoy experiment they already hold the GIL when the I/O starts.
        hogs.start(context, m_interpreters, m_payload);
        hogs.waitUntilHolding(context);
        for (std::size_t i = 0; i < context.units.size(); ++i) {
            if (context.units[i]->role != WorkerRole::Worker)
                continue;
            const int number = static_cast<int>(workers.size()) + 1;
            workers.push_back(startThread(
                "worker thread", number, count, &ThreadExecutor::runUnit, this, std::ref(context), i, number, count));
        }
    } catch (...) {
        // A thread that could not start (or no memory): the ones started stop and are joined.
        failRun(context, "the run's supervisor thread", std::current_exception());
        interrupt();
    }

    for (std::thread &thread : workers)
        thread.join();
    hogs.stopAndJoin();

    for (const auto &interpreter : m_interpreters)
        addSharedCounts(context, *interpreter);
}

void ThreadExecutor::interrupt()
{
    for (auto &interpreter : m_interpreters)
        interpreter->gil.interrupt();
}

} // namespace clab
