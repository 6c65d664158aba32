#include "lab/explanation.h"

#include "results/verdict.h"
#include "textutil.h"

#include <QCoreApplication>

#include <algorithm>
#include <cmath>

namespace clab {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Explanation", text);
}

} // namespace

std::optional<double> speedupOf(const RunResult &result, const std::optional<BaselineMeasurement> &baseline)
{
    if (!baseline || result.summary.tasksCompleted == 0)
        return std::nullopt;
    return speedupOf(result.summary.throughputTps, baseline->throughputTps);
}

QString describeBaseline(const std::optional<BaselineMeasurement> &baseline, std::int64_t runStartNs)
{
    if (!baseline)
        return tr("not measured");
    const QString tps = formatFixed(baseline->throughputTps, 1);
    if (baseline->isExperiment)
        return tr("%1 tasks/s (this run is the baseline)").arg(tps);
    QString text;
    if (baseline->runsAveraged > 1) {
        text = tr("%1 tasks/s, mean of baselines measured just before and just after this run").arg(tps);
    } else {
        // Measured right before the run starts, it ends a poll (~33 ms) earlier.
        const double ageSeconds = static_cast<double>(runStartNs - baseline->measuredAtNs) / 1e9;
        if (ageSeconds <= 1.0)
            text = tr("%1 tasks/s, measured just before this run").arg(tps);
        else
            text = tr("%1 tasks/s, measured %2 s before this run (reused: under %3 s old, same load)")
                       .arg(tps, formatFixed(ageSeconds, 0), formatFixed(kBaselineMaxAgeSeconds, 0));
    }
    if (baseline->cappedEarly)
        text += tr(" (%1 of %2 tasks in %3)")
                    .arg(baseline->tasksCompleted)
                    .arg(baseline->tasksPlanned)
                    .arg(formatDuration(baseline->wallSeconds));
    return text;
}

Prediction::Direction directionOf(double speedup)
{
    if (speedup > 1.15)
        return Prediction::Direction::Faster;
    if (speedup < 0.87)
        return Prediction::Direction::Slower;
    return Prediction::Direction::Same;
}

QString comparePrediction(const Prediction &prediction, double speedup)
{
    auto words = [](Prediction::Direction direction) {
        switch (direction) {
        case Prediction::Direction::Faster:
            return tr("faster");
        case Prediction::Direction::Same:
            return tr("about the same");
        case Prediction::Direction::Slower:
            return tr("slower");
        }
        return QString();
    };
    QString predicted = words(prediction.direction);
    if (prediction.direction != Prediction::Direction::Same)
        predicted += QStringLiteral(" (×%1)").arg(formatFixed(prediction.factor, 1));
    const Prediction::Direction measured = directionOf(speedup);
    // A factor "x2 slower" means speedup 0.5.
    const double measuredFactor = speedup >= 1.0 ? speedup : 1.0 / std::max(speedup, 1e-9);
    QString measuredText = words(measured);
    if (measured != Prediction::Direction::Same)
        measuredText += QStringLiteral(" (×%1)").arg(formatFixed(measuredFactor, 1));
    QString verdict;
    if (measured != prediction.direction)
        verdict = tr("Not what you expected: the explanation below says why.");
    else if (measured == Prediction::Direction::Same
        || std::abs(std::log(measuredFactor / std::max(prediction.factor, 1e-9))) < std::log(1.35))
        verdict = tr("Well predicted.");
    else
        verdict = tr("Right direction, but the size differs.");
    return tr("You predicted: %1. Measured: %2. %3").arg(predicted, measuredText, verdict);
}

QString explainRun(const RunResult &result, const std::optional<BaselineMeasurement> &baseline)
{
    // The engine chooses the verdicts (results/verdict.h); the window translates their templates.
    QStringList sentences;
    for (const Verdict &verdict : verdictsOn(result, baseline)) {
        const QString text = QCoreApplication::translate("Verdict", verdict.text.c_str());
        sentences << toQString(fill(verdict, text.toStdString()));
    }
    return sentences.join(QLatin1Char(' '));
}

} // namespace clab
