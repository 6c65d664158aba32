#include "model/workload.h"

#include "execution/testhooks.h"
#include "platform/system.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>
#include <zlib.h>

#include <array>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstring>

namespace clab {

namespace {

constexpr std::size_t kScratchBytes = 64 * 1024;

double msSince(std::int64_t startNs)
{
    return static_cast<double>(platform::monotonicNs() - startNs) / 1e6;
}

} // namespace

std::vector<unsigned char> makePayload(std::size_t bytes, std::uint64_t seed)
{
    static constexpr std::array<std::string_view, 16> kWords{"thread ", "process ", "coroutine ", "lock ", "the ",
        "interpreter ", "switch ", "core ", "bytecode ", "a ", "waits ", "runs ", "GIL ", "and ", "queue ",
        "parallel "};
    std::vector<unsigned char> out;
    out.reserve(bytes);
    std::uint64_t x = seed * 0x9E3779B97F4A7C15ULL + 1;
    while (out.size() < bytes) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        const std::string_view word = kWords[x % kWords.size()];
        for (char c : word) {
            if (out.size() == bytes)
                break;
            out.push_back(static_cast<unsigned char>(c));
        }
    }
    return out;
}

std::vector<unsigned char> makePayload(const RunConfig &config)
{
    std::size_t bytes = 0;
    if (config.workload == WorkloadKind::Native)
        bytes = static_cast<std::size_t>(config.nativeKib) * 1024;
    if (config.workload == WorkloadKind::IoFile)
        bytes = static_cast<std::size_t>(config.fileKib) * 1024;
    return makePayload(bytes, config.seed);
}

Workload::Workload(RunContext &context, Interpreter &interpreter, ThreadState &thread, WorkerRecord &record,
    const std::vector<unsigned char> &payload)
    : m_context(context)
    , m_interpreter(interpreter)
    , m_thread(thread)
    , m_payload(payload)
    , m_config(context.config())
    , m_ticks(interpreter.gil.policy() == GilPolicy::Legacy)
    , m_state(context.config().seed ^ (static_cast<std::uint64_t>(record.index) << 32))
    , m_index(record.index)
{
    if (m_config.workload == WorkloadKind::Native || m_config.workload == WorkloadKind::IoFile)
        m_scratch.resize(kScratchBytes);
    if (m_config.workload == WorkloadKind::IoFile && !context.tempDir.empty())
        m_filePath = context.tempDir + "/unit-" + std::to_string(record.index) + ".dat";
}

Workload::~Workload()
{
    if (m_socket >= 0)
        close(m_socket);
    if (!m_filePath.empty())
        platform::removeFile(m_filePath);
}

void Workload::runTasks()
{
    if (!m_thread.attach())
        return;
    if (m_config.workload == WorkloadKind::Pipeline) {
        runPipeline();
        return;
    }
    while (runTask()) {
    }
}

bool Workload::putItem(int item)
{
    PipelineQueue &queue = m_interpreter.pipeline;
    if (queue.tryPut(item))
        return true;
    // queue.Queue.put() waits on its not_full condition, which releases the GIL (Lib/queue.py).
    const std::int64_t startNs = platform::monotonicNs();
    bool put = false;
    const bool retook = m_thread.allowThreads(
        WorkerState::WaitingQueue, [&] { put = queue.put(item, [this] { return m_context.stopRequested(); }); });
    queue.countPutWait(platform::monotonicNs() - startNs);
    return put && retook;
}

PipelineQueue::Got Workload::getItem(int &item)
{
    PipelineQueue &queue = m_interpreter.pipeline;
    const PipelineQueue::Got got = queue.tryGet(item);
    if (got != PipelineQueue::Got::Empty)
        return got;
    // queue.Queue.get() waits on its not_empty condition, which releases the GIL.
    const std::int64_t startNs = platform::monotonicNs();
    PipelineQueue::Got waited = PipelineQueue::Got::Stopped;
    const bool retook = m_thread.allowThreads(
        WorkerState::WaitingQueue, [&] { waited = queue.get(item, [this] { return m_context.stopRequested(); }); });
    if (waited == PipelineQueue::Got::Item)
        queue.countGetWait(platform::monotonicNs() - startNs);
    if (!retook)
        return PipelineQueue::Got::Stopped;
    return waited;
}

void Workload::runPipeline()
{
    PipelineQueue &queue = m_interpreter.pipeline;
    if (m_config.workers == 1) {
        // The sequential baseline: one worker makes each item, puts it, takes it back and
        // consumes it. The queue is never full or empty when it is used, so nothing waits.
        for (;;) {
            const int task = m_context.claimTask();
            if (task < 0 || !compute(m_config.cpuSteps) || !queue.tryPut(task))
                break;
            const std::int64_t startNs = platform::monotonicNs();
            int item = -1;
            if (queue.tryGet(item) != PipelineQueue::Got::Item || !compute(m_config.cpuSteps))
                break;
            m_thread.record().latenciesMs.push_back(msSince(startNs));
            m_context.completeTask(item);
            m_thread.record().tasks.fetch_add(1, std::memory_order_relaxed);
            if (!m_thread.checkpoint())
                break;
        }
        queue.producerDone();
        return;
    }
    if (m_index < pipelineProducers(m_config)) {
        for (;;) {
            const int task = m_context.claimTask();
            if (task < 0 || !compute(m_config.cpuSteps) || !putItem(task) || !m_thread.checkpoint())
                break;
        }
        queue.producerDone(); // even when stopped, so no consumer waits for it
        return;
    }
    for (;;) {
        int item = -1;
        if (getItem(item) != PipelineQueue::Got::Item)
            return;
        const std::int64_t startNs = platform::monotonicNs();
        if (!compute(m_config.cpuSteps))
            return;
        m_thread.record().latenciesMs.push_back(msSince(startNs));
        m_context.completeTask(item);
        m_thread.record().tasks.fetch_add(1, std::memory_order_relaxed);
        if (!m_thread.checkpoint())
            return;
    }
}

void Workload::runHog(const std::atomic<bool> &stop, const std::function<void()> &attached)
{
    const bool holds = m_thread.attach();
    if (attached)
        attached();
    if (!holds)
        return;
    m_thread.startBurst();
    while (!stop.load(std::memory_order_relaxed)) {
        if (!step() || !m_thread.checkpoint())
            return;
    }
}

bool Workload::runTask()
{
    CLAB_TEST_HOOK("task"); // a unit that throws mid-run, holding its GIL
    // A worker process reports a finished task to the engine and asks for the next one over a
    // pipe, and waits for the answer (as a multiprocessing worker blocks on its queues): Idle, not
    // running bytecode. The write may also hand the core to the engine's woken thread.
    const bool remote = static_cast<bool>(m_context.taskSource);
    if (remote)
        m_thread.markLane(WorkerState::Idle, platform::monotonicNs());
    const int task = m_context.claimTask();
    if (remote)
        m_thread.markLane(WorkerState::Running, platform::monotonicNs());
    if (task < 0)
        return false;

    const std::int64_t startNs = platform::monotonicNs();
    bool done = false;
    switch (m_config.workload) {
    case WorkloadKind::Cpu:
        done = compute(m_config.cpuSteps);
        m_thread.record().latenciesMs.push_back(msSince(startNs));
        break;
    case WorkloadKind::Shared:
        done = computeShared(m_config.cpuSteps);
        m_thread.record().latenciesMs.push_back(msSince(startNs));
        break;
    case WorkloadKind::Race:
        done = race(m_config.cpuSteps);
        m_thread.record().latenciesMs.push_back(msSince(startNs));
        break;
    case WorkloadKind::Deadlock:
        done = deadlockTask();
        if (done)
            m_thread.record().latenciesMs.push_back(msSince(startNs));
        break;
    case WorkloadKind::Pipeline: // runPipeline(): a task is produced and consumed by two workers
        break;
    case WorkloadKind::Native:
        done = compress();
        break;
    case WorkloadKind::IoSleep:
        done = blockingWait(m_config.ioMs);
        break;
    case WorkloadKind::IoFile:
        done = writeSyncRead();
        break;
    case WorkloadKind::Mixed: {
        const int steps = static_cast<int>(std::lround(m_config.cpuSteps * m_config.cpuFraction));
        const double ioMs = m_config.ioMs * (1.0 - m_config.cpuFraction);
        done = compute(steps) && (ioMs <= 0.0 || blockingWait(ioMs));
        break;
    }
    case WorkloadKind::IoSocket:
        done = roundTrip();
        break;
    }
    if (!done)
        return false;
    if (remote)
        m_thread.markLane(WorkerState::Idle, platform::monotonicNs());
    m_context.completeTask(task);
    m_thread.record().tasks.fetch_add(1, std::memory_order_relaxed);
    return m_thread.checkpoint();
}

bool Workload::step()
{
    if (!m_ticks) {
        m_state = cpuStep(m_state);
        m_thread.noteProgress();
        return true;
    }
    for (int tick = 1; tick < kLegacyTicksPerStep; ++tick) {
        m_state = cpuRounds<kLegacyTickRounds>(m_state);
        if (!m_thread.checkpoint())
            return false;
    }
    m_state = cpuRounds<kLegacyTickRounds>(m_state);
    m_thread.noteProgress();
    return true;
}

bool Workload::compute(int steps)
{
    m_thread.startBurst();
    for (int i = 0; i < steps; ++i) {
        if (!step() || !m_thread.checkpoint())
            return false;
    }
    m_thread.endBurst();
    return true;
}

bool Workload::computeShared(int steps)
{
    auto &slots = m_interpreter.sharedSlots;
    const bool locked = m_config.gil == GilPolicy::Off;
    m_thread.startBurst();
    for (int i = 0; i < steps; ++i) {
        if (!step())
            return false;
        const std::size_t slot = m_state % slots.size();
        if (locked) {
            std::scoped_lock lock(m_interpreter.sharedLock);
            ++slots[slot];
        } else {
            ++slots[slot]; // the GIL's holder is the only thread running bytecode
        }
        if (!m_thread.checkpoint())
            return false;
    }
    m_thread.endBurst();
    return true;
}

bool Workload::race(int increments)
{
    m_thread.startBurst();
    for (int i = 0; i < increments; ++i) {
        if (!raceIncrement())
            return false;
    }
    m_thread.endBurst();
    return true;
}

std::uint64_t Workload::raceRead() const
{
    return m_interpreter.raceCounter.load(std::memory_order_relaxed);
}

void Workload::raceWrite(std::uint64_t read)
{
    // The add between the read and the write: a few bytecodes' worth of work (LOAD, BINARY_OP,
    // STORE), during which a worker on another core can write the counter too.
    m_state = cpuRounds<kRaceAddRounds>(m_state);
    m_interpreter.raceCounter.store(read + 1, std::memory_order_relaxed);
}

void Workload::countRaceLock(bool waited, std::int64_t waitNs)
{
    m_interpreter.raceLockAcquisitions.fetch_add(1, std::memory_order_relaxed);
    if (waited) {
        m_interpreter.raceLockWaits.fetch_add(1, std::memory_order_relaxed);
        m_interpreter.raceLockWaitNs.fetch_add(waitNs, std::memory_order_relaxed);
    }
}

bool Workload::lockRace()
{
    if (m_interpreter.raceLock.try_lock()) {
        countRaceLock(false, 0);
        return true;
    }
    const std::int64_t startNs = platform::monotonicNs();
    bool locked = false;
    const bool retook = m_thread.allowThreads(WorkerState::WaitingLock, [&] {
        m_interpreter.raceLock.lock();
        locked = true;
    });
    countRaceLock(true, platform::monotonicNs() - startNs);
    if (!retook && locked)
        m_interpreter.raceLock.unlock();
    return retook;
}

// One `counter = counter + f()`, where f() is a step of computation and so ends at a checkpoint
// (a call: CPython's eval breaker runs on entering a function). race_mode says where the read of
// the counter falls: before the call (unsafe-call: a switch there lets another worker write the
// counter in between, and this write then undoes theirs), after it (unsafe-plain, `v = f();
// counter += v`: under a GIL nothing runs between the read and the write, without one another core
// can), inside a lock held across the call (locked), or as one atomic add (atomic).
bool Workload::raceIncrement()
{
    const auto call = [this] { return step() && m_thread.checkpoint(); };
    switch (m_config.raceMode) {
    case RaceMode::Atomic:
        if (!call())
            return false;
        m_interpreter.raceCounter.fetch_add(1, std::memory_order_relaxed);
        return true;
    case RaceMode::UnsafePlain:
        if (!call())
            return false;
        raceWrite(raceRead());
        return true;
    case RaceMode::UnsafeCall: {
        const std::uint64_t read = raceRead();
        if (!call())
            return false;
        raceWrite(read);
        return true;
    }
    case RaceMode::Locked: {
        if (!lockRace())
            return false;
        const std::uint64_t read = raceRead();
        const bool going = call(); // the lock is held across a switch: the others wait for it
        if (going)
            raceWrite(read);
        m_interpreter.raceLock.unlock();
        return going;
    }
    }
    return false;
}

int Workload::firstLock() const
{
    return m_config.lockOrder == LockOrder::Opposite && m_index % 2 == 1 ? 1 : 0;
}

bool Workload::takeDeadlockLock(int which)
{
    LockPair &locks = m_interpreter.deadlockLocks;
    if (locks.tryAcquire(which, m_index))
        return true;
    bool got = false;
    // threading.Lock.acquire() waits with the GIL released.
    const bool retook = m_thread.allowThreads(WorkerState::WaitingLock,
        [&] { got = locks.acquire(which, m_index, [this] { return m_context.stopRequested(); }); });
    if (got && !retook)
        locks.release(which);
    if (!got && locks.found())
        m_context.requestStop(); // the experiment's result: the run ends, every other waiter is refused
    return got && retook;
}

bool Workload::deadlockTask()
{
    const int first = firstLock();
    const int second = 1 - first;
    const int holding = m_config.cpuSteps / 2;
    if (!takeDeadlockLock(first))
        return false;
    bool going = compute(holding) && takeDeadlockLock(second);
    if (going) {
        going = compute(m_config.cpuSteps - holding);
        m_interpreter.deadlockLocks.release(second);
    }
    m_interpreter.deadlockLocks.release(first);
    return going;
}

// An I/O latency is the whole call as the Python code sees it: from dropping the GIL, through the
// wait, to holding the GIL again. A crowded GIL makes it longer than the wait itself.
bool Workload::blockingWait(double ms)
{
    const std::int64_t startNs = platform::monotonicNs();
    bool completed = true;
    const bool retook = m_thread.allowThreads(WorkerState::Io,
        [&] { completed = m_context.sleepFor(std::chrono::nanoseconds(static_cast<std::int64_t>(ms * 1e6))); });
    if (retook && completed)
        m_thread.record().latenciesMs.push_back(msSince(startNs));
    return retook && completed;
}

bool Workload::compress()
{
    const std::int64_t startNs = platform::monotonicNs();
    const std::size_t inputBytes = static_cast<std::size_t>(m_config.nativeKib) * 1024;
    bool ok = true;
    const bool retook = m_thread.allowThreads(WorkerState::Native, [&] {
        // Real zlib deflate of the whole buffer; output streams through a small scratch buffer,
        // so memory stays bounded whatever the buffer size.
        z_stream stream{};
        if (deflateInit(&stream, Z_DEFAULT_COMPRESSION) != Z_OK) {
            ok = false;
            return;
        }
        stream.next_in = const_cast<Bytef *>(m_payload.data());
        stream.avail_in = static_cast<uInt>(inputBytes);
        int status = Z_OK;
        while (status == Z_OK) {
            stream.next_out = m_scratch.data();
            stream.avail_out = static_cast<uInt>(m_scratch.size());
            status = deflate(&stream, Z_FINISH);
        }
        m_state ^= stream.total_out;
        ok = status == Z_STREAM_END;
        deflateEnd(&stream);
    });
    if (retook && ok)
        m_thread.record().latenciesMs.push_back(msSince(startNs));
    if (!ok)
        m_context.fail("native: zlib could not compress the buffer");
    return retook && ok;
}

bool Workload::writeSyncRead()
{
    const std::int64_t startNs = platform::monotonicNs();
    const std::size_t bytes = static_cast<std::size_t>(m_config.fileKib) * 1024;
    std::optional<std::string> problem;
    const bool retook = m_thread.allowThreads(WorkerState::Io,
        [&] { problem = platform::writeSyncReadBack(m_filePath, m_payload.data(), bytes, m_scratch); });
    if (retook && !problem)
        m_thread.record().latenciesMs.push_back(msSince(startNs));
    if (problem) // a disk that fails is a failed run, not a silent skip
        m_context.fail("io-file: writing, syncing or reading back " + m_filePath + " failed: " + *problem);
    return retook && !problem;
}

// One request and its echo, as a Python client does with sock.sendall() then sock.recv(): each
// call releases the GIL and must take it back before the code goes on, so a CPU-bound thread in
// the same interpreter makes every round trip wait for the GIL (the convoy effect).
bool Workload::roundTrip()
{
    constexpr std::size_t kMessageBytes = 64;
    const std::int64_t startNs = platform::monotonicNs();
    std::string failure;
    if (m_socket < 0) {
        const bool retook = m_thread.allowThreads(WorkerState::Io, [&] {
            m_socket = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
            sockaddr_in address{};
            address.sin_family = AF_INET;
            address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
            address.sin_port = htons(static_cast<std::uint16_t>(m_context.echoPort));
            const int on = 1;
            if (m_socket < 0 || setsockopt(m_socket, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on) != 0
                || connect(m_socket, reinterpret_cast<sockaddr *>(&address), sizeof address) != 0)
                failure = std::string("cannot connect to the echo server: ") + std::strerror(errno);
        });
        if (!retook)
            return false;
        if (!failure.empty()) {
            m_context.fail("io-socket: " + failure);
            return false;
        }
    }

    std::array<unsigned char, kMessageBytes> request{};
    for (std::size_t i = 0; i < request.size(); ++i)
        request[i] = static_cast<unsigned char>(m_state >> (i % 8 * 8));
    bool retook = m_thread.allowThreads(WorkerState::Io, [&] {
        for (std::size_t sent = 0; failure.empty() && sent < request.size();) {
            const ssize_t n = send(m_socket, request.data() + sent, request.size() - sent, MSG_NOSIGNAL);
            if (n > 0)
                sent += static_cast<std::size_t>(n);
            else if (!(n < 0 && errno == EINTR))
                failure = std::string("send failed: ") + std::strerror(errno);
        }
    });
    std::array<unsigned char, kMessageBytes> reply{};
    retook = retook && failure.empty() && m_thread.allowThreads(WorkerState::Io, [&] {
        for (std::size_t got = 0; failure.empty() && got < reply.size();) {
            const ssize_t n = recv(m_socket, reply.data() + got, reply.size() - got, 0);
            if (n > 0)
                got += static_cast<std::size_t>(n);
            else if (n == 0)
                failure = "the echo server closed the connection";
            else if (errno != EINTR)
                failure = std::string("receive failed: ") + std::strerror(errno);
        }
    });
    if (failure.empty() && reply != request)
        failure = "the echo came back different";
    if (!failure.empty()) {
        if (!m_context.stopRequested())
            m_context.fail("io-socket: " + failure);
        return false;
    }
    if (!retook)
        return false;
    m_thread.record().latenciesMs.push_back(msSince(startNs));
    m_state = cpuStep(m_state);
    return true;
}

} // namespace clab
