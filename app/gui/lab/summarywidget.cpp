#include "lab/summarywidget.h"

#include "textutil.h"

#include <QGridLayout>
#include <QLabel>
#include <QLocale>
#include <QVBoxLayout>

namespace clab {

SummaryWidget::SummaryWidget(QWidget *parent)
    : QGroupBox(tr("Summary"), parent)
    , m_grid(new QGridLayout)
    , m_status(new QLabel)
    , m_python(new QLabel)
    , m_prediction(new QLabel)
    , m_explanation(new QLabel)
{
    setAccessibleName(tr("Run summary"));
    m_grid->setHorizontalSpacing(12);
    m_grid->setVerticalSpacing(3);
    // The headline first, in view without scrolling on a projector: the race's counter (its
    // point), then how much faster than one worker, how many tasks a second, how long; then the
    // rest, which the class reads as asked.
    addRow(QStringLiteral("race"), tr("Counter"),
        tr("The race workload's shared counter: what it holds against the increments made, and how many were lost"));
    addRow(QStringLiteral("speedup"), tr("Speedup"), tr("This run's throughput over the sequential baseline's"));
    addRow(QStringLiteral("throughput"), tr("Throughput"), tr("Tasks completed per second"));
    addRow(QStringLiteral("wall"), tr("Wall time"), tr("Time from start to end of the run"));
    addRow(QStringLiteral("efficiency"), tr("Efficiency"), tr("Speedup divided by the number of workers"));
    addRow(QStringLiteral("tasks"), tr("Tasks"), tr("Tasks completed of those planned"));
    addRow(QStringLiteral("baseline"), tr("Baseline"),
        tr("Measured sequential baseline: same workload, one worker. Reused only while under a "
           "minute old and the machine's other load is unchanged"));
    addRow(QStringLiteral("cpu"), tr("CPU time"),
        tr("CPU time of the run's own workers, hogs and echo server (not this window's drawing), "
           "and cores busy on average"));
    addRow(QStringLiteral("maxRunning"), tr("Max running"), tr("Most workers running bytecode at the same moment"));
    addRow(QStringLiteral("cpuWait"), tr("Waiting for a core"),
        tr("Time the workers were ready to run but the OS had no free core for them (the kernel's "
           "schedstat), as a share of the workers' time, and the mean length of one turn on a core"));
    addRow(QStringLiteral("gilSwitches"), tr("GIL switches"), tr("Changes of the GIL's holder, and drop requests"));
    addRow(QStringLiteral("gilHold"), tr("GIL hold"), tr("Mean length of one hold of the GIL"));
    addRow(QStringLiteral("gilWait"), tr("GIL wait"), tr("Mean wait of the acquisitions that had to wait"));
    addRow(QStringLiteral("latency"), tr("Task latency"), tr("Median and 99th percentile time of one task"));

    m_status->setWordWrap(true);
    m_status->setAccessibleName(tr("Run status"));
    m_python->setObjectName(QStringLiteral("summaryPython"));
    m_python->setAccessibleName(tr("Python result"));
    m_python->setWordWrap(true);
    m_python->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_python->setVisible(false);
    m_prediction->setWordWrap(true);
    m_prediction->setAccessibleName(tr("Prediction and measurement"));
    m_prediction->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_explanation->setWordWrap(true);
    m_explanation->setAccessibleName(tr("Explanation"));
    m_explanation->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_explanation->setFocusPolicy(Qt::StrongFocus);
    QFont bold = m_prediction->font();
    bold.setBold(true);
    m_prediction->setFont(bold);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_status);
    // The Python run's headline ("engine ×0.91 · CPython 3.11.2 ×0.85") above the engine's rows:
    // in view on a projector, where the rows below scroll.
    layout->addWidget(m_python);
    layout->addLayout(m_grid);
    layout->addSpacing(6);
    layout->addWidget(m_prediction);
    layout->addWidget(m_explanation);
    layout->addStretch();
    clear(RunConfig{}, false);
    m_status->setText(tr("Choose an experiment and press Run."));
}

void SummaryWidget::addRow(const QString &key, const QString &name, const QString &tip)
{
    auto *label = new QLabel(name);
    label->setWordWrap(true); // "Waiting for a core" in two lines leaves a narrow column its values
    auto *value = new QLabel(QStringLiteral("–"));
    label->setToolTip(tip);
    value->setToolTip(tip);
    value->setObjectName(QStringLiteral("summary_") + key);
    value->setAccessibleName(name);
    value->setTextInteractionFlags(Qt::TextSelectableByMouse);
    value->setWordWrap(true);
    m_grid->addWidget(label, m_rows, 0, Qt::AlignTop);
    m_grid->addWidget(value, m_rows, 1);
    m_grid->setColumnStretch(1, 1);
    m_values[key] = value;
    m_names[key] = label;
    ++m_rows;
}

void SummaryWidget::set(const QString &key, const QString &text)
{
    if (auto it = m_values.find(key); it != m_values.end())
        it->second->setText(text);
}

QString SummaryWidget::valueText(const QString &key) const
{
    const auto it = m_values.find(key);
    return it == m_values.end() ? QString() : it->second->text();
}

void SummaryWidget::showStatus(const QString &text)
{
    m_status->setText(text);
}

void SummaryWidget::showPython(const QString &text)
{
    m_python->setText(text);
    m_python->setVisible(!text.isEmpty());
}

QString SummaryWidget::pythonText() const
{
    return m_python->text();
}

QString SummaryWidget::explanationText() const
{
    return m_explanation->text();
}

QString SummaryWidget::predictionText() const
{
    return m_prediction->text();
}

void SummaryWidget::showRowsFor(const RunConfig &config)
{
    // The counter's row only for the race workload, the one that has a counter.
    const bool race = config.workload == WorkloadKind::Race;
    m_values.at(QStringLiteral("race"))->setVisible(race);
    m_names.at(QStringLiteral("race"))->setVisible(race);
}

void SummaryWidget::clear(const RunConfig &config, bool baselinePhase)
{
    for (auto &[key, label] : m_values)
        label->setText(QStringLiteral("–"));
    showRowsFor(config);
    showPython({});
    m_prediction->clear();
    m_explanation->clear();
    m_status->setText(baselinePhase
            ? tr("Measuring the sequential baseline (1 worker, same %1 workload)…")
                  .arg(toQString(toString(config.workload)))
            : tr("Running %1 × %2 on %3…")
                  .arg(config.workers)
                  .arg(toQString(toString(config.model)), toQString(toString(config.workload))));
}

void SummaryWidget::showLive(double elapsedSeconds, const Sample &latest, int tasksPlanned)
{
    set(QStringLiteral("wall"), tr("%1 so far").arg(formatDuration(elapsedSeconds)));
    set(QStringLiteral("tasks"), tr("%1 of %2").arg(latest.tasksDone).arg(tasksPlanned));
    set(QStringLiteral("throughput"), tr("%1 tasks/s now").arg(formatFixed(latest.throughputTps, 1)));
    set(QStringLiteral("maxRunning"), tr("%1 running now").arg(latest.running));
}

void SummaryWidget::showBaseline(const std::optional<BaselineMeasurement> &baseline, std::int64_t runStartNs)
{
    set(QStringLiteral("baseline"), describeBaseline(baseline, runStartNs));
}

void SummaryWidget::showResult(const RunResult &result, const std::optional<BaselineMeasurement> &baseline,
    const std::optional<Prediction> &prediction)
{
    const RunSummary &s = result.summary;
    showRowsFor(result.config);
    const bool deadlocked = s.deadlock && s.deadlock->detected;
    m_status->setText(!s.error.empty() ? tr("Failed: %1").arg(toQString(s.error))
            : deadlocked               ? tr("Deadlocked: the engine found the cycle and ended the run.")
            : s.stopped                ? tr("Stopped.")
                                       : tr("Finished."));
    if (!s.error.empty()) {
        // A failed run measured nothing: no figures (not zeros), and the error is said once, above.
        for (auto &[key, label] : m_values)
            label->setText(QStringLiteral("–"));
        set(QStringLiteral("tasks"), tr("%1 of %2").arg(s.tasksCompleted).arg(result.config.tasks));
        showBaseline(baseline, result.startNs);
        m_prediction->clear();
        m_explanation->clear();
        return;
    }
    set(QStringLiteral("wall"), tr("%1 s").arg(formatFixed(s.wallSeconds, 3)));
    set(QStringLiteral("cpu"),
        tr("%1 s (%2 cores busy)").arg(formatFixed(s.cpuSeconds, 3), formatFixed(s.avgCoresBusy, 2)));
    set(QStringLiteral("tasks"), tr("%1 of %2").arg(s.tasksCompleted).arg(result.config.tasks));
    set(QStringLiteral("throughput"), tr("%1 tasks/s").arg(formatFixed(s.throughputTps, 1)));
    if (s.race)
        set(QStringLiteral("race"),
            tr("%1 of %2 increments, %3 lost")
                .arg(QLocale().toString(static_cast<qulonglong>(s.race->final)),
                    QLocale().toString(static_cast<qulonglong>(s.race->expected)),
                    QLocale().toString(static_cast<qulonglong>(s.race->lostUpdates))));
    showBaseline(baseline, result.startNs);
    // A deadlocked run ended where the deadlock fell: its speed is not the experiment's.
    const std::optional<double> speedup = deadlocked ? std::nullopt : speedupOf(result, baseline);
    set(QStringLiteral("speedup"), speedup ? QStringLiteral("×%1").arg(formatFixed(*speedup, 2)) : tr("–"));
    set(QStringLiteral("efficiency"),
        speedup ? QStringLiteral("%1%").arg(formatFixed(*speedup / result.config.workers * 100.0, 0)) : tr("–"));
    set(QStringLiteral("maxRunning"), QString::number(s.maxRunning));
    const bool gil = result.config.gil != GilPolicy::Off;
    const RunResult::SchedulerShare share = result.schedulerShare();
    set(QStringLiteral("cpuWait"),
        !s.schedulerStats ? tr("not measured (no schedstat)")
            : share.timeslices == 0
            ? tr("–")
            : tr("%1 s (%2%), turns of %3 ms")
                  .arg(formatFixed(share.cpuWaitSeconds, 2), formatFixed(share.waitFraction * 100.0, 0),
                      formatFixed(share.meanTurnMs, 1)));
    // The old GIL has no drop requests; its cost is waiters that wake to find it taken again.
    const QString gilSwitches = result.config.gil == GilPolicy::Legacy
        ? tr("%1 (%2 failed acquisitions)").arg(s.gil.switches).arg(s.gil.failedAcquisitions)
        : tr("%1 (%2 drop requests)").arg(s.gil.switches).arg(s.gil.dropRequests);
    set(QStringLiteral("gilSwitches"), gil ? gilSwitches : tr("no GIL"));
    set(QStringLiteral("gilHold"), gil ? tr("%1 ms mean").arg(formatFixed(s.gil.holdMsMean, 3)) : tr("no GIL"));
    set(QStringLiteral("gilWait"), gil ? tr("%1 ms mean").arg(formatFixed(s.gil.waitMsMean, 3)) : tr("no GIL"));
    set(QStringLiteral("latency"),
        tr("%1 ms p50, %2 ms p90, %3 ms p99")
            .arg(formatFixed(s.latencyMsP50, 2), formatFixed(s.latencyMsP90, 2), formatFixed(s.latencyMsP99, 2)));

    if (prediction)
        m_prediction->setText(comparePrediction(*prediction, result, speedup));
    else
        m_prediction->clear();
    m_explanation->setText(explainRun(result, baseline));
}

} // namespace clab
