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

namespace {

QString directionWords(SpeedDirection direction)
{
    switch (direction) {
    case SpeedDirection::Faster:
        return tr("faster");
    case SpeedDirection::Same:
        return tr("about the same");
    case SpeedDirection::Slower:
        return tr("slower");
    }
    return QString();
}

QString speedText(SpeedDirection direction, double factor, int decimals)
{
    QString text = directionWords(direction);
    if (direction != SpeedDirection::Same)
        text += QStringLiteral(" (×%1)").arg(formatFixed(factor, decimals));
    return text;
}

// The engine's text of the amount (results/prediction.h), after the quantity's translated name.
QString amountText(const std::string &key, double value)
{
    const AnswerQuantity *quantity = findAnswerQuantity(key);
    const QString name = quantity ? QCoreApplication::translate("AnswerQuantity", quantity->name) : toQString(key);
    return name + QLatin1Char(' ') + toQString(quantityAmountText(key, value));
}

QString gradeWords(Grade grade)
{
    switch (grade) {
    case Grade::Right:
        return tr("Well predicted.");
    case Grade::RightDirection:
        return tr("Right direction, but the size differs.");
    case Grade::Wrong:
        return tr("Not what you expected: the explanation below says why.");
    }
    return QString();
}

} // namespace

QString comparePrediction(const Prediction &prediction, const RunResult &result, const std::optional<double> &speedup)
{
    if (!prediction.answers.empty()) {
        if (prediction.answer < 0 || prediction.answer >= static_cast<int>(prediction.answers.size()))
            return {};
        const std::string &key = prediction.answers.front().quantity;
        const std::optional<double> measured = measuredQuantity(key, result, speedup);
        if (!measured)
            return {};
        const QString chosen = toQString(prediction.answers[static_cast<std::size_t>(prediction.answer)].label);
        const int holding = answerHolding(prediction.answers, *measured);
        const QString measuredText = holding >= 0
            ? tr("%1, that is “%2”")
                  .arg(amountText(key, *measured),
                      toQString(prediction.answers[static_cast<std::size_t>(holding)].label))
            : tr("%1, none of the answers").arg(amountText(key, *measured));
        return tr("You predicted: “%1”. Measured: %2. %3")
            .arg(chosen, measuredText, gradeWords(gradeAnswer(prediction.answers, prediction.answer, *measured)));
    }
    if (!prediction.speed || !speedup || result.config.model == ExecutionModel::Sequential)
        return {};
    const SpeedPrediction &speed = *prediction.speed;
    const SpeedDirection measured = directionOf(*speedup);
    QString measuredText = speedText(measured, factorOf(*speedup), 2);
    if (measured == SpeedDirection::Same)
        measuredText = tr("it stayed about the same (×%1)").arg(formatFixed(*speedup, 2));
    return tr("You predicted: %1. Measured: %2. %3")
        .arg(speedText(speed.direction, speed.factor, 1), measuredText, gradeWords(gradeSpeed(speed, *speedup)));
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
