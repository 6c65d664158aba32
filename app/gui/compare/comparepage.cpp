#include "compare/comparepage.h"

#include "charts/overlaychart.h"
#include "charts/runcolors.h"
#include "charts/speedupchart.h"
#include "compare/runstablemodel.h"
#include "compare/sweeppanel.h"
#include "lab/explanation.h"
#include "lab/pythondescription.h"
#include "lab/pythoninterpreters.h"
#include "lab/pythonrunner.h"
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
#include <QStringList>
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
    // It scrolls down only: nothing in it is cut at the side (setAppearance keeps it as wide as
    // its content's narrowest layout).
    m_sideScroll = new QScrollArea;
    m_sideScroll->setObjectName(QStringLiteral("compareSideScroll"));
    m_sideScroll->setWidget(side);
    m_sideScroll->setWidgetResizable(true);
    m_sideScroll->setFrameShape(QFrame::NoFrame);
    m_sideScroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    auto *charts = new QSplitter(Qt::Horizontal);
    charts->setChildrenCollapsible(false);
    charts->addWidget(m_speedup);
    charts->addWidget(m_sideScroll);
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
    connect(m_sweep, &SweepController::pythonStepFinished, this,
        [this](const RunConfig &config, const python::PythonOutcome &outcome) {
            m_runs->addPythonRun(
                config, outcome, tr("Sweep %1 · %2").arg(m_sweepNumber).arg(pythonSourceText(outcome)));
            m_panel->setProgress(m_sweep->stepsDone());
            updateSelectionHint();
            updateSpeedupChart();
        });
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

void ComparePage::addPythonRun(const RunConfig &config, const python::PythonOutcome &outcome)
{
    if (!outcome.summary)
        return;
    m_runs->addPythonRun(config, outcome, pythonSourceText(outcome));
    updateSelectionHint();
}

void ComparePage::addSavedRun(const RunResult &result, std::optional<double> speedup, const QString &source)
{
    addRow(result, speedup, source);
}

void ComparePage::addRow(const RunResult &result, std::optional<double> speedup, const QString &source)
{
    m_runs->addRun(result, speedup, source);
    updateSelectionHint();
}

void ComparePage::updateOverlays()
{
    std::vector<int> selected;
    for (const QModelIndex &index : m_table->selectionModel()->selectedRows(RunsTableModel::NumberColumn)) {
        // A run on a Python interpreter measured only its totals, no samples over time: it has
        // nothing to draw here (updateSelectionHint() says so).
        if (const int number = index.data(Qt::UserRole).toInt(); !m_runs->run(number).python)
            selected.push_back(number);
    }
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
    else {
        QString text = selected == 1 ? tr("1 run selected") : tr("%1 runs selected").arg(selected);
        std::vector<int> python;
        for (const QModelIndex &index : m_table->selectionModel()->selectedRows(RunsTableModel::NumberColumn)) {
            if (const int number = index.data(Qt::UserRole).toInt(); m_runs->run(number).python)
                python.push_back(number);
        }
        std::sort(python.begin(), python.end());
        QStringList numbers;
        for (const int number : python)
            numbers << tr("#%1").arg(number);
        if (!numbers.isEmpty())
            text += tr("; %1 ran in Python, which measures totals only, not samples over time: not drawn below")
                        .arg(numbers.join(QStringLiteral(", ")));
        m_selectionHint->setText(text);
    }
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

void ComparePage::setInterpreters(PythonInterpreters *interpreters)
{
    m_interpreters = interpreters;
    m_panel->setInterpreters(interpreters);
}

bool ComparePage::startSweep()
{
    return startSweep(
        m_panel->chosenModels(), m_panel->chosenPolicies(), m_panel->maxWorkers(), m_panel->chosenPythonPath());
}

bool ComparePage::startSweep(const std::vector<ExecutionModel> &models, const std::vector<GilPolicy> &policies,
    int maxWorkers, const QString &pythonPath)
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
    std::optional<python::Interpreter> python;
    if (!pythonPath.isEmpty()) {
        const python::Interpreter *found = m_interpreters ? m_interpreters->find(pythonPath) : nullptr;
        if (!found) {
            showSweepMessage(
                tr("python: %1 is not among the interpreters found; add it in File ▸ Preferences").arg(pythonPath));
            return false;
        }
        python = *found;
    }
    if (auto error = m_sweep->start(request, python)) {
        showSweepMessage(toQString(error->toString()));
        return false;
    }
    m_panel->setChoices(models, policies, maxWorkers);
    m_panel->setPythonChoice(python ? toQString(python->path) : QString());
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
    m_sideScroll->setMinimumWidth(m_sideScroll->widget()->minimumSizeHint().width() + scrollBar + 2);
    showSweepMessage(m_panel->messageText());
    updateOverlays();
}

} // namespace clab
