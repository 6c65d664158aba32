#pragma once

#include <iosfwd>
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
    int run(const std::vector<std::string> &args);
    int runWithBaseline(const RunConfig &config, const std::string &jsonPath, const std::string &csvPath,
        const std::string &tracePath, bool withTimeline);
    int writeExports(const RunResult &result, const std::string &json, const std::string &jsonPath,
        const std::string &csvPath, const std::string &tracePath);
    int sweep(const std::vector<std::string> &args);
    int workloads();
    int presets(const std::vector<std::string> &args);
    int loadPresets(const std::string &file, PresetCatalog &catalog);
    int usage(int code);
    int invalid(const std::string &message);

    std::ostream &m_out;
    std::ostream &m_err;
};

} // namespace clab
