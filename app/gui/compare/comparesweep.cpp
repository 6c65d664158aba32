#include "compare/comparepage.h"

#include "charts/speedupchart.h"
#include "compare/runstablemodel.h"
#include "compare/sweeppanel.h"
#include "lab/pythondescription.h"
#include "lab/pythonrunner.h"
#include "lab/rundescription.h"
#include "textutil.h"

#include <QItemSelectionModel>
#include <QProgressBar>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QThread>

#include <algorithm>

// Compare while a sweep runs and when it ends: its progress, its rows, its speedup chart and its
// messages. The page's layout and the table are in comparepage.cpp.

namespace clab {

void ComparePage::cancelSweep()
{
    m_sweep->cancel();
    updateSweepControls();
}

void ComparePage::onSweepProgress()
{
    if (!m_sweep->isBusy())
        return;
    m_panel->setProgress(m_sweep->stepsDone());
    if (m_sweep->isCancelling()) {
        m_panel->setStatus(tr("Cancelling: stopping the current run…"));
        return;
    }
    const SweepStep *step = m_sweep->currentStep();
    if (const RunConfig *python = m_sweep->currentPythonStep(); python && !step) {
        const PythonRunner *runner = m_sweep->pythonRunner();
        m_panel->setStatus(
            tr("Run %1 of %2: %3 in Python on %4 — %5")
                .arg(m_sweep->stepsDone() + 1)
                .arg(m_sweep->stepCount())
                .arg(runName(*python), toQString(runner->interpreter().label()))
                .arg(runner->phase() == PythonRunner::Phase::Baseline ? tr("its sequential baseline first")
                                                                      : tr("the run, after its baseline")));
        return;
    }
    if (!step)
        return;
    const QString what = step->baseline
        ? tr("the sequential baseline (%1), measured first: the speedups are against it")
              .arg(shortGilText(step->config.gil))
        : runName(step->config);
    m_panel->setStatus(tr("Run %1 of %2: %3 — %4 of %5 tasks")
                           .arg(m_sweep->stepsDone() + 1)
                           .arg(m_sweep->stepCount())
                           .arg(what)
                           .arg(m_sweep->currentTasksDone())
                           .arg(step->config.tasks));
}

void ComparePage::onStepFinished(const SweepStep &step, const RunResult &result, double speedup)
{
    addRow(result, speedup,
        step.baseline ? tr("Sweep %1 · baseline").arg(m_sweepNumber) : tr("Sweep %1").arg(m_sweepNumber));
    m_panel->setProgress(m_sweep->stepsDone());
    updateSpeedupChart();
    updateOverlays();
}

void ComparePage::updateSpeedupChart()
{
    std::vector<SpeedupChart::Line> lines;
    // Work that computes is capped at the cores: only points within them are fitted, and the chart
    // marks the workers beyond them. Work that waits is not.
    const int cores = coreCapOf(m_sweep->request().base, std::max(1, QThread::idealThreadCount()));
    for (const SweepSeries &series : m_sweep->tally().series(cores))
        lines.push_back({tr("%1 · %2").arg(toQString(toString(series.model)), shortGilText(series.gil)), series.points,
            series.fit, series.processors});
    // The interpreter's lines after the engine's, so the engine's keep their colours.
    for (const SweepSeries &series : m_sweep->tally().pythonSeries(cores))
        lines.push_back({tr("%1 · %2 in Python").arg(toQString(toString(series.model)), toQString(series.interpreter)),
            series.points, series.fit, series.processors});
    m_speedup->setLines(m_sweepTitle, lines);
}

void ComparePage::onSweepEnded(SweepController::Outcome outcome, const QString &message)
{
    m_panel->setProgress(m_sweep->stepsDone());
    m_panel->setStatus(message);
    if (outcome == SweepController::Outcome::Failed)
        showSweepMessage(message);
    if (outcome == SweepController::Outcome::Completed && m_table->selectionModel()->selectedRows().isEmpty())
        selectLargestOfSweep();
    updateSweepControls();
}

void ComparePage::selectLargestOfSweep()
{
    // The sweep's runs with the most workers, one per model and GIL: what the overlays show
    // until the student picks runs of their own.
    const QString source = tr("Sweep %1").arg(m_sweepNumber);
    int most = 0;
    for (int number = 1; number <= m_runs->runCount(); ++number) {
        if (m_runs->run(number).source == source)
            most = std::max(most, m_runs->run(number).config.workers);
    }
    QItemSelection selection;
    for (int number = 1; number <= m_runs->runCount(); ++number) {
        const RunsTableModel::Run &run = m_runs->run(number);
        if (run.source == source && run.config.workers == most) {
            const QModelIndex first = m_sorted->mapFromSource(m_runs->index(number - 1, 0));
            selection.select(first, first.siblingAtColumn(RunsTableModel::ColumnCount - 1));
        }
    }
    m_table->selectionModel()->select(selection, QItemSelectionModel::Select | QItemSelectionModel::Rows);
}

void ComparePage::showSweepMessage(const QString &message)
{
    m_panel->showMessage(message, m_appearance.error());
}

QString ComparePage::sweepMessage() const
{
    return m_panel->isMessageShown() ? m_panel->messageText() : QString();
}

} // namespace clab
