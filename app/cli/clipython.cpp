#include "cliapp.h"

#include "clioptions.h"

#include "model/presetcatalog.h"
#include "model/runconfig.h"
#include "python/pythonprogram.h"
#include "results/runresult.h"

#include <ostream>

namespace clab {

using namespace cli;

int CliApp::pythonProgram(const std::vector<std::string> &args)
{
    ParsedArgs parsed = parseOptions(args, flagsWith({}));
    if (!parsed.error.empty())
        return invalid(parsed.error);
    const std::optional<std::string> output = take(parsed.options, "output");
    const std::optional<std::string> presetId = take(parsed.options, "preset");
    const std::optional<std::string> presetFile = take(parsed.options, "presets_file");
    RunConfig config;
    const Preset *preset = nullptr;
    PresetCatalog catalog;
    if (const int code = configFromOptions(parsed.options, presetId, presetFile, catalog, config, preset);
        code != kExitOk)
        return code;
    const python::Program program = python::programFor(config, preset ? preset->id : std::string());
    if (!program.error.empty())
        return invalid(program.error);
    if (!output) {
        m_out << program.source;
        return kExitOk;
    }
    if (auto error = writeFileAtomically(*output, program.source)) {
        m_err << "concurrency-lab-cli: output: cannot write " << *output << ": " << *error << '\n';
        return kExitFailed;
    }
    m_out << "Wrote " << *output << " (run it with Python " << python::versionText(program.minimumMinor)
          << " or newer)\n";
    return kExitOk;
}

int CliApp::choosePython(const std::string &path)
{
    const python::Probe probe = python::probeInterpreter(path);
    if (!probe.interpreter)
        return invalid("python: " + path + ": " + probe.error);
    m_python = probe.interpreter;
    return kExitOk;
}

std::optional<python::PythonOutcome> CliApp::runInPythonToo(const RunConfig &config)
{
    if (!m_python || interrupted())
        return std::nullopt;
    m_out << "\nThe same experiment in " << m_python->label() << " (" << m_python->path
          << "), its sequential baseline first...\n"
          << std::flush;
    python::PythonRunOptions options;
    options.limits.timeLimit = std::chrono::minutes(kPythonTimeLimitMinutes);
    options.limits.stopRequested = [] { return interrupted(); };
    python::PythonOutcome outcome = python::runInPython(*m_python, config, options);
    if (outcome.stopped) {
        m_out << "Stopped: the Python run did not finish.\n";
    } else if (!outcome.error.empty()) {
        m_err << "concurrency-lab-cli: python: " << outcome.error << '\n';
    } else if (outcome.summary) {
        const python::PythonSummary &s = *outcome.summary;
        m_out << "  wall           " << fmt(s.wallSeconds, 3) << " s\n"
              << "  tasks          " << s.tasksCompleted << " (" << fmt(s.throughputTps, 1) << " tasks/s)\n"
              << "  cores busy     " << fmt(s.avgCoresBusy, 2) << " (CPU " << fmt(s.cpuSeconds, 3) << " s)\n"
              << "  latency        p50 " << fmt(s.latencyMsP50, 3) << " ms, p90 " << fmt(s.latencyMsP90, 3)
              << " ms, p99 " << fmt(s.latencyMsP99, 3) << " ms\n"
              << "  GIL            " << (s.gilEnabled ? "enabled" : "disabled") << '\n';
        if (outcome.baseline)
            m_out << "  baseline       " << fmt(outcome.baseline->wallSeconds, 3) << " s ("
                  << fmt(outcome.baseline->throughputTps, 1) << " tasks/s, measured right before)\n";
        if (outcome.speedup)
            m_out << "  speedup        x" << fmt(*outcome.speedup, 2) << '\n';
    }
    return outcome;
}

std::string CliApp::withPythonJson(std::string engineJson, const std::optional<python::PythonOutcome> &outcome)
{
    if (!outcome)
        return engineJson;
    // The engine's document, closed by its last '}', gets one more member.
    const std::size_t close = engineJson.rfind('}');
    if (close == std::string::npos)
        return engineJson;
    engineJson.insert(close, ",\n  \"python\": " + python::outcomeJson(*outcome) + "\n");
    return engineJson;
}

} // namespace clab
