#include "execution/run.h"
#include "formats/json.h"
#include "results/chrometrace.h"
#include "results/runresult.h"

#include <QTest>

#include <cmath>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

using namespace clab;

// The trace of real runs (threads under one GIL, worker processes, coroutines, subinterpreters, the
// GIL off) and of results built by hand, read back with the engine's JSON reader: GIL holder tracks
// that agree with the units' running intervals, hand-off arrows that pair up, counters per core,
// the marker, and the cap on events with its notice.

namespace {

using Track = std::pair<std::int64_t, std::int64_t>; // pid, tid

// Half a nanosecond in microseconds: times are written exact to the nanosecond, but an end is a
// sum of two numbers read back.
constexpr double kEps = 0.0005;

struct Slice
{
    double ts = 0;
    double end = 0;
    std::string name;
    std::string state; // state slices: "running", "cpu-wait", ...
};

struct Flow
{
    std::optional<Json> start;
    std::optional<Json> finish;
};

// A trace read back, sorted into what the checks need.
struct Trace
{
    Json root;
    std::map<Track, std::string> trackNames;
    std::set<std::int64_t> processesNamed;
    std::map<Track, std::vector<Slice>> states; // per unit track, by start
    std::map<Track, std::vector<Slice>> holds; // per GIL holder track, by start
    std::map<std::uint64_t, Flow> flows;
    std::vector<Json> counters;
    std::vector<Json> instants;
    std::size_t events = 0;
    std::map<std::int64_t, std::int64_t> pidOfTid; // every track's tid belongs to one process
    bool tidsShared = false;
};

Track trackOf(const Json &e)
{
    return {e.at("pid").get<std::int64_t>(), e.at("tid").get<std::int64_t>()};
}

bool parseTrace(const std::string &text, Trace &trace)
{
    JsonParseResult parsed = parseJson(text);
    if (!parsed.value) {
        qWarning("trace is not valid JSON: %s", parsed.error.c_str());
        return false;
    }
    trace.root = std::move(*parsed.value);
    const Json &events = trace.root.at("traceEvents");
    trace.events = events.size();
    for (const Json &e : events) {
        const std::string ph = e.at("ph").get<std::string>();
        if (e.contains("tid") && e.at("tid") != 0) {
            const auto [it, added]
                = trace.pidOfTid.try_emplace(e.at("tid").get<std::int64_t>(), e.at("pid").get<std::int64_t>());
            trace.tidsShared = trace.tidsShared || it->second != e.at("pid").get<std::int64_t>();
        }
        if (ph == "M") {
            if (e.at("name") == "thread_name")
                trace.trackNames[trackOf(e)] = e.at("args").at("name").get<std::string>();
            if (e.at("name") == "process_name")
                trace.processesNamed.insert(e.at("pid").get<std::int64_t>());
        } else if (ph == "X") {
            const double ts = e.at("ts").get<double>();
            Slice slice{ts, ts + e.at("dur").get<double>(), e.at("name").get<std::string>(), {}};
            if (e.at("cat") == "state") {
                slice.state = e.at("args").at("state").get<std::string>();
                trace.states[trackOf(e)].push_back(slice);
            } else if (e.at("cat") == "gil") {
                // Which unit held it: its track is in the same process, tid in args.
                slice.state = std::to_string(e.at("args").at("tid").get<std::int64_t>());
                trace.holds[trackOf(e)].push_back(slice);
            }
        } else if (ph == "s") {
            trace.flows[e.at("id").get<std::uint64_t>()].start = e;
        } else if (ph == "f") {
            trace.flows[e.at("id").get<std::uint64_t>()].finish = e;
        } else if (ph == "C") {
            trace.counters.push_back(e);
        } else if (ph == "i") {
            trace.instants.push_back(e);
        }
    }
    for (auto *map : {&trace.states, &trace.holds}) {
        for (auto &[track, slices] : *map)
            std::sort(slices.begin(), slices.end(), [](const Slice &a, const Slice &b) { return a.ts < b.ts; });
    }
    return true;
}

// The slice of `track` whose span holds `ts`, if any.
const Slice *sliceAt(const Trace &trace, const Track &track, double ts)
{
    const auto it = trace.states.find(track);
    if (it == trace.states.end())
        return nullptr;
    for (const Slice &slice : it->second) {
        if (slice.ts <= ts + kEps && ts <= slice.end + kEps)
            return &slice;
    }
    return nullptr;
}

// What every trace must be, whatever the run: each track named, slices never overlapping on a
// track, each hold one of its unit's stretches of running, each hand-off paired and bound to a
// running slice of two different units, the counters in range. Returns false after a failed check.
bool checkTrace(const Trace &trace)
{
    if (trace.tidsShared) {
        qWarning("one tid is used in two processes");
        return false;
    }
    for (const auto *map : {&trace.states, &trace.holds}) {
        for (const auto &[track, slices] : *map) {
            if (!trace.trackNames.count(track) || !trace.processesNamed.count(track.first)) {
                qWarning("track %lld/%lld has no name", static_cast<long long>(track.first),
                    static_cast<long long>(track.second));
                return false;
            }
            for (std::size_t k = 0; k < slices.size(); ++k) {
                if (!(slices[k].end > slices[k].ts) || slices[k].ts < 0) {
                    qWarning("empty or negative slice at %f", slices[k].ts);
                    return false;
                }
                if (k > 0 && slices[k].ts < slices[k - 1].end - kEps) {
                    qWarning("slices overlap on track %lld at %f", static_cast<long long>(track.second), slices[k].ts);
                    return false;
                }
            }
        }
    }

    // Holds: from the start of a running slice of the unit named to the end of one, with nothing
    // between but running, waiting for a core and idle (off its core, still holding).
    for (const auto &[gilTrack, holds] : trace.holds) {
        for (const Slice &hold : holds) {
            const Track unit{gilTrack.first, std::stoll(hold.state)};
            const auto it = trace.states.find(unit);
            if (it == trace.states.end() || trace.trackNames.at(unit).rfind(hold.name, 0) != 0) {
                qWarning("hold '%s' at %f names no unit track", hold.name.c_str(), hold.ts);
                return false;
            }
            bool starts = false;
            bool ends = false;
            for (const Slice &s : it->second) {
                if (s.end <= hold.ts + kEps || s.ts >= hold.end - kEps)
                    continue;
                if (s.state != "running" && s.state != "cpu-wait" && s.state != "idle") {
                    qWarning("hold of '%s' at %f spans a '%s' slice", hold.name.c_str(), hold.ts, s.state.c_str());
                    return false;
                }
                starts = starts || (s.state == "running" && std::abs(s.ts - hold.ts) < kEps);
                ends = ends || (s.state == "running" && std::abs(s.end - hold.end) < kEps);
            }
            if (!starts || !ends) {
                qWarning("hold of '%s' at %f..%f is no stretch of running", hold.name.c_str(), hold.ts, hold.end);
                return false;
            }
        }
    }

    for (const auto &[id, flow] : trace.flows) {
        if (!flow.start || !flow.finish) {
            qWarning("flow %llu is not paired", static_cast<unsigned long long>(id));
            return false;
        }
        const Json &s = *flow.start;
        const Json &f = *flow.finish;
        if (s.at("name") != f.at("name") || s.at("cat") != f.at("cat") || f.value("bp", "") != "e") {
            qWarning("flow %llu: start and finish do not match", static_cast<unsigned long long>(id));
            return false;
        }
        if (f.at("ts").get<double>() < s.at("ts").get<double>() || trackOf(s) == trackOf(f)) {
            qWarning("flow %llu goes back in time or stays on one unit", static_cast<unsigned long long>(id));
            return false;
        }
        const Slice *from = sliceAt(trace, trackOf(s), s.at("ts").get<double>());
        const Slice *to = sliceAt(trace, trackOf(f), f.at("ts").get<double>());
        if (!from || !to || from->state != "running" || to->state != "running") {
            qWarning("flow %llu is not bound to running slices", static_cast<unsigned long long>(id));
            return false;
        }
    }

    for (const Json &c : trace.counters) {
        const std::string name = c.at("name").get<std::string>();
        for (const auto &[key, value] : c.at("args").items()) {
            const double v = value.get<double>();
            if (!std::isfinite(v) || v < 0 || (name.rfind("CPU ", 0) == 0 && v > 100.0)) {
                qWarning("counter %s %s = %f is out of range", name.c_str(), key.c_str(), v);
                return false;
            }
        }
    }
    return true;
}

std::size_t flowCount(const Trace &trace)
{
    return trace.flows.size();
}

std::size_t holdCount(const Trace &trace)
{
    std::size_t n = 0;
    for (const auto &[track, holds] : trace.holds)
        n += holds.size();
    return n;
}

std::set<std::string> counterNames(const Trace &trace)
{
    std::set<std::string> names;
    for (const Json &c : trace.counters) {
        for (const auto &[key, value] : c.at("args").items())
            names.insert(c.at("name").get<std::string>() + " " + key);
    }
    return names;
}

std::optional<Json> instantNamed(const Trace &trace, const std::string &prefix)
{
    for (const Json &e : trace.instants) {
        if (e.at("name").get<std::string>().rfind(prefix, 0) == 0)
            return e;
    }
    return std::nullopt;
}

RunConfig cpuConfig(ExecutionModel model, int workers, GilPolicy gil)
{
    RunConfig config;
    config.model = model;
    config.workers = workers;
    config.gil = gil;
    config.workload = WorkloadKind::Cpu;
    config.cpuSteps = 2000;
    config.tasks = 40;
    config.switchIntervalMs = 1.0;
    config.sampleHz = 50;
    return config;
}

// A result built by hand: two threads of one process taking turns under one GIL, `turns` times
// each (running, then waiting for the GIL while the other runs), sampled every `turns` / 100 turns.
RunResult alternatingResult(int turns)
{
    RunResult result;
    result.config.model = ExecutionModel::Threads;
    result.config.workers = 2;
    result.config.gil = GilPolicy::Modern;
    result.startNs = 5'000'000;
    for (int u = 0; u < 2; ++u) {
        WorkerResult w;
        w.index = u;
        w.pid = 100;
        w.tid = 101 + u;
        result.workers.push_back(w);
    }
    constexpr std::int64_t kTurnNs = 20'000;
    std::int64_t t = result.startNs;
    for (int k = 0; k < turns; ++k, t += kTurnNs) {
        const int runner = k % 2;
        result.workers[std::size_t(runner)].timeline.push_back(
            {t, t + kTurnNs, WorkerState::Running, static_cast<std::int16_t>(runner)});
        result.workers[std::size_t(1 - runner)].timeline.push_back(
            {t, t + kTurnNs, WorkerState::WaitingGil, static_cast<std::int16_t>(1 - runner)});
    }
    const int samples = std::max(1, turns / 100);
    for (int s = 1; s <= samples; ++s) {
        Sample sample;
        sample.tSeconds = static_cast<double>(t - result.startNs) * s / samples / 1e9;
        sample.throughputTps = 1000;
        sample.coresBusy = 1;
        sample.coreBusyPct = {100.0, 50.0};
        result.samples.push_back(sample);
    }
    return result;
}

// Counts the events of a trace without building it as a tree (a capped trace is tens of MB), and
// checks that it is valid JSON.
struct EventCounter : nlohmann::json_sax<Json>
{
    int depth = 0;
    bool inEvents = false;
    int eventsDepth = 0;
    std::size_t events = 0;
    std::string lastKey;

    bool null() override { return true; }
    bool boolean(bool) override { return true; }
    bool number_integer(number_integer_t) override { return true; }
    bool number_unsigned(number_unsigned_t) override { return true; }
    bool number_float(number_float_t, const string_t &) override { return true; }
    bool string(string_t &) override { return true; }
    bool binary(binary_t &) override { return true; }
    bool start_object(std::size_t) override
    {
        ++depth;
        if (inEvents && depth == eventsDepth + 1)
            ++events;
        return true;
    }
    bool end_object() override
    {
        --depth;
        return true;
    }
    bool start_array(std::size_t) override
    {
        if (depth == 1 && lastKey == "traceEvents") {
            inEvents = true;
            eventsDepth = depth;
        }
        return true;
    }
    bool end_array() override
    {
        if (inEvents && depth == eventsDepth)
            inEvents = false;
        return true;
    }
    bool key(string_t &key) override
    {
        lastKey = key;
        return true;
    }
    bool parse_error(std::size_t, const std::string &, const nlohmann::detail::exception &) override { return false; }
};

} // namespace

class TestChromeTrace : public QObject
{
    Q_OBJECT

private slots:
    void threadsUnderOneGil();
    void oneGilPerProcess();
    void oneGilPerInterpreter();
    void coroutinesShareTheLoopsGil();
    void gilOffHasNoHolder();
    void holdSpansWaitingForACore();
    void capKeepsAPrefixAndSaysSo();
    void capHoldsOnALongRun();
};

void TestChromeTrace::threadsUnderOneGil()
{
    const RunOutcome outcome = runToEnd(cpuConfig(ExecutionModel::Threads, 2, GilPolicy::Modern));
    QVERIFY(!outcome.error);
    const RunResult &result = outcome.result;
    QVERIFY(result.succeeded());
    Trace trace;
    QVERIFY(parseTrace(result.chromeTrace("preset cpu-threads-2-modern"), trace));
    QVERIFY(checkTrace(trace));

    QCOMPARE(trace.holds.size(), std::size_t(1)); // one GIL, one holder track
    QCOMPARE(trace.trackNames.at(trace.holds.begin()->first), std::string("GIL holder"));
    std::set<std::string> holders;
    for (const Slice &hold : trace.holds.begin()->second)
        holders.insert(hold.name);
    QCOMPARE(holders, (std::set<std::string>{"worker 0", "worker 1"})); // both ran, so both held it
    // Both held it, one after the other: at least one hand-off, each an arrow.
    QVERIFY(flowCount(trace) >= 1);
    QVERIFY(flowCount(trace) < holdCount(trace));

    const std::set<std::string> counters = counterNames(trace);
    for (const char *name : {"Throughput tasks/s", "This run cores busy", "Other programs cores busy"})
        QVERIFY2(counters.count(name), name);
    for (std::size_t c = 0; c < result.samples.back().coreBusyPct.size(); ++c) {
        if (result.samples.back().coreBusyPct[c] >= 0)
            QVERIFY2(counters.count("CPU " + std::to_string(c) + " busy %"), std::to_string(c).c_str());
    }

    const std::optional<Json> marker = instantNamed(trace, "preset cpu-threads-2-modern");
    QVERIFY(marker);
    QCOMPARE(marker->at("s").get<std::string>(), std::string("g"));
    QCOMPARE(marker->at("ts").get<double>(), 0.0);
    QCOMPARE(trace.root.at("otherData").at("label").get<std::string>(), std::string("preset cpu-threads-2-modern"));
    QVERIFY(!trace.root.at("otherData").contains("truncated"));
    QVERIFY(!instantNamed(trace, "trace truncated"));
}

void TestChromeTrace::oneGilPerProcess()
{
    RunConfig config = cpuConfig(ExecutionModel::Processes, 2, GilPolicy::Modern);
    config.cpuHogs = 1; // a hog in each worker process, competing for its GIL
    config.tasks = 20;
    const RunOutcome outcome = runToEnd(config);
    QVERIFY(!outcome.error);
    QVERIFY(outcome.result.succeeded());
    Trace trace;
    QVERIFY(parseTrace(outcome.result.chromeTrace(), trace));
    QVERIFY(checkTrace(trace));
    // A holder track in each worker process, none elsewhere.
    std::set<std::int64_t> workerPids;
    for (const WorkerResult &w : outcome.result.workers)
        workerPids.insert(w.pid);
    std::set<std::int64_t> holderPids;
    for (const auto &[track, holds] : trace.holds)
        holderPids.insert(track.first);
    QCOMPARE(trace.holds.size(), std::size_t(2));
    QCOMPARE(holderPids, workerPids);
    QVERIFY(trace.instants.empty()); // no label, no marker
    QVERIFY(!trace.root.at("otherData").contains("label"));
}

void TestChromeTrace::oneGilPerInterpreter()
{
    const RunOutcome outcome = runToEnd(cpuConfig(ExecutionModel::Subinterpreters, 2, GilPolicy::Modern));
    QVERIFY(!outcome.error);
    QVERIFY(outcome.result.succeeded());
    Trace trace;
    QVERIFY(parseTrace(outcome.result.chromeTrace(), trace));
    QVERIFY(checkTrace(trace));
    QCOMPARE(trace.holds.size(), std::size_t(2));
    std::set<std::string> names;
    for (const auto &[track, holds] : trace.holds)
        names.insert(trace.trackNames.at(track));
    QCOMPARE(names, (std::set<std::string>{"GIL holder (interpreter 0)", "GIL holder (interpreter 1)"}));
    QCOMPARE(flowCount(trace), std::size_t(0)); // each interpreter's GIL has one holder: no hand-offs
}

void TestChromeTrace::coroutinesShareTheLoopsGil()
{
    RunConfig config;
    config.model = ExecutionModel::Coroutines;
    config.workers = 4;
    config.workload = WorkloadKind::Mixed;
    config.cpuSteps = 1000;
    config.ioMs = 2;
    config.tasks = 24;
    config.cpuHogs = 1; // a thread beside the loop, taking the GIL from it
    config.switchIntervalMs = 1.0;
    config.sampleHz = 50;
    const RunOutcome outcome = runToEnd(config);
    QVERIFY(!outcome.error);
    QVERIFY(outcome.result.succeeded());
    Trace trace;
    QVERIFY(parseTrace(outcome.result.chromeTrace(), trace));
    QVERIFY(checkTrace(trace));
    QCOMPARE(trace.holds.size(), std::size_t(1)); // the loop's thread and the hog share one GIL
    std::set<std::string> holders;
    for (const Slice &hold : trace.holds.begin()->second)
        holders.insert(hold.name);
    QVERIFY(holders.size() >= 2); // coroutines and the hog: every unit that ran held it
    QVERIFY(flowCount(trace) >= 1);
}

void TestChromeTrace::gilOffHasNoHolder()
{
    const RunOutcome outcome = runToEnd(cpuConfig(ExecutionModel::Threads, 2, GilPolicy::Off));
    QVERIFY(!outcome.error);
    QVERIFY(outcome.result.succeeded());
    Trace trace;
    QVERIFY(parseTrace(outcome.result.chromeTrace(), trace));
    QVERIFY(checkTrace(trace));
    QVERIFY(trace.holds.empty());
    QCOMPARE(flowCount(trace), std::size_t(0));
    QCOMPARE(trace.states.size(), std::size_t(2));
    QVERIFY(!trace.counters.empty());
}

void TestChromeTrace::holdSpansWaitingForACore()
{
    // Worker 0 runs, is taken off its core while holding the GIL, runs again and lets go; worker 1
    // then takes the GIL. Times in ns after the start.
    RunResult result = alternatingResult(0);
    const std::int64_t t0 = result.startNs;
    result.workers[0].timeline
        = {{t0, t0 + 1000, WorkerState::Running, 0}, {t0 + 1000, t0 + 3000, WorkerState::WaitingCpu, 0},
            {t0 + 3000, t0 + 4000, WorkerState::Running, 1}, {t0 + 4000, t0 + 9000, WorkerState::Io, 1}};
    result.workers[1].timeline = {{t0, t0 + 4500, WorkerState::WaitingGil, 1},
        {t0 + 4500, t0 + 6000, WorkerState::Running, 1}, {t0 + 6000, t0 + 9000, WorkerState::Idle, 1}};
    Trace trace;
    QVERIFY(parseTrace(result.chromeTrace(), trace));
    QVERIFY(checkTrace(trace));

    // "Waiting for a core" is a state of its own, named as the window names it.
    const std::vector<Slice> &lane = trace.states.at({100, 101});
    QCOMPARE(lane.size(), std::size_t(4));
    QCOMPARE(lane[1].name, std::string("Waiting for a core"));
    QCOMPARE(lane[1].state, std::string("cpu-wait"));
    QCOMPARE(lane[0].name, std::string("Running bytecode"));

    QCOMPARE(trace.holds.size(), std::size_t(1));
    const std::vector<Slice> &holds = trace.holds.begin()->second;
    QCOMPARE(holds.size(), std::size_t(2));
    QCOMPARE(holds[0].name, std::string("worker 0"));
    QCOMPARE(holds[0].ts, 0.0);
    QCOMPARE(holds[0].end, 4.0); // across the wait for a core, to its release
    QCOMPARE(holds[1].name, std::string("worker 1"));
    QCOMPARE(holds[1].ts, 4.5);

    QCOMPARE(flowCount(trace), std::size_t(1));
    const Flow &flow = trace.flows.begin()->second;
    QCOMPARE(trackOf(*flow.start), Track(100, 101));
    QCOMPARE(trackOf(*flow.finish), Track(100, 102));
    QVERIFY(flow.start->at("ts").get<double>() <= 4.0);
    QVERIFY(flow.finish->at("ts").get<double>() >= 4.5);
}

void TestChromeTrace::capKeepsAPrefixAndSaysSo()
{
    const RunResult result = alternatingResult(2000);
    ChromeTraceOptions options;
    options.label = "walkthrough step 2: Two threads";
    options.maxEvents = 1000;
    Trace trace;
    QVERIFY(parseTrace(chromeTrace(result, options), trace));
    QVERIFY(checkTrace(trace)); // every hand-off kept has both of its slices
    QVERIFY(trace.events <= options.maxEvents);
    QVERIFY(trace.events > options.maxEvents - 10); // filled, not cut short
    QVERIFY(flowCount(trace) > 0);

    const std::optional<Json> notice = instantNamed(trace, "trace truncated after ");
    QVERIFY(notice);
    QCOMPARE(notice->at("s").get<std::string>(), std::string("g"));
    QCOMPARE(notice->at("args").at("limit").get<std::size_t>(), options.maxEvents);
    QVERIFY(trace.root.at("otherData").at("truncated") == notice->at("name"));
    QVERIFY(instantNamed(trace, options.label)); // the marker survives the cap
    // Cut at one moment: nothing starts after the notice.
    const double cut = notice->at("ts").get<double>();
    for (const auto *map : {&trace.states, &trace.holds}) {
        for (const auto &[track, slices] : *map) {
            for (const Slice &slice : slices)
                QVERIFY(slice.ts <= cut);
        }
    }
    for (const Json &c : trace.counters)
        QVERIFY(c.at("ts").get<double>() <= cut);

    // Without a cap in reach, the same result is whole.
    options.maxEvents = kMaxTraceEvents;
    Trace whole;
    QVERIFY(parseTrace(chromeTrace(result, options), whole));
    QVERIFY(checkTrace(whole));
    QVERIFY(!instantNamed(whole, "trace truncated"));
    QCOMPARE(holdCount(whole), std::size_t(2000));
    QCOMPARE(flowCount(whole), std::size_t(1999));
}

void TestChromeTrace::capHoldsOnALongRun()
{
    // More intervals than a trace may hold (a run may store 2^20): 2 x 300,000 state slices, as
    // many holds and nearly as many hand-offs.
    const RunResult result = alternatingResult(300'000);
    const std::string text = result.chromeTrace("preset long");
    EventCounter counter;
    QVERIFY2(Json::sax_parse(text, &counter), "the capped trace is valid JSON");
    QVERIFY(counter.events <= kMaxTraceEvents);
    QVERIFY(counter.events > kMaxTraceEvents - 10);
    QVERIFY(text.find("\"name\":\"trace truncated after ") != std::string::npos);
    QVERIFY(text.find("\"name\":\"preset long\"") != std::string::npos);
    QVERIFY(text.size() < 100u * 1024 * 1024);
}

QTEST_GUILESS_MAIN(TestChromeTrace)
#include "tst_chrometrace.moc"
