#pragma once

#include "model/runconfig.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

// The fields of a RunConfig, declared once: the table in runconfigfields.cpp gives each field its
// key, its place in the struct, a line of help, its allowed values, its unit and the models and
// workloads that use it. validate(), setField(), fields(), describeField(), allowedValues(),
// fieldRanges(), the workload catalog's parameters and the CLI's help all read that table, so a
// new setting is one entry there plus the code that uses it.
namespace clab {

// Where a field lives in a RunConfig, and so what type its value has.
using FieldMember = std::variant<int RunConfig::*, double RunConfig::*, bool RunConfig::*, std::uint64_t RunConfig::*,
    ExecutionModel RunConfig::*, WorkloadKind RunConfig::*, GilPolicy RunConfig::*, RaceMode RunConfig::*,
    LockOrder RunConfig::*>;

// A field's value in its own type; the alternatives are FieldMember's, in the same order.
using FieldValue
    = std::variant<int, double, bool, std::uint64_t, ExecutionModel, WorkloadKind, GilPolicy, RaceMode, LockOrder>;

// What kind of control a field wants: a spin box, a check box, a list of names.
enum class FieldType
{
    Integer, // int, bounded by min..max
    Real, // double, bounded by min..max
    Boolean, // "true" or "false"
    Seed, // any std::uint64_t
    Choice, // one of choices(): an execution model, a workload, a GIL policy, a race mode or a lock order
};

// Inclusive bounds of a number field for one config, and the same in words ("1..256 for threads").
struct FieldBounds
{
    double min;
    double max;
    std::string text;
};

struct FieldSpec
{
    std::string_view key; // snake_case: presets, JSON, the worker protocol; CLI --kebab-case
    FieldMember member; // where it lives in RunConfig, and so its type
    std::string_view help; // one line, for the CLI's help and the GUI's tool tips
    std::string_view unit = {}; // "ms", "KiB", "Hz"; empty for counts and names
    // Inclusive bounds of an Integer or Real field; with boundsFor, the widest over every config
    // (workers: 1..100000, the coroutines' limit).
    double min = 0.0;
    double max = 0.0;
    // How far one click of a control's arrow moves a number field (the GUI's spin boxes).
    double step = 1.0;
    // The models it matters to; empty = every model.
    std::vector<ExecutionModel> models = {};
    // The workloads it is a parameter of; empty = it is not a workload parameter (it applies to
    // every workload).
    std::vector<WorkloadKind> workloads = {};
    // Bounds that depend on the rest of the config (workers: on the model); null = min..max.
    FieldBounds (*boundsFor)(const RunConfig &config) = nullptr;

    FieldType type() const;
    // The accepted names of a Choice field ("sequential", "threads", ...), or of a Boolean one
    // ("true", "false"); empty for numbers.
    std::vector<std::string_view> choices() const;
    bool usedBy(ExecutionModel model) const;
    bool isParameterOf(WorkloadKind workload) const;
};

// Every field, in a stable order: the order of fields(), JSON, presets' round trips and help.
const std::vector<FieldSpec> &configFields();
// The field with this snake_case key; null when there is none.
const FieldSpec *findField(std::string_view key);

// Reading and writing one field of a config.
FieldValue fieldValue(const RunConfig &config, const FieldSpec &field);
// Sets a field to a value of its own type (an int for an Integer field, ...). A value of another
// type is an error naming the field, and changes nothing. Range checks are validateField()'s job.
std::optional<ConfigError> setFieldValue(RunConfig &config, const FieldSpec &field, const FieldValue &value);
// The field's value as text: "4", "0.5", "threads", "true". setField() reads it back.
std::string fieldText(const RunConfig &config, const FieldSpec &field);

// The bounds of a number field in this config (workers: for its model); min..max otherwise.
FieldBounds boundsOf(const FieldSpec &field, const RunConfig &config);
// Checks one field of a config: "workers: must be 1..256 for threads, got 0". Nothing when fine.
std::optional<ConfigError> validateField(const RunConfig &config, const FieldSpec &field);
// The same against the field's widest bounds (FieldSpec::min..max), for a value given before the
// rest of the config is known, as the window's --set: "workers: must be 1..100000, got 0".
std::optional<ConfigError> validateFieldAlone(const RunConfig &config, const FieldSpec &field);

} // namespace clab
