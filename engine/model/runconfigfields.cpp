#include "model/runconfigfields.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <limits>
#include <type_traits>

namespace clab {

namespace {

// Shortest text that reads back to the same double ("5", "0.5", "0.001").
std::string formatNumber(double value)
{
    std::array<char, 32> buffer{};
    // Whole numbers print as such ("1000000", not "1e+06"): these strings end
    // up in error messages and in the GUI's range hints.
    if (std::isfinite(value) && std::abs(value) < 1e15 && value == std::trunc(value)) {
        const auto result = std::to_chars(buffer.data(), buffer.data() + buffer.size(), static_cast<long long>(value));
        return std::string(buffer.data(), result.ptr);
    }
    const auto result = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value);
    return std::string(buffer.data(), result.ptr);
}

std::string describe(double min, double max)
{
    return formatNumber(min) + ".." + formatNumber(max);
}

// Workers depend on the model: what each unit costs (maxWorkers()).
FieldBounds workerBounds(const RunConfig &config)
{
    const int limit = maxWorkers(config.model);
    if (limit == 1)
        return {1, 1, "1 (the " + std::string(toString(config.model)) + " model runs one worker)"};
    return {
        1, static_cast<double>(limit), "1.." + std::to_string(limit) + " for " + std::string(toString(config.model))};
}

// A pipeline needs a consumer: at most workers - 1 producers (0 picks half the workers). One worker
// (the sequential baseline) produces and consumes each item itself.
FieldBounds producerBounds(const RunConfig &config)
{
    if (config.workload != WorkloadKind::Pipeline)
        return {0, 99'999, "0..99999"};
    const int most = std::max(config.workers - 1, 0);
    if (most == 0)
        return {0, 0, "0 with 1 worker (it produces and consumes each item itself)"};
    return {0, static_cast<double>(most),
        "0.." + std::to_string(most) + " with " + std::to_string(config.workers)
            + " workers (0 = half of them; at least one worker must consume)"};
}

// THE TABLE. One entry per field of RunConfig, in the order fields() lists them.
const std::vector<FieldSpec> &table()
{
    using enum ExecutionModel;
    using enum WorkloadKind;
    // Each entry: where the field lives; its help line; then its unit, bounds, and who uses it.
    static const std::vector<FieldSpec> specs{
        {.key = "model",
            .member = &RunConfig::model,
            .help = "execution model: sequential, threads, processes, coroutines, subinterpreters"},
        {.key = "workers",
            .member = &RunConfig::workers,
            .help = "execution units working on the tasks",
            .min = 1,
            .max = 100'000,
            .boundsFor = workerBounds},
        {.key = "workload", .member = &RunConfig::workload, .help = "what each task does (see `workloads`)"},
        {.key = "tasks",
            .member = &RunConfig::tasks,
            .help = "number of fixed-size tasks in the run",
            .min = 1,
            .max = 1'000'000},
        {.key = "gil",
            .member = &RunConfig::gil,
            .help = "modern (Python 3.2+), legacy (Python <= 3.1) or off (free-threaded)"},
        {.key = "switch_interval_ms",
            .member = &RunConfig::switchIntervalMs,
            .help = "how long a waiter waits before asking for the GIL (sys.setswitchinterval)",
            .unit = "ms",
            .min = 0.001,
            .max = 1000},
        {.key = "cpu_hogs",
            .member = &RunConfig::cpuHogs,
            .help = "extra CPU-bound threads in each interpreter for the whole run (convoy effect)",
            .min = 0,
            .max = 16},
        {.key = "sample_hz",
            .member = &RunConfig::sampleHz,
            .help = "measurements per second",
            .unit = "Hz",
            .min = 1,
            .max = 100},
        {.key = "cpu_steps",
            .member = &RunConfig::cpuSteps,
            .help = "steps of computation per task, about 1 us each",
            .min = 1,
            .max = 10'000'000,
            .step = 1000,
            .workloads = {Cpu, Mixed, Shared, Race, Deadlock, Pipeline}},
        {.key = "io_ms",
            .member = &RunConfig::ioMs,
            .help = "length of one blocking wait, in ms",
            .unit = "ms",
            .min = 0.01,
            .max = 10'000,
            .workloads = {IoSleep, Mixed}},
        {.key = "native_kib",
            .member = &RunConfig::nativeKib,
            .help = "KiB that zlib compresses per task",
            .unit = "KiB",
            .min = 1,
            .max = 65'536,
            .workloads = {Native}},
        {.key = "file_kib",
            .member = &RunConfig::fileKib,
            .help = "KiB written, fsynced and read back per task",
            .unit = "KiB",
            .min = 1,
            .max = 65'536,
            .workloads = {IoFile}},
        {.key = "cpu_fraction",
            .member = &RunConfig::cpuFraction,
            .help = "share of a mixed task spent computing",
            .min = 0,
            .max = 1,
            .step = 0.05,
            .workloads = {Mixed}},
        {.key = "yield_every",
            .member = &RunConfig::yieldEvery,
            .help = "coroutines: yield to the event loop every N steps, 0 = never",
            .min = 0,
            .max = 1'000'000,
            .step = 100,
            .models = {Coroutines}},
        {.key = "blocking_io",
            .member = &RunConfig::blockingIo,
            .help = "coroutines: do I/O as a blocking call that stalls the loop",
            .models = {Coroutines}},
        {.key = "race_mode",
            .member = &RunConfig::raceMode,
            .help = "race: unsafe-call (x = x + f(): a switch can fall between read and write), unsafe-plain "
                    "(x += 1: only without a GIL), locked (a mutex) or atomic",
            .workloads = {Race}},
        {.key = "lock_order",
            .member = &RunConfig::lockOrder,
            .help = "deadlock: opposite (every other worker takes lock B before A: can deadlock) or same (A then B: "
                    "cannot)",
            .workloads = {Deadlock}},
        {.key = "queue_size",
            .member = &RunConfig::queueSize,
            .help = "pipeline: how many items the queue between producers and consumers holds (queue.Queue(maxsize))",
            .min = 1,
            .max = 10'000,
            .workloads = {Pipeline}},
        {.key = "producers",
            .member = &RunConfig::producers,
            .help = "pipeline: workers that produce, the rest consume; 0 = half the workers",
            .min = 0,
            .max = 99'999,
            .workloads = {Pipeline},
            .boundsFor = producerBounds},
        {.key = "seed", .member = &RunConfig::seed, .help = "seed of the data the workloads compute on"},
    };
    return specs;
}

template<typename Number> std::optional<Number> parseNumber(std::string_view text)
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

std::string joined(const std::vector<std::string_view> &names)
{
    std::string out;
    for (const std::string_view name : names) {
        if (!out.empty())
            out += ", ";
        out += name;
    }
    return out;
}

template<typename Enum> std::vector<std::string_view> namesOf(const std::vector<Enum> &values)
{
    std::vector<std::string_view> names;
    for (const Enum value : values)
        names.push_back(toString(value));
    return names;
}

// What a field's text must be, for messages: "a whole number", "one of modern, legacy, off".
std::string expected(const FieldSpec &field)
{
    switch (field.type()) {
    case FieldType::Integer:
        return "a whole number";
    case FieldType::Real:
        return "a number";
    case FieldType::Boolean:
        return "true or false";
    case FieldType::Seed:
        return "a whole number 0.." + std::to_string(std::numeric_limits<std::uint64_t>::max());
    case FieldType::Choice:
        break;
    }
    return "one of " + joined(field.choices());
}

// Parses `text` as a value of the field's type; an error naming the field when it cannot.
std::variant<FieldValue, ConfigError> parse(const FieldSpec &field, const RunConfig &config, std::string_view text)
{
    const std::string key(field.key);
    const ConfigError bad{key, "expected " + expected(field) + ", got '" + std::string(text) + "'"};
    switch (field.type()) {
    case FieldType::Integer: {
        const auto parsed = parseNumber<long long>(text);
        if (!parsed)
            return bad;
        if (*parsed < std::numeric_limits<int>::min() || *parsed > std::numeric_limits<int>::max())
            return ConfigError{key, "must be " + boundsOf(field, config).text + ", got " + std::string(text)};
        return FieldValue{static_cast<int>(*parsed)};
    }
    case FieldType::Real:
        if (const auto parsed = parseNumber<double>(text); parsed && std::isfinite(*parsed))
            return FieldValue{*parsed};
        return bad;
    case FieldType::Boolean:
        if (const auto parsed = parseBool(text))
            return FieldValue{*parsed};
        return bad;
    case FieldType::Seed:
        if (const auto parsed = parseNumber<std::uint64_t>(text))
            return FieldValue{*parsed};
        return bad;
    case FieldType::Choice:
        break;
    }
    if (std::holds_alternative<ExecutionModel RunConfig::*>(field.member)) {
        if (const auto parsed = executionModelFromString(text))
            return FieldValue{*parsed};
    } else if (std::holds_alternative<WorkloadKind RunConfig::*>(field.member)) {
        if (const auto parsed = workloadFromString(text))
            return FieldValue{*parsed};
    } else if (std::holds_alternative<GilPolicy RunConfig::*>(field.member)) {
        if (const auto parsed = gilPolicyFromString(text))
            return FieldValue{*parsed};
    } else if (std::holds_alternative<RaceMode RunConfig::*>(field.member)) {
        if (const auto parsed = raceModeFromString(text))
            return FieldValue{*parsed};
    } else if (const auto parsed = lockOrderFromString(text)) {
        return FieldValue{*parsed};
    }
    return bad;
}

// The value as a number, for range checks; nothing for a field that has no range.
std::optional<double> numberOf(const FieldValue &value)
{
    if (const int *i = std::get_if<int>(&value))
        return *i;
    if (const double *d = std::get_if<double>(&value))
        return *d;
    return std::nullopt;
}

} // namespace

FieldType FieldSpec::type() const
{
    return std::visit(
        []<typename T>(T RunConfig::*) {
            if constexpr (std::is_same_v<T, int>)
                return FieldType::Integer;
            else if constexpr (std::is_same_v<T, double>)
                return FieldType::Real;
            else if constexpr (std::is_same_v<T, bool>)
                return FieldType::Boolean;
            else if constexpr (std::is_same_v<T, std::uint64_t>)
                return FieldType::Seed;
            else
                return FieldType::Choice;
        },
        member);
}

std::vector<std::string_view> FieldSpec::choices() const
{
    if (std::holds_alternative<ExecutionModel RunConfig::*>(member))
        return namesOf(executionModels());
    if (std::holds_alternative<WorkloadKind RunConfig::*>(member))
        return namesOf(workloadKinds());
    if (std::holds_alternative<GilPolicy RunConfig::*>(member))
        return namesOf(gilPolicies());
    if (std::holds_alternative<RaceMode RunConfig::*>(member))
        return namesOf(raceModes());
    if (std::holds_alternative<LockOrder RunConfig::*>(member))
        return namesOf(lockOrders());
    if (std::holds_alternative<bool RunConfig::*>(member))
        return {"true", "false"};
    return {};
}

bool FieldSpec::usedBy(ExecutionModel model) const
{
    return models.empty() || std::find(models.begin(), models.end(), model) != models.end();
}

bool FieldSpec::isParameterOf(WorkloadKind workload) const
{
    return std::find(workloads.begin(), workloads.end(), workload) != workloads.end();
}

const std::vector<FieldSpec> &configFields()
{
    return table();
}

const FieldSpec *findField(std::string_view key)
{
    for (const FieldSpec &field : table()) {
        if (field.key == key)
            return &field;
    }
    return nullptr;
}

FieldValue fieldValue(const RunConfig &config, const FieldSpec &field)
{
    return std::visit([&](auto RunConfig::*where) { return FieldValue{config.*where}; }, field.member);
}

std::optional<ConfigError> setFieldValue(RunConfig &config, const FieldSpec &field, const FieldValue &value)
{
    const bool set = std::visit(
        [&]<typename T>(T RunConfig::*where) {
            if (const T *typed = std::get_if<T>(&value)) {
                config.*where = *typed;
                return true;
            }
            return false;
        },
        field.member);
    if (set)
        return std::nullopt;
    return ConfigError{std::string(field.key), "expected " + expected(field)};
}

std::string fieldText(const RunConfig &config, const FieldSpec &field)
{
    return std::visit(
        [](const auto &value) -> std::string {
            using T = std::decay_t<decltype(value)>;
            if constexpr (std::is_same_v<T, bool>)
                return value ? "true" : "false";
            else if constexpr (std::is_same_v<T, std::uint64_t>)
                return std::to_string(value);
            else if constexpr (std::is_arithmetic_v<T>)
                return formatNumber(value);
            else
                return std::string(toString(value));
        },
        fieldValue(config, field));
}

FieldBounds boundsOf(const FieldSpec &field, const RunConfig &config)
{
    if (field.boundsFor)
        return field.boundsFor(config);
    return {field.min, field.max, describe(field.min, field.max)};
}

namespace {

// validateField() against the given bounds.
std::optional<ConfigError> checkField(const RunConfig &config, const FieldSpec &field, const FieldBounds &bounds)
{
    const FieldValue value = fieldValue(config, field);
    auto unavailable = [&](std::string_view name) {
        return ConfigError{std::string(field.key), "'" + std::string(name) + "' is not available in this build yet"};
    };
    if (const auto *model = std::get_if<ExecutionModel>(&value); model && !isImplemented(*model))
        return unavailable(toString(*model));
    if (const auto *workload = std::get_if<WorkloadKind>(&value); workload && !isImplemented(*workload))
        return unavailable(toString(*workload));
    const std::optional<double> number = numberOf(value);
    if (!number)
        return std::nullopt;
    if (std::isfinite(*number) && *number >= bounds.min && *number <= bounds.max)
        return std::nullopt;
    return ConfigError{std::string(field.key), "must be " + bounds.text + ", got " + formatNumber(*number)};
}

} // namespace

std::optional<ConfigError> validateField(const RunConfig &config, const FieldSpec &field)
{
    return checkField(config, field, boundsOf(field, config));
}

std::optional<ConfigError> validateFieldAlone(const RunConfig &config, const FieldSpec &field)
{
    return checkField(config, field, {field.min, field.max, describe(field.min, field.max)});
}

// --- The older interface of runconfig.h, driven by the same table -------------------------------

std::optional<ConfigError> validate(const RunConfig &config)
{
    for (const FieldSpec &field : table()) {
        if (auto error = validateField(config, field))
            return error;
    }
    // Locks are shared by the workers of one interpreter: threads, or coroutines on one loop.
    if (config.workload == WorkloadKind::Deadlock
        && (config.model == ExecutionModel::Processes || config.model == ExecutionModel::Subinterpreters))
        return ConfigError{"workload",
            "deadlock needs workers that share its locks: sequential, threads or coroutines, not "
                + std::string(toString(config.model))};
    // The pipeline's queue is shared by the producers and consumers of one interpreter; a queue
    // between processes or subinterpreters (a pipe) is not built yet.
    if (config.workload == WorkloadKind::Pipeline
        && (config.model == ExecutionModel::Processes || config.model == ExecutionModel::Subinterpreters))
        return ConfigError{"workload",
            "pipeline needs workers that share its queue: sequential, threads or coroutines, not "
                + std::string(toString(config.model))};
    return std::nullopt;
}

std::optional<ConfigError> setField(RunConfig &config, std::string_view key, std::string_view value)
{
    const FieldSpec *field = findField(key);
    if (!field) {
        std::vector<std::string_view> known;
        for (const FieldSpec &f : table())
            known.push_back(f.key);
        return ConfigError{std::string(key), "unknown setting; known settings are " + joined(known)};
    }
    auto parsed = parse(*field, config, value);
    if (auto *error = std::get_if<ConfigError>(&parsed))
        return std::move(*error);
    return setFieldValue(config, *field, std::get<FieldValue>(parsed));
}

std::vector<ConfigField> fields(const RunConfig &config)
{
    std::vector<ConfigField> out;
    for (const FieldSpec &field : table())
        out.push_back({std::string(field.key), fieldText(config, field), field.type() == FieldType::Choice});
    return out;
}

std::string_view describeField(std::string_view key)
{
    const FieldSpec *field = findField(key);
    return field ? field->help : std::string_view();
}

std::string allowedValues(const RunConfig &config, std::string_view key)
{
    const FieldSpec *field = findField(key);
    if (!field)
        return {};
    switch (field->type()) {
    case FieldType::Choice:
    case FieldType::Boolean:
        return joined(field->choices());
    case FieldType::Seed:
        return "0.." + std::to_string(std::numeric_limits<std::uint64_t>::max());
    case FieldType::Integer:
    case FieldType::Real:
        break;
    }
    return boundsOf(*field, config).text;
}

const std::vector<FieldRange> &fieldRanges()
{
    static const std::vector<FieldRange> ranges = [] {
        std::vector<FieldRange> out;
        for (const FieldSpec &field : table()) {
            const FieldType type = field.type();
            if ((type == FieldType::Integer || type == FieldType::Real) && !field.boundsFor)
                out.push_back({field.key, field.min, field.max});
        }
        return out;
    }();
    return ranges;
}

} // namespace clab
