#include "cliapp.h"

#include "clioptions.h"

#include "execution/run.h"
#include "formats/json.h"
#include "model/presetcatalog.h"
#include "model/runconfig.h"
#include "model/runconfigfields.h"
#include "python/pythonexperiment.h"
#include "results/experiment.h"
#include "results/prediction.h"
#include "results/runresult.h"
#include "results/sweep.h"
#include "results/verdict.h"

#include <algorithm>
#include <csignal>
#include <cstdio>
#include <iomanip>
#include <map>
#include <ostream>
#include <sstream>
#include <thread>

namespace clab {

using namespace cli;

namespace {

volatile std::sig_atomic_t g_interrupted = 0;

extern "C" void onInterrupt(int)
{
    g_interrupted = 1;
}

// Runs with Ctrl+C turned into a clean stop.
RunResult runInterruptibly(Run &run)
{
    while (!run.waitFinished(std::chrono::milliseconds(100))) {
        if (g_interrupted)
            run.requestStop();
    }
    return run.takeResult(); // no copy: a result can hold millions of timeline intervals
}

} // namespace

bool CliApp::interrupted()
{
    return g_interrupted != 0;
}

CliApp::CliApp(std::ostream &out, std::ostream &err)
    : m_out(out)
    , m_err(err)
{}

int CliApp::exec(const std::vector<std::string> &args)
{
    std::signal(SIGINT, onInterrupt);
    std::signal(SIGTERM, onInterrupt);
    if (args.empty())
        return usage(kExitInvalid);
    const std::string &command = args.front();
    const std::vector<std::string> rest(args.begin() + 1, args.end());
    if (command == "run")
        return run(rest);
    if (command == "sweep")
        return sweep(rest);
    if (command == "workloads")
        return workloads();
    if (command == "presets")
        return presets(rest);
    if (command == "python")
        return pythonProgram(rest);
    if (command == "help" || command == "--help" || command == "-h")
        return usage(kExitOk);
    if (command == "version" || command == "--version") {
        m_out << "concurrency-lab-cli " << CLAB_VERSION << '\n';
        return kExitOk;
    }
    return invalid(
        "command: must be one of run, sweep, workloads, presets, python, help, version; got '" + command + "'");
}

int CliApp::invalid(const std::string &message)
{
    m_err << "concurrency-lab-cli: invalid input: " << message << '\n';
    return kExitInvalid;
}

int CliApp::usage(int code)
{
    // GNU's layout (a "Usage:" line, "or:" lines, then sections of "  --option  text" lines whose
    // text goes on under itself), which help2man turns into the man page's synopsis and options.
    std::ostream &out = code == kExitOk ? m_out : m_err;
    out << "Usage: concurrency-lab-cli run [--preset ID] [--SETTING VALUE ...] [RUN OPTION ...]\n"
           "  or:  concurrency-lab-cli sweep [--models M1,M2] [--max-workers N] [--gil G1,G2] [--SETTING VALUE ...]\n"
           "  or:  concurrency-lab-cli python [--preset ID] [--SETTING VALUE ...] [--output FILE]\n"
           "  or:  concurrency-lab-cli presets [--validate] [--file FILE]\n"
           "  or:  concurrency-lab-cli workloads\n"
           "  or:  concurrency-lab-cli help | --help | -h\n"
           "  or:  concurrency-lab-cli version | --version\n"
           "Runs Concurrency Lab's experiments without a window and prints what they measured.\n"
           "\nCommands:\n"
           "  run                   run one experiment (a preset's, with the settings given overriding its own)\n"
           "  sweep                 run 1..N workers of each model under each GIL policy and print speedup\n"
           "                        against the sequential baseline\n"
           "  python                print the same experiment as a Python program (threading, multiprocessing,\n"
           "                        asyncio or concurrent.interpreters) that prints its summary as JSON\n"
           "  presets               list the lessons' experiments\n"
           "  workloads             list the workloads and their parameters\n"
           "  help                  print this text\n"
           "  version               print the program's name and version\n"
           "\nRun options:\n"
           "  --preset ID           start from the preset experiment ID (`presets` lists them)\n"
           "  --presets-file FILE   read the presets from FILE, not from the lessons (also for python)\n"
           "  --baseline            also measure the sequential baseline (1 worker, same workload, tasks and\n"
           "                        GIL, no CPU hogs) right before the run, as the app does, stopped after "
        << fmt(ExperimentOptions{}.baselineCapSeconds, 0)
        << " s,\n"
           "                        and again after a run longer than "
        << fmt(ExperimentOptions{}.longRunSeconds, 0)
        << " s; prints speedup = run throughput\n"
           "                        / baseline throughput and efficiency = speedup / workers, and adds an\n"
           "                        \"experiment\" object to --json\n"
           "  --explain             after the numbers, what they mean: the app's explanation of the run\n"
           "                        (with --baseline, of its speedup too)\n"
           "  --python PATH         then run the same experiment as a Python program on the interpreter PATH\n"
           "                        (its sequential baseline first), at most "
        << kPythonTimeLimitMinutes
        << " min each; prints its result\n"
           "                        beside the engine's and adds a \"python\" object to --json\n"
           "  --json FILE           write the whole result as JSON (sweep too)\n"
           "  --timeline            put the worker timeline in the JSON too\n"
           "  --csv FILE            write the throughput and per-core samples as CSV\n"
           "  --trace FILE          write the worker timeline as a Chrome trace (Perfetto opens it)\n"
           "\nSweep options:\n"
           "  --models M1,M2        the execution models to sweep (default sequential,threads)\n"
           "  --max-workers N       the largest worker count, 1..64 (default 4)\n"
           "  --gil G1,G2           the GIL policies to sweep (default modern)\n"
           "\nOther options:\n"
           "  --output FILE         python: write the program to FILE, not to standard output\n"
           "  --validate            presets: check every preset instead of listing them\n"
           "  --file FILE           presets: read FILE, not the lessons' presets\n"
           "\nSettings (for run, sweep and python; a flag takes no value):\n";
    const RunConfig defaults;
    for (const FieldSpec &field : configFields()) {
        out << "  " << std::left << std::setw(22) << optionOf(field.key) << field.help << "\n"
            << std::setw(24) << ""
            << "(allowed " << withUnit(allowedValues(defaults, field.key), field.unit) << ", default "
            << withUnit(fieldText(defaults, field), field.unit) << usedByText(field) << ")\n";
    }
    out << "\nExit codes: 0 done, 1 the run failed, 2 invalid input.\n";
    return code;
}

int CliApp::workloads()
{
    const RunConfig defaults;
    for (const WorkloadInfo &info : workloadCatalog()) {
        m_out << toString(info.kind) << (isImplemented(info.kind) ? "" : " (coming)") << "\n  " << info.summary << '\n';
        for (const std::string_view key : info.parameters) {
            const FieldSpec &field = *findField(key);
            m_out << "    " << std::left << std::setw(14) << key << field.help << " ("
                  << withUnit(allowedValues(defaults, key), field.unit) << ", default "
                  << withUnit(fieldText(defaults, field), field.unit) << ")\n";
        }
    }
    return kExitOk;
}

int CliApp::run(const std::vector<std::string> &args)
{
    ParsedArgs parsed = parseOptions(args, flagsWith({"timeline", "baseline", "explain"}));
    if (!parsed.error.empty())
        return invalid(parsed.error);
    ExportPaths paths;
    paths.json = take(parsed.options, "json").value_or("");
    paths.csv = take(parsed.options, "csv").value_or("");
    paths.trace = take(parsed.options, "trace").value_or("");
    const std::optional<std::string> presetId = take(parsed.options, "preset");
    if (presetId)
        paths.traceLabel = "preset " + *presetId;
    const std::optional<std::string> presetFile = take(parsed.options, "presets_file");
    if (const std::optional<std::string> pythonPath = take(parsed.options, "python")) {
        if (const int code = choosePython(*pythonPath); code != kExitOk)
            return code;
    }
    bool withTimeline = false;
    bool withBaseline = false;
    bool withExplanation = false;
    for (const auto &[key, on] : {std::pair{"timeline", &withTimeline}, std::pair{"baseline", &withBaseline},
             std::pair{"explain", &withExplanation}}) {
        if (auto error = takeFlag(parsed.options, key, *on))
            return invalid(*error);
    }
    if (auto error = checkExportPaths(paths))
        return invalid(*error);

    RunConfig config;
    const Preset *preset = nullptr;
    PresetCatalog catalog;
    if (const int code = configFromOptions(parsed.options, presetId, presetFile, catalog, config, preset);
        code != kExitOk)
        return code;
    if (preset) {
        m_out << "Preset " << preset->id << ": " << preset->title << "\nPredict: " << preset->question << '\n';
        m_presetAnswers = preset->answers;
        for (const PresetAnswer &answer : preset->answers)
            m_out << "  - " << answer.label << '\n';
        m_out << '\n';
    }

    if (withBaseline)
        return runWithBaseline(config, paths, withTimeline, withExplanation);

    Run run(config);
    if (auto error = run.start())
        return invalid(error->toString());
    const RunResult result = runInterruptibly(run);
    m_out << result.summaryText(false);
    printAnswer(result, std::nullopt);
    if (withExplanation)
        m_out << explanationText(result, std::nullopt);
    const std::optional<python::PythonOutcome> inPython = runInPythonToo(config);
    const int code = finishRun(
        result, [&] { return withPythonJson(result.toJson(withTimeline), inPython); }, paths);
    return inPython && !inPython->succeeded() ? std::max(code, kExitFailed) : code;
}

int CliApp::configFromOptions(std::map<std::string, std::string> &options, const std::optional<std::string> &presetId,
    const std::optional<std::string> &presetFile, PresetCatalog &catalog, RunConfig &config, const Preset *&preset)
{
    if (presetFile && !presetId)
        return invalid("presets_file: only with --preset ID");
    if (presetId) {
        if (const int code = loadPresets(presetFile, "presets_file", catalog); code != kExitOk)
            return code;
        preset = catalog.find(*presetId);
        if (!preset)
            return invalid("preset: no preset '" + *presetId + "' (see `concurrency-lab-cli presets`)");
        config = preset->config;
    }
    for (const auto &[key, value] : options) {
        if (auto error = setField(config, key, value))
            return invalid(error->toString());
    }
    // Workers not given: as many as the preset or the default asks, but no more than the model
    // allows (sequential means one worker).
    if (!options.count("workers"))
        config.workers = std::min(config.workers, maxWorkers(config.model));
    return kExitOk;
}

int CliApp::runWithBaseline(const RunConfig &config, const ExportPaths &paths, bool withTimeline, bool withExplanation)
{
    // What the app does: the sequential baseline measured right before the run (and again after a
    // long one). One command, one experiment: nothing cached, the baseline is measured just now.
    Experiment experiment(config, nullptr);
    if (auto error = experiment.start())
        return invalid(error->toString());
    if (experiment.phase() == Experiment::Phase::BaselineBefore)
        m_out << "Measuring the sequential baseline first (1 worker, same workload, tasks and GIL, no CPU hogs)...\n"
              << std::flush;
    while (!experiment.isFinished()) {
        experiment.waitForProgress(std::chrono::milliseconds(100));
        if (g_interrupted && !experiment.isStopRequested())
            experiment.requestStop();
    }
    const ExperimentResult &result = experiment.result();
    if (!result.experimentRan) {
        if (!result.run.summary.error.empty())
            m_err << "concurrency-lab-cli: " << result.run.summary.error << '\n';
        else
            m_out << "Stopped while measuring the baseline: the experiment did not run.\n";
        return kExitFailed;
    }
    m_out << result.run.summaryText(false) << result.summaryText();
    printAnswer(result.run, result.speedup);
    if (withExplanation)
        m_out << explanationText(result.run, result.baseline);
    const std::optional<python::PythonOutcome> inPython = runInPythonToo(config);
    const int code = finishRun(
        result.run, [&] { return withPythonJson(result.toJson(withTimeline), inPython); }, paths);
    return inPython && !inPython->succeeded() ? std::max(code, kExitFailed) : code;
}

void CliApp::printAnswer(const RunResult &result, const std::optional<double> &speedup)
{
    if (m_presetAnswers.empty())
        return;
    const std::string &key = m_presetAnswers.front().quantity;
    const std::optional<double> measured = measuredQuantity(key, result, speedup);
    const AnswerQuantity *quantity = findAnswerQuantity(key);
    if (!measured || !quantity) {
        m_out << "Answer: not measured (" << (quantity ? quantity->name : key.c_str())
              << (key == "speedup" ? "; add --baseline" : "") << ")\n";
        return;
    }
    const int holding = answerHolding(m_presetAnswers, *measured);
    m_out << "Answer: " << quantityText(key, *measured) << ", that is "
          << (holding >= 0 ? "\"" + m_presetAnswers[static_cast<std::size_t>(holding)].label + "\""
                           : std::string("none of the answers"))
          << '\n';
}

int CliApp::sweep(const std::vector<std::string> &args)
{
    ParsedArgs parsed = parseOptions(args, flagsWith({}));
    if (!parsed.error.empty())
        return invalid(parsed.error);
    const std::string jsonPath = take(parsed.options, "json").value_or("");
    const std::string modelsText = take(parsed.options, "models").value_or("");
    const std::string gilText = take(parsed.options, "gil").value_or("");
    const std::string maxWorkersText = take(parsed.options, "max_workers").value_or("");
    if (auto error = checkExportPaths({jsonPath, {}, {}, {}}))
        return invalid(*error);

    RunConfig base;
    base.tasks = 32;
    for (const auto &[key, value] : parsed.options) {
        if (key == "model" || key == "workers")
            return invalid(key + ": sweep chooses it; use --models and --max-workers");
        if (auto error = setField(base, key, value))
            return invalid(error->toString());
    }

    std::vector<ExecutionModel> models;
    for (const std::string &name : splitList(modelsText.empty() ? "sequential,threads" : modelsText)) {
        const auto model = executionModelFromString(name);
        if (!model)
            return invalid(
                "models: expected a comma-separated list of " + allowedValues(base, "model") + ", got '" + name + "'");
        models.push_back(*model);
    }
    std::vector<GilPolicy> policies;
    for (const std::string &name : splitList(gilText.empty() ? "modern" : gilText)) {
        const auto policy = gilPolicyFromString(name);
        if (!policy)
            return invalid(
                "gil: expected a comma-separated list of " + allowedValues(base, "gil") + ", got '" + name + "'");
        policies.push_back(*policy);
    }
    SweepRequest request;
    request.base = base;
    request.models = models;
    request.policies = policies;
    if (!maxWorkersText.empty()) {
        RunConfig probe;
        if (auto error = setField(probe, "workers", maxWorkersText))
            return invalid("max_workers: " + error->message);
        request.maxWorkers = probe.workers;
    }
    // Every run of the sweep is validated before any starts.
    const SweepPlan plan = planSweep(request);
    if (plan.error)
        return invalid(plan.error->toString());
    const bool showSequential = std::find(models.begin(), models.end(), ExecutionModel::Sequential) != models.end();

    m_out << "Sweep: workload " << toString(base.workload) << ", " << base.tasks << " tasks"
          << (base.cpuHogs ? ", " + std::to_string(base.cpuHogs) + " CPU hogs" : std::string()) << '\n';
    m_out << std::left << std::setw(17) << "model" << std::setw(8) << "GIL" << std::right << std::setw(8) << "workers"
          << std::setw(10) << "wall s" << std::setw(13) << "tasks/s" << std::setw(9) << "speedup" << std::setw(11)
          << "efficiency" << std::setw(12) << "cores busy" << '\n';

    Json json = {{"format", "concurrency-lab-sweep"}, {"version", 1}, {"workload", toString(base.workload)},
        {"tasks", base.tasks}, {"rows", Json::array()}};

    SweepTally tally;
    bool failed = false;
    for (const SweepStep &p : plan.steps) {
        if (g_interrupted)
            break;
        Run run(p.config);
        run.start();
        const RunResult result = runInterruptibly(run);
        const std::optional<double> measured = tally.record(p, result);
        if (!measured) {
            m_err << "concurrency-lab-cli: sweep run " << toString(p.config.model) << " x" << p.config.workers
                  << " failed: " << (result.summary.error.empty() ? "stopped" : result.summary.error) << '\n';
            failed = true;
            break;
        }
        const RunSummary &s = result.summary;
        const double speedup = *measured;
        const double efficiency = efficiencyOf(speedup, p.config.workers).value_or(0.0);
        if (!p.baseline || showSequential) {
            m_out << std::left << std::setw(17) << toString(p.config.model) << std::setw(8) << toString(p.config.gil)
                  << std::right << std::setw(8) << p.config.workers << std::setw(10) << fmt(s.wallSeconds, 3)
                  << std::setw(13) << fmt(s.throughputTps, 1) << std::setw(9) << fmt(speedup, 2) << std::setw(11)
                  << fmt(efficiency, 2) << std::setw(12) << fmt(s.avgCoresBusy, 2) << '\n'
                  << std::flush;
        }
        json["rows"].push_back({{"model", toString(p.config.model)}, {"gil", toString(p.config.gil)},
            {"workers", p.config.workers}, {"baseline", p.baseline}, {"wall_s", s.wallSeconds}, {"cpu_s", s.cpuSeconds},
            {"throughput_tps", s.throughputTps}, {"speedup", speedup}, {"efficiency", efficiency},
            {"avg_cores_busy", s.avgCoresBusy}, {"max_running", s.maxRunning}, {"latency_ms_p50", s.latencyMsP50},
            {"latency_ms_p99", s.latencyMsP99}, {"gil_switches", s.gil.switches}});
    }
    json["amdahl_fits"] = Json::array();
    // Only points within the cores are fitted: beyond them workers take turns, and the limit is
    // the core count. A fit needs two worker counts above one to be told with its error.
    const int cores = coreCapOf(request.base, static_cast<int>(std::max(1u, std::thread::hardware_concurrency())));
    for (const SweepSeries &series : tally.series(cores)) {
        if (!series.fit)
            continue;
        const AmdahlFit &fit = *series.fit;
        m_out << "Amdahl fit, " << toString(series.model) << " GIL " << toString(series.gil) << ": ";
        if (!fit.isDetermined()) {
            m_out << "not determined (it needs two worker counts above 1 within the " << cores << " cores)\n";
            continue;
        }
        Json row = {{"model", toString(series.model)}, {"gil", toString(series.gil)},
            {"serial_fraction", fit.serialFraction}, {"serial_fraction_error", *fit.serialFractionError},
            {"rms_error", fit.rmsError}, {"cores", cores}};
        if (fit.limit)
            row["max_speedup"] = *fit.limit;
        json["amdahl_fits"].push_back(std::move(row));
        m_out << fmt(fit.serialFraction * 100.0, 1) << " +- " << fmt(*fit.serialFractionError * 100.0, 1)
              << "% serial -> "
              << (fit.limit && fit.serialFraction > 2.0 * *fit.serialFractionError
                         ? "at most " + fmt(*fit.limit, 1) + "x"
                         : std::string("no limit these points can tell"))
              << '\n';
    }
    if (tally.pointCount() > 0) {
        const auto most = std::max_element(plan.steps.begin(), plan.steps.end(),
            [](const SweepStep &a, const SweepStep &b) { return a.config.workers < b.config.workers; });
        if (cores > 0 && most != plan.steps.end() && most->config.workers > cores)
            m_out << "Beyond " << cores << " workers there are more workers than cores: they take turns, and the "
                  << "limit is the core count (" << cores << "x), not a serial part.\n";
    }
    m_out << "speedup = this throughput / sequential throughput, same workload and GIL; efficiency = speedup / "
             "workers.\n";

    if (!jsonPath.empty()) {
        if (auto error = platform::writeFileAtomically(jsonPath, toText(json))) {
            m_err << "concurrency-lab-cli: JSON: " << *error << '\n';
            return kExitFailed;
        }
        m_out << "Wrote JSON to " << jsonPath << '\n';
    }
    return failed || g_interrupted ? kExitFailed : kExitOk;
}

} // namespace clab
