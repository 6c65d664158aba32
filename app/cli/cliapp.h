#pragma once

#include "model/presetcatalog.h"

#include <functional>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

namespace clab {

struct PresetCatalog;
struct RunConfig;
struct RunResult;

// The headless front end: `concurrency-lab-cli run | sweep | workloads | presets`. Parses arguments, runs
// experiments through the engine's public API and writes the same exports as the GUI.
// Exit codes: 0 done, 1 the run failed, 2 invalid input (the message names the field).
class CliApp
{
public:
    CliApp(std::ostream &out, std::ostream &err);
    int exec(const std::vector<std::string> &args);

    static constexpr int kExitOk = 0;
    static constexpr int kExitFailed = 1;
    static constexpr int kExitInvalid = 2;

private:
    // Where a run's exports go; empty: not asked for.
    struct ExportPaths
    {
        std::string json;
        std::string csv;
        std::string trace;
    };

    int run(const std::vector<std::string> &args);
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
    int loadPresets(const std::optional<std::string> &file, const char *option, PresetCatalog &catalog);
    int usage(int code);
    int invalid(const std::string &message);

    // After a run of a preset with its own answers: which answer the measurement makes right.
    void printAnswer(const RunResult &result, const std::optional<double> &speedup);

    std::ostream &m_out;
    std::ostream &m_err;
    std::vector<PresetAnswer> m_presetAnswers; // of the preset being run, if it has them
};

} // namespace clab
