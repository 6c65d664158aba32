#pragma once

#include "model/presetcatalog.h"
#include "python/pythonexperiment.h"

#include <functional>
#include <iosfwd>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace clab {

struct PresetCatalog;
struct RunConfig;
struct RunResult;

// The headless front end: `concurrency-lab-cli run | sweep | workloads | presets | python | help |
// version`. Parses arguments, runs experiments through the engine's public API and writes the same
// exports as the GUI.
// Exit codes: 0 done, 1 the run failed, 2 invalid input (the message names the field).
class CliApp
{
public:
    CliApp(std::ostream &out, std::ostream &err);
    int exec(const std::vector<std::string> &args);

    static constexpr int kExitOk = 0;
    static constexpr int kExitFailed = 1;
    static constexpr int kExitInvalid = 2;
    // How long each Python program of `run --python` may take.
    static constexpr int kPythonTimeLimitMinutes = 5;

private:
    // Where a run's exports go; empty: not asked for.
    struct ExportPaths
    {
        std::string json;
        std::string csv;
        std::string trace;
        std::string traceLabel; // the trace's marker at the start: "preset ID" when run with --preset
    };

    int run(const std::vector<std::string> &args);
    // clipython.cpp: `python`, the experiment as a Python program; `run --python PATH`: the
    // interpreter chosen (refused with exit code 2 when it is not a usable Python), the same
    // experiment run on it after the engine's, and its result added to the run's JSON.
    int pythonProgram(const std::vector<std::string> &args);
    int choosePython(const std::string &path);
    std::optional<python::PythonOutcome> runInPythonToo(const RunConfig &config);
    static std::string withPythonJson(std::string engineJson, const std::optional<python::PythonOutcome> &outcome);
    static bool interrupted(); // Ctrl+C was pressed
    int runWithBaseline(const RunConfig &config, const ExportPaths &paths, bool withTimeline, bool withExplanation);
    int sweep(const std::vector<std::string> &args);
    int workloads();
    int presets(const std::vector<std::string> &args);

    // cliexport.cpp: a finished run's failures (to stderr) and the exports asked for, each built
    // only then (`json` makes the JSON document). Returns the exit code.
    int finishRun(const RunResult &result, const std::function<std::string()> &json, const ExportPaths &paths);
    // An export path that cannot be written whatever the run does (a folder), before it runs.
    static std::optional<std::string> checkExportPaths(const ExportPaths &paths);
    // The presets of `file` (the option `option` named it), or of the lessons folder when none was
    // given. A file that cannot be read is an error naming the option and the path.
    // The config that --preset ID (from --presets-file FILE, if given) and the remaining --SETTING
    // options ask for; `preset` points into `catalog` when one was named. Returns the exit code.
    int configFromOptions(std::map<std::string, std::string> &options, const std::optional<std::string> &presetId,
        const std::optional<std::string> &presetFile, PresetCatalog &catalog, RunConfig &config, const Preset *&preset);
    int loadPresets(const std::optional<std::string> &file, const char *option, PresetCatalog &catalog);
    int usage(int code);
    int invalid(const std::string &message);

    // After a run of a preset with its own answers: which answer the measurement makes right.
    void printAnswer(const RunResult &result, const std::optional<double> &speedup);

    std::ostream &m_out;
    std::ostream &m_err;
    std::vector<PresetAnswer> m_presetAnswers; // of the preset being run, if it has them
    std::optional<python::Interpreter> m_python; // run --python: the interpreter
};

} // namespace clab
