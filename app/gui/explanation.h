#pragma once

#include "runcontroller.h"
#include "runresult.h"

#include <QString>

#include <optional>

namespace clab {

// What the student expected before pressing Run.
struct Prediction
{
    enum class Direction { Faster, Same, Slower };
    Direction direction = Direction::Faster;
    double factor = 2.0; // "x2 faster", "x1.5 slower"; ignored for Same
};

// Speedup against the measured sequential baseline: baseline throughput over this run's
// (tasks are all the same size, so this equals the ratio of wall times for equal task counts).
std::optional<double> speedupOf(const RunResult &result, const std::optional<BaselineMeasurement> &baseline);

// How a speedup reads: "faster" above 1.15, "slower" below 0.87, else "about the same".
Prediction::Direction directionOf(double speedup);

// The prediction beside the measurement, in one or two sentences.
QString comparePrediction(const Prediction &prediction, double speedup);

// A short explanation derived only from what this run measured (max running, speedup, GIL
// switches, latency against the switch interval...). Never a canned result.
QString explainRun(const RunResult &result, const std::optional<BaselineMeasurement> &baseline);

} // namespace clab
