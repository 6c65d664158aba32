#include "runconfig.h"

#include <array>
#include <charconv>
#include <cmath>
#include <limits>

namespace clab {

namespace {

template<typename Enum>
struct EnumName
{
    Enum value;
    std::string_view name;
};

constexpr std::array<EnumName<ExecutionModel>, 5> kModels{{
    {ExecutionModel::Sequential, "sequential"},
    {ExecutionModel::Threads, "threads"},
    {ExecutionModel::Processes, "processes"},
    {ExecutionModel::Coroutines, "coroutines"},
    {ExecutionModel::Subinterpreters, "subinterpreters"},
}};

constexpr std::array<EnumName<WorkloadKind>, 7> kWorkloads{{
    {WorkloadKind::Cpu, "cpu"},
    {WorkloadKind::Native, "native"},
    {WorkloadKind::IoSleep, "io-sleep"},
    {WorkloadKind::IoFile, "io-file"},
    {WorkloadKind::IoSocket, "io-socket"},
    {WorkloadKind::Mixed, "mixed"},
    {WorkloadKind::Shared, "shared"},
}};

constexpr std::array<EnumName<GilPolicy>, 3> kPolicies{{
    {GilPolicy::Modern, "modern"},
    {GilPolicy::Legacy, "legacy"},
    {GilPolicy::Off, "off"},
}};

template<typename Enum, std::size_t N>
std::string_view nameOf(const std::array<EnumName<Enum>, N> &table, Enum value)
{
    for (const auto &entry : table) {
        if (entry.value == value)
            return entry.name;
    }
    return "?";
}

template<typename Enum, std::size_t N>
std::optional<Enum> valueOf(const std::array<EnumName<Enum>, N> &table, std::string_view text)
{
    for (const auto &entry : table) {
        if (entry.name == text)
            return entry.value;
    }
    return std::nullopt;
}

template<typename Enum, std::size_t N>
std::string choices(const std::array<EnumName<Enum>, N> &table)
{
    std::string out;
    for (const auto &entry : table) {
        if (!out.empty())
            out += ", ";
        out += entry.name;
    }
    return out;
}

// Shortest text that reads back to the same double ("5", "0.5", "0.001").
std::string formatNumber(double value)
{
    std::array<char, 32> buffer{};
    // Whole numbers print as such ("1000000", not "1e+06"): these strings end
    // up in error messages and in the GUI's range hints.
    if (std::isfinite(value) && std::abs(value) < 1e15 && value == std::trunc(value)) {
        const auto result = std::to_chars(buffer.data(), buffer.data() + buffer.size(),
                                          static_cast<long long>(value));
        return std::string(buffer.data(), result.ptr);
    }
    const auto result = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value);
    return std::string(buffer.data(), result.ptr);
}

std::string describe(double min, double max)
{
    return formatNumber(min) + ".." + formatNumber(max);
}

const FieldRange &rangeOf(std::string_view key)
{
    for (const auto &range : fieldRanges()) {
        if (range.key == key)
            return range;
    }
    static const FieldRange unbounded{"", -HUGE_VAL, HUGE_VAL};
    return unbounded;
}

// The allowed values of a numeric field in words; workers depend on the model.
std::string allowedRange(const RunConfig &config, std::string_view key)
{
    if (key == "workers") {
        const int limit = maxWorkers(config.model);
        if (limit == 1)
            return "1 (the sequential model runs one worker)";
        return "1.." + std::to_string(limit) + " for " + std::string(toString(config.model));
    }
    const FieldRange &range = rangeOf(key);
    return describe(range.min, range.max);
}

std::optional<ConfigError> checkRange(std::string_view key, double value)
{
    const FieldRange &range = rangeOf(key);
    if (std::isfinite(value) && value >= range.min && value <= range.max)
        return std::nullopt;
    return ConfigError{std::string(key),
                       "must be " + describe(range.min, range.max) + ", got " + formatNumber(value)};
}

template<typename Number>
std::optional<Number> parseNumber(std::string_view text)
{
    Number value{};
    const char *end = text.data() + text.size();
    const auto result = std::from_chars(text.data(), end, value);
    if (text.empty() || result.ec != std::errc() || result.ptr != end)
        return std::nullopt;
    return value;
}

std::optional<bool> parseBool(std::string_view text)
{
    if (text == "true" || text == "1" || text == "yes" || text == "on")
        return true;
    if (text == "false" || text == "0" || text == "no" || text == "off")
        return false;
    return std::nullopt;
}

} // namespace

std::string_view toString(ExecutionModel model) { return nameOf(kModels, model); }
std::string_view toString(WorkloadKind workload) { return nameOf(kWorkloads, workload); }
std::string_view toString(GilPolicy policy) { return nameOf(kPolicies, policy); }

std::optional<ExecutionModel> executionModelFromString(std::string_view text)
{
    return valueOf(kModels, text);
}
std::optional<WorkloadKind> workloadFromString(std::string_view text)
{
    return valueOf(kWorkloads, text);
}
std::optional<GilPolicy> gilPolicyFromString(std::string_view text)
{
    return valueOf(kPolicies, text);
}

bool isImplemented(ExecutionModel model)
{
    switch (model) {
    case ExecutionModel::Sequential:
    case ExecutionModel::Threads:
    case ExecutionModel::Coroutines:
    case ExecutionModel::Subinterpreters:
    case ExecutionModel::Processes:
        return true;
    }
    return false;
}

bool isImplemented(WorkloadKind)
{
    return true;
}

const std::vector<WorkloadInfo> &workloadCatalog()
{
    static const std::vector<WorkloadInfo> catalog{
        {WorkloadKind::Cpu,
         "pure computation in small steps, a checkpoint (eval breaker) between steps; holds the GIL throughout",
         {"cpu_steps"}},
        {WorkloadKind::Native,
         "real zlib compression of a buffer with the GIL released, like zlib.compress on a large buffer",
         {"native_kib"}},
        {WorkloadKind::IoSleep, "a blocking wait with the GIL released, like time.sleep or a slow socket read",
         {"io_ms"}},
        {WorkloadKind::IoFile,
         "real write, fsync and read-back of a file in a private temporary directory, GIL released; "
         "with coroutines it is a blocking call that stalls the event loop, as file I/O does in asyncio",
         {"file_kib"}},
        {WorkloadKind::IoSocket,
         "a 64-byte request/response round trip to an echo server the run starts on 127.0.0.1, "
         "GIL released around send and receive",
         {}},
        {WorkloadKind::Mixed, "computation for cpu_fraction of the task, then a blocking wait for the rest",
         {"cpu_steps", "io_ms", "cpu_fraction"}},
        {WorkloadKind::Shared,
         "computation that updates one shared object every step: the GIL guards it, or a lock when the GIL is off",
         {"cpu_steps"}},
    };
    return catalog;
}

std::string_view describeField(std::string_view key)
{
    static const std::pair<std::string_view, std::string_view> kHelp[] = {
        {"model", "execution model: sequential, threads, processes, coroutines, subinterpreters"},
        {"workers", "execution units working on the tasks"},
        {"workload", "what each task does (see `workloads`)"},
        {"tasks", "number of fixed-size tasks in the run"},
        {"gil", "modern (Python 3.2+), legacy (Python <= 3.1) or off (free-threaded)"},
        {"switch_interval_ms", "how long a waiter waits before asking for the GIL (sys.setswitchinterval)"},
        {"cpu_hogs", "extra CPU-bound threads in each interpreter for the whole run (convoy effect)"},
        {"sample_hz", "measurements per second"},
        {"cpu_steps", "steps of computation per task, about 1 us each"},
        {"io_ms", "length of one blocking wait, in ms"},
        {"native_kib", "KiB that zlib compresses per task"},
        {"file_kib", "KiB written, fsynced and read back per task"},
        {"cpu_fraction", "share of a mixed task spent computing"},
        {"yield_every", "coroutines: yield to the event loop every N steps, 0 = never"},
        {"blocking_io", "coroutines: do I/O as a blocking call that stalls the loop"},
        {"seed", "seed of the data the workloads compute on"},
    };
    for (const auto &[name, help] : kHelp) {
        if (name == key)
            return help;
    }
    return {};
}

std::string allowedValues(const RunConfig &config, std::string_view key)
{
    if (key == "model")
        return choices(kModels);
    if (key == "workload")
        return choices(kWorkloads);
    if (key == "gil")
        return choices(kPolicies);
    if (key == "blocking_io")
        return "true, false";
    if (key == "seed")
        return "0..18446744073709551615";
    return allowedRange(config, key);
}

const std::vector<FieldRange> &fieldRanges()
{
    static const std::vector<FieldRange> ranges{
        {"tasks", 1, 1'000'000},
        {"switch_interval_ms", 0.001, 1000},
        {"cpu_hogs", 0, 16},
        {"sample_hz", 1, 100},
        {"cpu_steps", 1, 10'000'000},
        {"io_ms", 0.01, 10'000},
        {"native_kib", 1, 65'536},
        {"file_kib", 1, 65'536},
        {"cpu_fraction", 0, 1},
        {"yield_every", 0, 1'000'000},
    };
    return ranges;
}

int maxWorkers(ExecutionModel model)
{
    switch (model) {
    case ExecutionModel::Sequential:
        return 1;
    case ExecutionModel::Threads:
    case ExecutionModel::Subinterpreters:
        return 256;
    case ExecutionModel::Processes:
        return 64;
    case ExecutionModel::Coroutines:
        return 100'000;
    }
    return 1;
}

std::optional<ConfigError> validate(const RunConfig &config)
{
    if (!isImplemented(config.model))
        return ConfigError{"model", "'" + std::string(toString(config.model))
                                        + "' is not available in this build yet"};
    if (!isImplemented(config.workload))
        return ConfigError{"workload", "'" + std::string(toString(config.workload))
                                           + "' is not available in this build yet"};

    const int workerLimit = maxWorkers(config.model);
    if (config.workers < 1 || config.workers > workerLimit)
        return ConfigError{"workers", "must be " + allowedRange(config, "workers") + ", got "
                                          + std::to_string(config.workers)};

    const std::pair<std::string_view, double> numbers[] = {
        {"tasks", config.tasks},
        {"switch_interval_ms", config.switchIntervalMs},
        {"cpu_hogs", config.cpuHogs},
        {"sample_hz", config.sampleHz},
        {"cpu_steps", config.cpuSteps},
        {"io_ms", config.ioMs},
        {"native_kib", config.nativeKib},
        {"file_kib", config.fileKib},
        {"cpu_fraction", config.cpuFraction},
        {"yield_every", config.yieldEvery},
    };
    for (const auto &[key, value] : numbers) {
        if (auto error = checkRange(key, value))
            return error;
    }
    return std::nullopt;
}

std::optional<ConfigError> setField(RunConfig &config, std::string_view key, std::string_view value)
{
    const std::string field(key);
    auto bad = [&](const std::string &expected) {
        return ConfigError{field, "expected " + expected + ", got '" + std::string(value) + "'"};
    };
    auto setInt = [&](int &target) -> std::optional<ConfigError> {
        const auto parsed = parseNumber<long long>(value);
        if (!parsed)
            return bad("a whole number");
        if (*parsed < std::numeric_limits<int>::min() || *parsed > std::numeric_limits<int>::max())
            return ConfigError{field, "must be " + allowedRange(config, key) + ", got " + std::string(value)};
        target = static_cast<int>(*parsed);
        return std::nullopt;
    };
    auto setDouble = [&](double &target) -> std::optional<ConfigError> {
        const auto parsed = parseNumber<double>(value);
        if (!parsed || !std::isfinite(*parsed))
            return bad("a number");
        target = *parsed;
        return std::nullopt;
    };

    if (key == "model") {
        const auto parsed = executionModelFromString(value);
        if (!parsed)
            return bad("one of " + choices(kModels));
        config.model = *parsed;
        return std::nullopt;
    }
    if (key == "workload") {
        const auto parsed = workloadFromString(value);
        if (!parsed)
            return bad("one of " + choices(kWorkloads));
        config.workload = *parsed;
        return std::nullopt;
    }
    if (key == "gil") {
        const auto parsed = gilPolicyFromString(value);
        if (!parsed)
            return bad("one of " + choices(kPolicies));
        config.gil = *parsed;
        return std::nullopt;
    }
    if (key == "blocking_io") {
        const auto parsed = parseBool(value);
        if (!parsed)
            return bad("true or false");
        config.blockingIo = *parsed;
        return std::nullopt;
    }
    if (key == "seed") {
        const auto parsed = parseNumber<std::uint64_t>(value);
        if (!parsed)
            return bad("a whole number 0..18446744073709551615");
        config.seed = *parsed;
        return std::nullopt;
    }
    if (key == "workers")
        return setInt(config.workers);
    if (key == "tasks")
        return setInt(config.tasks);
    if (key == "cpu_hogs")
        return setInt(config.cpuHogs);
    if (key == "cpu_steps")
        return setInt(config.cpuSteps);
    if (key == "native_kib")
        return setInt(config.nativeKib);
    if (key == "file_kib")
        return setInt(config.fileKib);
    if (key == "yield_every")
        return setInt(config.yieldEvery);
    if (key == "switch_interval_ms")
        return setDouble(config.switchIntervalMs);
    if (key == "sample_hz")
        return setDouble(config.sampleHz);
    if (key == "io_ms")
        return setDouble(config.ioMs);
    if (key == "cpu_fraction")
        return setDouble(config.cpuFraction);

    std::string known;
    for (const auto &f : fields(RunConfig{})) {
        if (!known.empty())
            known += ", ";
        known += f.key;
    }
    return ConfigError{field, "unknown setting; known settings are " + known};
}

std::vector<ConfigField> fields(const RunConfig &config)
{
    auto text = [](std::string key, std::string_view value) {
        return ConfigField{std::move(key), std::string(value), true};
    };
    auto number = [](std::string key, double value) {
        return ConfigField{std::move(key), formatNumber(value), false};
    };
    return {
        text("model", toString(config.model)),
        number("workers", config.workers),
        text("workload", toString(config.workload)),
        number("tasks", config.tasks),
        text("gil", toString(config.gil)),
        number("switch_interval_ms", config.switchIntervalMs),
        number("cpu_hogs", config.cpuHogs),
        number("sample_hz", config.sampleHz),
        number("cpu_steps", config.cpuSteps),
        number("io_ms", config.ioMs),
        number("native_kib", config.nativeKib),
        number("file_kib", config.fileKib),
        number("cpu_fraction", config.cpuFraction),
        number("yield_every", config.yieldEvery),
        ConfigField{"blocking_io", config.blockingIo ? "true" : "false", false},
        ConfigField{"seed", std::to_string(config.seed), false},
    };
}

} // namespace clab
