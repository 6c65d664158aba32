#include "compare/comparepage.h"

#include "charts/overlaychart.h"
#include "charts/runcolors.h"
#include "charts/speedupchart.h"
#include "compare/runstablemodel.h"
#include "compare/sweeppanel.h"
#include "lab/explanation.h"
#include "lab/rundescription.h"
#include "textutil.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QIcon>
#include <QLabel>
#include <QPainter>
#include <QPixmap>
#include <QPushButton>
#include <QScrollArea>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStyle>
#include <QTableView>
#include <QThread>
#include <QVBoxLayout>

#include <algorithm>
#include <map>

namespace clab {

namespace {

// The workload and the settings that shape it: "cpu · 64 tasks · cpu_steps 4000 · 1 CPU hog".
QString describeWorkload(const RunConfig &config)
{
    QStringList parts{toQString(toString(config.workload)),
        config.tasks == 1 ? ComparePage::tr("1 task") : ComparePage::tr("%1 tasks").arg(config.tasks)};
    const std::vector<ConfigField> all = fields(config);
    for (const WorkloadInfo &info : workloadCatalog()) {
        if (info.kind != config.workload)
            continue;
        for (const std::string_view key : info.parameters) {
            for (const ConfigField &field : all) {
                if (field.key == key)
                    parts << QStringLiteral("%1 %2").arg(toQString(field.key), toQString(field.value));
            }
        }
    }
    if (config.cpuHogs > 0)
        parts << (config.cpuHogs == 1 ? ComparePage::tr("1 CPU hog")
                                      : ComparePage::tr("%1 CPU hogs").arg(config.cpuHogs));
    parts << ComparePage::tr("switch interval %1 ms").arg(config.switchIntervalMs, 0, 'g', 3);
    return parts.join(QStringLiteral(" · "));
}

// A run's colour as a small square with a dark edge and a light ring, so it shows on any row:
// light, dark, or the selection's highlight.
QIcon swatch(const QColor &colour)
{
    constexpr int kSize = 14;
    QPixmap pixmap(kSize, kSize);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.fillRect(QRect(0, 0, kSize, kSize), QColor(24, 24, 24));
    painter.fillRect(QRect(1, 1, kSize - 2, kSize - 2), Qt::white);
    painter.fillRect(QRect(3, 3, kSize - 6, kSize - 6), colour);
    return QIcon(pixmap);
}

} // namespace

ComparePage::ComparePage(QWidget *parent)
    : QWidget(parent)
    , m_runs(new RunsTableModel(this))
    , m_sorted(new QSortFilterProxyModel(this))
    , m_table(new QTableView)
    , m_speedup(new SpeedupChart)
    , m_throughputOverlay(new OverlayChart(OverlayChart::Measure::Throughput))
    , m_coreOverlay(new OverlayChart(OverlayChart::Measure::MeanCoreBusy))
    , m_sweep(new SweepController(this))
{
    setAccessibleName(tr("Compare"));
    m_sorted->setSourceModel(m_runs);
    m_sorted->setSortRole(RunsTableModel::SortRole);
    m_table->setModel(m_sorted);
    m_table->setObjectName(QStringLiteral("compareTable"));
    m_table->setAccessibleName(tr("Runs of this session"));
    m_table->setAccessibleDescription(tr("Select runs (Shift, Ctrl, Ctrl+A) to draw them over each other below"));
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setFocusPolicy(Qt::StrongFocus);
    m_table->setAlternatingRowColors(true);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(
        RunsTableModel::NumberColumn, Qt::AscendingOrder); // the session's order until a header is clicked
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->verticalHeader()->setVisible(false);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, &ComparePage::updateOverlays);

    auto *intro = new QLabel(tr("Every run of this session. Select runs (Ctrl+A for all) to draw them over each "
                                "other; run a sweep to plot speedup against workers."));
    intro->setWordWrap(true);
    m_clear = new QPushButton(tr("&Clear"));
    m_clear->setObjectName(QStringLiteral("clearButton"));
    m_clear->setAccessibleName(tr("Clear the comparison"));
    connect(m_clear, &QPushButton::clicked, this, &ComparePage::clear);
    m_selectionHint = new QLabel;
    m_selectionHint->setObjectName(QStringLiteral("selectionHint"));

    auto *tableColumn = new QWidget;
    auto *tableLayout = new QVBoxLayout(tableColumn);
    tableLayout->setContentsMargins(0, 0, 0, 0);
    tableLayout->addWidget(m_table, 1);
    auto *tableButtons = new QHBoxLayout;
    tableButtons->addWidget(m_clear);
    tableButtons->addWidget(m_selectionHint, 1);
    tableLayout->addLayout(tableButtons);

    // The table across the top; below it the speedup chart beside the sweep's controls over the
    // selected runs drawn over each other. That side scrolls on its own, so on a projector the
    // table and the speedup chart stay whole in view.
    m_panel = new SweepPanel;
    auto *overlays = new QSplitter(Qt::Vertical);
    overlays->setChildrenCollapsible(false);
    overlays->addWidget(m_throughputOverlay);
    overlays->addWidget(m_coreOverlay);
    auto *side = new QWidget;
    auto *sideLayout = new QVBoxLayout(side);
    sideLayout->setContentsMargins(0, 0, 0, 0);
    sideLayout->addWidget(m_panel);
    sideLayout->addWidget(overlays, 1);
    auto *sideScroll = new QScrollArea;
    sideScroll->setObjectName(QStringLiteral("compareSideScroll"));
    sideScroll->setWidget(side);
    sideScroll->setWidgetResizable(true);
    sideScroll->setFrameShape(QFrame::NoFrame);
    auto *charts = new QSplitter(Qt::Horizontal);
    charts->setChildrenCollapsible(false);
    charts->addWidget(m_speedup);
    charts->addWidget(sideScroll);
    charts->setStretchFactor(0, 1);
    charts->setStretchFactor(1, 1);

    auto *split = new QSplitter(Qt::Vertical);
    split->setChildrenCollapsible(false);
    split->addWidget(tableColumn);
    split->addWidget(charts);
    // The table keeps the height it asks for; the charts take the rest.
    split->setStretchFactor(0, 0);
    split->setStretchFactor(1, 1);
    // On a small screen in presentation mode the page scrolls rather than crushing its charts.
    auto *scroll = new QScrollArea;
    scroll->setWidget(split);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(scroll, 1);

    connect(m_sweep, &SweepController::stepStarted, this, &ComparePage::onSweepProgress);
    connect(m_sweep, &SweepController::stepFinished, this, &ComparePage::onStepFinished);
    connect(m_sweep, &SweepController::progressed, this, &ComparePage::onSweepProgress);
    connect(m_sweep, &SweepController::sweepEnded, this, &ComparePage::onSweepEnded);
    connect(m_sweep, &SweepController::busyChanged, this, &ComparePage::updateSweepControls);
    connect(m_panel, &SweepPanel::sweepRequested, this, [this] { startSweep(); });
    connect(m_panel, &SweepPanel::cancelRequested, this, &ComparePage::cancelSweep);

    updateOverlays();
    updateSweepControls();
}

QProgressBar *ComparePage::sweepProgress() const
{
    return m_panel->progress();
}

int ComparePage::runCount() const
{
    return m_runs->runCount();
}

void ComparePage::clear()
{
    if (m_sweep->isBusy())
        return; // its runs are still landing here; Clear is disabled meanwhile
    m_runs->clear();
    m_speedup->clear();
    m_sweepTitle.clear();
    updateOverlays();
}

void ComparePage::addRun(const RunResult &result, const std::optional<BaselineMeasurement> &baseline)
{
    addRow(result, speedupOf(result, baseline), tr("Lab"));
}

void ComparePage::addRow(const RunResult &result, std::optional<double> speedup, const QString &source)
{
    m_runs->addRun(result, speedup, source);
    updateSelectionHint();
}

void ComparePage::updateOverlays()
{
    std::vector<int> selected;
    for (const QModelIndex &index : m_table->selectionModel()->selectedRows(RunsTableModel::NumberColumn))
        selected.push_back(index.data(Qt::UserRole).toInt());
    std::sort(selected.begin(), selected.end());

    // When every selected run has the same workload (a sweep's runs do), the titles say it once and
    // the legends name what differs: shorter entries leave the plots their room on a projector.
    const auto runAt = [this](int number) -> const RunsTableModel::Run & { return m_runs->run(number); };
    const bool oneWorkload = !selected.empty() && std::all_of(selected.begin(), selected.end(), [&](int number) {
        return runAt(number).config.workload == runAt(selected.front()).config.workload;
    });
    // When each selected run is a different line of the sweep chart (a model and GIL), it takes
    // that line's colour, so one colour means one thing across the page; otherwise runs are
    // coloured in order.
    std::vector<std::pair<ExecutionModel, GilPolicy>> lines;
    for (const SweepSeries &series : m_sweep->tally().series())
        lines.emplace_back(series.model, series.gil);
    std::vector<int> lineColours;
    for (const int number : selected) {
        const auto key = std::make_pair(runAt(number).config.model, runAt(number).config.gil);
        const auto found = std::find(lines.begin(), lines.end(), key);
        const int colour = found == lines.end() ? -1 : static_cast<int>(found - lines.begin());
        if (colour < 0 || std::find(lineColours.begin(), lineColours.end(), colour) != lineColours.end()) {
            lineColours.clear();
            break;
        }
        lineColours.push_back(colour);
    }
    std::vector<OverlayRun> runs;
    std::map<int, int> colourOf; // run number -> colour index
    for (const int number : selected) {
        const RunsTableModel::Run &run = runAt(number);
        const int colour = lineColours.empty() ? static_cast<int>(runs.size()) : lineColours[runs.size()];
        colourOf[number] = colour;
        const QString name = oneWorkload ? runNameWithoutWorkload(run.config) : runName(run.config);
        runs.push_back({tr("#%1 %2").arg(number).arg(name), colour, &run.samples});
    }
    const QString shared = oneWorkload ? toQString(toString(runAt(selected.front()).config.workload)) : QString();
    m_throughputOverlay->setRuns(runs, shared);
    m_coreOverlay->setRuns(runs, shared);

    // The swatch beside a selected run's number is its colour in the charts below.
    std::map<int, QIcon> swatches;
    for (const auto &[number, colour] : colourOf)
        swatches[number] = swatch(runColor(colour, m_appearance));
    m_runs->setSwatches(std::move(swatches));
    updateSelectionHint();
}

void ComparePage::updateSelectionHint()
{
    const auto selected = m_table->selectionModel()->selectedRows().size();
    if (m_runs->runCount() == 0)
        m_selectionHint->setText(tr("No runs yet: run an experiment in the Lab, or a sweep."));
    else if (selected == 0)
        m_selectionHint->setText(tr("Select runs to draw them over each other below."));
    else
        m_selectionHint->setText(selected == 1 ? tr("1 run selected") : tr("%1 runs selected").arg(selected));
}

void ComparePage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    // The Lab's settings may have changed while another page was shown.
    if (!m_sweep->isBusy())
        updateWorkloadLabel();
}

void ComparePage::updateWorkloadLabel()
{
    m_panel->setWorkload(m_labConfig ? describeWorkload(m_labConfig()) : tr("(no Lab connected)"));
}

void ComparePage::updateSweepControls()
{
    const bool busy = m_sweep->isBusy();
    m_panel->setState(busy, m_sweep->isCancelling(), m_labBusy);
    m_clear->setEnabled(!busy);
    if (!busy)
        updateWorkloadLabel();
}

void ComparePage::setLabConfigSource(std::function<RunConfig()> source)
{
    m_labConfig = std::move(source);
    updateWorkloadLabel();
}

void ComparePage::setLabBusy(bool busy)
{
    m_labBusy = busy;
    updateSweepControls();
}

bool ComparePage::startSweep()
{
    return startSweep(m_panel->chosenModels(), m_panel->chosenPolicies(), m_panel->maxWorkers());
}

bool ComparePage::startSweep(
    const std::vector<ExecutionModel> &models, const std::vector<GilPolicy> &policies, int maxWorkers)
{
    if (m_sweep->isBusy())
        return false;
    if (m_labBusy) {
        showSweepMessage(tr("The Lab is running an experiment: a sweep measured beside it would compete for the "
                            "cores. Start the sweep when it has finished."));
        return false;
    }
    if (!m_labConfig) {
        showSweepMessage(tr("workload: no Lab is connected to take it from"));
        return false;
    }
    SweepRequest request;
    request.base = m_labConfig();
    request.models = models;
    request.policies = policies;
    request.maxWorkers = maxWorkers;
    if (auto error = m_sweep->start(request)) {
        showSweepMessage(toQString(error->toString()));
        return false;
    }
    m_panel->setChoices(models, policies, maxWorkers);
    showSweepMessage({});
    ++m_sweepNumber;
    m_sweepTitle = tr("Sweep %1 · %2 · %3 tasks · against its measured sequential run")
                       .arg(m_sweepNumber)
                       .arg(toQString(toString(request.base.workload)))
                       .arg(request.base.tasks);
    m_speedup->setLines(m_sweepTitle, {});
    m_panel->setWorkload(describeWorkload(request.base));
    m_panel->startProgress(m_sweep->stepCount());
    updateSweepControls();
    return true;
}

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

void ComparePage::setAppearance(const Appearance &appearance)
{
    m_appearance = appearance;
    m_speedup->setAppearance(appearance);
    m_throughputOverlay->setAppearance(appearance);
    m_coreOverlay->setAppearance(appearance);
    // At least five runs in view at any font size (a sweep of 1..4 workers and its baseline).
    const int row = std::max(m_table->verticalHeader()->defaultSectionSize(), m_table->fontMetrics().height() + 8);
    const int header = m_table->fontMetrics().height() + 12;
    const int scrollBar = m_table->style()->pixelMetric(QStyle::PM_ScrollBarExtent, nullptr, m_table);
    m_table->setMinimumHeight(header + 5 * row + scrollBar + 2 * m_table->frameWidth() + 4);
    showSweepMessage(m_panel->messageText());
    updateOverlays();
}

} // namespace clab
