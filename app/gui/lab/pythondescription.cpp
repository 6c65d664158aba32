#include "lab/pythondescription.h"

#include "textutil.h"

#include <QCoreApplication>

namespace clab {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("PythonDescription", text);
}

QString speedupText(std::optional<double> speedup)
{
    return speedup ? QStringLiteral("×%1").arg(formatFixed(*speedup, 2)) : tr("–");
}

} // namespace

QString pythonRunningText(const python::Interpreter &interpreter, PythonRunner::Phase phase)
{
    const QString label = toQString(interpreter.label());
    return phase == PythonRunner::Phase::Baseline
        ? tr("Running in %1… baseline (1 worker, same workload), then the run").arg(label)
        : tr("Running in %1… run (its baseline is measured)").arg(label);
}

QString pythonOutcomeText(
    const RunConfig &config, const python::PythonOutcome &outcome, std::optional<double> engineSpeedup)
{
    const QString label = toQString(outcome.interpreter.label());
    if (outcome.stopped)
        return tr("%1: stopped before its end; no result.").arg(label);
    if (!outcome.error.empty()) {
        const QString error = toQString(outcome.error);
        if (python::refusal(outcome.interpreter, config))
            return tr("%1 refused: %2").arg(label, error);
        // programrunner.cpp's ProgramRun::failure() for a program killed at the time limit.
        if (outcome.error.find("at the time limit") != std::string::npos)
            return tr("%1 timed out: %2").arg(label, error);
        return tr("%1 failed: %2").arg(label, error);
    }
    if (!outcome.summary)
        return tr("%1: no result.").arg(label);
    const python::PythonSummary &s = *outcome.summary;
    QString text = tr("engine %1 · %2 %3, each against its own sequential baseline (%2's measured right before it)")
                       .arg(speedupText(engineSpeedup), label, speedupText(outcome.speedup));
    text += QLatin1Char('\n');
    text
        += tr("%1: wall %2 s, %3 tasks/s, %4 cores busy, p50 latency %5 ms; GIL %6")
               .arg(label, formatFixed(s.wallSeconds, 3), formatFixed(s.throughputTps, 1),
                   formatFixed(s.avgCoresBusy, 2), formatFixed(s.latencyMsP50, 2), s.gilEnabled ? tr("on") : tr("off"));
    return text;
}

QString pythonSourceText(const python::PythonOutcome &outcome)
{
    const python::Interpreter &interpreter = outcome.interpreter;
    QString text = toQString(interpreter.label());
    if (!interpreter.freeThreaded && outcome.summary && !outcome.summary->gilEnabled)
        text += tr(" (GIL off)");
    return text;
}

} // namespace clab
