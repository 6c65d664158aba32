#include "worker/workerprocess.h"

#include "execution/runcontext.h"
#include "execution/threadentry.h"
#include "execution/threadexecutor.h"
#include "platform/system.h"

#include <poll.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <sstream>
#include <thread>

namespace clab {

namespace {

constexpr std::size_t kIntervalsPerFrame = 3000; // 2 + 3000 * 19 bytes, under kMaxPayload
constexpr std::size_t kLatenciesPerFrame = 8000; // 2 + 8000 * 8 bytes
// Often enough that a lane in the window moves at its frame rate (~30 Hz), as a thread's does.
constexpr auto kReportPeriod = std::chrono::milliseconds(25);

} // namespace

WorkerProcess::WorkerProcess(int inFd, int outFd)
    : m_inFd(inFd)
    , m_outFd(outFd)
    , m_wakeFd(eventfd(0, EFD_CLOEXEC))
{}

WorkerProcess::~WorkerProcess()
{
    if (m_wakeFd >= 0)
        close(m_wakeFd);
}

bool WorkerProcess::send(wire::FrameType type, const std::vector<unsigned char> &payload)
{
    const std::vector<unsigned char> bytes = wire::encode(type, payload);
    std::scoped_lock lock(m_sendMutex);
    std::size_t done = 0;
    while (!m_sendFailed && done < bytes.size()) {
        const ssize_t n = write(m_outFd, bytes.data() + done, bytes.size() - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            m_sendFailed = true; // the engine is gone; the reader sees the end and stops us
        else
            done += static_cast<std::size_t>(n);
    }
    return !m_sendFailed;
}

std::optional<wire::Frame> WorkerProcess::readFrame()
{
    std::array<unsigned char, 4096> buffer{};
    for (;;) {
        if (auto frame = m_decoder.next())
            return frame;
        if (!m_decoder.error().empty())
            return std::nullopt;
        const ssize_t n = read(m_inFd, buffer.data(), buffer.size());
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return std::nullopt;
        m_decoder.feed(buffer.data(), static_cast<std::size_t>(n));
    }
}

bool WorkerProcess::readConfig(RunConfig &config, std::string &error)
{
    const auto frame = readFrame();
    if (!frame || frame->type != wire::FrameType::Config) {
        error = m_decoder.error().empty() ? "expected the run's settings first" : m_decoder.error();
        return false;
    }
    wire::PayloadReader reader(frame->payload);
    std::istringstream lines(reader.text());
    reader.u32(); // the worker's index in the run: its lanes are numbered by the engine
    m_echoPort = static_cast<int>(reader.u32());
    if (!reader.ok() || !reader.atEnd()) {
        error = "garbled settings frame";
        return false;
    }
    for (std::string line; std::getline(lines, line);) {
        const auto eq = line.find('=');
        if (eq == std::string::npos)
            continue;
        if (auto bad = setField(config, line.substr(0, eq), line.substr(eq + 1))) {
            error = bad->toString();
            return false;
        }
    }
    // Inside its process the worker is one thread of one interpreter, beside the run's hogs.
    config.model = ExecutionModel::Threads;
    config.workers = 1;
    if (auto bad = validate(config)) {
        error = bad->toString();
        return false;
    }
    return true;
}

void WorkerProcess::readLoop()
{
    std::array<unsigned char, 4096> buffer{};
    std::array<pollfd, 2> fds{{{m_inFd, POLLIN, 0}, {m_wakeFd, POLLIN, 0}}};
    bool ended = false;
    while (!ended) {
        if (poll(fds.data(), fds.size(), -1) < 0) {
            if (errno == EINTR)
                continue;
            break;
        }
        if (fds[1].revents != 0)
            return; // the run is over; nothing more to hand out
        if (fds[0].revents == 0)
            continue;
        const ssize_t n = read(m_inFd, buffer.data(), buffer.size());
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break; // the engine closed its end: it stopped or died
        m_decoder.feed(buffer.data(), static_cast<std::size_t>(n));
        while (auto frame = m_decoder.next()) {
            if (frame->type == wire::FrameType::Task) {
                wire::PayloadReader reader(frame->payload);
                const int task = reader.i32();
                std::scoped_lock lock(m_taskMutex);
                m_task = reader.ok() ? task : -1;
                m_taskReady.notify_all();
            } else if (frame->type == wire::FrameType::Stop) {
                ended = true;
            }
        }
        if (!m_decoder.error().empty())
            ended = true;
    }
    {
        std::scoped_lock lock(m_taskMutex);
        m_ended = true;
        m_taskReady.notify_all();
    }
    m_context->requestStop();
    m_executor->interrupt();
}

int WorkerProcess::nextTask()
{
    std::unique_lock lock(m_taskMutex);
    if (m_ended)
        return -1;
    m_task.reset();
    lock.unlock();
    if (!send(wire::FrameType::Claim, {}))
        return -1;
    lock.lock();
    m_taskReady.wait(lock, [&] { return m_task.has_value() || m_ended; });
    return m_ended ? -1 : *m_task;
}

void WorkerProcess::report(bool final)
{
    RunContext &context = *m_context;
    for (std::size_t u = 0; u < context.units.size(); ++u) {
        WorkerRecord &record = *context.units[u];
        const std::vector<Interval> fresh = record.timeline.snapshot(m_sentIntervals[u]);
        m_sentIntervals[u] += fresh.size();
        for (std::size_t begin = 0; begin < fresh.size(); begin += kIntervalsPerFrame) {
            const std::size_t end = std::min(fresh.size(), begin + kIntervalsPerFrame);
            wire::PayloadWriter w;
            w.u16(static_cast<std::uint16_t>(u));
            for (std::size_t i = begin; i < end; ++i) {
                w.i64(fresh[i].startNs).i64(fresh[i].endNs);
                w.u8(static_cast<std::uint8_t>(fresh[i].state)).i16(fresh[i].core);
            }
            send(wire::FrameType::Intervals, w.take());
        }

        wire::WorkerStats stats;
        stats.unit = static_cast<std::uint16_t>(u);
        stats.tid = record.tid.load();
        stats.lastCore = record.lastCore.load();
        stats.running = context.running();
        stats.tasks = record.tasks.load();
        stats.cpuSeconds = record.cpuSeconds.load();
        stats.gilHoldNs = record.gilHoldNs.load();
        stats.gilWaitNs = record.gilWaitNs.load();
        stats.gilTakes = record.gilTakes.load();
        stats.gilContendedTakes = record.gilContendedTakes.load();
        stats.gilHolds = record.gilHolds.load();
        stats.dropRequestsSet = record.gil.dropRequestsSet.load();
        stats.gilSwitchesIn = record.gil.switchesIn.load();
        stats.gilFailedAcquisitions = record.gil.failedAcquisitions.load();
        stats.finished = record.finished.load();
        // The unit's own thread reads its schedstat when it ends; until then read it from here.
        if (!stats.finished && stats.tid != 0) {
            if (const auto sched = platform::readSchedStat(0, stats.tid))
                record.storeSchedStat(*sched);
        }
        stats.onCpuNs = record.onCpuNs.load();
        stats.cpuWaitNs = record.cpuWaitNs.load();
        stats.timeslices = record.timeslices.load();
        if (const auto open = record.openInterval(); open && !stats.finished) {
            stats.hasOpen = true;
            stats.openState = static_cast<std::uint8_t>(open->state);
            stats.openSinceNs = open->sinceNs;
            stats.openCore = static_cast<std::int16_t>(open->core);
        }
        send(wire::FrameType::Stats, wire::encodeStats(stats));

        // Latencies are the unit's own until it has been joined: sent once, at the end.
        if (final) {
            const std::vector<double> &all = record.latenciesMs;
            for (std::size_t begin = 0; begin < all.size(); begin += kLatenciesPerFrame) {
                const std::size_t end = std::min(all.size(), begin + kLatenciesPerFrame);
                wire::PayloadWriter w;
                w.u16(static_cast<std::uint16_t>(u));
                for (std::size_t i = begin; i < end; ++i)
                    w.f64(all[i]);
                send(wire::FrameType::Latencies, w.take());
            }
        }
    }
}

int WorkerProcess::run()
{
    if (m_wakeFd < 0)
        return 1;
    send(wire::FrameType::Hello, wire::PayloadWriter().i32(platform::processId()).take());

    RunConfig config;
    std::string error;
    if (!readConfig(config, error)) {
        send(wire::FrameType::Error, wire::PayloadWriter().text(error).take());
        return 2;
    }

    RunContext context(config);
    ThreadExecutor executor;
    m_context = &context;
    m_executor = &executor;
    context.taskSource = [this] { return nextTask(); };
    context.taskSink = [this](int task) { send(wire::FrameType::Done, wire::PayloadWriter().i32(task).take()); };
    context.echoPort = m_echoPort;
    if (config.workload == WorkloadKind::IoFile) {
        std::string tempError;
        context.tempDir = platform::makeTempDir(tempError);
        if (context.tempDir.empty())
            error = "io-file: " + tempError;
    }
    if (error.empty())
        error = executor.prepare(context);
    if (!error.empty()) {
        send(wire::FrameType::Error, wire::PayloadWriter().text(error).take());
        return 1;
    }
    m_sentIntervals.assign(context.units.size(), 0);

    // This program's own threads: if one throws, or cannot start, the engine gets an Error frame
    // that names it, and the worker ends at once (the engine reaps it and reports it).
    auto failAndExit = [this](const std::string &what) {
        send(wire::FrameType::Error, wire::PayloadWriter().text(what).take());
        std::_Exit(1);
    };
    auto guarded = [&failAndExit](const char *name, auto body) {
        return [&failAndExit, name, body]() noexcept {
            try {
                body();
            } catch (...) {
                failAndExit(std::string("the ") + name + " failed: " + describe(std::current_exception()));
            }
        };
    };
    std::mutex reportMutex;
    std::condition_variable reportWake;
    bool executing = true;
    std::thread reader;
    std::thread reporter;
    try {
        reader = startThread("worker's reader thread", 0, 0, guarded("worker's reader thread", [this] { readLoop(); }));
        reporter = startThread("worker's reporter thread", 0, 0, guarded("worker's reporter thread", [&] {
            std::unique_lock lock(reportMutex);
            while (!reportWake.wait_for(lock, kReportPeriod, [&] { return !executing; })) {
                lock.unlock();
                report(false);
                lock.lock();
            }
        }));
    } catch (const std::exception &e) {
        failAndExit(e.what());
    }

    context.startNs = platform::monotonicNs();
    executor.execute(context);

    {
        std::scoped_lock lock(reportMutex);
        executing = false;
    }
    reportWake.notify_all();
    reporter.join();
    report(true);
    platform::removeTempDir(context.tempDir);

    const std::string failure = context.error();
    if (!failure.empty())
        send(wire::FrameType::Error, wire::PayloadWriter().text(failure).take());
    send(wire::FrameType::Finished,
        wire::PayloadWriter()
            .u64(context.sharedUpdates)
            .u64(context.raceFinal)
            .u64(context.raceLockAcquisitions)
            .u64(context.raceLockWaits)
            .u64(static_cast<std::uint64_t>(context.raceLockWaitNs))
            .take());

    const std::uint64_t one = 1;
    [[maybe_unused]] const ssize_t woke = write(m_wakeFd, &one, sizeof one);
    reader.join();
    return failure.empty() ? 0 : 1;
}

} // namespace clab
