#include "execution/processexecutor.h"

#include "execution/runcontext.h"
#include "execution/testhooks.h"
#include "platform/system.h"

#include <poll.h>
#include <sys/eventfd.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdlib>
#include <cstring>

namespace clab {

namespace {

constexpr auto kStopGraceNs = std::int64_t{500'000'000}; // ask, then kill after 500 ms
// A worker says hello as soon as it has read its settings; one that has said nothing this long
// after it started is stuck (or is not a worker at all), and would hold up the run for ever.
constexpr int kHelloTimeoutSeconds = 10;
constexpr std::size_t kIntervalBytes = 8 + 8 + 1 + 2;

bool isExecutable(const std::string &path)
{
    return !path.empty() && access(path.c_str(), X_OK) == 0;
}

std::string directoryOf(const std::string &path)
{
    const auto slash = path.rfind('/');
    return slash == std::string::npos ? std::string(".") : path.substr(0, slash);
}

} // namespace

ProcessExecutor::ProcessExecutor()
    : m_wakeFd(eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK))
{}

ProcessExecutor::~ProcessExecutor()
{
    if (m_wakeFd >= 0)
        close(m_wakeFd);
}

std::string ProcessExecutor::findWorkerProgram()
{
    if (const char *path = std::getenv("CLAB_WORKER"); path && *path)
        return isExecutable(path) ? std::string(path) : std::string();
    const std::string self = directoryOf(platform::executablePath());
    for (const std::string &candidate : {self + "/clab-worker", self + "/../libexec/concurrency-lab/clab-worker",
             platform::buildTreeSetting("worker")}) {
        if (isExecutable(candidate))
            return candidate;
    }
    return {};
}

std::string ProcessExecutor::prepare(RunContext &context)
{
    const RunConfig &config = context.config();
    m_program = findWorkerProgram();
    if (m_program.empty()) {
        const char *env = std::getenv("CLAB_WORKER");
        return env && *env ? "processes: the worker program '" + std::string(env)
                + "' (from CLAB_WORKER) does not exist or is not executable"
                           : "processes: the worker program clab-worker was not found next to "
                             "this program, in ../libexec/concurrency-lab or in the build tree "
                             "(set CLAB_WORKER)";
    }
    if (m_wakeFd < 0)
        return "processes: cannot create an eventfd: " + std::string(std::strerror(errno));

    for (const ConfigField &field : fields(config))
        m_configText += field.key + "=" + field.value + "\n";

    // Unit records: every process's worker first, then every process's hogs, in the order the
    // thread models use, so lanes and JSON look alike. A child reports its own units as 0 (the
    // worker) and 1..hogs.
    m_children.resize(static_cast<std::size_t>(config.workers));
    for (int p = 0; p < config.workers; ++p) {
        Child &child = m_children[static_cast<std::size_t>(p)];
        child.index = p;
        child.units.push_back(&context.addUnit(WorkerRole::Worker, p));
    }
    for (int p = 0; p < config.workers; ++p) {
        for (int h = 0; h < config.cpuHogs; ++h)
            m_children[static_cast<std::size_t>(p)].units.push_back(&context.addUnit(WorkerRole::Hog, p));
    }
    return {};
}

bool ProcessExecutor::spawn(RunContext &context, Child &child)
{
    child.spawnNs = platform::monotonicNs();
    if (const std::string error = child.process.start(m_program); !error.empty()) {
        child.reaped = true;
        context.fail("processes: " + error);
        return false;
    }
    const int pid = child.process.pid();
    child.pid = pid;
    for (WorkerRecord *unit : child.units)
        unit->pid.store(pid);
    CLAB_TEST_HOOK("worker process started");
    // The socket holds the settings until the child reads them.
    sendTo(child, wire::FrameType::Config,
        wire::PayloadWriter()
            .text(m_configText)
            .u32(static_cast<std::uint32_t>(child.index))
            .u32(static_cast<std::uint32_t>(context.echoPort))
            .take());
    return true;
}

void ProcessExecutor::sendTo(Child &child, wire::FrameType type, const std::vector<unsigned char> &payload)
{
    if (!child.process.canWrite())
        return;
    // A child that is gone (EPIPE, no signal): its end of file on the other channel tells us how.
    const std::vector<unsigned char> bytes = wire::encode(type, payload);
    child.process.write(bytes.data(), bytes.size());
}

void ProcessExecutor::readFrom(RunContext &context, Child &child)
{
    std::array<unsigned char, 16384> buffer{};
    const ssize_t n = read(child.process.readFd(), buffer.data(), buffer.size());
    if (n < 0 && (errno == EINTR || errno == EAGAIN))
        return;
    if (n <= 0) {
        closeAndReap(context, child, true);
        return;
    }
    child.decoder.feed(buffer.data(), static_cast<std::size_t>(n));
    while (child.failure.empty()) {
        const auto frame = child.decoder.next();
        if (!frame)
            break;
        handle(context, child, *frame);
    }
    if (child.failure.empty() && !child.decoder.error().empty())
        child.failure = child.decoder.error();
    if (!child.failure.empty())
        closeAndReap(context, child, false);
}

void ProcessExecutor::handle(RunContext &context, Child &child, const wire::Frame &frame)
{
    wire::PayloadReader reader(frame.payload);
    auto unitAt
        = [&](std::uint16_t unit) -> WorkerRecord * { return unit < child.units.size() ? child.units[unit] : nullptr; };
    switch (frame.type) {
    case wire::FrameType::Hello:
        if (reader.i32() != child.pid || !reader.atEnd()) {
            child.failure = "garbled hello frame";
            return;
        }
        child.units[0]->spawnMs.store(static_cast<double>(platform::monotonicNs() - child.spawnNs) / 1e6);
        child.memoryKib = platform::proportionalSetKib(child.pid);
        return;
    case wire::FrameType::Claim:
        if (child.taskInFlight >= 0) {
            child.failure = "asked for a task while it still held task " + std::to_string(child.taskInFlight);
            return;
        }
        child.taskInFlight = context.claimTask();
        sendTo(child, wire::FrameType::Task, wire::PayloadWriter().i32(child.taskInFlight).take());
        if (child.taskInFlight < 0)
            child.taskInFlight = -1;
        return;
    case wire::FrameType::Done: {
        const int task = reader.i32();
        if (!reader.atEnd() || task < 0 || task != child.taskInFlight) {
            child.failure = "reported task " + std::to_string(task) + ", which it was not given";
            return;
        }
        child.taskInFlight = -1;
        context.completeTask(task);
        child.units[0]->tasks.fetch_add(1, std::memory_order_relaxed);
        return;
    }
    case wire::FrameType::Intervals: {
        WorkerRecord *unit = unitAt(reader.u16());
        if (!unit || reader.remaining() % kIntervalBytes != 0) {
            child.failure = "garbled intervals frame";
            return;
        }
        while (!reader.atEnd()) {
            Interval interval;
            interval.startNs = reader.i64();
            interval.endNs = reader.i64();
            const std::uint8_t state = reader.u8();
            interval.core = reader.i16();
            if (state > static_cast<std::uint8_t>(kLastWorkerState) || interval.endNs < interval.startNs) {
                child.failure = "garbled interval in an intervals frame";
                return;
            }
            interval.state = static_cast<WorkerState>(state);
            unit->timeline.append(interval);
        }
        return;
    }
    case wire::FrameType::Stats: {
        const auto stats = wire::decodeStats(frame.payload);
        WorkerRecord *unit = stats ? unitAt(stats->unit) : nullptr;
        if (!unit) {
            child.failure = "garbled stats frame";
            return;
        }
        unit->tid.store(stats->tid);
        if (stats->lastCore >= 0)
            unit->lastCore.store(stats->lastCore, std::memory_order_relaxed);
        unit->cpuSeconds.store(stats->cpuSeconds);
        unit->gilHoldNs.store(stats->gilHoldNs);
        unit->gilWaitNs.store(stats->gilWaitNs);
        unit->gilTakes.store(stats->gilTakes);
        unit->gilContendedTakes.store(stats->gilContendedTakes);
        unit->gilHolds.store(stats->gilHolds);
        unit->gil.dropRequestsSet.store(stats->dropRequestsSet);
        unit->gil.switchesIn.store(stats->gilSwitchesIn);
        unit->gil.failedAcquisitions.store(stats->gilFailedAcquisitions);
        unit->onCpuNs.store(stats->onCpuNs);
        unit->cpuWaitNs.store(stats->cpuWaitNs);
        unit->timeslices.store(stats->timeslices);
        if (stats->hasOpen && stats->openState <= static_cast<std::uint8_t>(kLastWorkerState))
            unit->publishOpen(static_cast<WorkerState>(stats->openState), stats->openSinceNs, stats->openCore);
        else
            unit->publishClosed();
        if (stats->finished)
            unit->finished.store(true);
        child.running = stats->running;
        updateRunning(context);
        return;
    }
    case wire::FrameType::Latencies: {
        WorkerRecord *unit = unitAt(reader.u16());
        if (!unit || reader.remaining() % 8 != 0) {
            child.failure = "garbled latencies frame";
            return;
        }
        while (!reader.atEnd())
            unit->latenciesMs.push_back(reader.f64());
        return;
    }
    case wire::FrameType::Finished:
        context.sharedUpdates += reader.u64();
        context.raceFinal += reader.u64();
        context.raceLockAcquisitions += reader.u64();
        context.raceLockWaits += reader.u64();
        context.raceLockWaitNs += static_cast<std::int64_t>(reader.u64());
        child.finished = reader.ok() && reader.atEnd();
        if (!child.finished)
            child.failure = "garbled finished frame";
        return;
    case wire::FrameType::Error: {
        const std::string message = reader.text();
        context.fail("worker " + std::to_string(child.index) + " (pid " + std::to_string(child.pid)
            + "): " + (reader.ok() ? message : std::string("garbled error frame")));
        return;
    }
    case wire::FrameType::Config:
    case wire::FrameType::Task:
    case wire::FrameType::Stop:
        break;
    }
    child.failure = "sent a frame only the engine may send";
}

void ProcessExecutor::closeAndReap(RunContext &context, Child &child, bool waitBriefly)
{
    if (child.reaped)
        return;
    // Its output is closed, so it is exiting: give it a moment, then make sure (its whole group).
    const std::optional<int> exitStatus = child.process.reap(std::chrono::nanoseconds(waitBriefly ? kStopGraceNs : 0));
    const int status = exitStatus.value_or(0);
    child.reaped = true;
    child.running = 0;
    updateRunning(context);
    for (WorkerRecord *unit : child.units)
        unit->finished.store(true);

    const bool clean = exitStatus && WIFEXITED(status) && WEXITSTATUS(status) == 0 && child.finished;
    if (clean)
        return;
    WorkerRecord &worker = *child.units[0];
    worker.exit = !child.failure.empty() ? child.failure + "; the engine ended it"
        : exitStatus                     ? platform::describeExit(*exitStatus)
                                         : std::string("vanished (reaped by someone else)");
    // A child killed because the run was stopped has not failed; one that died by itself has.
    if (context.stopRequested() && child.failure.empty() && context.error().empty())
        return;
    worker.failed.store(true);
    std::string message = "worker " + std::to_string(child.index) + " (pid " + std::to_string(child.pid) + ") "
        + worker.exit + " after " + std::to_string(worker.tasks.load()) + " tasks";
    if (child.taskInFlight >= 0) {
        context.returnTask(child.taskInFlight); // another worker runs it
        message += "; its task in progress goes to another worker";
        child.taskInFlight = -1;
    }
    context.noteFailure(message);
}

void ProcessExecutor::updateRunning(RunContext &context)
{
    int running = 0;
    for (const Child &child : m_children)
        running += child.running;
    context.setRunning(running);
}

void ProcessExecutor::execute(RunContext &context)
{
    // Whatever throws below (no memory, a frame too large), no child outlives this call: each is
    // killed with its process group and reaped, and its channels are closed.
    struct ReapAll
    {
        std::vector<Child> &children;
        ~ReapAll()
        {
            for (Child &child : children) {
                child.process.terminate();
                child.reaped = true;
            }
        }
    } reapAll{m_children};

    for (Child &child : m_children) {
        if (context.stopRequested() || !spawn(context, child))
            break;
    }
    for (Child &child : m_children) {
        if (child.pid < 0)
            child.reaped = true; // never started
    }

    bool stopSent = false;
    std::int64_t killAtNs = 0;
    std::vector<pollfd> fds;
    std::vector<Child *> polled;
    for (;;) {
        if (context.stopRequested() && !stopSent) {
            stopSent = true;
            killAtNs = platform::monotonicNs() + kStopGraceNs;
            for (Child &child : m_children) {
                if (!child.reaped)
                    sendTo(child, wire::FrameType::Stop, {});
            }
        }
        if (stopSent && platform::monotonicNs() >= killAtNs) {
            for (Child &child : m_children) {
                if (!child.reaped)
                    closeAndReap(context, child, false);
            }
        }
        if (!stopSent) {
            const std::int64_t nowNs = platform::monotonicNs();
            for (Child &child : m_children) {
                if (!child.reaped && child.units[0]->spawnMs.load() < 0
                    && nowNs - child.spawnNs > std::int64_t{kHelloTimeoutSeconds} * 1'000'000'000) {
                    child.failure = "sent nothing for " + std::to_string(kHelloTimeoutSeconds) + " s after it started";
                    closeAndReap(context, child, false);
                }
            }
        }

        fds.clear();
        polled.clear();
        for (Child &child : m_children) {
            if (!child.reaped) {
                fds.push_back({child.process.readFd(), POLLIN, 0});
                polled.push_back(&child);
            }
        }
        if (polled.empty())
            break;
        fds.push_back({m_wakeFd, POLLIN, 0});

        int timeoutMs = 100;
        if (stopSent)
            timeoutMs = static_cast<int>(
                std::clamp<std::int64_t>((killAtNs - platform::monotonicNs()) / 1'000'000 + 1, 0, 100));
        if (poll(fds.data(), fds.size(), timeoutMs) < 0 && errno != EINTR) {
            context.fail("processes: poll failed: " + std::string(std::strerror(errno)));
            continue; // the stop path above ends and reaps every child
        }
        if (fds.back().revents != 0) {
            std::uint64_t count = 0;
            [[maybe_unused]] const ssize_t drained = read(m_wakeFd, &count, sizeof count);
        }
        for (std::size_t i = 0; i < polled.size(); ++i) {
            if (fds[i].revents != 0)
                readFrom(context, *polled[i]);
        }
        CLAB_TEST_HOOK("processes poll loop");
    }

    // What one worker process cost: spawn until ready, and its memory then (its private pages
    // and its share of the pages it shares with the other workers and the engine).
    double spawnMs = 0;
    double memoryKib = 0;
    int ready = 0;
    for (const Child &child : m_children) {
        if (child.units[0]->spawnMs.load() >= 0 && child.memoryKib >= 0) {
            spawnMs += child.units[0]->spawnMs.load();
            memoryKib += child.memoryKib;
            ++ready;
        }
    }
    if (ready > 0) {
        context.unitCreateUs = spawnMs * 1e3 / ready;
        context.unitMemoryKib = memoryKib / ready;
    }
    const std::uint64_t missing = static_cast<std::uint64_t>(context.config().tasks) - context.tasksDone();
    if (!context.stopRequested() && missing > 0 && !context.failures().empty())
        context.noteFailure(std::to_string(missing) + " tasks were not run: no worker was left to take them");
}

void ProcessExecutor::interrupt()
{
    const std::uint64_t one = 1;
    [[maybe_unused]] const ssize_t woke = write(m_wakeFd, &one, sizeof one);
}

} // namespace clab
