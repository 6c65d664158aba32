#pragma once

#include "model/runconfig.h"

#include <string>
#include <string_view>

// Every experiment as a Python program a student can read, copy and run: threading for threads,
// multiprocessing for processes, asyncio for coroutines, concurrent.interpreters for
// subinterpreters, with the workload written in Python. The program measures itself as the engine
// does and prints one JSON object whose "summary" uses the engine's field names.
//
// The programs are put together from the templates in engine/python/templates/ (one per model and
// per workload, plus the parts they share), which stay valid Python files themselves. A template
// may keep or drop lines with `#if NAME` / `#if not NAME` / `#else` / `#endif` lines (see
// pythonprogram.cpp for the names), and names a value as {{name}}.
namespace clab::python {

struct Program
{
    std::string source; // the whole program; empty when the config was rejected
    std::string error; // the config's first problem ("workers: must be 1..256, got 0")
    // The oldest Python that runs it: 3.8 (the := operator), 3.14 for subinterpreters.
    int minimumMinor = 8;
};

// The program for a config. `presetId`, when given, is named in the program's header.
Program programFor(const RunConfig &config, std::string_view presetId = {});

// "3.14" for a minor version of Python 3.
std::string versionText(int minor);

} // namespace clab::python
