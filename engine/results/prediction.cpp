#include "results/prediction.h"

#include "results/numbertext.h"

#include <algorithm>
#include <cmath>
#include <string_view>

namespace clab {

SpeedDirection directionOf(double speedup)
{
    if (speedup > kAboutTheSameHigh)
        return SpeedDirection::Faster;
    if (speedup < kAboutTheSameLow)
        return SpeedDirection::Slower;
    return SpeedDirection::Same;
}

double factorOf(double speedup)
{
    switch (directionOf(speedup)) {
    case SpeedDirection::Faster:
        return speedup;
    case SpeedDirection::Slower:
        return 1.0 / std::max(speedup, 1e-9);
    case SpeedDirection::Same:
        break;
    }
    return 1.0;
}

Grade gradeSpeed(const SpeedPrediction &prediction, double speedup)
{
    const SpeedDirection measured = directionOf(speedup);
    if (measured != prediction.direction)
        return Grade::Wrong;
    if (measured == SpeedDirection::Same)
        return Grade::Right;
    const double ratio = factorOf(speedup) / std::max(prediction.factor, 1e-9);
    return std::abs(std::log(ratio)) <= std::log(kFactorTolerance) ? Grade::Right : Grade::RightDirection;
}

std::optional<double> measuredQuantity(
    const std::string &quantity, const RunResult &result, const std::optional<double> &speedup)
{
    const RunSummary &s = result.summary;
    if (!s.error.empty())
        return std::nullopt;
    // A deadlock often falls before any task is done, and it is the run's result all the same.
    if (quantity == "deadlocks_found")
        return s.deadlock ? std::optional<double>(s.deadlock->detected ? 1.0 : 0.0) : std::nullopt;
    if (s.tasksCompleted == 0)
        return std::nullopt;
    if (quantity == "wall_ms")
        return s.wallSeconds * 1e3;
    if (quantity == "speedup")
        return speedup;
    if (quantity == "throughput_tps")
        return s.throughputTps;
    if (quantity == "cores_busy")
        return s.avgCoresBusy;
    if (quantity == "latency_ms_p50")
        return s.latencyMsP50;
    if (quantity == "max_running")
        return static_cast<double>(s.maxRunning);
    if (quantity == "gil_switches")
        return static_cast<double>(s.gil.switches);
    if (quantity == "lost_updates" && s.race)
        return static_cast<double>(s.race->lostUpdates);
    return std::nullopt;
}

std::string quantityAmountText(const std::string &quantity, double value)
{
    const AnswerQuantity *known = findAnswerQuantity(quantity);
    if (!known)
        return fixedText(value, 2);
    const bool count = quantity == "max_running" || quantity == "gil_switches" || quantity == "throughput_tps"
        || quantity == "lost_updates" || quantity == "deadlocks_found";
    const bool milliseconds = known->unit == std::string_view("ms");
    const std::string number = count ? std::to_string(std::llround(value))
        : milliseconds               ? fixedText(value, value < 100.0 ? 1 : 0)
                                     : fixedText(value, 2);
    const std::string unit = known->unit;
    return unit == "×" ? unit + number : unit.empty() ? number : number + ' ' + unit;
}

std::string quantityText(const std::string &quantity, double value)
{
    const AnswerQuantity *known = findAnswerQuantity(quantity);
    return (known ? std::string(known->name) : quantity) + ' ' + quantityAmountText(quantity, value);
}

int answerHolding(const std::vector<PresetAnswer> &answers, double measured)
{
    for (std::size_t i = 0; i < answers.size(); ++i) {
        if (measured >= answers[i].min && measured <= answers[i].max)
            return static_cast<int>(i);
    }
    return -1;
}

Grade gradeAnswer(const std::vector<PresetAnswer> &answers, int chosen, double measured)
{
    if (chosen < 0 || chosen >= static_cast<int>(answers.size()))
        return Grade::Wrong;
    const PresetAnswer &answer = answers[static_cast<std::size_t>(chosen)];
    return measured >= answer.min && measured <= answer.max ? Grade::Right : Grade::Wrong;
}

} // namespace clab
