#pragma once

#include "results/runreader.h"
#include "results/runresult.h"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace clab {

// A session file (.clab): every run of a session, so that it can be opened again later or on
// another machine. JSON, versioned; the format is described in docs/session-format.md.
inline constexpr std::string_view kSessionFormat = "concurrency-lab-session";
inline constexpr int kSessionVersion = 1;
// The most a session file may hold. A larger file is refused before it is parsed.
inline constexpr std::size_t kMaxSessionRuns = 10'000;
inline constexpr std::size_t kMaxSessionBytes = std::size_t{1} << 30; // 1 GiB

// One run of a session: the run itself (its JSON is RunResult::toJson's, timelines included),
// where it came from ("Lab", "Sweep 2", "Sweep 2 · baseline") and its speedup when it had one.
struct SessionRun
{
    RunResult result;
    std::string source;
    std::optional<double> speedup;
};

struct Session
{
    std::vector<SessionRun> runs;
    // Which of `runs` is the Lab's last run, when the session has one.
    std::optional<std::size_t> labRun;
};

// The session as a .clab document (one newline at the end).
std::string sessionToJson(const Session &session);

struct SessionReadResult
{
    std::optional<Session> session;
    // Why the file was refused, naming what is wrong: "not valid JSON: line 9, column 1: ...",
    // "runs[3].run.summary.wall_s: expected a number, got a string", "written by a newer
    // Concurrency Lab (version 2); this one reads version 1".
    std::string error;
};

// Reads a .clab document: checks its format name and version, the types of every field, and the
// sizes (at most kMaxSessionRuns runs, each within RunReadLimits). All or nothing; never throws.
SessionReadResult parseSession(std::string_view text, const RunReadLimits &limits = {});

// The same from a file (at most kMaxSessionBytes), and writing one whole or not at all. The error
// of writing is nothing on success.
SessionReadResult readSessionFile(const std::string &path);
std::optional<std::string> writeSessionFile(const std::string &path, const Session &session);

} // namespace clab
