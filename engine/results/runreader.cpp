#include "results/runreader.h"

#include <cmath>
#include <limits>
#include <string_view>

namespace clab {

namespace {

// Thrown inside the reader only, caught by runResultFromJson: one place to stop at the first
// problem however deep it is found.
struct ReadError
{
    std::string message;
};

[[noreturn]] void fail(const std::string &place, const std::string &what)
{
    throw ReadError{place.empty() ? what : place + ": " + what};
}

std::string join(const std::string &place, std::string_view key)
{
    return place.empty() ? std::string(key) : place + "." + std::string(key);
}

std::string indexed(const std::string &place, std::size_t index)
{
    return place + "[" + std::to_string(index) + "]";
}

std::string typeName(const Json &value)
{
    if (value.is_null())
        return "null";
    if (value.is_boolean())
        return "a boolean";
    if (value.is_number())
        return "a number";
    if (value.is_string())
        return "a string";
    if (value.is_array())
        return "an array";
    return "an object";
}

const Json &objectAt(const Json &value, const std::string &place)
{
    if (!value.is_object())
        fail(place, "expected an object, got " + typeName(value));
    return value;
}

const Json *optionalMember(const Json &object, std::string_view key)
{
    const auto it = object.find(key);
    return it == object.end() ? nullptr : &*it;
}

const Json &member(const Json &object, const std::string &place, std::string_view key)
{
    const Json *value = optionalMember(object, key);
    if (value == nullptr)
        fail(place, "missing \"" + std::string(key) + "\"");
    return *value;
}

// JSON has no NaN: the writer turns a number that is not finite into null (formats/json.h).
double numberOf(const Json &value, const std::string &place)
{
    if (value.is_null())
        return std::numeric_limits<double>::quiet_NaN();
    if (!value.is_number())
        fail(place, "expected a number, got " + typeName(value));
    return value.get<double>();
}

double number(const Json &object, const std::string &place, std::string_view key)
{
    return numberOf(member(object, place, key), join(place, key));
}

std::uint64_t count(const Json &object, const std::string &place, std::string_view key)
{
    const Json &value = member(object, place, key);
    if (!value.is_number_unsigned())
        fail(join(place, key),
            "expected a whole number of 0 or more, got " + (value.is_number() ? value.dump() : typeName(value)));
    return value.get<std::uint64_t>();
}

int integer(const Json &object, const std::string &place, std::string_view key, int low, int high)
{
    const Json &value = member(object, place, key);
    if (!value.is_number_integer())
        fail(join(place, key), "expected a whole number, got " + (value.is_number() ? value.dump() : typeName(value)));
    const auto n = value.get<std::int64_t>();
    if (n < low || n > high)
        fail(join(place, key),
            "must be " + std::to_string(low) + ".." + std::to_string(high) + ", got " + std::to_string(n));
    return static_cast<int>(n);
}

bool boolean(const Json &object, const std::string &place, std::string_view key)
{
    const Json &value = member(object, place, key);
    if (!value.is_boolean())
        fail(join(place, key), "expected true or false, got " + typeName(value));
    return value.get<bool>();
}

std::string textOf(const Json &value, const std::string &place)
{
    if (!value.is_string())
        fail(place, "expected a string, got " + typeName(value));
    return value.get<std::string>();
}

std::string text(const Json &object, const std::string &place, std::string_view key)
{
    return textOf(member(object, place, key), join(place, key));
}

const Json &array(const Json &object, const std::string &place, std::string_view key, std::size_t most)
{
    const Json &value = member(object, place, key);
    if (!value.is_array())
        fail(join(place, key), "expected an array, got " + typeName(value));
    if (value.size() > most)
        fail(join(place, key),
            std::to_string(value.size()) + " entries, more than the " + std::to_string(most) + " allowed");
    return value;
}

constexpr int kIntMax = std::numeric_limits<int>::max();
constexpr int kIntMin = std::numeric_limits<int>::min();
constexpr std::size_t kMaxCores = 65536;

RunConfig readConfig(const Json &json, const std::string &place)
{
    RunConfig config;
    for (const auto &[key, value] : objectAt(json, place).items()) {
        if (value.is_array() || value.is_object() || value.is_null())
            fail(join(place, key), "expected a number, a boolean or a string, got " + typeName(value));
        if (const std::optional<ConfigError> error = setField(config, key, settingText(value)))
            fail(place, error->toString());
    }
    if (const std::optional<ConfigError> error = validate(config))
        fail(place, error->toString());
    return config;
}

GilSummary readGil(const Json &json, const std::string &place)
{
    objectAt(json, place);
    GilSummary gil;
    const std::string policy = text(json, place, "policy");
    const std::optional<GilPolicy> parsed = gilPolicyFromString(policy);
    if (!parsed)
        fail(join(place, "policy"), "unknown GIL policy \"" + policy + "\"");
    gil.policy = *parsed;
    gil.switchIntervalMs = number(json, place, "switch_interval_ms");
    gil.switches = count(json, place, "switches");
    gil.dropRequests = count(json, place, "drop_requests");
    gil.failedAcquisitions = count(json, place, "failed_acquisitions");
    gil.holdMsMean = number(json, place, "hold_ms_mean");
    gil.waitMsMean = number(json, place, "wait_ms_mean");
    return gil;
}

int lockOf(const Json &object, const std::string &place, std::string_view key)
{
    const std::string name = text(object, place, key);
    for (int lock = -1; lock <= 1; ++lock) {
        if (name == lockName(lock))
            return lock;
    }
    fail(join(place, key), "unknown lock \"" + name + "\"");
}

DeadlockSummary readDeadlock(const Json &json, const std::string &place)
{
    objectAt(json, place);
    DeadlockSummary deadlock;
    deadlock.detected = boolean(json, place, "detected");
    deadlock.detectedAfterMs = number(json, place, "detected_after_ms");
    deadlock.atSeconds = number(json, place, "at_s");
    const Json &cycle = array(json, place, "cycle", 1'000'000);
    for (std::size_t k = 0; k < cycle.size(); ++k) {
        const std::string at = indexed(join(place, "cycle"), k);
        objectAt(cycle[k], at);
        deadlock.cycle.push_back({integer(cycle[k], at, "worker", 0, kIntMax), lockOf(cycle[k], at, "holds"),
            lockOf(cycle[k], at, "waits_for")});
    }
    return deadlock;
}

RunSummary readSummary(const Json &json, const std::string &place)
{
    objectAt(json, place);
    RunSummary s;
    s.wallSeconds = number(json, place, "wall_s");
    s.cpuSeconds = number(json, place, "cpu_s");
    s.tasksCompleted = count(json, place, "tasks_completed");
    s.throughputTps = number(json, place, "throughput_tps");
    s.avgCoresBusy = number(json, place, "avg_cores_busy");
    s.otherLoadCores = number(json, place, "other_load_cores");
    s.schedulerStats = boolean(json, place, "scheduler_stats");
    s.maxRunning = integer(json, place, "max_running", 0, kIntMax);
    s.latencyMsP50 = number(json, place, "latency_ms_p50");
    s.latencyMsP90 = number(json, place, "latency_ms_p90");
    s.latencyMsP99 = number(json, place, "latency_ms_p99");
    s.gil = readGil(member(json, place, "gil"), join(place, "gil"));
    if (optionalMember(json, "shared_updates") != nullptr)
        s.sharedUpdates = count(json, place, "shared_updates");
    if (const Json *race = optionalMember(json, "race")) {
        const std::string at = join(place, "race");
        objectAt(*race, at);
        s.race = RaceSummary{count(*race, at, "expected"), count(*race, at, "final"), count(*race, at, "lost_updates"),
            count(*race, at, "lock_acquisitions"), count(*race, at, "lock_waits"), number(*race, at, "lock_wait_s")};
    }
    if (const Json *pipeline = optionalMember(json, "pipeline")) {
        const std::string at = join(place, "pipeline");
        objectAt(*pipeline, at);
        s.pipeline = PipelineSummary{integer(*pipeline, at, "queue_size", 1, kIntMax),
            integer(*pipeline, at, "producers", 0, kIntMax), integer(*pipeline, at, "consumers", 0, kIntMax),
            count(*pipeline, at, "items"), count(*pipeline, at, "put_waits"), count(*pipeline, at, "get_waits"),
            number(*pipeline, at, "producer_blocked_s"), number(*pipeline, at, "consumer_blocked_s"),
            integer(*pipeline, at, "max_depth", 0, kIntMax)};
    }
    if (const Json *deadlock = optionalMember(json, "deadlock"))
        s.deadlock = readDeadlock(*deadlock, join(place, "deadlock"));
    if (const Json *cost = optionalMember(json, "unit_cost")) {
        const std::string at = join(place, "unit_cost");
        objectAt(*cost, at);
        s.unitCreateUs = number(*cost, at, "create_us");
        s.unitMemoryKib = number(*cost, at, "memory_kib_per_unit");
    }
    const std::string events = join(place, "timeline_events");
    const Json &timeline = objectAt(member(json, place, "timeline_events"), events);
    s.timelineIntervals = count(timeline, events, "stored");
    s.timelineCap = count(timeline, events, "cap");
    s.timelineCapReached = boolean(timeline, events, "cap_reached");
    s.timelineDropped = count(timeline, events, "dropped");
    s.stopped = boolean(json, place, "stopped");
    if (optionalMember(json, "error") != nullptr)
        s.error = text(json, place, "error");
    if (optionalMember(json, "worker_failures") != nullptr) {
        const Json &failures = array(json, place, "worker_failures", 1'000'000);
        for (std::size_t k = 0; k < failures.size(); ++k)
            s.workerFailures.push_back(textOf(failures[k], indexed(join(place, "worker_failures"), k)));
    }
    return s;
}

std::int64_t nanoseconds(const Json &object, const std::string &place, std::string_view key)
{
    const double seconds = number(object, place, key);
    // A day is far past any run; the bound keeps the conversion to nanoseconds exact and finite.
    if (!std::isfinite(seconds) || std::abs(seconds) > 86400.0)
        fail(join(place, key), "must be a time in seconds within a day of the run's start");
    return std::llround(seconds * 1e9);
}

WorkerState stateOf(const Json &object, const std::string &place)
{
    const std::string name = text(object, place, "state");
    for (int k = 0; k <= static_cast<int>(kLastWorkerState); ++k) {
        if (name == toString(static_cast<WorkerState>(k)))
            return static_cast<WorkerState>(k);
    }
    fail(join(place, "state"), "unknown state \"" + name + "\"");
}

WorkerResult readUnit(const Json &json, const std::string &place, std::size_t &intervalsLeft, std::size_t cap)
{
    objectAt(json, place);
    WorkerResult w;
    w.index = integer(json, place, "index", 0, kIntMax);
    const std::string role = text(json, place, "role");
    if (role == toString(WorkerRole::Worker))
        w.role = WorkerRole::Worker;
    else if (role == toString(WorkerRole::Hog))
        w.role = WorkerRole::Hog;
    else
        fail(join(place, "role"), "unknown role \"" + role + "\"");
    w.interpreter = integer(json, place, "interpreter", 0, kIntMax);
    w.pid = integer(json, place, "pid", 0, kIntMax);
    w.tid = integer(json, place, "tid", 0, kIntMax);
    w.tasks = count(json, place, "tasks");
    w.cpuSeconds = number(json, place, "cpu_s");
    w.onCpuSeconds = number(json, place, "on_cpu_s");
    w.cpuWaitSeconds = number(json, place, "cpu_wait_s");
    w.timeslices = count(json, place, "timeslices");
    w.gilHoldSeconds = number(json, place, "gil_hold_s");
    w.gilWaitSeconds = number(json, place, "gil_wait_s");
    w.gilTakes = count(json, place, "gil_takes");
    w.gilContendedTakes = count(json, place, "gil_contended_takes");
    w.dropRequestsSet = count(json, place, "drop_requests_set");
    w.gilSwitchesIn = count(json, place, "gil_switches_in");
    w.gilFailedAcquisitions = count(json, place, "gil_failed_acquisitions");
    w.lastCore = integer(json, place, "last_core", -1, kIntMax);
    if (optionalMember(json, "spawn_ms") != nullptr)
        w.spawnMs = number(json, place, "spawn_ms");
    if (optionalMember(json, "exit") != nullptr)
        w.exit = text(json, place, "exit");
    if (optionalMember(json, "timeline") == nullptr)
        return w;
    const std::string lane = join(place, "timeline");
    const Json &timeline = array(json, place, "timeline", std::numeric_limits<std::size_t>::max());
    if (timeline.size() > intervalsLeft)
        fail(lane, "the run's timelines hold more intervals than the " + std::to_string(cap) + " a run may store");
    intervalsLeft -= timeline.size();
    w.timeline.reserve(timeline.size());
    for (std::size_t k = 0; k < timeline.size(); ++k) {
        const std::string at = indexed(lane, k);
        objectAt(timeline[k], at);
        Interval interval;
        interval.state = stateOf(timeline[k], at);
        interval.startNs = nanoseconds(timeline[k], at, "start_s");
        interval.endNs = nanoseconds(timeline[k], at, "end_s");
        interval.core = static_cast<std::int16_t>(integer(timeline[k], at, "core", -1, 32767));
        if (interval.endNs < interval.startNs)
            fail(at, "ends before it starts");
        w.timeline.push_back(interval);
    }
    return w;
}

Sample readSample(const Json &json, const std::string &place)
{
    objectAt(json, place);
    Sample sample;
    sample.tSeconds = number(json, place, "t_s");
    sample.throughputTps = number(json, place, "throughput_tps");
    sample.tasksDone = count(json, place, "tasks_done");
    sample.running = integer(json, place, "running", 0, kIntMax);
    sample.coresBusy = number(json, place, "cores_busy");
    sample.otherLoadCores = number(json, place, "other_load_cores");
    const Json &busy = array(json, place, "core_busy_pct", kMaxCores);
    for (std::size_t k = 0; k < busy.size(); ++k) // null: a core that was offline
        sample.coreBusyPct.push_back(
            busy[k].is_null() ? -1.0 : numberOf(busy[k], indexed(join(place, "core_busy_pct"), k)));
    return sample;
}

RunResult readRun(const Json &json, const std::string &place, const RunReadLimits &limits)
{
    objectAt(json, place);
    const std::string format = text(json, place, "format");
    if (format != "concurrency-lab-run")
        fail(join(place, "format"), "expected \"concurrency-lab-run\", got \"" + format + "\"");
    const int version = integer(json, place, "version", kIntMin, kIntMax);
    if (version > 1)
        fail(place,
            "written by a newer Concurrency Lab (run version " + std::to_string(version)
                + "); this one reads version 1");
    if (version < 1)
        fail(join(place, "version"), "unknown version " + std::to_string(version));

    RunResult result;
    result.config = readConfig(member(json, place, "config"), join(place, "config"));
    const std::string machinePlace = join(place, "machine");
    const Json &machine = objectAt(member(json, place, "machine"), machinePlace);
    result.machine.logicalCpus = integer(machine, machinePlace, "logical_cpus", 0, kIntMax);
    result.machine.cpuModel = text(machine, machinePlace, "cpu_model");
    result.machine.os = text(machine, machinePlace, "os");
    result.summary = readSummary(member(json, place, "summary"), join(place, "summary"));

    const Json &units = array(json, place, "workers", limits.maxUnits);
    std::size_t intervalsLeft = limits.maxIntervals;
    result.workers.reserve(units.size());
    for (std::size_t k = 0; k < units.size(); ++k)
        result.workers.push_back(
            readUnit(units[k], indexed(join(place, "workers"), k), intervalsLeft, limits.maxIntervals));

    const Json &samples = array(json, place, "samples", limits.maxSamples);
    result.samples.reserve(samples.size());
    for (std::size_t k = 0; k < samples.size(); ++k)
        result.samples.push_back(readSample(samples[k], indexed(join(place, "samples"), k)));
    return result;
}

} // namespace

RunReadResult runResultFromJson(const Json &json, const std::string &where, const RunReadLimits &limits)
{
    RunReadResult out;
    try {
        out.result = readRun(json, where, limits);
    } catch (const ReadError &error) {
        out.error = error.message;
    } catch (const std::exception &error) { // nlohmann's conversions, std::bad_alloc
        out.error = (where.empty() ? std::string() : where + ": ") + error.what();
    }
    return out;
}

} // namespace clab
