#pragma once

#include "formats/json.h"
#include "results/runresult.h"

#include <cstddef>
#include <optional>
#include <string>

namespace clab {

// The most a run read back may hold. A timeline is capped as the engine caps it when it records
// (TimelineBudget::kDefaultCap, 2^20 intervals over all units), so every run the engine wrote can
// be read again; the other caps are far past what a run of the engine holds.
struct RunReadLimits
{
    std::size_t maxIntervals = TimelineBudget::kDefaultCap;
    std::size_t maxUnits = 1'000'000;
    std::size_t maxSamples = 1'000'000;
};

struct RunReadResult
{
    std::optional<RunResult> result;
    // What is wrong, naming the place: "summary.wall_s: expected a number, got a string".
    std::string error;
};

// Reads back a run's JSON as RunResult::toJson(true) writes it (format "concurrency-lab-run",
// version 1): its config (validated as a run's config is), machine, summary, units with their
// timelines, and samples. `where` prefixes every error's place ("runs[2].run"). The run's start on
// the monotonic clock is not in the JSON: the result's startNs is 0 and its intervals count from
// it. Never throws.
RunReadResult runResultFromJson(const Json &json, const std::string &where = {}, const RunReadLimits &limits = {});

} // namespace clab
