#pragma once

#include "python/programrunner.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

// The Python interpreters on this machine that can run the experiments' programs: found on PATH
// (python3, python3.X and python3.Xt for X >= 8) or given by path, each asked what it is.
namespace clab::python {

struct Interpreter
{
    std::string path; // as found on PATH or given; what is run
    std::string executable; // sys.executable, as it reports itself
    int major = 0;
    int minor = 0;
    int micro = 0;
    std::string implementation; // sys.implementation.name: "cpython", "pypy"
    bool freeThreaded = false; // built without the GIL (Py_GIL_DISABLED, PEP 703)
    bool gilEnabled = true; // sys._is_gil_enabled(): false on a free-threaded build running without it

    std::string version() const; // "3.11.7"
    // "CPython 3.11.7", "CPython 3.14.0 free-threaded (GIL off)"
    std::string label() const;
};

// The oldest Python 3 the programs run on (they use :=).
inline constexpr int kOldestMinor = 8;

struct Probe
{
    std::optional<Interpreter> interpreter;
    std::string error; // why `path` is not a usable interpreter
};

// A name without a slash ("python3") as the first executable file of that name on a PATH
// ("/usr/bin/python3"), as a shell finds it; a path, or a name found nowhere, as it is.
std::string resolveOnPath(const std::string &name, std::string_view pathVariable);

// Runs `path` (a name without a slash is looked up on $PATH) with a short script that reports what it is (at most
// `limits.timeLimit`, 10 s by default). Refused: a program that does not start, fails or answers nonsense, and a Python
// older than 3.kOldestMinor.
Probe probeInterpreter(const std::string &path, ProgramLimits limits = {std::chrono::seconds(10), {}});

// The candidates on a PATH ("/usr/bin:/bin"), in PATH order: files named python3, python3.X or
// python3.Xt (X >= kOldestMinor) that can be executed, each real file once (python3 is often a
// link to python3.11: the first name found is kept).
std::vector<std::string> candidatesOnPath(std::string_view pathVariable);

// Every candidate on `pathVariable`, then every path in `extra`, probed within `limits` each; those
// that fail go to `problems` ("<path>: <why>") when it is given. Once `limits.stopRequested` says
// so, the probe running is killed and no other starts: what was found so far comes back.
std::vector<Interpreter> findInterpreters(std::string_view pathVariable, const std::vector<std::string> &extra,
    std::vector<std::string> *problems = nullptr, const ProgramLimits &limits = {std::chrono::seconds(10), {}});

} // namespace clab::python
