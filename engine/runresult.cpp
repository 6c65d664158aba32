#include "runresult.h"

#include "jsonwriter.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <sstream>

namespace clab {

namespace {

std::string fixed(double value, int decimals)
{
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
    return buffer;
}

// Microseconds with nanosecond precision, as exact decimal text: adjacent intervals then meet
// exactly in the trace and can never overlap through rounding.
std::string micros(std::int64_t ns)
{
    const bool negative = ns < 0;
    const std::int64_t magnitude = negative ? -ns : ns;
    char buffer[48];
    std::snprintf(buffer, sizeof buffer, "%s%lld.%03lld", negative ? "-" : "",
                  static_cast<long long>(magnitude / 1000), static_cast<long long>(magnitude % 1000));
    return buffer;
}

void writeConfig(JsonWriter &json, const RunConfig &config)
{
    json.beginObject();
    for (const ConfigField &field : fields(config)) {
        json.key(field.key);
        if (field.isText)
            json.value(field.value);
        else
            json.raw(field.value);
    }
    json.endObject();
}

std::string unitName(const WorkerResult &worker)
{
    return std::string(toString(worker.role)) + " " + std::to_string(worker.index);
}

// The trace track of each unit: its thread id, unless several units share one thread (the
// coroutines of an event loop). Those get a track each, numbered above any real thread id (Linux
// pid_max is at most 2^22), so their intervals never land on one track.
std::vector<int> traceTracks(const std::vector<WorkerResult> &workers)
{
    constexpr int kSharedTrackBase = 1 << 23;
    std::map<std::pair<int, int>, int> unitsPerThread;
    for (const WorkerResult &w : workers)
        ++unitsPerThread[{w.pid, w.tid}];
    std::vector<int> tracks;
    for (const WorkerResult &w : workers)
        tracks.push_back(unitsPerThread[{w.pid, w.tid}] > 1 ? kSharedTrackBase + w.index : w.tid);
    return tracks;
}

} // namespace

double percentile(std::vector<double> values, double p)
{
    if (values.empty())
        return 0.0;
    std::sort(values.begin(), values.end());
    const double rank = std::ceil(p / 100.0 * static_cast<double>(values.size()));
    const auto index = static_cast<std::size_t>(std::clamp(rank, 1.0, static_cast<double>(values.size()))) - 1;
    return values[index];
}

int maxRunningOverlap(const std::vector<WorkerResult> &workers, std::int64_t minSpanNs)
{
    std::vector<std::pair<std::int64_t, int>> edges;
    for (const WorkerResult &worker : workers) {
        for (const Interval &i : worker.timeline) {
            if (i.state == WorkerState::Running && i.endNs > i.startNs) {
                edges.emplace_back(i.startNs, +1);
                edges.emplace_back(i.endNs, -1);
            }
        }
    }
    std::sort(edges.begin(), edges.end()); // an end sorts before a start at the same moment
    int now = 0;
    int most = 0;
    for (std::size_t k = 0; k < edges.size(); ++k) {
        now += edges[k].second;
        // The level holds from this edge to the next one at a later moment.
        if (k + 1 < edges.size() && edges[k + 1].first == edges[k].first)
            continue;
        const std::int64_t span = k + 1 < edges.size() ? edges[k + 1].first - edges[k].first : 0;
        if (now > most && (minSpanNs == 0 || span >= minSpanNs))
            most = now;
    }
    return most;
}

RunResult::SchedulerShare RunResult::schedulerShare() const
{
    SchedulerShare share;
    int counted = 0;
    for (const WorkerResult &w : workers) {
        if (w.role != WorkerRole::Worker)
            continue;
        share.onCpuSeconds += w.onCpuSeconds;
        share.cpuWaitSeconds += w.cpuWaitSeconds;
        share.timeslices += w.timeslices;
        ++counted;
    }
    if (share.timeslices > 0)
        share.meanTurnMs = share.onCpuSeconds * 1e3 / static_cast<double>(share.timeslices);
    if (counted > 0 && summary.wallSeconds > 0)
        share.waitFraction = share.cpuWaitSeconds / (counted * summary.wallSeconds);
    return share;
}

std::string RunResult::toJson(bool withTimeline) const
{
    JsonWriter json;
    json.beginObject();
    json.field("format", "concurrency-lab-run").field("version", 1);
    json.key("config");
    writeConfig(json, config);

    json.key("machine").beginObject();
    json.field("logical_cpus", machine.logicalCpus)
        .field("cpu_model", machine.cpuModel)
        .field("os", machine.os);
    json.endObject();

    const RunSummary &s = summary;
    json.key("summary").beginObject();
    json.field("wall_s", s.wallSeconds)
        .field("cpu_s", s.cpuSeconds)
        .field("tasks_completed", s.tasksCompleted)
        .field("throughput_tps", s.throughputTps)
        .field("avg_cores_busy", s.avgCoresBusy)
        .field("other_load_cores", s.otherLoadCores)
        .field("scheduler_stats", s.schedulerStats)
        .field("max_running", s.maxRunning)
        .field("latency_ms_p50", s.latencyMsP50)
        .field("latency_ms_p99", s.latencyMsP99);
    json.key("gil").beginObject();
    json.field("policy", toString(s.gil.policy))
        .field("switch_interval_ms", s.gil.switchIntervalMs)
        .field("switches", s.gil.switches)
        .field("drop_requests", s.gil.dropRequests)
        .field("failed_acquisitions", s.gil.failedAcquisitions)
        .field("hold_ms_mean", s.gil.holdMsMean)
        .field("wait_ms_mean", s.gil.waitMsMean);
    json.endObject();
    if (config.workload == WorkloadKind::Shared)
        json.field("shared_updates", s.sharedUpdates);
    if (s.unitCreateUs && s.unitMemoryKib) {
        // Per unit: creating all `units` of them took units * create_us.
        json.key("unit_cost").beginObject();
        json.field("model", toString(config.model))
            .field("units", config.workers)
            .field("create_us", *s.unitCreateUs)
            .field("memory_kib_per_unit", *s.unitMemoryKib);
        json.endObject();
    }
    json.field("stopped", s.stopped);
    if (!s.error.empty())
        json.field("error", s.error);
    if (!s.workerFailures.empty()) {
        json.key("worker_failures").beginArray();
        for (const std::string &failure : s.workerFailures)
            json.value(failure);
        json.endArray();
    }
    json.endObject();

    json.key("workers").beginArray();
    for (const WorkerResult &w : workers) {
        json.beginObject();
        json.field("index", w.index)
            .field("role", toString(w.role))
            .field("interpreter", w.interpreter)
            .field("pid", w.pid)
            .field("tid", w.tid)
            .field("tasks", w.tasks)
            .field("cpu_s", w.cpuSeconds)
            .field("on_cpu_s", w.onCpuSeconds)
            .field("cpu_wait_s", w.cpuWaitSeconds)
            .field("timeslices", w.timeslices)
            .field("gil_hold_s", w.gilHoldSeconds)
            .field("gil_wait_s", w.gilWaitSeconds)
            .field("gil_takes", w.gilTakes)
            .field("gil_contended_takes", w.gilContendedTakes)
            .field("drop_requests_set", w.dropRequestsSet)
            .field("gil_switches_in", w.gilSwitchesIn)
            .field("gil_failed_acquisitions", w.gilFailedAcquisitions)
            .field("last_core", w.lastCore);
        if (w.spawnMs >= 0)
            json.field("spawn_ms", w.spawnMs);
        if (!w.exit.empty())
            json.field("exit", w.exit);
        if (withTimeline) {
            json.key("timeline").beginArray();
            for (const Interval &i : w.timeline) {
                json.beginObject();
                json.field("state", toString(i.state))
                    .field("start_s", static_cast<double>(i.startNs - startNs) / 1e9)
                    .field("end_s", static_cast<double>(i.endNs - startNs) / 1e9)
                    .field("core", static_cast<int>(i.core));
                json.endObject();
            }
            json.endArray();
        }
        json.endObject();
    }
    json.endArray();

    json.key("samples").beginArray();
    for (const Sample &sample : samples) {
        json.beginObject();
        json.field("t_s", sample.tSeconds)
            .field("throughput_tps", sample.throughputTps)
            .field("tasks_done", sample.tasksDone)
            .field("running", sample.running)
            .field("cores_busy", sample.coresBusy)
            .field("other_load_cores", sample.otherLoadCores);
        json.key("core_busy_pct").beginArray();
        for (const double pct : sample.coreBusyPct) {
            if (pct < 0)
                json.null();
            else
                json.value(pct);
        }
        json.endArray();
        json.endObject();
    }
    json.endArray();
    json.endObject();
    return json.text() + "\n";
}

std::string RunResult::samplesCsv() const
{
    std::size_t cores = 0;
    for (const Sample &sample : samples)
        cores = std::max(cores, sample.coreBusyPct.size());

    std::ostringstream out;
    out << "t_s,tasks_done,throughput_tps,running,cores_busy,other_load_cores";
    for (std::size_t c = 0; c < cores; ++c)
        out << ",core" << c << "_busy_pct";
    out << '\n';
    for (const Sample &sample : samples) {
        out << fixed(sample.tSeconds, 4) << ',' << sample.tasksDone << ','
            << fixed(sample.throughputTps, 3) << ',' << sample.running << ','
            << fixed(sample.coresBusy, 3) << ',' << fixed(sample.otherLoadCores, 3);
        for (std::size_t c = 0; c < cores; ++c) {
            out << ',';
            if (c < sample.coreBusyPct.size() && sample.coreBusyPct[c] >= 0)
                out << fixed(sample.coreBusyPct[c], 2);
        }
        out << '\n';
    }
    return out.str();
}

std::string RunResult::chromeTrace() const
{
    // Trace Event Format: ts and dur in microseconds. One "process" per engine process, one
    // "thread" (track) per unit; metadata events name them.
    JsonWriter json(false);
    json.beginObject();
    json.field("displayTimeUnit", "ms");
    json.key("traceEvents").beginArray();

    const std::vector<int> tracks = traceTracks(workers);
    std::vector<int> pidsNamed;
    for (std::size_t u = 0; u < workers.size(); ++u) {
        const WorkerResult &w = workers[u];
        if (std::find(pidsNamed.begin(), pidsNamed.end(), w.pid) == pidsNamed.end()) {
            pidsNamed.push_back(w.pid);
            json.beginObject();
            json.field("ph", "M").field("name", "process_name").field("pid", w.pid).field("tid", 0);
            json.key("args").beginObject();
            json.field("name", "Concurrency Lab: " + std::string(toString(config.model)) + ", GIL "
                                   + std::string(toString(config.gil)));
            json.endObject();
            json.endObject();
        }
        json.beginObject();
        json.field("ph", "M").field("name", "thread_name").field("pid", w.pid).field("tid", tracks[u]);
        json.key("args").beginObject();
        std::string where;
        if (config.model == ExecutionModel::Subinterpreters)
            where = " (interpreter " + std::to_string(w.interpreter) + ")";
        else if (tracks[u] != w.tid)
            where = " (on thread " + std::to_string(w.tid) + ")";
        json.field("name", unitName(w) + where);
        json.endObject();
        json.endObject();
        json.beginObject();
        json.field("ph", "M").field("name", "thread_sort_index").field("pid", w.pid).field("tid", tracks[u]);
        json.key("args").beginObject().field("sort_index", w.index).endObject();
        json.endObject();
    }

    for (std::size_t u = 0; u < workers.size(); ++u) {
        const WorkerResult &w = workers[u];
        for (const Interval &i : w.timeline) {
            if (i.endNs <= i.startNs)
                continue;
            json.beginObject();
            json.field("name", toString(i.state))
                .field("cat", "state")
                .field("ph", "X")
                .field("pid", w.pid)
                .field("tid", tracks[u]);
            json.key("ts").raw(micros(i.startNs - startNs));
            json.key("dur").raw(micros(i.endNs - i.startNs));
            json.key("args").beginObject().field("core", static_cast<int>(i.core)).endObject();
            json.endObject();
        }
    }
    json.endArray();
    json.endObject();
    return json.text() + "\n";
}

std::string RunResult::summaryText() const
{
    const RunSummary &s = summary;
    std::ostringstream out;
    out << "Run: " << toString(config.model) << ", " << config.workers << " worker"
        << (config.workers == 1 ? "" : "s") << ", workload " << toString(config.workload) << ", "
        << config.tasks << " tasks, GIL " << toString(config.gil);
    if (config.gil != GilPolicy::Off)
        out << " (switch interval " << config.switchIntervalMs << " ms)";
    if (config.cpuHogs > 0)
        out << ", " << config.cpuHogs << " CPU hog" << (config.cpuHogs == 1 ? "" : "s");
    out << '\n';
    out << "Machine: " << machine.logicalCpus << " logical CPUs, " << machine.cpuModel << '\n';
    for (const std::string &failure : s.workerFailures)
        out << "WORKER FAILED: " << failure << '\n';
    if (!s.error.empty())
        out << "FAILED: " << s.error << '\n';
    else if (s.stopped)
        out << "Stopped before the end.\n";
    out << "  wall           " << fixed(s.wallSeconds, 3) << " s\n"
        << "  CPU            " << fixed(s.cpuSeconds, 3) << " s (" << fixed(s.avgCoresBusy, 2)
        << " cores busy on average)\n"
        << "  tasks          " << s.tasksCompleted << " of " << config.tasks << '\n'
        << "  throughput     " << fixed(s.throughputTps, 1) << " tasks/s\n"
        << "  task latency   p50 " << fixed(s.latencyMsP50, 3) << " ms, p99 " << fixed(s.latencyMsP99, 3)
        << " ms\n"
        << "  max running    " << s.maxRunning << " at once\n";
    if (s.otherLoadCores >= kBusyMachineCores) {
        out << "  other load     " << fixed(s.otherLoadCores, 2)
            << " cores used by other programs during this run; speedups may be low\n";
    }
    if (s.schedulerStats) {
        const SchedulerShare share = schedulerShare();
        if (share.timeslices > 0) {
            out << "  OS scheduler   workers waited " << fixed(share.cpuWaitSeconds, 3) << " s for a core ("
                << fixed(100.0 * share.waitFraction, 1) << " % of their time); turns of "
                << fixed(share.meanTurnMs, 2) << " ms on average\n";
        }
    }
    if (config.gil != GilPolicy::Off) {
        // The legacy GIL has no drop requests; its cost shows as waiters that lost the race.
        out << "  GIL            " << s.gil.switches << " switches, ";
        if (config.gil == GilPolicy::Legacy)
            out << s.gil.failedAcquisitions << " failed acquisitions";
        else
            out << s.gil.dropRequests << " drop requests";
        out << ", hold " << fixed(s.gil.holdMsMean, 3) << " ms mean, wait "
            << fixed(s.gil.waitMsMean, 3) << " ms mean\n";
    }
    if (config.workload == WorkloadKind::Shared)
        out << "  shared updates " << s.sharedUpdates << '\n';
    std::vector<double> spawns;
    for (const WorkerResult &w : workers) {
        if (w.spawnMs >= 0)
            spawns.push_back(w.spawnMs);
    }
    if (!spawns.empty()) {
        out << "  worker start   p50 " << fixed(percentile(spawns, 50), 3) << " ms, max "
            << fixed(*std::max_element(spawns.begin(), spawns.end()), 3) << " ms (spawn to ready)\n";
    }
    if (s.unitCreateUs && s.unitMemoryKib) {
        out << "  unit cost      " << fixed(*s.unitCreateUs, 3) << " us to create, " << fixed(*s.unitMemoryKib, 3)
            << " KiB each (" << toString(config.model) << ")\n";
    }
    return out.str();
}

} // namespace clab
