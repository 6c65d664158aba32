#include "results/runresult.h"

#include "formats/json.h"
#include "results/chrometrace.h"
#include "results/numbertext.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <sstream>

namespace clab {

namespace {

std::string fixed(double value, int decimals)
{
    return fixedText(value, decimals);
}

Json configJson(const RunConfig &config)
{
    Json json = Json::object();
    for (const ConfigField &field : fields(config)) {
        // Numbers and booleans are written as such; an unparsable value stays text.
        Json value = field.isText ? Json() : Json::parse(field.value, nullptr, false);
        json[field.key] = value.is_discarded() || field.isText ? Json(field.value) : value;
    }
    return json;
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
    Json json;
    json["format"] = "concurrency-lab-run";
    json["version"] = 1;
    json["config"] = configJson(config);
    json["machine"] = {{"logical_cpus", machine.logicalCpus}, {"cpu_model", machine.cpuModel}, {"os", machine.os}};

    const RunSummary &s = summary;
    Json &out = json["summary"];
    out = {{"wall_s", s.wallSeconds}, {"cpu_s", s.cpuSeconds}, {"tasks_completed", s.tasksCompleted},
        {"throughput_tps", s.throughputTps}, {"avg_cores_busy", s.avgCoresBusy}, {"other_load_cores", s.otherLoadCores},
        {"scheduler_stats", s.schedulerStats}, {"max_running", s.maxRunning}, {"latency_ms_p50", s.latencyMsP50},
        {"latency_ms_p90", s.latencyMsP90}, {"latency_ms_p99", s.latencyMsP99}};
    out["gil"] = {{"policy", toString(s.gil.policy)}, {"switch_interval_ms", s.gil.switchIntervalMs},
        {"switches", s.gil.switches}, {"drop_requests", s.gil.dropRequests},
        {"failed_acquisitions", s.gil.failedAcquisitions}, {"hold_ms_mean", s.gil.holdMsMean},
        {"wait_ms_mean", s.gil.waitMsMean}};
    if (config.workload == WorkloadKind::Shared)
        out["shared_updates"] = s.sharedUpdates;
    if (s.race) {
        out["race"] = {{"expected", s.race->expected}, {"final", s.race->final}, {"lost_updates", s.race->lostUpdates},
            {"lock_acquisitions", s.race->lockAcquisitions}, {"lock_waits", s.race->lockWaits},
            {"lock_wait_s", s.race->lockWaitSeconds}};
    }
    if (s.deadlock) {
        Json cycle = Json::array();
        for (const DeadlockLink &link : s.deadlock->cycle)
            cycle.push_back(
                {{"worker", link.worker}, {"holds", lockName(link.holds)}, {"waits_for", lockName(link.waitsFor)}});
        out["deadlock"] = {{"detected", s.deadlock->detected}, {"detected_after_ms", s.deadlock->detectedAfterMs},
            {"at_s", s.deadlock->atSeconds}, {"cycle", std::move(cycle)}};
    }
    if (s.pipeline) {
        out["pipeline"] = {{"queue_size", s.pipeline->queueSize}, {"producers", s.pipeline->producers},
            {"consumers", s.pipeline->consumers}, {"items", s.pipeline->items}, {"put_waits", s.pipeline->putWaits},
            {"get_waits", s.pipeline->getWaits}, {"producer_blocked_s", s.pipeline->producerBlockedSeconds},
            {"consumer_blocked_s", s.pipeline->consumerBlockedSeconds}, {"max_depth", s.pipeline->maxDepth}};
    }
    if (s.unitCreateUs && s.unitMemoryKib) {
        // Per unit: creating all `units` of them took units * create_us.
        out["unit_cost"] = {{"model", toString(config.model)}, {"units", config.workers},
            {"create_us", *s.unitCreateUs}, {"memory_kib_per_unit", *s.unitMemoryKib}};
    }
    out["timeline_events"] = {{"stored", s.timelineIntervals}, {"cap", s.timelineCap},
        {"cap_reached", s.timelineCapReached}, {"dropped", s.timelineDropped}};
    out["stopped"] = s.stopped;
    if (!s.error.empty())
        out["error"] = s.error;
    if (!s.workerFailures.empty())
        out["worker_failures"] = s.workerFailures;

    Json &units = json["workers"] = Json::array();
    for (const WorkerResult &w : workers) {
        Json unit = {{"index", w.index}, {"role", toString(w.role)}, {"interpreter", w.interpreter}, {"pid", w.pid},
            {"tid", w.tid}, {"tasks", w.tasks}, {"cpu_s", w.cpuSeconds}, {"on_cpu_s", w.onCpuSeconds},
            {"cpu_wait_s", w.cpuWaitSeconds}, {"timeslices", w.timeslices}, {"gil_hold_s", w.gilHoldSeconds},
            {"gil_wait_s", w.gilWaitSeconds}, {"gil_takes", w.gilTakes}, {"gil_contended_takes", w.gilContendedTakes},
            {"drop_requests_set", w.dropRequestsSet}, {"gil_switches_in", w.gilSwitchesIn},
            {"gil_failed_acquisitions", w.gilFailedAcquisitions}, {"last_core", w.lastCore}};
        if (w.spawnMs >= 0)
            unit["spawn_ms"] = w.spawnMs;
        if (!w.exit.empty())
            unit["exit"] = w.exit;
        if (withTimeline)
            unit["timeline"] = Json::array(); // filled in below, one interval at a time
        units.push_back(std::move(unit));
    }

    Json &samplesJson = json["samples"] = Json::array();
    for (const Sample &sample : samples) {
        Json busy = Json::array();
        for (const double pct : sample.coreBusyPct)
            busy.push_back(pct < 0 ? Json() : Json(pct));
        samplesJson.push_back({{"t_s", sample.tSeconds}, {"throughput_tps", sample.throughputTps},
            {"tasks_done", sample.tasksDone}, {"running", sample.running}, {"cores_busy", sample.coresBusy},
            {"other_load_cores", sample.otherLoadCores}, {"core_busy_pct", std::move(busy)}});
    }
    std::string text = toText(json);
    if (!withTimeline)
        return text;

    // A timeline can hold millions of intervals: as a JSON tree they would take hundreds of bytes
    // each, so each worker's empty "timeline" array is replaced by its intervals, one line each.
    // A key is the only place where the text `"timeline": []` can stand unescaped.
    constexpr std::string_view kEmpty = "\"timeline\": []";
    std::string filled;
    std::size_t from = 0;
    for (const WorkerResult &w : workers) {
        const std::size_t at = text.find(kEmpty, from);
        if (at == std::string::npos)
            break;
        filled.append(text, from, at - from).append("\"timeline\": [");
        const std::size_t lineStart = text.rfind('\n', at) + 1;
        const std::string indent(at - lineStart + 2, ' ');
        bool first = true;
        for (const Interval &i : w.timeline) {
            filled.append(first ? "\n" : ",\n").append(indent);
            filled += toCompactText(
                {{"state", toString(i.state)}, {"start_s", static_cast<double>(i.startNs - startNs) / 1e9},
                    {"end_s", static_cast<double>(i.endNs - startNs) / 1e9}, {"core", static_cast<int>(i.core)}});
            first = false;
        }
        if (!first)
            filled.append("\n").append(indent, 0, indent.size() - 2);
        filled += "]";
        from = at + kEmpty.size();
    }
    filled.append(text, from);
    return filled;
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
        out << fixed(sample.tSeconds, 4) << ',' << sample.tasksDone << ',' << fixed(sample.throughputTps, 3) << ','
            << sample.running << ',' << fixed(sample.coresBusy, 3) << ',' << fixed(sample.otherLoadCores, 3);
        for (std::size_t c = 0; c < cores; ++c) {
            out << ',';
            if (c < sample.coreBusyPct.size() && sample.coreBusyPct[c] >= 0)
                out << fixed(sample.coreBusyPct[c], 2);
        }
        out << '\n';
    }
    return out.str();
}

std::string RunResult::chromeTrace(const std::string &label) const
{
    return clab::chromeTrace(*this, {label});
}

std::string RunResult::failureText() const
{
    std::string out;
    for (const std::string &failure : summary.workerFailures)
        out += "WORKER FAILED: " + failure + '\n';
    if (!summary.error.empty())
        out += "FAILED: " + summary.error + '\n';
    return out;
}

std::string RunResult::summaryText(bool withFailures) const
{
    const RunSummary &s = summary;
    std::ostringstream out;
    out << "Run: " << toString(config.model) << ", " << config.workers << " worker" << (config.workers == 1 ? "" : "s")
        << ", workload " << toString(config.workload) << ", " << config.tasks << " tasks, GIL " << toString(config.gil);
    if (config.gil != GilPolicy::Off)
        out << " (switch interval " << config.switchIntervalMs << " ms)";
    if (config.cpuHogs > 0)
        out << ", " << config.cpuHogs << " CPU hog" << (config.cpuHogs == 1 ? "" : "s");
    out << '\n';
    out << "Machine: " << machine.logicalCpus << " logical CPUs, " << machine.cpuModel << '\n';
    if (withFailures)
        out << failureText();
    // Stopped by the user, not by a failure: a failed run says why above (or on stderr).
    if (s.stopped && succeeded())
        out << "Stopped before the end.\n";
    out << "  wall           " << fixed(s.wallSeconds, 3) << " s\n"
        << "  CPU            " << fixed(s.cpuSeconds, 3) << " s (" << fixed(s.avgCoresBusy, 2)
        << " cores busy on average)\n"
        << "  tasks          " << s.tasksCompleted << " of " << config.tasks << '\n'
        << "  throughput     " << fixed(s.throughputTps, 1) << " tasks/s\n"
        << "  task latency   p50 " << fixed(s.latencyMsP50, 3) << " ms, p90 " << fixed(s.latencyMsP90, 3) << " ms, p99 "
        << fixed(s.latencyMsP99, 3) << " ms\n"
        << "  max running    " << s.maxRunning << " at once\n";
    if (s.otherLoadCores >= kBusyMachineCores) {
        out << "  other load     " << fixed(s.otherLoadCores, 2)
            << " cores used by other programs during this run; speedups may be low\n";
    }
    if (s.schedulerStats) {
        const SchedulerShare share = schedulerShare();
        if (share.timeslices > 0) {
            out << "  OS scheduler   workers waited " << fixed(share.cpuWaitSeconds, 3) << " s for a core ("
                << fixed(100.0 * share.waitFraction, 1) << " % of their time); turns of " << fixed(share.meanTurnMs, 2)
                << " ms on average\n";
        }
    }
    if (config.gil != GilPolicy::Off) {
        // The legacy GIL has no drop requests; its cost shows as waiters that lost the race.
        out << "  GIL            " << s.gil.switches << " switches, ";
        if (config.gil == GilPolicy::Legacy)
            out << s.gil.failedAcquisitions << " failed acquisitions";
        else
            out << s.gil.dropRequests << " drop requests";
        out << ", hold " << fixed(s.gil.holdMsMean, 3) << " ms mean, wait " << fixed(s.gil.waitMsMean, 3)
            << " ms mean\n";
    }
    if (config.workload == WorkloadKind::Shared)
        out << "  shared updates " << s.sharedUpdates << '\n';
    if (s.deadlock) {
        if (!s.deadlock->detected) {
            out << "  deadlock       none: every task took both locks and finished\n";
        } else {
            out << "  deadlock       found " << fixed(s.deadlock->detectedAfterMs, 1) << " ms after the cycle closed, "
                << fixed(s.deadlock->atSeconds, 3) << " s into the run; the run was ended\n";
            for (const DeadlockLink &link : s.deadlock->cycle)
                out << "                 worker " << link.worker << " holds lock " << lockName(link.holds)
                    << ", waits for lock " << lockName(link.waitsFor) << '\n';
        }
    }
    if (s.pipeline) {
        const PipelineSummary &p = *s.pipeline;
        out << "  pipeline       " << p.producers << (p.producers == 1 ? " producer, " : " producers, ") << p.consumers
            << (p.consumers == 1 ? " consumer" : " consumers") << ", queue of " << p.queueSize << ": " << p.items
            << " items consumed, at most " << p.maxDepth << " queued\n";
        out << "  queue waits    " << p.putWaits << " puts found it full (producers blocked "
            << fixed(p.producerBlockedSeconds, 3) << " s), " << p.getWaits << " gets found it empty (consumers blocked "
            << fixed(p.consumerBlockedSeconds, 3) << " s)\n";
    }
    if (s.race) {
        out << "  race           " << s.race->final << " of " << s.race->expected
            << " increments in the counter: " << s.race->lostUpdates << " lost\n";
        if (config.raceMode == RaceMode::Locked)
            out << "  lock           " << s.race->lockAcquisitions << " acquisitions, " << s.race->lockWaits
                << " waited, " << fixed(s.race->lockWaitSeconds, 3) << " s waiting in all\n";
    }
    if (s.timelineCapReached) {
        out << "  timeline       the cap of " << s.timelineCap << " stored intervals was reached; " << s.timelineDropped
            << " more were not stored\n";
    }
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
