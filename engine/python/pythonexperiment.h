#pragma once

#include "model/runconfig.h"
#include "python/interpreters.h"
#include "python/programrunner.h"

#include <cstdint>
#include <optional>
#include <string>

// The same experiment on a real interpreter: the config's program (pythonprogram.h) run on it,
// with its sequential baseline run right before it, one after the other (never beside the
// engine's run, nor beside each other).
namespace clab::python {

// What a program reported: the engine's summary fields it can measure.
struct PythonSummary
{
    double wallSeconds = 0.0;
    double cpuSeconds = 0.0;
    std::uint64_t tasksCompleted = 0;
    double throughputTps = 0.0;
    double avgCoresBusy = 0.0;
    double latencyMsP50 = 0.0;
    double latencyMsP90 = 0.0;
    double latencyMsP99 = 0.0;
    std::optional<std::uint64_t> sharedUpdates;
    bool gilEnabled = true; // as the program found it while it ran
};

struct PythonOutcome
{
    Interpreter interpreter;
    std::optional<PythonSummary> summary; // the run itself
    std::optional<PythonSummary> baseline; // its sequential baseline (experiment.h's rule)
    std::optional<double> speedup; // summary's throughput / baseline's
    bool stopped = false; // the caller stopped it
    // Why it has no result: refused (a model this Python cannot run), failed (with the last lines
    // of the program's stderr), timed out. Empty when both programs ran.
    std::string error;

    bool succeeded() const { return error.empty() && !stopped && summary.has_value(); }
};

struct PythonRunOptions
{
    ProgramLimits limits; // for each of the two programs
    bool withBaseline = true;
};

// Whether `interpreter` can run `config`'s program; the reason when it cannot ("subinterpreters
// need Python 3.14 or newer (concurrent.interpreters); CPython 3.11.7 is older").
std::optional<std::string> refusal(const Interpreter &interpreter, const RunConfig &config);

// Runs the baseline program, then the config's, on `interpreter`. Blocks until both ended, the
// time limit or a stop; leaves no process or file behind.
PythonOutcome runInPython(const Interpreter &interpreter, const RunConfig &config, const PythonRunOptions &options);

// Reads one program's JSON output; an error message when it is not what the programs print.
std::optional<std::string> readSummary(const std::string &output, PythonSummary &summary);

// {"executable", "version", "implementation", "gil_enabled", "summary", "baseline", "speedup",
// "error"} for the CLI's JSON (the same field names as the engine's summary).
std::string outcomeJson(const PythonOutcome &outcome);

} // namespace clab::python
