#pragma once

#include "lab/pythonrunner.h"
#include "python/pythonexperiment.h"

#include <QString>

#include <optional>

// The words the Lab uses for a run on a real Python interpreter: while it runs, and its outcome
// beside the engine's. Every number is one the program measured (python::PythonOutcome).
namespace clab {

// "Running in CPython 3.11.2… baseline (1 worker)" / "Running in CPython 3.11.2… run".
QString pythonRunningText(const python::Interpreter &interpreter, PythonRunner::Phase phase);

// "engine ×0.91 · CPython 3.11.2 ×0.85, each against its own sequential baseline, measured right
// before it", then the interpreter's wall, cores busy and p50 latency; or why it has no result
// (refused, failed with its stderr's last lines, timed out, stopped). `config`: what it ran.
QString pythonOutcomeText(
    const RunConfig &config, const python::PythonOutcome &outcome, std::optional<double> engineSpeedup);

// The short name of an interpreter for Compare's "From" column: "CPython 3.11.2", with "(GIL off)"
// when the program found it running without one.
QString pythonSourceText(const python::PythonOutcome &outcome);

} // namespace clab
