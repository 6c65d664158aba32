#pragma once

#include "lab/runcontroller.h"
#include "results/prediction.h"
#include "results/runresult.h"

#include <QString>

#include <optional>
#include <vector>

namespace clab {

// What the student expected before pressing Run: either the speedup form (faster, the same or
// slower, and by how much) or one of the preset's own answers.
struct Prediction
{
    std::optional<SpeedPrediction> speed;
    std::vector<PresetAnswer> answers; // the preset's answers, when it has them
    int answer = -1; // the one chosen, an index into answers
};

// Speedup against the measured sequential baseline, by the engine's rule (experiment.h speedupOf):
// this run's throughput over the baseline's.
std::optional<double> speedupOf(const RunResult &result, const std::optional<BaselineMeasurement> &baseline);

// Which baseline a run is measured against and when it was measured, relative to the run's start
// on the monotonic clock: "152.3 tasks/s, sequential, measured just before this run".
QString describeBaseline(const std::optional<BaselineMeasurement> &baseline, std::int64_t runStartNs);

// The prediction beside the measurement, graded by results/prediction.h, in one or two sentences:
// "You predicted: faster (×2.0). Measured: about the same (×1.20). Not what you expected: ..."
// Empty when the run did not measure what the prediction is about (no baseline, no task done).
QString comparePrediction(const Prediction &prediction, const RunResult &result, const std::optional<double> &speedup);

// A short explanation derived only from what this run measured (max running, speedup, GIL
// switches, latency against the switch interval...). Never a canned result.
QString explainRun(const RunResult &result, const std::optional<BaselineMeasurement> &baseline);

} // namespace clab
