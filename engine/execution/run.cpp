#include "execution/run.h"

#include "execution/echoserver.h"
#include "execution/executorfactory.h"
#include "execution/runcontext.h"
#include "execution/threadentry.h"
#include "measurement/sampler.h"
#include "model/threadstate.h"
#include "platform/system.h"

#include <algorithm>

namespace clab {

Run::Run(RunConfig config)
    : m_config(std::move(config))
{}

Run::~Run()
{
    requestStop();
    if (m_supervisor.joinable())
        m_supervisor.join();
}

std::optional<ConfigError> Run::start()
{
    if (m_context)
        return ConfigError{"run", "already started; make a new Run for another experiment"};
    if (auto error = validate(m_config))
        return error;
    m_context = std::make_unique<RunContext>(m_config);
    m_executor = makeExecutor(m_config.model);
    m_sampler = std::make_unique<Sampler>(*m_context);
    try {
        m_supervisor = startThread("run's supervisor thread", 0, 0, &Run::supervise, this);
    } catch (const ThreadStartError &error) {
        // Nothing started: the run is over at once, failed ("cannot start the run's supervisor
        // thread: Resource temporarily unavailable").
        m_context->fail(error.what());
        m_result.config = m_config;
        m_result.summary.error = m_context->error();
        m_result.summary.stopped = true;
        markFinished();
    }
    return std::nullopt;
}

void Run::requestStop()
{
    if (!m_context)
        return;
    m_context->requestStop();
    // Only once prepare() is done may the executor be touched from this thread.
    if (m_executing.load(std::memory_order_acquire))
        m_executor->interrupt();
}

void Run::supervise()
{
    RunContext &context = *m_context;
    double wallSeconds = 0.0;
    runThread(context, "run's supervisor thread", 0, 0, [&] { wallSeconds = execute(); });
    m_wallSeconds = wallSeconds;
    try {
        buildResult(wallSeconds);
    } catch (...) {
        // No memory for the result: what there is of it, and the failure.
        failRun(context, "the run's supervisor thread", std::current_exception());
        try {
            m_result.summary.error = context.error();
        } catch (...) {
        }
    }
    markFinished();
}

void Run::markFinished()
{
    {
        std::scoped_lock lock(m_finishedMutex);
        m_finished.store(true, std::memory_order_release);
    }
    m_finishedCond.notify_all();
}

double Run::execute()
{
    RunContext &context = *m_context;
    const RunConfig &config = context.config();

    // Whatever throws below, on the way out the sampler is stopped, the echo server joined and
    // the temporary directory removed; the executor joins (or reaps) its own units.
    struct Cleanup
    {
        Run &run;
        EchoServer echoServer;
        ~Cleanup()
        {
            try {
                run.m_sampler->stop(); // it reads the echo server's CPU time until then
            } catch (...) {
                failRun(*run.m_context, "the sampler thread", std::current_exception());
            }
            echoServer.stop();
            run.m_context->echoServer = nullptr;
            platform::removeTempDir(run.m_context->tempDir);
        }
    } cleanup{*this, {}};
    EchoServer &echoServer = cleanup.echoServer;
    if (config.workload == WorkloadKind::IoSocket) {
        if (const std::string error = echoServer.start(context); !error.empty())
            context.fail(error);
        context.echoPort = echoServer.port();
        context.echoServer = &echoServer;
    }
    if (config.workload == WorkloadKind::IoFile) {
        std::string error;
        context.tempDir = platform::makeTempDir(error);
        if (context.tempDir.empty())
            context.fail("io-file: " + error);
    }

    if (context.error().empty()) {
        if (const std::string error = m_executor->prepare(context); !error.empty())
            context.fail(error);
    }
    const std::int64_t startNs = platform::monotonicNs();
    context.startNs = startNs;
    m_executing.store(true, std::memory_order_release);
    if (context.stopRequested())
        m_executor->interrupt(); // a stop that came during prepare()

    if (context.error().empty()) {
        m_sampler->start();
        m_executor->execute(context);
        m_sampler->stop();
    }
    return static_cast<double>(platform::monotonicNs() - startNs) / 1e9;
}

void Run::buildResult(double wallSeconds)
{
    const RunContext &context = *m_context;
    RunResult &r = m_result;
    r.config = m_config;
    r.machine = platform::machineInfo();
    r.startNs = context.startNs;
    r.samples = m_sampler->history();
    r.taskCompletions = context.taskCompletions();

    std::vector<double> latencies;
    std::int64_t holdNs = 0;
    std::uint64_t holds = 0;
    std::int64_t contendedWaitNs = 0;
    std::uint64_t contendedTakes = 0;
    for (const auto &unit : context.units) {
        WorkerResult w;
        w.index = unit->index;
        w.role = unit->role;
        w.interpreter = unit->interpreter;
        w.pid = unit->pid.load();
        w.tid = unit->tid.load();
        w.tasks = unit->tasks.load();
        w.cpuSeconds = unit->cpuSeconds.load();
        w.onCpuSeconds = static_cast<double>(unit->onCpuNs.load()) / 1e9;
        w.cpuWaitSeconds = static_cast<double>(unit->cpuWaitNs.load()) / 1e9;
        w.timeslices = unit->timeslices.load();
        w.gilHoldSeconds = static_cast<double>(unit->gilHoldNs.load()) / 1e9;
        w.gilWaitSeconds = static_cast<double>(unit->gilWaitNs.load()) / 1e9;
        w.gilTakes = unit->gilTakes.load();
        w.gilContendedTakes = unit->gilContendedTakes.load();
        w.gilHolds = unit->gilHolds.load();
        w.dropRequestsSet = unit->gil.dropRequestsSet.load();
        w.gilSwitchesIn = unit->gil.switchesIn.load();
        w.gilFailedAcquisitions = unit->gil.failedAcquisitions.load();
        w.lastCore = unit->lastCore.load();
        w.timeline = unit->timeline.snapshot();
        w.droppedIntervals = unit->timeline.dropped();
        w.spawnMs = unit->spawnMs.load();
        w.exit = unit->exit;

        holdNs += unit->gilHoldNs.load();
        holds += w.gilHolds;
        contendedTakes += w.gilContendedTakes;
        if (unit->role == WorkerRole::Worker)
            latencies.insert(latencies.end(), unit->latenciesMs.begin(), unit->latenciesMs.end());
        r.summary.gil.dropRequests += w.dropRequestsSet;
        r.summary.gil.switches += w.gilSwitchesIn;
        r.summary.gil.failedAcquisitions += w.gilFailedAcquisitions;
        r.workers.push_back(std::move(w));
    }
    // Waiting time of contended acquisitions only: an uncontended take costs nanoseconds and would
    // drown the mean. Timeline intervals hold exactly those waits.
    for (const WorkerResult &w : r.workers) {
        for (const Interval &i : w.timeline) {
            if (i.state == WorkerState::WaitingGil)
                contendedWaitNs += i.endNs - i.startNs;
        }
    }

    RunSummary &s = r.summary;
    s.wallSeconds = wallSeconds;
    // The run's own threads only, over the span the sampler measured: prepare() is not part of
    // the run (it may create 100,000 coroutines), and the process around the run never counts.
    const double cpuSeconds = m_sampler->ownCpuSeconds();
    s.cpuSeconds = cpuSeconds;
    s.otherLoadCores = m_sampler->otherLoadCores();
    s.schedulerStats = platform::hasSchedStat();
    s.tasksCompleted = context.tasksDone();
    s.throughputTps = wallSeconds > 0 ? static_cast<double>(s.tasksCompleted) / wallSeconds : 0.0;
    // A run that never started has no meaningful ratio (a few µs of wall against setup CPU).
    s.avgCoresBusy = wallSeconds > 1e-3 ? cpuSeconds / wallSeconds : 0.0;
    // The census counts units that were between taking the GIL and dropping it; the timelines
    // also know when the kernel had taken the core away from one of them. The smaller is what ran.
    // Worker processes report their census only now and then, so for them the timelines decide.
    s.maxRunning = context.maxRunning();
    const int overlap = maxRunningOverlap(r.workers);
    if (m_config.model == ExecutionModel::Processes)
        s.maxRunning = std::max(s.maxRunning, overlap);
    if (s.schedulerStats && overlap > 0) {
        // A preemption shorter than the lanes' resolution is not seen on them: moments shorter
        // than that do not count as "at the same time".
        const int seen = maxRunningOverlap(r.workers, ThreadState::kPreemptedThresholdNs);
        s.maxRunning = std::min(s.maxRunning, std::max(seen, 1));
    }
    s.latencyMsP50 = percentile(latencies, 50);
    s.latencyMsP90 = percentile(latencies, 90);
    s.latencyMsP99 = percentile(latencies, 99);
    s.gil.policy = m_config.gil;
    s.gil.switchIntervalMs = m_config.switchIntervalMs;
    s.gil.holdMsMean = holds > 0 ? static_cast<double>(holdNs) / 1e6 / static_cast<double>(holds) : 0.0;
    s.gil.waitMsMean
        = contendedTakes > 0 ? static_cast<double>(contendedWaitNs) / 1e6 / static_cast<double>(contendedTakes) : 0.0;
    s.sharedUpdates = context.sharedUpdates;
    if (m_config.workload == WorkloadKind::Race) {
        RaceSummary race;
        race.expected = s.tasksCompleted * static_cast<std::uint64_t>(m_config.cpuSteps);
        race.final = context.raceFinal;
        race.lostUpdates = race.expected > race.final ? race.expected - race.final : 0;
        race.lockAcquisitions = context.raceLockAcquisitions;
        race.lockWaits = context.raceLockWaits;
        race.lockWaitSeconds = static_cast<double>(context.raceLockWaitNs) / 1e9;
        s.race = race;
    }
    if (m_config.workload == WorkloadKind::Deadlock) {
        DeadlockSummary deadlock;
        if (context.deadlock) {
            deadlock.detected = true;
            deadlock.detectedAfterMs
                = static_cast<double>(context.deadlock->foundNs - context.deadlock->closedNs) / 1e6;
            deadlock.atSeconds = static_cast<double>(context.deadlock->closedNs - context.startNs) / 1e9;
            deadlock.cycle = context.deadlock->cycle;
        }
        s.deadlock = deadlock;
    }
    if (m_config.workload == WorkloadKind::Pipeline) {
        PipelineSummary pipeline;
        const PipelineCounts counts = context.pipeline.value_or(PipelineCounts{});
        pipeline.queueSize = m_config.queueSize;
        pipeline.producers = pipelineProducers(m_config);
        // One worker (the sequential baseline) is its own producer and consumer.
        pipeline.consumers = m_config.workers == 1 ? 1 : m_config.workers - pipeline.producers;
        pipeline.items = counts.items;
        pipeline.putWaits = counts.putWaits;
        pipeline.getWaits = counts.getWaits;
        pipeline.producerBlockedSeconds = static_cast<double>(counts.producerBlockedNs) / 1e9;
        pipeline.consumerBlockedSeconds = static_cast<double>(counts.consumerBlockedNs) / 1e9;
        pipeline.maxDepth = counts.maxDepth;
        s.pipeline = pipeline;
    }
    s.unitCreateUs = context.unitCreateUs;
    s.unitMemoryKib = context.unitMemoryKib;
    s.error = context.error();
    s.workerFailures = context.failures();
    s.stopped = s.tasksCompleted < static_cast<std::uint64_t>(m_config.tasks);
    s.timelineCap = context.timelineBudget.cap();
    s.timelineCapReached = context.timelineBudget.reached();
    for (const WorkerResult &w : r.workers) {
        s.timelineIntervals += w.timeline.size();
        s.timelineDropped += w.droppedIntervals;
    }
}

RunResult Run::takeResult()
{
    RunResult taken = std::move(m_result);
    m_result = RunResult{};
    return taken;
}

bool Run::waitFinished(std::chrono::milliseconds timeout)
{
    std::unique_lock lock(m_finishedMutex);
    return m_finishedCond.wait_for(lock, timeout, [&] { return isFinished(); });
}

std::vector<Sample> Run::drainSamples()
{
    return m_sampler ? m_sampler->live().drain() : std::vector<Sample>{};
}

std::uint64_t Run::tasksDone() const
{
    return m_context ? m_context->tasksDone() : 0;
}

std::int64_t Run::startNs() const
{
    return m_executing.load(std::memory_order_acquire) ? m_context->startNs : 0;
}

double Run::elapsedSeconds() const
{
    if (!m_executing.load(std::memory_order_acquire))
        return 0.0;
    if (isFinished())
        return m_wallSeconds;
    return static_cast<double>(platform::monotonicNs() - m_context->startNs) / 1e9;
}

std::size_t Run::unitCount() const
{
    return m_context && m_executing.load(std::memory_order_acquire) ? m_context->units.size() : 0;
}

std::vector<UnitStatus> Run::units(std::size_t first, std::size_t count) const
{
    std::vector<UnitStatus> out;
    const std::size_t total = unitCount();
    if (first >= total)
        return out;
    const std::size_t last = first + std::min(count, total - first);
    out.reserve(last - first);
    for (std::size_t i = first; i < last; ++i) {
        const auto &unit = m_context->units[i];
        UnitStatus status;
        status.index = unit->index;
        status.role = unit->role;
        status.interpreter = unit->interpreter;
        status.pid = unit->pid.load();
        status.tid = unit->tid.load();
        status.spawnMs = unit->spawnMs.load();
        status.failed = unit->failed.load();
        status.tasks = unit->tasks.load();
        status.lastCore = unit->lastCore.load();
        status.finished = unit->finished.load();
        status.cpuSeconds = status.finished ? unit->cpuSeconds.load() : unit->liveCpuSeconds.load();
        if (const auto open = unit->openInterval(); open && !status.finished) {
            Interval current;
            current.startNs = open->sinceNs;
            current.endNs = std::max(platform::monotonicNs(), open->sinceNs);
            current.state = open->state;
            current.core = static_cast<std::int16_t>(open->core);
            status.current = current;
        }
        out.push_back(status);
    }
    return out;
}

std::vector<std::string> Run::workerFailures() const
{
    return m_context ? m_context->failures() : std::vector<std::string>{};
}

std::vector<Interval> Run::timeline(int unit, std::size_t from) const
{
    if (!m_context || !m_executing.load(std::memory_order_acquire) || unit < 0
        || static_cast<std::size_t>(unit) >= m_context->units.size())
        return {};
    return m_context->units[static_cast<std::size_t>(unit)]->timeline.snapshot(from);
}

RunOutcome runToEnd(const RunConfig &config)
{
    RunOutcome outcome;
    Run run(config);
    if (auto error = run.start()) {
        outcome.error = error;
        return outcome;
    }
    while (!run.waitFinished(std::chrono::hours(1))) {
    }
    outcome.result = run.takeResult();
    return outcome;
}

} // namespace clab
