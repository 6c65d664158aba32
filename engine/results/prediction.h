#pragma once

#include "model/presetcatalog.h"
#include "results/runresult.h"

#include <optional>
#include <string>

namespace clab {

// Grading a student's prediction against what the run measured, on size as well as direction:
// "faster, ×2" against a measured ×1.2 is wrong (it stayed about the same), not "right direction".
// The bands are data, written here once; the Lab, the report and tests use them. Pure functions.

// A speedup between these two reads as "about the same" as one worker.
inline constexpr double kAboutTheSameLow = 0.8;
inline constexpr double kAboutTheSameHigh = 1.25;
// "Faster ×F" (or "slower ×F") is right when the measured factor is within this ratio of F:
// ×2 is right from ×1.48 to ×2.7.
inline constexpr double kFactorTolerance = 1.35;

enum class SpeedDirection
{
    Faster,
    Same,
    Slower
};

// What the student expected of the speedup against one worker.
struct SpeedPrediction
{
    SpeedDirection direction = SpeedDirection::Faster;
    double factor = 2.0; // "×2 faster", "×1.5 slower"; ignored for Same
};

enum class Grade
{
    Right, // the measurement is within the predicted band
    RightDirection, // faster or slower as predicted, but by a clearly different factor
    Wrong // another direction, or another answer
};

// Which band a measured speedup falls in.
SpeedDirection directionOf(double speedup);
// The measured factor in the direction's terms: ×2 for a speedup of 2 or of 0.5, 1 for "the same".
double factorOf(double speedup);
Grade gradeSpeed(const SpeedPrediction &prediction, double speedup);

// The quantity a preset's answers are about (model/presetcatalog.h answerQuantities()), as
// measured: nothing when the run did not measure it (no baseline for "speedup", no finished task,
// no race counter for "lost_updates"). A deadlock is measured even before the first task ends.
std::optional<double> measuredQuantity(
    const std::string &quantity, const RunResult &result, const std::optional<double> &speedup);

// A measured quantity's amount with its unit: "12.3 ms", "×0.01", "1". Counts are whole; times
// have one decimal below 100 ms.
std::string quantityAmountText(const std::string &quantity, double value);
// The same after the quantity's name: "wall time 12.3 ms", "speedup ×0.01", "GIL switches 1".
std::string quantityText(const std::string &quantity, double value);

// The answer of `answers` whose range holds `measured` (the first, if they overlap), or -1.
int answerHolding(const std::vector<PresetAnswer> &answers, double measured);
// `chosen` (an index into answers) graded against `measured`: Right when its range holds it.
Grade gradeAnswer(const std::vector<PresetAnswer> &answers, int chosen, double measured);

} // namespace clab
