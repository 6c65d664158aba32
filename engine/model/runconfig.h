#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace clab {

// How the workers of a run are executed.
enum class ExecutionModel
{
    Sequential,
    Threads,
    Processes,
    Coroutines,
    Subinterpreters
};

// What each task does. Every task is a fixed amount of work so throughput compares across models.
enum class WorkloadKind
{
    Cpu,
    Native,
    IoSleep,
    IoFile,
    IoSocket,
    Mixed,
    Shared,
    Race,
    Deadlock,
    Pipeline,
};

// Which CPython GIL the interpreter(s) of the run simulate.
enum class GilPolicy
{
    Modern, // CPython 3.2+: timed waits, drop requests, forced switching
    Legacy, // CPython <= 3.1: release and re-compete every 100 ticks
    Off, // free-threaded build (PEP 703): no lock
};

// Where the race workload's read-modify-write of its shared counter can be interrupted.
enum class RaceMode
{
    UnsafeCall, // a checkpoint between the read and the write, like `x = x + f()`: loses updates under the GIL too
    UnsafePlain, // no checkpoint inside, like `x += 1` on CPython 3.11+: safe under a GIL, not without one
    Locked, // a real mutex around it, held across the checkpoint
    Atomic, // one atomic add
};

// In which order the deadlock workload's workers take its two locks.
enum class LockOrder
{
    Opposite, // every other worker takes them the other way round: a deadlock waiting to happen
    Same, // every worker takes A, then B: no cycle can form
};

std::string_view toString(ExecutionModel model);
std::string_view toString(WorkloadKind workload);
std::string_view toString(GilPolicy policy);
std::string_view toString(RaceMode mode);
std::string_view toString(LockOrder order);
std::optional<ExecutionModel> executionModelFromString(std::string_view text);
std::optional<WorkloadKind> workloadFromString(std::string_view text);
std::optional<GilPolicy> gilPolicyFromString(std::string_view text);
std::optional<RaceMode> raceModeFromString(std::string_view text);
std::optional<LockOrder> lockOrderFromString(std::string_view text);
// Every value of each, in the order help texts and menus list them.
const std::vector<ExecutionModel> &executionModels();
const std::vector<WorkloadKind> &workloadKinds();
const std::vector<GilPolicy> &gilPolicies();
const std::vector<RaceMode> &raceModes();
const std::vector<LockOrder> &lockOrders();

// The models and workloads this build of the engine can run.
bool isImplemented(ExecutionModel model);
bool isImplemented(WorkloadKind workload);

// A workload whose tasks only wait (io-sleep, io-file, io-socket), with the GIL released: its
// workers overlap whatever the cores, where the others compute.
bool onlyWaits(WorkloadKind workload);

// A rejected configuration value: which field, and why ("workers: must be 1..256, got 0").
struct ConfigError
{
    std::string field;
    std::string message;
    std::string toString() const { return field + ": " + message; }
};

// Everything that defines one experiment. Plain data: copy it freely.
// Field names in comments are the snake_case keys used by the CLI, presets and JSON. Every field
// has one entry in the field table (runconfigfields.h): its key, help, allowed values and unit.
struct RunConfig
{
    ExecutionModel model = ExecutionModel::Threads; // model
    int workers = 2; // workers
    WorkloadKind workload = WorkloadKind::Cpu; // workload
    int tasks = 64; // tasks
    GilPolicy gil = GilPolicy::Modern; // gil
    double switchIntervalMs = 5.0; // switch_interval_ms (sys.setswitchinterval)
    int cpuHogs = 0; // cpu_hogs
    double sampleHz = 10.0; // sample_hz

    // Workload parameters.
    int cpuSteps = 4000; // cpu_steps: steps of pure computation per cpu task
    double ioMs = 10.0; // io_ms: length of one blocking wait
    int nativeKib = 256; // native_kib: buffer zlib compresses per native task
    int fileKib = 64; // file_kib: bytes written, fsynced and read per io-file task
    double cpuFraction = 0.5; // cpu_fraction: share of a mixed task that is computation
    int yieldEvery = 0; // yield_every: coroutines yield to the loop every N steps (0 = never)
    bool blockingIo = false; // blocking_io: coroutines do their I/O as a blocking call
    RaceMode raceMode = RaceMode::UnsafeCall; // race_mode: how the race workload updates its counter
    LockOrder lockOrder = LockOrder::Opposite; // lock_order: how the deadlock workload takes its locks
    int queueSize = 4; // queue_size: capacity of the pipeline workload's queue, in items
    int producers = 0; // producers: the pipeline's workers that produce (0 = half of them), the rest consume
    std::uint64_t seed = 1; // seed: the data the workloads compute on
};

// The functions below read the field table (runconfigfields.h), which has more: each field's type,
// unit, choices and the models and workloads that use it.

// Inclusive bounds of every numeric field whose bounds do not depend on the rest of the config
// (all but workers, see maxWorkers), so messages, CLI help and GUI spin boxes agree.
struct FieldRange
{
    std::string_view key;
    double min;
    double max;
};
const std::vector<FieldRange> &fieldRanges();
// The pipeline workload's producers: `producers`, or half the workers (at least one) when it is 0.
// Workers 0..producers-1 produce, the others consume; a single worker does both, item by item.
int pipelineProducers(const RunConfig &config);
// Worker limit of a model: what each unit costs (threads 256, processes 64, coroutines 100000).
int maxWorkers(ExecutionModel model);

// What each workload does and which settings shape it, for `workloads`, help text and the GUI.
struct WorkloadInfo
{
    WorkloadKind kind;
    std::string_view summary;
    std::vector<std::string_view> parameters; // snake_case keys, the fields that name this workload
};
const std::vector<WorkloadInfo> &workloadCatalog();
// One line on what a setting means ("io_ms" -> "length of one blocking wait, in ms"); empty for an
// unknown key.
std::string_view describeField(std::string_view key);
// The allowed values of a setting in words ("1..256 for threads", "0.001..1000"); empty for an
// unknown key.
std::string allowedValues(const RunConfig &config, std::string_view key);

// Checks every field; the first problem found, or nothing when the config can run.
std::optional<ConfigError> validate(const RunConfig &config);

// Sets one field from its snake_case key and textual value ("workers", "4").
// Parses only; range checks are validate()'s job. Unknown keys and unparsable values are errors.
std::optional<ConfigError> setField(RunConfig &config, std::string_view key, std::string_view value);

// One field of a config as text, in a stable order (for JSON, summaries and presets).
struct ConfigField
{
    std::string key;
    std::string value;
    bool isText; // an enum name, as opposed to a number or a boolean
};
std::vector<ConfigField> fields(const RunConfig &config);

} // namespace clab
