#pragma once

#include "measurement/procstat.h"
#include "measurement/sample.h"
#include "measurement/samplebuffer.h"

#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <thread>
#include <vector>

namespace clab {

class RunContext;

// The one thread that measures a run while it goes: at the sample rate it reads the system's
// per-core counters (/proc/stat), the run's task counter and census, and each live unit's
// /proc/<pid>/task/<tid>/stat (last core) and schedstat (time on and waiting for a CPU), and
// pushes a Sample. The run's CPU time is its own threads' only, so that whatever else runs in the
// process (a window drawing charts, this sampler) never counts as the run's; the rest of the
// machine's load is reported beside it. Start and stop from the run's supervisor thread; drain
// the live buffer from any one consumer.
class Sampler
{
public:
    explicit Sampler(RunContext &context);
    ~Sampler();

    void start();
    // Takes a last sample and joins the thread.
    void stop();

    SampleBuffer &live() { return m_live; }
    // Every sample of the run; valid after stop().
    const std::vector<Sample> &history() const { return m_history; }
    // Over the whole run, valid after stop(): the run's own CPU seconds, and the cores the rest of
    // the machine kept busy on average.
    double ownCpuSeconds() const { return m_ownCpuSeconds; }
    double otherLoadCores() const { return m_otherLoadCores; }

private:
    void loop();
    // `final`: the reading at stop; a tail shorter than half a period is measured together with
    // the span before it, so one task finishing in a 3 ms tail does not read as a burst.
    void takeSample(bool final = false);
    // The run's own CPU seconds so far (threads counted once, however many units share one), and
    // on the way each live unit's last core and scheduler statistics.
    double readUnits();

    RunContext &m_context;
    const int m_ownPid; // units of other pids are threads of worker processes
    SampleBuffer m_live;
    std::vector<Sample> m_history;

    std::vector<CpuTimes> m_lastCpu;
    std::int64_t m_lastNs = 0;
    std::uint64_t m_lastTasks = 0;
    double m_lastOwnCpu = 0.0;
    // The reading before the last one: the base of a short final span.
    std::vector<CpuTimes> m_earlierCpu;
    std::int64_t m_earlierNs = 0;
    std::uint64_t m_earlierTasks = 0;
    double m_earlierOwnCpu = 0.0;
    // The readings at start, for the whole run's figures.
    std::vector<CpuTimes> m_startCpu;
    std::int64_t m_startNs = 0;
    double m_startOwnCpu = 0.0;
    double m_ownCpuSeconds = 0.0;
    double m_otherLoadCores = 0.0;

    std::thread m_thread;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_stopping = false;
};

} // namespace clab
