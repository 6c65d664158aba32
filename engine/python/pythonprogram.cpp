#include "python/pythonprogram.h"

#include "model/runconfigfields.h"
#include "python/templates.h"

#include <cctype>
#include <map>
#include <set>
#include <sstream>
#include <stdexcept>
#include <vector>

namespace clab::python {

namespace {

constexpr std::size_t kHeaderWidth = 100;

// The template of each workload (engine/python/templates/<name>.py).
std::string_view workloadTemplate(WorkloadKind workload)
{
    switch (workload) {
    case WorkloadKind::Cpu:
        return "cpu";
    case WorkloadKind::Native:
        return "native";
    case WorkloadKind::IoSleep:
        return "io_sleep";
    case WorkloadKind::IoFile:
        return "io_file";
    case WorkloadKind::IoSocket:
        return "io_socket";
    case WorkloadKind::Mixed:
        return "mixed";
    case WorkloadKind::Shared:
        return "shared";
    case WorkloadKind::Race:
        return "race";
    case WorkloadKind::Deadlock:
        return "deadlock";
    case WorkloadKind::Pipeline:
        return "pipeline";
    }
    throw std::logic_error("a workload without a Python template");
}

// The models whose workers all live in the program's own interpreter: hog threads and the shared
// object are the main program's, not each worker process's or subinterpreter's.
bool oneInterpreter(ExecutionModel model)
{
    return model == ExecutionModel::Sequential || model == ExecutionModel::Threads
        || model == ExecutionModel::Coroutines;
}

bool computes(WorkloadKind workload)
{
    return workload == WorkloadKind::Cpu || workload == WorkloadKind::Mixed || workload == WorkloadKind::Shared
        || workload == WorkloadKind::Race || workload == WorkloadKind::Deadlock || workload == WorkloadKind::Pipeline;
}

// The names a template's `#if` lines test, for one config.
std::map<std::string, bool> conditionsOf(const RunConfig &config)
{
    const bool coroutines = config.model == ExecutionModel::Coroutines;
    return {
        {"async", coroutines}, // workers are coroutines (AsyncWorker)
        {"yields", coroutines && config.yieldEvery > 0}, // computation awaits asyncio.sleep(0)
        {"blocking", coroutines && config.blockingIo}, // waits are blocking calls in a coroutine
        {"hogs", config.cpuHogs > 0}, // CPU hog threads in every interpreter
        {"hogs_here", config.cpuHogs > 0 && oneInterpreter(config.model)}, // ... started by main()
        {"socket", config.workload == WorkloadKind::IoSocket}, // an echo server for the run
        {"file", config.workload == WorkloadKind::IoFile}, // a scratch folder for the run
        {"shared_here", config.workload == WorkloadKind::Shared && oneInterpreter(config.model)},
        // the race workload's counter is the main program's (processes and subinterpreters each
        // have their own, which no other worker touches)
        {"race_here", config.workload == WorkloadKind::Race && oneInterpreter(config.model)},
        {"deadlock_here", config.workload == WorkloadKind::Deadlock},
        {"ends_early", config.workload == WorkloadKind::Deadlock}, // a task may raise EndRun
        {"pipeline", config.workload == WorkloadKind::Pipeline}, // its own producers and consumers
        {"race_call", config.raceMode == RaceMode::UnsafeCall},
        {"race_plain", config.raceMode == RaceMode::UnsafePlain},
        {"race_locked", config.raceMode == RaceMode::Locked},
        {"race_atomic", config.raceMode == RaceMode::Atomic},
    };
}

std::string trimmed(std::string_view line)
{
    const std::size_t first = line.find_first_not_of(" \t");
    if (first == std::string_view::npos)
        return {};
    const std::size_t last = line.find_last_not_of(" \t");
    return std::string(line.substr(first, last - first + 1));
}

// Keeps the lines of a template whose `#if` conditions hold, without the `#if` lines themselves.
std::string preprocess(std::string_view name, std::string_view text, const std::map<std::string, bool> &conditions)
{
    struct Level
    {
        bool parentKeeps;
        bool condition;
        bool inElse;
    };
    std::vector<Level> levels;
    const auto keeping = [&] {
        if (levels.empty())
            return true;
        const Level &level = levels.back();
        return level.parentKeeps && (level.inElse ? !level.condition : level.condition);
    };
    const auto fail
        = [&](const std::string &why) { throw std::logic_error("Python template " + std::string(name) + ": " + why); };

    std::string out;
    std::istringstream lines{std::string(text)};
    for (std::string line; std::getline(lines, line);) {
        const std::string directive = trimmed(line);
        if (directive.starts_with("#if ")) {
            std::string condition = directive.substr(4);
            const bool negated = condition.starts_with("not ");
            if (negated)
                condition = condition.substr(4);
            const auto found = conditions.find(condition);
            if (found == conditions.end())
                fail("unknown condition '" + condition + "'");
            levels.push_back({keeping(), found->second != negated, false});
        } else if (directive == "#else") {
            if (levels.empty() || levels.back().inElse)
                fail("#else without #if");
            levels.back().inElse = true;
        } else if (directive == "#endif") {
            if (levels.empty())
                fail("#endif without #if");
            levels.pop_back();
        } else if (keeping()) {
            out += line;
            out += '\n';
        }
    }
    if (!levels.empty())
        fail("#if without #endif");
    return out;
}

// Replaces every {{name}} of `text` by its value; a name without one is a programming error.
std::string substitute(std::string text, const std::map<std::string, std::string> &values)
{
    for (std::size_t at = text.find("{{"); at != std::string::npos; at = text.find("{{", at)) {
        const std::size_t end = text.find("}}", at);
        const std::string name = end == std::string::npos ? std::string() : text.substr(at + 2, end - at - 2);
        const auto found = values.find(name);
        if (found == values.end())
            throw std::logic_error("Python program: no value for {{" + name + "}}");
        text.replace(at, end + 2 - at, found->second);
        at += found->second.size();
    }
    return text;
}

// The fields the program uses: those of its model and workload (runconfigfields.h), less how
// often the app samples a run.
std::vector<const FieldSpec *> usedFields(const RunConfig &config)
{
    std::vector<const FieldSpec *> used;
    for (const FieldSpec &field : configFields()) {
        if (field.key == "sample_hz" || !field.usedBy(config.model))
            continue;
        if (!field.workloads.empty() && !field.isParameterOf(config.workload))
            continue;
        used.push_back(&field);
    }
    return used;
}

std::string upperCase(std::string_view key)
{
    std::string out(key);
    for (char &c : out)
        c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return out;
}

std::string pythonValue(const RunConfig &config, const FieldSpec &field)
{
    const std::string text = fieldText(config, field);
    switch (field.type()) {
    case FieldType::Choice:
        return '"' + text + '"';
    case FieldType::Boolean:
        return text == "true" ? "True" : "False";
    default:
        return text;
    }
}

// `SETTING = value` for each used field, then SETTINGS, the same as the JSON's "config".
std::string settingsBlock(const RunConfig &config)
{
    std::string constants = "# The experiment's settings, by their names in Concurrency Lab.\n";
    std::string dictionary = "SETTINGS = {\n";
    for (const FieldSpec *field : usedFields(config)) {
        constants += upperCase(field->key) + " = " + pythonValue(config, *field) + "\n";
        dictionary += "    \"" + std::string(field->key) + "\": " + upperCase(field->key) + ",\n";
    }
    return constants + dictionary + "}";
}

// Comment lines holding `words`, wrapped at the header's width.
std::string commentLines(const std::vector<std::string> &words, std::string_view indent)
{
    std::string out;
    std::string line = "#" + std::string(indent);
    bool empty = true;
    for (const std::string &word : words) {
        if (!empty && line.size() + 1 + word.size() > kHeaderWidth) {
            out += line + "\n";
            line = "#" + std::string(indent);
            empty = true;
        }
        line += (empty ? "" : " ") + word;
        empty = false;
    }
    return out + line + "\n";
}

std::string headerOf(const RunConfig &config, std::string_view presetId, int minimumMinor)
{
    std::vector<std::string> settings;
    for (const FieldSpec *field : usedFields(config))
        settings.push_back(std::string(field->key) + "=" + fieldText(config, *field));

    std::string header = "# A Concurrency Lab experiment as a Python program";
    header += presetId.empty() ? ".\n" : ": preset " + std::string(presetId) + ".\n";
    header += "#\n# Made by Concurrency Lab from these settings (the Lab's Python tab, or\n"
              "# `concurrency-lab-cli python`):\n";
    header += commentLines(settings, "   ");
    header += "#\n# Run it with Python " + versionText(minimumMinor)
        + " or newer:  python3 experiment.py\n"
          "# It measures itself as the engine does and prints one JSON object. Its \"summary\" has the\n"
          "# engine's field names: wall_s, cpu_s, tasks_completed, throughput_tps, avg_cores_busy\n"
          "# (CPU time / wall time, from os.times()) and latency_ms_p50, _p90, _p99 (per task or I/O call).\n"
          "# For a speedup, run it again with model=sequential and workers=1 (the app measures that\n"
          "# baseline right beside each run) and divide the two throughputs.\n";
    if (config.gil == GilPolicy::Legacy)
        header += "#\n# gil=legacy: the old GIL (Python 3.1 and before) is in no Python 3.2+, so this runs under\n"
                  "# the interpreter's own GIL and shows what gil=modern shows.\n";
    if (config.gil == GilPolicy::Off)
        header += "#\n# gil=off: run it on a free-threaded build (python3.14t; PEP 703, PEP 779) to run without the\n"
                  "# GIL. On a regular build it runs with the GIL, and its JSON says \"gil_enabled\": true.\n";
    return header;
}

std::string importsOf(const RunConfig &config)
{
    std::set<std::string> imports{
        "import json", "import math", "import os", "import sys", "import threading", "import time"};
    if (config.model == ExecutionModel::Coroutines)
        imports.insert("import asyncio");
    if (config.model == ExecutionModel::Processes) {
        imports.insert("import multiprocessing");
        imports.insert("from concurrent.futures import ProcessPoolExecutor");
    }
    if (config.workload == WorkloadKind::IoSocket) {
        imports.insert("import socket");
        imports.insert("import subprocess");
    }
    if (config.workload == WorkloadKind::IoFile)
        imports.insert("import tempfile");
    if (config.workload == WorkloadKind::Native)
        imports.insert("import zlib");
    if (config.workload == WorkloadKind::Pipeline && config.model != ExecutionModel::Coroutines)
        imports.insert("import queue");
    std::string out;
    // `import x` lines first, then `from x import y`, as isort orders them.
    for (const bool from : {false, true}) {
        for (const std::string &line : imports) {
            if (line.starts_with("from ") == from)
                out += line + "\n";
        }
    }
    out.pop_back();
    return out;
}

// The templates a config's program is made of, in the order they appear in it.
std::vector<std::string_view> piecesOf(const RunConfig &config)
{
    std::vector<std::string_view> pieces;
    if (computes(config.workload) || config.cpuHogs > 0)
        pieces.push_back("compute");
    if (config.workload == WorkloadKind::Native || config.workload == WorkloadKind::IoFile)
        pieces.push_back("payload");
    if (config.cpuHogs > 0)
        pieces.push_back("hogs");
    if (config.workload == WorkloadKind::IoSocket)
        pieces.push_back("echoserver");
    pieces.push_back(workloadTemplate(config.workload));
    // The pipeline's template runs its producers and consumers itself (threads or coroutines).
    if (config.workload != WorkloadKind::Pipeline)
        pieces.push_back(toString(config.model));
    return pieces;
}

} // namespace

std::string versionText(int minor)
{
    return "3." + std::to_string(minor);
}

Program programFor(const RunConfig &config, std::string_view presetId)
{
    Program program;
    if (const std::optional<ConfigError> error = validate(config)) {
        program.error = error->toString();
        return program;
    }
    program.minimumMinor = config.model == ExecutionModel::Subinterpreters ? 14 : 8;

    const std::map<std::string, bool> conditions = conditionsOf(config);
    std::string pieces;
    for (const std::string_view piece : piecesOf(config)) {
        if (!pieces.empty())
            pieces += "\n\n\n";
        std::string text = preprocess(piece, templateText(piece), conditions);
        while (!text.empty() && text.back() == '\n')
            text.pop_back();
        pieces += text;
    }
    const std::string skeleton = preprocess("program", templateText("program"), conditions);
    program.source = substitute(skeleton,
        {{"header", headerOf(config, presetId, program.minimumMinor)}, {"imports", importsOf(config)},
            {"settings", settingsBlock(config)}, {"pieces", pieces}});
    return program;
}

} // namespace clab::python
