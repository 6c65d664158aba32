#pragma once

#include "lab/runcontroller.h"
#include "results/runresult.h"

#include <QString>

#include <optional>

namespace clab {

// What the student expected before pressing Run.
struct Prediction
{
    enum class Direction
    {
        Faster,
        Same,
        Slower
    };
    Direction direction = Direction::Faster;
    double factor = 2.0; // "x2 faster", "x1.5 slower"; ignored for Same
};

// Speedup against the measured sequential baseline, by the engine's rule (experiment.h speedupOf):
// this run's throughput over the baseline's.
std::optional<double> speedupOf(const RunResult &result, const std::optional<BaselineMeasurement> &baseline);

// Which baseline a run is measured against and when it was measured, relative to the run's start
// on the monotonic clock: "152.3 tasks/s, sequential, measured just before this run".
QString describeBaseline(const std::optional<BaselineMeasurement> &baseline, std::int64_t runStartNs);

// How a speedup reads: "faster" above 1.15, "slower" below 0.87, else "about the same".
Prediction::Direction directionOf(double speedup);

// The prediction beside the measurement, in one or two sentences.
QString comparePrediction(const Prediction &prediction, double speedup);

// A short explanation derived only from what this run measured (max running, speedup, GIL
// switches, latency against the switch interval...). Never a canned result.
QString explainRun(const RunResult &result, const std::optional<BaselineMeasurement> &baseline);

} // namespace clab
