#include "lab/explanation.h"

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

bool isIoWorkload(WorkloadKind kind)
{
    return kind == WorkloadKind::IoSleep || kind == WorkloadKind::IoFile || kind == WorkloadKind::IoSocket;
}

bool sharesOneGil(const RunConfig &config)
{
    return config.gil != GilPolicy::Off
        && (config.model == ExecutionModel::Threads || config.model == ExecutionModel::Coroutines
            || config.model == ExecutionModel::Sequential);
}

QString workersText(int count)
{
    return count == 1 ? tr("1 worker") : tr("%1 workers").arg(count);
}

QString times(double value)
{
    return QStringLiteral("×%1").arg(formatFixed(value, 2));
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
    const RunConfig &config = result.config;
    const RunSummary &s = result.summary;
    QStringList lines;
    if (!s.error.empty())
        return tr("The run failed: %1").arg(toQString(s.error));
    if (s.stopped)
        lines << tr("Stopped before every task was done: the numbers cover the %1 tasks that finished.")
                     .arg(s.tasksCompleted);

    const std::optional<double> speedup = speedupOf(result, baseline);
    const int workers = config.workers;
    const bool oneGil = sharesOneGil(config);
    const double cores = s.avgCoresBusy;
    const int machineCores = result.machine.logicalCpus;

    if (config.model == ExecutionModel::Sequential) {
        lines << tr("One task after another on one thread: this is the baseline. It kept %1 cores busy on "
                    "average, whatever the machine has.")
                     .arg(formatFixed(cores, 2));
    }

    // The convoy effect: an I/O worker beside a CPU hog waits about one switch interval per
    // return from I/O (CPython's ceval_gil.c: the hog only drops the GIL on a drop request).
    if (config.cpuHogs > 0 && (isIoWorkload(config.workload) || config.workload == WorkloadKind::Mixed)
        && config.gil != GilPolicy::Off && s.latencyMsP50 > 0.0) {
        const double ownMs = config.workload == WorkloadKind::IoSleep ? config.ioMs : 0.0;
        const double extraMs = s.latencyMsP50 - ownMs;
        if (extraMs >= 0.5 * config.switchIntervalMs)
            lines << tr("Convoy effect: each time the I/O worker came back from a wait, the CPU hog held the "
                        "GIL and let go only after a switch interval (%1 ms). A task took %2 ms (median) "
                        "instead of about %3 ms.")
                         .arg(formatFixed(config.switchIntervalMs, 2), formatFixed(s.latencyMsP50, 2),
                             formatFixed(ownMs, 2));
        else
            lines << tr("The CPU hog barely delayed the I/O worker: median task %1 ms with a %2 ms switch "
                        "interval.")
                         .arg(formatFixed(s.latencyMsP50, 2), formatFixed(config.switchIntervalMs, 2));
    }

    if (speedup && config.model != ExecutionModel::Sequential) {
        const double efficiency = *speedup / workers;
        if (oneGil && s.maxRunning <= 1 && workers > 1 && *speedup < 1.3 && !isIoWorkload(config.workload)
            && config.workload != WorkloadKind::Native) {
            lines << tr("Only one worker ever ran bytecode at a time (max running = %1), so the GIL serialised "
                        "them: %2 workers did the work of one (speedup %3), using %4 cores on average.")
                         .arg(s.maxRunning)
                         .arg(workers)
                         .arg(times(*speedup), formatFixed(cores, 2));
            if (*speedup < 0.95)
                lines << tr("Slower than one worker: %1 hand-offs of the GIL each woke a thread and moved it "
                            "between cores.")
                             .arg(s.gil.switches);
            if (config.gil == GilPolicy::Legacy)
                lines << tr("The old GIL released the lock every 100 ticks and the thread that released it "
                            "usually took it straight back: %1 times a woken thread found it taken again "
                            "(failed acquisitions).")
                             .arg(s.gil.failedAcquisitions);
        } else if (config.workload == WorkloadKind::Mixed && oneGil && s.maxRunning <= 1 && workers > 1
            && config.cpuFraction > 0.0) {
            // Amdahl's law: only the waits overlap, the computing part runs one worker at a time.
            const double ceiling = 1.0 / config.cpuFraction;
            lines << tr("The computing part of each task (%1% of it) needs the GIL, so it ran one worker at a "
                        "time (max running %2); only the waits overlapped. That caps the speedup near 1 / %3 = "
                        "%4 (Amdahl's law); measured %5 with %6.")
                         .arg(formatFixed(config.cpuFraction * 100.0, 0))
                         .arg(s.maxRunning)
                         .arg(
                             formatFixed(config.cpuFraction, 2), times(ceiling), times(*speedup), workersText(workers));
        } else if (isIoWorkload(config.workload) && *speedup >= 0.6 * std::min(workers, config.tasks) && workers > 1) {
            lines << tr("The workers spent their time waiting with the GIL released, so %1 waits overlapped: "
                        "speedup %2 with %3 workers, while the CPU stayed at %4 cores on average.")
                         .arg(workers)
                         .arg(times(*speedup))
                         .arg(workers)
                         .arg(formatFixed(cores, 2));
        } else if (config.workload == WorkloadKind::Native && oneGil && *speedup > 1.3) {
            lines << tr("zlib ran with the GIL released, so workers compressed on several cores at once "
                        "(max running in bytecode %1, speedup %2).")
                         .arg(s.maxRunning)
                         .arg(times(*speedup));
        } else if (*speedup > 1.3 && s.maxRunning > 1) {
            lines << tr("Up to %1 of the %2 workers ran bytecode at the same time, keeping %3 cores busy on "
                        "average: speedup %4, efficiency %5%.")
                         .arg(s.maxRunning)
                         .arg(workers)
                         .arg(formatFixed(cores, 2), times(*speedup), formatFixed(efficiency * 100.0, 0));
            // With schedstat the turns are measured and said below.
            if (machineCores > 0 && workers > machineCores && !s.schedulerStats)
                lines << tr("There are more workers (%1) than cores (%2): the extra ones only take turns.")
                             .arg(workers)
                             .arg(machineCores);
        } else if (*speedup <= 1.3 && s.maxRunning > 1 && machineCores > 0 && cores < 1.3) {
            lines << tr("Several workers could run at once (max running %1), but the machine only gave the "
                        "run %2 cores on average, so the speedup stayed at %3.")
                         .arg(s.maxRunning)
                         .arg(formatFixed(cores, 2), times(*speedup));
        } else {
            lines << tr("Speedup %1 with %2 (efficiency %3%), max running %4, %5 cores busy on average.")
                         .arg(times(*speedup), workersText(workers))
                         .arg(formatFixed(efficiency * 100.0, 0))
                         .arg(s.maxRunning)
                         .arg(formatFixed(cores, 2));
        }
    } else if (config.model != ExecutionModel::Sequential) {
        lines << tr("No sequential baseline was measured, so there is no speedup to explain.");
    }
    // Taking turns (concurrency) against at the same time (parallelism), as the kernel measured it.
    if (s.schedulerStats && config.model != ExecutionModel::Sequential && machineCores > 0 && workers > machineCores) {
        const RunResult::SchedulerShare share = result.schedulerShare();
        if (share.timeslices > 0 && share.waitFraction >= 0.1)
            lines << tr("%1, %2 cores: at any moment at most %3 ran; the OS gave each a turn of about %4 ms, "
                        "and the workers spent %5% of their time waiting for a core.")
                         .arg(workersText(workers))
                         .arg(machineCores)
                         .arg(s.maxRunning)
                         .arg(formatFixed(share.meanTurnMs, share.meanTurnMs < 10.0 ? 1 : 0),
                             formatFixed(share.waitFraction * 100.0, 0));
    }
    if (s.otherLoadCores >= kBusyMachineCores)
        lines << tr("Other programs (and this window's drawing) kept %1 cores busy during the run, so it had "
                    "less of the machine than it seemed: speedups may read low.")
                     .arg(formatFixed(s.otherLoadCores, 2));
    if (config.workload == WorkloadKind::Shared && config.gil == GilPolicy::Off)
        lines
            << tr("Without a GIL the shared object needs its own lock: %1 updates were counted.").arg(s.sharedUpdates);
    if (!s.workerFailures.empty())
        lines << tr("%1 worker(s) failed during the run.").arg(s.workerFailures.size());
    return lines.join(QLatin1Char(' '));
}

} // namespace clab
