#include "model/runconfig.h"

#include "model/runconfigfields.h"

#include <algorithm>
#include <array>
#include <utility>

namespace clab {

namespace {

template<typename Enum> struct EnumName
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

constexpr std::array<EnumName<WorkloadKind>, 10> kWorkloads{{
    {WorkloadKind::Cpu, "cpu"},
    {WorkloadKind::Native, "native"},
    {WorkloadKind::IoSleep, "io-sleep"},
    {WorkloadKind::IoFile, "io-file"},
    {WorkloadKind::IoSocket, "io-socket"},
    {WorkloadKind::Mixed, "mixed"},
    {WorkloadKind::Shared, "shared"},
    {WorkloadKind::Race, "race"},
    {WorkloadKind::Deadlock, "deadlock"},
    {WorkloadKind::Pipeline, "pipeline"},
}};

constexpr std::array<EnumName<GilPolicy>, 3> kPolicies{{
    {GilPolicy::Modern, "modern"},
    {GilPolicy::Legacy, "legacy"},
    {GilPolicy::Off, "off"},
}};

constexpr std::array<EnumName<RaceMode>, 4> kRaceModes{{
    {RaceMode::UnsafeCall, "unsafe-call"},
    {RaceMode::UnsafePlain, "unsafe-plain"},
    {RaceMode::Locked, "locked"},
    {RaceMode::Atomic, "atomic"},
}};

constexpr std::array<EnumName<LockOrder>, 2> kLockOrders{{
    {LockOrder::Opposite, "opposite"},
    {LockOrder::Same, "same"},
}};

template<typename Enum, std::size_t N> std::string_view nameOf(const std::array<EnumName<Enum>, N> &table, Enum value)
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

template<typename Enum, std::size_t N> std::vector<Enum> valuesOf(const std::array<EnumName<Enum>, N> &table)
{
    std::vector<Enum> values;
    for (const auto &entry : table)
        values.push_back(entry.value);
    return values;
}

} // namespace

std::string_view toString(ExecutionModel model)
{
    return nameOf(kModels, model);
}
std::string_view toString(WorkloadKind workload)
{
    return nameOf(kWorkloads, workload);
}
std::string_view toString(GilPolicy policy)
{
    return nameOf(kPolicies, policy);
}
std::string_view toString(RaceMode mode)
{
    return nameOf(kRaceModes, mode);
}
std::string_view toString(LockOrder order)
{
    return nameOf(kLockOrders, order);
}

const std::vector<ExecutionModel> &executionModels()
{
    static const std::vector<ExecutionModel> values = valuesOf(kModels);
    return values;
}
const std::vector<WorkloadKind> &workloadKinds()
{
    static const std::vector<WorkloadKind> values = valuesOf(kWorkloads);
    return values;
}
const std::vector<GilPolicy> &gilPolicies()
{
    static const std::vector<GilPolicy> values = valuesOf(kPolicies);
    return values;
}
const std::vector<RaceMode> &raceModes()
{
    static const std::vector<RaceMode> values = valuesOf(kRaceModes);
    return values;
}
const std::vector<LockOrder> &lockOrders()
{
    static const std::vector<LockOrder> values = valuesOf(kLockOrders);
    return values;
}

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
std::optional<RaceMode> raceModeFromString(std::string_view text)
{
    return valueOf(kRaceModes, text);
}
std::optional<LockOrder> lockOrderFromString(std::string_view text)
{
    return valueOf(kLockOrders, text);
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

bool onlyWaits(WorkloadKind workload)
{
    return workload == WorkloadKind::IoSleep || workload == WorkloadKind::IoFile || workload == WorkloadKind::IoSocket;
}

const std::vector<WorkloadInfo> &workloadCatalog()
{
    static const std::pair<WorkloadKind, std::string_view> kSummaries[] = {
        {WorkloadKind::Cpu,
            "pure computation in small steps, a checkpoint (eval breaker) between steps; holds the GIL throughout"},
        {WorkloadKind::Native,
            "real zlib compression of a buffer with the GIL released, like zlib.compress on a large buffer"},
        {WorkloadKind::IoSleep, "a blocking wait with the GIL released, like time.sleep or a slow socket read"},
        {WorkloadKind::IoFile,
            "real write, fsync and read-back of a file in a private temporary directory, GIL released; "
            "with coroutines it is a blocking call that stalls the event loop, as file I/O does in asyncio"},
        {WorkloadKind::IoSocket,
            "a 64-byte request/response round trip to an echo server the run starts on 127.0.0.1, "
            "GIL released around send and receive"},
        {WorkloadKind::Mixed, "computation for cpu_fraction of the task, then a blocking wait for the rest"},
        {WorkloadKind::Shared,
            "computation that updates one shared object every step: the GIL guards it, or a lock when the GIL is off"},
        {WorkloadKind::Race,
            "counter = counter + f(), f() a step of computation; race_mode says where the read falls, and so whether "
            "updates are lost"},
        {WorkloadKind::Deadlock,
            "takes lock A, then lock B (B first on every other worker with lock_order=opposite); a deadlock ends the "
            "run"},
        {WorkloadKind::Pipeline,
            "producers compute an item (cpu_steps) and put it on a bounded queue of queue_size, consumers get it and "
            "compute again; a full or empty queue blocks, with the GIL released"},
    };
    // The parameters of each workload are the fields that name it (runconfigfields.cpp).
    static const std::vector<WorkloadInfo> catalog = [] {
        std::vector<WorkloadInfo> out;
        for (const auto &[kind, summary] : kSummaries) {
            WorkloadInfo info{kind, summary, {}};
            for (const FieldSpec &field : configFields()) {
                if (field.isParameterOf(kind))
                    info.parameters.push_back(field.key);
            }
            out.push_back(std::move(info));
        }
        return out;
    }();
    return catalog;
}

int pipelineProducers(const RunConfig &config)
{
    if (config.producers > 0)
        return config.producers;
    return std::max(1, config.workers / 2);
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

} // namespace clab
