// The CLI's files: a run's exports and its failures (cliapp.h, finishRun), and the presets files it
// reads (loadPresets, presets).

#include "cliapp.h"

#include "clioptions.h"

#include "model/presetcatalog.h"
#include "platform/system.h"
#include "results/runresult.h"

#include <iomanip>
#include <ostream>
#include <sstream>

namespace clab {

using namespace cli;

std::optional<std::string> CliApp::checkExportPaths(const ExportPaths &paths)
{
    for (const auto &[key, path] :
        {std::pair{"json", &paths.json}, std::pair{"csv", &paths.csv}, std::pair{"trace", &paths.trace}}) {
        if (!path->empty() && platform::isDirectory(*path))
            return std::string(key) + ": " + *path + " is a folder; give a file name";
    }
    return std::nullopt;
}

int CliApp::finishRun(const RunResult &result, const std::function<std::string()> &json, const ExportPaths &paths)
{
    // A failure is an error: it goes to stderr, each line naming what failed.
    std::istringstream failures(result.failureText());
    for (std::string line; std::getline(failures, line);)
        m_err << "concurrency-lab-cli: " << line << '\n';

    // Each export is built only when asked for: a JSON with a timeline can be hundreds of MB.
    bool exportFailed = false;
    auto write = [&](const std::string &path, const std::function<std::string()> &content, const char *what) {
        if (path.empty())
            return;
        if (auto error = platform::writeFileAtomically(path, content())) {
            m_err << "concurrency-lab-cli: " << what << ": " << *error << '\n';
            exportFailed = true;
        } else {
            m_out << "Wrote " << what << " to " << path << '\n';
        }
    };
    write(paths.json, json, "JSON");
    write(
        paths.csv, [&] { return result.samplesCsv(); }, "CSV");
    write(
        paths.trace, [&] { return result.chromeTrace(paths.traceLabel); }, "trace");

    if (!result.succeeded() || result.summary.stopped || exportFailed)
        return kExitFailed;
    return kExitOk;
}

int CliApp::loadPresets(const std::optional<std::string> &file, const char *option, PresetCatalog &catalog)
{
    std::string path;
    if (file) {
        path = *file;
    } else {
        const std::string dir = findLessonsDir();
        if (dir.empty()) {
            m_err << "concurrency-lab-cli: the lessons folder was not found (set CLAB_LESSONS_DIR)\n";
            return kExitFailed;
        }
        path = dir + "/presets.json";
    }
    std::string text;
    if (auto error = platform::readFileCapped(path, PresetCatalog::kMaxFileBytes, text)) {
        if (file)
            return invalid(std::string(option) + ": " + *error);
        m_err << "concurrency-lab-cli: " << *error << '\n';
        return kExitFailed;
    }
    catalog = PresetCatalog::parse(text);
    for (std::string &error : catalog.errors)
        error = path + ": " + error;
    return kExitOk;
}

int CliApp::presets(const std::vector<std::string> &args)
{
    ParsedArgs parsed = parseOptions(args, {"validate"});
    if (!parsed.error.empty())
        return invalid(parsed.error);
    bool check = false;
    if (auto error = takeFlag(parsed.options, "validate", check))
        return invalid(*error);
    const std::optional<std::string> file = take(parsed.options, "file");
    if (!parsed.options.empty())
        return invalid(parsed.options.begin()->first + ": unknown option for presets");
    PresetCatalog catalog;
    if (const int code = loadPresets(file, "file", catalog); code != kExitOk)
        return code;
    if (check) {
        listErrors(m_err, "invalid preset: ", catalog.errors);
        m_out << catalog.presets.size() << " presets valid, " << catalog.errors.size() << " invalid\n";
        return catalog.errors.empty() ? kExitOk : kExitInvalid;
    }
    for (const Preset &preset : catalog.presets) {
        const RunConfig &c = preset.config;
        m_out << std::left << std::setw(32) << preset.id << preset.title << "\n"
              << std::setw(32) << "" << toString(c.model) << ", " << c.workers << " worker"
              << (c.workers == 1 ? "" : "s") << ", " << toString(c.workload) << ", GIL " << toString(c.gil)
              << (c.cpuHogs > 0 ? ", " + std::to_string(c.cpuHogs) + " CPU hog(s)" : std::string()) << " - lesson "
              << preset.lesson << '\n';
    }
    listErrors(m_err, "invalid preset: ", catalog.errors);
    return catalog.errors.empty() ? kExitOk : kExitInvalid;
}

} // namespace clab
