#include "python/pythonexperiment.h"

#include "formats/json.h"
#include "platform/system.h"
#include "python/pythonprogram.h"
#include "results/experiment.h"

namespace clab::python {

namespace {

// Writes the program into a private folder, runs it there, removes both.
struct ProgramResult
{
    std::optional<PythonSummary> summary;
    std::string error;
    bool stopped = false;
};

ProgramResult runOne(const Interpreter &interpreter, const RunConfig &config, const ProgramLimits &limits)
{
    ProgramResult result;
    const Program program = programFor(config);
    if (!program.error.empty()) {
        result.error = program.error;
        return result;
    }
    std::string folderError;
    const std::string folder = platform::makeTempDir(folderError);
    if (folder.empty()) {
        result.error = folderError;
        return result;
    }
    const std::string path = folder + "/experiment.py";
    ProgramRun run;
    if (auto error = platform::writeFileAtomically(path, program.source))
        result.error = *error;
    else
        run = runProgram(interpreter.path, {path}, limits);
    platform::removeTempDir(folder);
    if (!result.error.empty())
        return result;
    if (run.stopped) {
        result.stopped = true;
        return result;
    }
    if (!run.succeeded()) {
        result.error = "the program " + run.failure();
        return result;
    }
    PythonSummary summary;
    if (auto problem = readSummary(run.out, summary)) {
        result.error = "the program's output " + *problem;
        return result;
    }
    result.summary = summary;
    return result;
}

Json summaryJson(const PythonSummary &s)
{
    Json json = {{"wall_s", s.wallSeconds}, {"cpu_s", s.cpuSeconds}, {"tasks_completed", s.tasksCompleted},
        {"throughput_tps", s.throughputTps}, {"avg_cores_busy", s.avgCoresBusy}, {"latency_ms_p50", s.latencyMsP50},
        {"latency_ms_p90", s.latencyMsP90}, {"latency_ms_p99", s.latencyMsP99}};
    if (s.sharedUpdates)
        json["shared_updates"] = *s.sharedUpdates;
    return json;
}

} // namespace

std::optional<std::string> refusal(const Interpreter &interpreter, const RunConfig &config)
{
    const Program program = programFor(config);
    if (!program.error.empty())
        return program.error;
    if (interpreter.major == 3 && interpreter.minor >= program.minimumMinor)
        return std::nullopt;
    if (config.model == ExecutionModel::Subinterpreters)
        return "subinterpreters need Python 3.14 or newer (concurrent.interpreters); " + interpreter.label()
            + " is older";
    return "this program needs Python " + versionText(program.minimumMinor) + " or newer; " + interpreter.label()
        + " is older";
}

std::optional<std::string> readSummary(const std::string &output, PythonSummary &summary)
{
    // The JSON is the program's last line: anything a workload printed comes before it.
    std::string line = output;
    while (!line.empty() && (line.back() == '\n' || line.back() == '\r'))
        line.pop_back();
    if (const std::size_t newline = line.rfind('\n'); newline != std::string::npos)
        line.erase(0, newline + 1);
    const JsonParseResult parsed = parseJson(line);
    if (!parsed.error.empty())
        return "is not JSON: " + parsed.error;
    try {
        const Json &json = *parsed.value;
        const Json &s = json.at("summary");
        summary.wallSeconds = s.at("wall_s").get<double>();
        summary.cpuSeconds = s.at("cpu_s").get<double>();
        summary.tasksCompleted = s.at("tasks_completed").get<std::uint64_t>();
        summary.throughputTps = s.at("throughput_tps").get<double>();
        summary.avgCoresBusy = s.at("avg_cores_busy").get<double>();
        summary.latencyMsP50 = s.at("latency_ms_p50").get<double>();
        summary.latencyMsP90 = s.at("latency_ms_p90").get<double>();
        summary.latencyMsP99 = s.at("latency_ms_p99").get<double>();
        if (s.contains("shared_updates"))
            summary.sharedUpdates = s.at("shared_updates").get<std::uint64_t>();
        summary.gilEnabled = json.at("python").at("gil_enabled").get<bool>();
    } catch (const Json::exception &error) {
        return std::string("lacks a field: ") + error.what();
    }
    return std::nullopt;
}

PythonOutcome runInPython(const Interpreter &interpreter, const RunConfig &config, const PythonRunOptions &options)
{
    PythonOutcome outcome;
    outcome.interpreter = interpreter;
    if (auto refused = refusal(interpreter, config)) {
        outcome.error = *refused;
        return outcome;
    }
    if (options.withBaseline) {
        ProgramResult baseline = runOne(interpreter, sequentialBaselineOf(config), options.limits);
        outcome.stopped = baseline.stopped;
        if (!baseline.error.empty())
            outcome.error = "baseline: " + baseline.error;
        if (outcome.stopped || !outcome.error.empty())
            return outcome;
        outcome.baseline = baseline.summary;
    }
    ProgramResult run = runOne(interpreter, config, options.limits);
    outcome.stopped = run.stopped;
    outcome.error = run.error;
    outcome.summary = run.summary;
    if (outcome.summary && outcome.baseline)
        outcome.speedup = speedupOf(outcome.summary->throughputTps, outcome.baseline->throughputTps);
    return outcome;
}

std::string outcomeJson(const PythonOutcome &outcome)
{
    const Interpreter &interpreter = outcome.interpreter;
    Json json = {{"executable", interpreter.executable.empty() ? interpreter.path : interpreter.executable},
        {"version", interpreter.version()}, {"implementation", interpreter.implementation},
        {"free_threaded", interpreter.freeThreaded},
        {"gil_enabled", outcome.summary ? outcome.summary->gilEnabled : interpreter.gilEnabled}};
    json["summary"] = outcome.summary ? summaryJson(*outcome.summary) : Json();
    json["baseline"] = outcome.baseline ? summaryJson(*outcome.baseline) : Json();
    json["speedup"] = outcome.speedup ? Json(*outcome.speedup) : Json();
    if (outcome.stopped)
        json["stopped"] = true;
    if (!outcome.error.empty())
        json["error"] = outcome.error;
    return toCompactText(json);
}

} // namespace clab::python
