#include "results/chrometrace.h"

#include "formats/json.h"
#include "results/numbertext.h"
#include "results/runresult.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <string_view>
#include <utility>
#include <vector>

namespace clab {

namespace {

// Ids for tracks that are no thread of the run, above any real pid or tid (Linux pid_max is at
// most 2^22): the coroutines' lanes (several units on one thread), the GIL holder tracks, and the
// process that holds the samples' counters, the marker and the truncation notice.
constexpr int kSyntheticBase = 1 << 23;
// Each range is its own, so no two tracks share a tid (Perfetto keys threads by tid).
constexpr int kSharedTrackBase = kSyntheticBase; // + unit index (at most 100,000 units and hogs)
constexpr int kGilTrackBase = kSyntheticBase + (1 << 21); // + GIL index
constexpr int kSamplesPid = kSyntheticBase + (1 << 22); // its one track's tid too

// A flow event binds to the slice open on its track at its timestamp (Trace Event Format: "s"
// binds to the enclosing slice; "f" with "bp":"e" too). Placed at the exact moment of a release
// or an acquisition it would sit on the boundary between two slices, so it is placed this far
// inside the holding slice (at most half of it).
constexpr std::int64_t kFlowInsetNs = 100;

// Microseconds from nanoseconds. The quotient is correctly rounded and prints as the shortest
// text that reads back as the same number, so it is the exact decimal (at most three places):
// adjacent intervals meet exactly in the trace and never overlap through rounding.
double micros(std::int64_t ns)
{
    return static_cast<double>(ns) / 1000.0;
}

// The names the window's timeline gives the states (app/gui/charts/chartstyle.cpp), so a slide
// of the trace reads as the Lab does.
std::string_view stateTitle(WorkerState state)
{
    switch (state) {
    case WorkerState::Running:
        return "Running bytecode";
    case WorkerState::WaitingGil:
        return "Waiting for the GIL";
    case WorkerState::Io:
        return "I/O";
    case WorkerState::Native:
        return "Native code";
    case WorkerState::Idle:
        return "Idle";
    case WorkerState::WaitingCpu:
        return "Waiting for a core";
    case WorkerState::WaitingLock:
        return "Waiting for a lock";
    case WorkerState::WaitingQueue:
        return "Waiting on the queue";
    }
    return "?";
}

std::string unitName(const WorkerResult &worker)
{
    return std::string(toString(worker.role)) + " " + std::to_string(worker.index);
}

// The trace track of each unit: its thread id, unless several units share one thread (the
// coroutines of an event loop). Those get a track each, numbered above any real thread id, so
// their intervals never land on one track.
std::vector<int> traceTracks(const std::vector<WorkerResult> &workers)
{
    std::map<std::pair<int, int>, int> unitsPerThread;
    for (const WorkerResult &w : workers)
        ++unitsPerThread[{w.pid, w.tid}];
    std::vector<int> tracks;
    for (const WorkerResult &w : workers)
        tracks.push_back(unitsPerThread[{w.pid, w.tid}] > 1 ? kSharedTrackBase + w.index : w.tid);
    return tracks;
}

// One stretch of holding a GIL: from the start of a unit's "running" interval to the end of its
// last one before another unit of the same GIL ran or it let go (I/O, native code, a lock, a wait
// for the GIL). A thread taken off its core while holding keeps the GIL, so "waiting for a core"
// and "idle" between two of its running intervals stay inside the hold.
struct Hold
{
    std::size_t unit = 0;
    std::size_t firstInterval = 0;
    std::size_t lastInterval = 0;
    std::int64_t startNs = 0;
    std::int64_t endNs = 0;
};

// One GIL: the process it lives in, its interpreter there, and who held it when.
struct GilTrack
{
    int pid = 0;
    int interpreter = 0;
    std::vector<Hold> holds;
};

bool heldAcross(const std::vector<Interval> &timeline, std::size_t from, std::size_t to)
{
    for (std::size_t k = from + 1; k <= to; ++k) {
        if (timeline[k].startNs != timeline[k - 1].endNs)
            return false;
        if (k < to && timeline[k].state != WorkerState::WaitingCpu && timeline[k].state != WorkerState::Idle)
            return false;
    }
    return true;
}

// The holds of each GIL, in time order. A unit runs bytecode only while it holds its
// interpreter's GIL (model/threadstate.h), so the units' "running" intervals are the holds. None
// with the GIL off: nothing is held.
std::vector<GilTrack> gilTracks(const RunResult &result)
{
    std::vector<GilTrack> gils;
    if (result.config.gil == GilPolicy::Off)
        return gils;
    std::map<std::pair<int, int>, std::size_t> gilOf; // (pid, interpreter) -> index
    struct Run
    {
        std::int64_t startNs;
        std::size_t unit;
        std::size_t interval;
    };
    std::vector<std::vector<Run>> runs;
    for (std::size_t u = 0; u < result.workers.size(); ++u) {
        const WorkerResult &w = result.workers[u];
        const auto [it, added] = gilOf.try_emplace({w.pid, w.interpreter}, gils.size());
        if (added) {
            gils.push_back({w.pid, w.interpreter, {}});
            runs.emplace_back();
        }
        for (std::size_t k = 0; k < w.timeline.size(); ++k) {
            const Interval &i = w.timeline[k];
            if (i.state == WorkerState::Running && i.endNs > i.startNs)
                runs[it->second].push_back({i.startNs, u, k});
        }
    }
    for (std::size_t g = 0; g < gils.size(); ++g) {
        std::sort(runs[g].begin(), runs[g].end(), [](const Run &a, const Run &b) { return a.startNs < b.startNs; });
        std::vector<Hold> &holds = gils[g].holds;
        for (const Run &run : runs[g]) {
            const std::vector<Interval> &timeline = result.workers[run.unit].timeline;
            const Interval &i = timeline[run.interval];
            if (!holds.empty() && holds.back().unit == run.unit && run.interval > holds.back().lastInterval
                && heldAcross(timeline, holds.back().lastInterval, run.interval)) {
                holds.back().lastInterval = run.interval;
                holds.back().endNs = i.endNs;
                continue;
            }
            holds.push_back({run.unit, run.interval, run.interval, i.startNs, i.endNs});
        }
    }
    return gils;
}

// What the trace may hold, one entry per event or group of events that stand or fall together,
// in time order: the trace keeps a prefix of them.
struct Item
{
    enum Kind : std::uint8_t
    {
        State, // a unit's interval: a = unit, b = interval
        Holding, // a = GIL, b = hold
        Sample, // a = sample: its counters
        Handoff, // a = GIL, b = hold: the flow from hold b - 1 to hold b
    };
    std::int64_t ns = 0;
    Kind kind = State;
    std::uint32_t a = 0;
    std::uint32_t b = 0;
};

std::int64_t inset(const Interval &interval)
{
    return std::min(kFlowInsetNs, (interval.endNs - interval.startNs) / 2);
}

} // namespace

std::string chromeTrace(const RunResult &result, const ChromeTraceOptions &options)
{
    const std::vector<WorkerResult> &workers = result.workers;
    const std::vector<int> tracks = traceTracks(workers);
    const std::vector<GilTrack> gils = gilTracks(result);

    // When each sample's span began: its values are drawn from there to the next one's.
    std::vector<std::int64_t> sampleNs;
    for (std::size_t s = 0; s < result.samples.size(); ++s) {
        const double since = s == 0 ? 0.0 : result.samples[s - 1].tSeconds;
        sampleNs.push_back(result.startNs + std::llround(since * 1e9));
    }
    auto onlineCores = [&](const Sample &sample) {
        return static_cast<std::size_t>(
            std::count_if(sample.coreBusyPct.begin(), sample.coreBusyPct.end(), [](double pct) { return pct >= 0; }));
    };

    std::vector<Item> items;
    for (std::size_t u = 0; u < workers.size(); ++u) {
        for (std::size_t k = 0; k < workers[u].timeline.size(); ++k) {
            const Interval &i = workers[u].timeline[k];
            if (i.endNs > i.startNs)
                items.push_back({i.startNs, Item::State, static_cast<std::uint32_t>(u), static_cast<std::uint32_t>(k)});
        }
    }
    for (std::size_t g = 0; g < gils.size(); ++g) {
        const std::vector<Hold> &holds = gils[g].holds;
        for (std::size_t h = 0; h < holds.size(); ++h) {
            items.push_back(
                {holds[h].startNs, Item::Holding, static_cast<std::uint32_t>(g), static_cast<std::uint32_t>(h)});
            if (h > 0 && holds[h - 1].unit != holds[h].unit)
                items.push_back(
                    {holds[h].startNs, Item::Handoff, static_cast<std::uint32_t>(g), static_cast<std::uint32_t>(h)});
        }
    }
    for (std::size_t s = 0; s < result.samples.size(); ++s)
        items.push_back({sampleNs[s], Item::Sample, static_cast<std::uint32_t>(s), 0});
    // At one moment, slices before the samples and the hand-offs last: a hand-off kept has both of
    // the slices it binds to.
    std::stable_sort(items.begin(), items.end(),
        [](const Item &x, const Item &y) { return x.ns != y.ns ? x.ns < y.ns : x.kind < y.kind; });

    // The events always written: the samples' process name, the marker, and room for the notice.
    const std::size_t fixed = 2 + (options.label.empty() ? 0 : 1);
    const std::size_t budget = options.maxEvents > fixed ? options.maxEvents - fixed : 0;
    std::vector<bool> unitNamed(workers.size(), false);
    std::vector<bool> gilNamed(gils.size(), false);
    std::vector<int> pidsNamed;
    auto pidCost = [&](int pid) -> std::size_t {
        return std::find(pidsNamed.begin(), pidsNamed.end(), pid) == pidsNamed.end() ? 1 : 0;
    };
    std::size_t used = 0;
    std::size_t kept = 0;
    for (; kept < items.size(); ++kept) {
        const Item &item = items[kept];
        std::size_t cost = 0;
        int pid = -1;
        switch (item.kind) {
        case Item::State:
            cost = 1;
            if (!unitNamed[item.a]) {
                pid = workers[item.a].pid;
                cost += 2 + pidCost(pid);
            }
            break;
        case Item::Holding:
            cost = 1;
            if (!gilNamed[item.a]) {
                pid = gils[item.a].pid;
                cost += 2 + pidCost(pid);
            }
            break;
        case Item::Sample:
            cost = 3 + onlineCores(result.samples[item.a]);
            break;
        case Item::Handoff:
            cost = 2;
            break;
        }
        if (used + cost > budget)
            break;
        used += cost;
        if (item.kind == Item::State)
            unitNamed[item.a] = true;
        if (item.kind == Item::Holding)
            gilNamed[item.a] = true;
        if (pid >= 0 && pidCost(pid) > 0)
            pidsNamed.push_back(pid);
    }
    const bool truncated = kept < items.size();

    // Trace Event Format: ts and dur in microseconds. Events are written one at a time, so a long
    // run's trace never exists twice in memory.
    std::string text = "{\"displayTimeUnit\":\"ms\",\"traceEvents\":[";
    std::size_t written = 0;
    auto event = [&](const Json &e) {
        if (written > 0)
            text += ',';
        text += toCompactText(e);
        ++written;
    };

    const std::string runName
        = std::string(toString(result.config.model)) + ", GIL " + std::string(toString(result.config.gil));
    event({{"ph", "M"}, {"name", "process_name"}, {"pid", kSamplesPid}, {"tid", 0},
        {"args", {{"name", "Concurrency Lab: samples (" + runName + ")"}}}});
    for (const int pid : pidsNamed) {
        event({{"ph", "M"}, {"name", "process_name"}, {"pid", pid}, {"tid", 0},
            {"args", {{"name", "Concurrency Lab: " + runName}}}});
    }
    for (std::size_t g = 0; g < gils.size(); ++g) {
        if (!gilNamed[g])
            continue;
        const std::string name = result.config.model == ExecutionModel::Subinterpreters
            ? "GIL holder (interpreter " + std::to_string(gils[g].interpreter) + ")"
            : "GIL holder";
        const int tid = kGilTrackBase + static_cast<int>(g);
        event({{"ph", "M"}, {"name", "thread_name"}, {"pid", gils[g].pid}, {"tid", tid}, {"args", {{"name", name}}}});
        event({{"ph", "M"}, {"name", "thread_sort_index"}, {"pid", gils[g].pid}, {"tid", tid},
            {"args", {{"sort_index", -1}}}});
    }
    for (std::size_t u = 0; u < workers.size(); ++u) {
        if (!unitNamed[u])
            continue;
        const WorkerResult &w = workers[u];
        std::string where;
        if (result.config.model == ExecutionModel::Subinterpreters)
            where = " (interpreter " + std::to_string(w.interpreter) + ")";
        else if (tracks[u] != w.tid)
            where = " (on thread " + std::to_string(w.tid) + ")";
        event({{"ph", "M"}, {"name", "thread_name"}, {"pid", w.pid}, {"tid", tracks[u]},
            {"args", {{"name", unitName(w) + where}}}});
        event({{"ph", "M"}, {"name", "thread_sort_index"}, {"pid", w.pid}, {"tid", tracks[u]},
            {"args", {{"sort_index", w.index}}}});
    }
    if (!options.label.empty()) {
        event({{"name", options.label}, {"cat", "marker"}, {"ph", "i"}, {"s", "g"}, {"pid", kSamplesPid},
            {"tid", kSamplesPid}, {"ts", 0}, {"args", {{"label", options.label}}}});
    }

    std::uint64_t flowId = 0;
    for (std::size_t n = 0; n < kept; ++n) {
        const Item &item = items[n];
        switch (item.kind) {
        case Item::State: {
            const WorkerResult &w = workers[item.a];
            const Interval &i = w.timeline[item.b];
            event(
                {{"name", stateTitle(i.state)}, {"cat", "state"}, {"ph", "X"}, {"pid", w.pid}, {"tid", tracks[item.a]},
                    {"ts", micros(i.startNs - result.startNs)}, {"dur", micros(i.endNs - i.startNs)},
                    {"args", {{"state", toString(i.state)}, {"core", static_cast<int>(i.core)}}}});
            break;
        }
        case Item::Holding: {
            const Hold &hold = gils[item.a].holds[item.b];
            const WorkerResult &w = workers[hold.unit];
            event({{"name", unitName(w)}, {"cat", "gil"}, {"ph", "X"}, {"pid", gils[item.a].pid},
                {"tid", kGilTrackBase + static_cast<int>(item.a)}, {"ts", micros(hold.startNs - result.startNs)},
                {"dur", micros(hold.endNs - hold.startNs)}, {"args", {{"unit", w.index}, {"tid", tracks[hold.unit]}}}});
            break;
        }
        case Item::Handoff: {
            // From the release, on the unit that let go, to the acquisition, on the one that took it.
            const Hold &from = gils[item.a].holds[item.b - 1];
            const Hold &to = gils[item.a].holds[item.b];
            const Interval &last = workers[from.unit].timeline[from.lastInterval];
            const Interval &first = workers[to.unit].timeline[to.firstInterval];
            ++flowId;
            event(
                {{"name", "GIL hand-off"}, {"cat", "gil"}, {"ph", "s"}, {"id", flowId}, {"pid", workers[from.unit].pid},
                    {"tid", tracks[from.unit]}, {"ts", micros(from.endNs - inset(last) - result.startNs)}});
            event({{"name", "GIL hand-off"}, {"cat", "gil"}, {"ph", "f"}, {"bp", "e"}, {"id", flowId},
                {"pid", workers[to.unit].pid}, {"tid", tracks[to.unit]},
                {"ts", micros(to.startNs + inset(first) - result.startNs)}});
            break;
        }
        case Item::Sample: {
            const Sample &sample = result.samples[item.a];
            const double ts = micros(item.ns - result.startNs);
            auto counter = [&](const std::string &name, const char *series, double value) {
                event({{"name", name}, {"cat", "samples"}, {"ph", "C"}, {"pid", kSamplesPid}, {"tid", kSamplesPid},
                    {"ts", ts}, {"args", {{series, value}}}});
            };
            counter("Throughput", "tasks/s", sample.throughputTps);
            counter("This run", "cores busy", sample.coresBusy);
            counter("Other programs", "cores busy", sample.otherLoadCores);
            for (std::size_t c = 0; c < sample.coreBusyPct.size(); ++c) {
                if (sample.coreBusyPct[c] >= 0)
                    counter("CPU " + std::to_string(c), "busy %", sample.coreBusyPct[c]);
            }
            break;
        }
        }
    }

    std::string notice;
    if (truncated) {
        const double cutSeconds = static_cast<double>(items[kept].ns - result.startNs) / 1e9;
        notice = "trace truncated after " + std::to_string(written) + " events: the state slices, GIL holds, "
            + "hand-offs and samples from " + fixedText(cutSeconds, 3) + " s on are left out (a trace holds at most "
            + std::to_string(options.maxEvents) + " events)";
        event({{"name", notice}, {"cat", "marker"}, {"ph", "i"}, {"s", "g"}, {"pid", kSamplesPid}, {"tid", kSamplesPid},
            {"ts", micros(items[kept].ns - result.startNs)},
            {"args", {{"events", written}, {"limit", options.maxEvents}, {"cut_at_s", cutSeconds}}}});
    }
    text += "],";

    // Trace Event Format: "otherData" holds whatever else describes the trace.
    Json other = {{"app", "Concurrency Lab"}, {"model", toString(result.config.model)},
        {"gil", toString(result.config.gil)}, {"max_events", options.maxEvents}};
    if (!options.label.empty())
        other["label"] = options.label;
    if (truncated)
        other["truncated"] = notice;
    if (result.summary.timelineCapReached)
        other["timeline_intervals_not_stored"] = result.summary.timelineDropped;
    text += "\"otherData\":" + toCompactText(other) + "}\n";
    return text;
}

} // namespace clab
