#include "python/interpreters.h"

#include "formats/json.h"

#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <set>
#include <system_error>

namespace clab::python {

namespace {

// What the probe runs: one JSON line on what the interpreter is. Valid in Python 2 as well, so an
// old interpreter answers with its version rather than a syntax error.
constexpr const char *kProbeScript = R"(import json, sys, sysconfig
check = getattr(sys, "_is_gil_enabled", None)
print(json.dumps({"executable": sys.executable, "version": list(sys.version_info[:3]),
    "implementation": getattr(sys, "implementation", None) and sys.implementation.name,
    "free_threaded": bool(sysconfig.get_config_var("Py_GIL_DISABLED")),
    "gil_enabled": True if check is None else bool(check())})))";

std::optional<std::string> readProbe(const std::string &text, Interpreter &interpreter)
{
    const JsonParseResult parsed = parseJson(text);
    if (!parsed.error.empty())
        return "its answer is not JSON: " + parsed.error;
    const Json &json = *parsed.value;
    try {
        const Json &version = json.at("version");
        if (!version.is_array() || version.size() != 3)
            return "its answer has no version";
        interpreter.major = version.at(0).get<int>();
        interpreter.minor = version.at(1).get<int>();
        interpreter.micro = version.at(2).get<int>();
        interpreter.executable = json.value("executable", std::string());
        const Json &implementation = json.at("implementation");
        interpreter.implementation = implementation.is_string() ? implementation.get<std::string>() : std::string();
        interpreter.freeThreaded = json.at("free_threaded").get<bool>();
        interpreter.gilEnabled = json.at("gil_enabled").get<bool>();
    } catch (const Json::exception &error) {
        return std::string("its answer is incomplete: ") + error.what();
    }
    return std::nullopt;
}

std::string implementationName(const std::string &name)
{
    if (name == "cpython")
        return "CPython";
    if (name == "pypy")
        return "PyPy";
    if (name == "graalpy")
        return "GraalPy";
    return name.empty() ? "Python" : name;
}

} // namespace

std::string Interpreter::version() const
{
    return std::to_string(major) + "." + std::to_string(minor) + "." + std::to_string(micro);
}

std::string Interpreter::label() const
{
    std::string text = implementationName(implementation) + " " + version();
    if (freeThreaded)
        text += gilEnabled ? " free-threaded (GIL on)" : " free-threaded (GIL off)";
    return text;
}

std::string resolveOnPath(const std::string &name, std::string_view pathVariable)
{
    if (name.empty() || name.find('/') != std::string::npos)
        return name;
    std::size_t from = 0;
    while (from <= pathVariable.size()) {
        std::size_t colon = pathVariable.find(':', from);
        if (colon == std::string_view::npos)
            colon = pathVariable.size();
        const std::string folder(pathVariable.substr(from, colon - from));
        from = colon + 1;
        const std::string candidate = (folder.empty() ? std::string(".") : folder) + "/" + name;
        if (access(candidate.c_str(), X_OK) == 0 && !std::filesystem::is_directory(candidate))
            return candidate;
    }
    return name;
}

Probe probeInterpreter(const std::string &given, ProgramLimits limits)
{
    Probe probe;
    const char *pathVariable = std::getenv("PATH");
    const std::string path = resolveOnPath(given, pathVariable ? pathVariable : "");
    const ProgramRun run = runProgram(path, {"-c", kProbeScript}, limits);
    if (!run.succeeded()) {
        probe.error = "not a working Python: " + run.failure();
        return probe;
    }
    Interpreter interpreter;
    interpreter.path = path;
    if (auto problem = readProbe(run.out, interpreter)) {
        probe.error = "not a Python this app can use: " + *problem;
        return probe;
    }
    if (interpreter.major != 3 || interpreter.minor < kOldestMinor) {
        probe.error = interpreter.label() + " is too old: the programs need Python 3." + std::to_string(kOldestMinor)
            + " or newer";
        return probe;
    }
    probe.interpreter = interpreter;
    return probe;
}

namespace {

// The minor version a name python3 or python3.N or python3.Nt gives: -1 for python3, nullopt for any other name.
std::optional<int> minorOfName(std::string_view name)
{
    constexpr std::string_view kStem = "python3";
    if (name.substr(0, kStem.size()) != kStem)
        return std::nullopt;
    name.remove_prefix(kStem.size());
    if (name.empty())
        return -1;
    if (name.front() != '.')
        return std::nullopt;
    name.remove_prefix(1);
    if (!name.empty() && name.back() == 't')
        name.remove_suffix(1);
    if (name.empty() || name.size() > 3
        || !std::all_of(name.begin(), name.end(), [](char c) { return c >= '0' && c <= '9'; }))
        return std::nullopt;
    int minor = 0;
    for (const char c : name)
        minor = minor * 10 + (c - '0');
    return minor;
}

} // namespace

std::vector<std::string> candidatesOnPath(std::string_view pathVariable)
{
    std::vector<std::string> found;
    std::set<std::filesystem::path> seen;
    std::size_t from = 0;
    while (from <= pathVariable.size()) {
        std::size_t colon = pathVariable.find(':', from);
        if (colon == std::string_view::npos)
            colon = pathVariable.size();
        const std::string folder(pathVariable.substr(from, colon - from));
        from = colon + 1;
        std::error_code error;
        if (folder.empty() || !std::filesystem::is_directory(folder, error))
            continue;
        std::vector<std::string> names;
        for (const auto &entry : std::filesystem::directory_iterator(folder, error)) {
            const std::string name = entry.path().filename().string();
            const std::optional<int> minor = minorOfName(name);
            if (!minor || (*minor >= 0 && *minor < kOldestMinor))
                continue;
            names.push_back(name);
        }
        // python3 first, then python3.8, ..., python3.14, python3.14t: by version, not by text.
        std::sort(names.begin(), names.end(), [](const std::string &a, const std::string &b) {
            const auto key = [](const std::string &name) {
                const int minor = name.size() > 8 ? std::atoi(name.c_str() + 8) : -1;
                return std::pair(minor, name.back() == 't');
            };
            return key(a) < key(b);
        });
        for (const std::string &name : names) {
            const std::string path = folder + "/" + name;
            if (access(path.c_str(), X_OK) != 0)
                continue;
            const std::filesystem::path real = std::filesystem::canonical(path, error);
            if (error || !seen.insert(real).second)
                continue;
            found.push_back(path);
        }
    }
    return found;
}

std::vector<Interpreter> findInterpreters(std::string_view pathVariable, const std::vector<std::string> &extra,
    std::vector<std::string> *problems, const ProgramLimits &limits)
{
    std::vector<std::string> paths = candidatesOnPath(pathVariable);
    for (const std::string &path : extra) {
        if (std::find(paths.begin(), paths.end(), path) == paths.end())
            paths.push_back(path);
    }
    std::vector<Interpreter> interpreters;
    for (const std::string &path : paths) {
        if (limits.stopRequested && limits.stopRequested())
            break;
        Probe probe = probeInterpreter(path, limits);
        if (probe.interpreter)
            interpreters.push_back(std::move(*probe.interpreter));
        else if (problems)
            problems->push_back(path + ": " + probe.error);
    }
    return interpreters;
}

} // namespace clab::python
