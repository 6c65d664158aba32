#include "compare/comparepage.h"

#include "charts/overlaychart.h"
#include "charts/runcolors.h"
#include "charts/speedupchart.h"
#include "lab/explanation.h"
#include "lab/rundescription.h"
#include "textutil.h"

#include <QCheckBox>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QIcon>
#include <QPainter>
#include <QPixmap>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QSplitter>
#include <QTableWidget>
#include <QThread>
#include <QVBoxLayout>

#include <algorithm>
#include <map>

namespace clab {

namespace {

enum Column {
    NumberColumn,
    SourceColumn,
    ModelColumn,
    WorkersColumn,
    WorkloadColumn,
    GilColumn,
    SwitchColumn,
    HogsColumn,
    TasksColumn,
    WallColumn,
    ThroughputColumn,
    SpeedupColumn,
    EfficiencyColumn,
    MaxRunningColumn,
    CoresBusyColumn,
    GilSwitchesColumn,
    ColumnCount
};

// Shows a number formatted, sorts by its value.
class NumberItem : public QTableWidgetItem
{
public:
    NumberItem(double value, int decimals)
        : QTableWidgetItem(QString::number(value, 'f', decimals))
        , m_value(value)
    {
        setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    }
    bool operator<(const QTableWidgetItem &other) const override
    {
        if (const auto *number = dynamic_cast<const NumberItem *>(&other))
            return m_value < number->m_value;
        return QTableWidgetItem::operator<(other);
    }

private:
    double m_value;
};

// The models a sweep can scale: sequential is every sweep's baseline, not a choice.
constexpr ExecutionModel kSweepModels[] = {ExecutionModel::Threads, ExecutionModel::Processes,
                                           ExecutionModel::Subinterpreters, ExecutionModel::Coroutines};
constexpr GilPolicy kSweepPolicies[] = {GilPolicy::Modern, GilPolicy::Legacy, GilPolicy::Off};

QString modelChoice(ExecutionModel model)
{
    switch (model) {
    case ExecutionModel::Sequential:
        return ComparePage::tr("Sequential");
    case ExecutionModel::Threads:
        return ComparePage::tr("Threads");
    case ExecutionModel::Processes:
        return ComparePage::tr("Processes");
    case ExecutionModel::Subinterpreters:
        return ComparePage::tr("Subinterpreters");
    case ExecutionModel::Coroutines:
        return ComparePage::tr("Coroutines");
    }
    return {};
}

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
        parts << (config.cpuHogs == 1 ? ComparePage::tr("1 CPU hog") : ComparePage::tr("%1 CPU hogs").arg(config.cpuHogs));
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

QString ComparePage::gilName(GilPolicy policy)
{
    // The Lab's words, with "no GIL" short enough for the legends.
    return policy == GilPolicy::Off ? tr("no GIL") : gilText(policy);
}

QString ComparePage::runNameWithoutWorkload(const RunConfig &config)
{
    return tr("%1 ×%2 · %3").arg(toQString(toString(config.model))).arg(config.workers).arg(gilName(config.gil));
}

QString ComparePage::runName(const RunConfig &config)
{
    return tr("%1 ×%2 · %3 · %4")
        .arg(toQString(toString(config.model)))
        .arg(config.workers)
        .arg(toQString(toString(config.workload)), gilName(config.gil));
}

ComparePage::ComparePage(QWidget *parent)
    : QWidget(parent)
    , m_table(new QTableWidget)
    , m_speedup(new SpeedupChart)
    , m_throughputOverlay(new OverlayChart(OverlayChart::Measure::Throughput))
    , m_coreOverlay(new OverlayChart(OverlayChart::Measure::MeanCoreBusy))
    , m_sweep(new SweepController(this))
{
    setAccessibleName(tr("Compare"));
    QStringList headers(ColumnCount);
    headers[NumberColumn] = tr("#");
    headers[SourceColumn] = tr("From");
    headers[ModelColumn] = tr("Model");
    headers[WorkersColumn] = tr("Workers");
    headers[WorkloadColumn] = tr("Workload");
    headers[GilColumn] = tr("GIL");
    headers[SwitchColumn] = tr("Switch ms");
    headers[HogsColumn] = tr("Hogs");
    headers[TasksColumn] = tr("Tasks");
    headers[WallColumn] = tr("Wall s");
    headers[ThroughputColumn] = tr("Tasks/s");
    headers[SpeedupColumn] = tr("Speedup");
    headers[EfficiencyColumn] = tr("Efficiency");
    headers[MaxRunningColumn] = tr("Max running");
    headers[CoresBusyColumn] = tr("Cores busy");
    headers[GilSwitchesColumn] = tr("GIL switches");
    m_table->setObjectName(QStringLiteral("compareTable"));
    m_table->setAccessibleName(tr("Runs of this session"));
    m_table->setAccessibleDescription(tr("Select runs (Shift, Ctrl, Ctrl+A) to draw them over each other below"));
    m_table->setColumnCount(ColumnCount);
    m_table->setHorizontalHeaderLabels(headers);
    m_table->horizontalHeaderItem(SpeedupColumn)
        ->setToolTip(tr("Against a measured sequential run of the same workload: the Lab's baseline, or the sweep's own"));
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setFocusPolicy(Qt::StrongFocus);
    m_table->setAlternatingRowColors(true);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(NumberColumn, Qt::AscendingOrder); // the session's order until a header is clicked
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

    // The table across the top; below it the sweep (its controls over its speedup chart) beside
    // the selected runs drawn over each other.
    auto *sweepColumn = new QWidget;
    auto *sweepLayout = new QVBoxLayout(sweepColumn);
    sweepLayout->setContentsMargins(0, 0, 0, 0);
    sweepLayout->addWidget(buildSweepPanel());
    sweepLayout->addWidget(m_speedup, 1);

    auto *overlays = new QSplitter(Qt::Vertical);
    overlays->setChildrenCollapsible(false);
    overlays->addWidget(m_throughputOverlay);
    overlays->addWidget(m_coreOverlay);
    auto *charts = new QSplitter(Qt::Horizontal);
    charts->setChildrenCollapsible(false);
    charts->addWidget(sweepColumn);
    charts->addWidget(overlays);
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

    updateOverlays();
    updateRunCount();
    updateSweepControls();
}

QWidget *ComparePage::buildSweepPanel()
{
    auto *box = new QGroupBox(tr("Sweep: 1..N workers on the Lab's workload"));
    box->setObjectName(QStringLiteral("sweepPanel"));
    auto *grid = new QGridLayout(box);
    grid->setColumnStretch(1, 1);

    m_workload = new QLabel;
    m_workload->setObjectName(QStringLiteral("sweepWorkload"));
    m_workload->setWordWrap(true);
    m_workload->setToolTip(tr("Set the workload, its tasks and parameters in the Lab"));
    grid->addWidget(new QLabel(tr("Workload:")), 0, 0);
    grid->addWidget(m_workload, 0, 1);

    auto *models = new QHBoxLayout;
    for (const ExecutionModel model : kSweepModels) {
        auto *check = new QCheckBox(modelChoice(model));
        check->setObjectName(QStringLiteral("sweepModel_%1").arg(toQString(toString(model))));
        check->setAccessibleName(tr("Sweep %1").arg(modelChoice(model)));
        check->setChecked(model == ExecutionModel::Threads);
        connect(check, &QCheckBox::toggled, this, &ComparePage::updateRunCount);
        models->addWidget(check);
        m_modelBoxes.emplace_back(model, check);
    }
    models->addStretch(1);
    grid->addWidget(new QLabel(tr("Models:")), 1, 0);
    grid->addLayout(models, 1, 1);

    auto *policies = new QHBoxLayout;
    for (const GilPolicy policy : kSweepPolicies) {
        auto *check = new QCheckBox(policy == GilPolicy::Off ? tr("No GIL") : gilName(policy));
        check->setObjectName(QStringLiteral("sweepGil_%1").arg(toQString(toString(policy))));
        check->setAccessibleName(tr("Sweep with %1").arg(policy == GilPolicy::Off ? tr("no GIL (free-threaded)") : gilName(policy)));
        check->setChecked(policy == GilPolicy::Modern);
        connect(check, &QCheckBox::toggled, this, &ComparePage::updateRunCount);
        policies->addWidget(check);
        m_gilBoxes.emplace_back(policy, check);
    }
    policies->addSpacing(12);
    auto *maxLabel = new QLabel(tr("&Max workers:"));
    m_maxWorkers = new QSpinBox;
    maxLabel->setBuddy(m_maxWorkers);
    m_maxWorkers->setObjectName(QStringLiteral("maxWorkersSpin"));
    m_maxWorkers->setAccessibleName(tr("Max workers"));
    m_maxWorkers->setRange(1, kMaxSweepWorkers);
    m_maxWorkers->setValue(std::clamp(2 * QThread::idealThreadCount(), 1, kMaxSweepWorkers));
    m_maxWorkers->setToolTip(tr("Runs go from 1 to this many workers (1..%1; default twice the cores)").arg(kMaxSweepWorkers));
    connect(m_maxWorkers, &QSpinBox::valueChanged, this, &ComparePage::updateRunCount);
    policies->addWidget(maxLabel);
    policies->addWidget(m_maxWorkers);
    policies->addStretch(1);
    grid->addWidget(new QLabel(tr("GIL:")), 2, 0);
    grid->addLayout(policies, 2, 1);

    m_sweepButton = new QPushButton(tr("Run s&weep"));
    m_sweepButton->setObjectName(QStringLiteral("sweepButton"));
    m_sweepButton->setAccessibleName(tr("Run the sweep"));
    connect(m_sweepButton, &QPushButton::clicked, this, [this] { startSweep(); });
    m_cancelButton = new QPushButton(tr("Ca&ncel sweep"));
    m_cancelButton->setObjectName(QStringLiteral("cancelSweepButton"));
    m_cancelButton->setAccessibleName(tr("Cancel the sweep"));
    connect(m_cancelButton, &QPushButton::clicked, this, &ComparePage::cancelSweep);
    m_progress = new QProgressBar;
    m_progress->setObjectName(QStringLiteral("sweepProgress"));
    m_progress->setAccessibleName(tr("Sweep progress"));
    m_progress->setRange(0, 1);
    m_progress->setValue(0);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_sweepButton);
    buttons->addWidget(m_cancelButton);
    buttons->addWidget(m_progress, 1);
    grid->addLayout(buttons, 3, 0, 1, 2);

    m_sweepStatus = new QLabel;
    m_sweepStatus->setObjectName(QStringLiteral("sweepStatus"));
    m_sweepStatus->setAccessibleName(tr("Sweep status"));
    m_sweepStatus->setWordWrap(true);
    grid->addWidget(m_sweepStatus, 4, 0, 1, 2);

    m_message = new QLabel;
    m_message->setObjectName(QStringLiteral("sweepMessage"));
    m_message->setAccessibleName(tr("Sweep validation message"));
    m_message->setWordWrap(true);
    m_message->setVisible(false);
    grid->addWidget(m_message, 5, 0, 1, 2);
    return box;
}

int ComparePage::runCount() const
{
    return m_table->rowCount();
}

void ComparePage::clear()
{
    if (m_sweep->isBusy())
        return; // its runs are still landing here; Clear is disabled meanwhile
    m_table->setRowCount(0);
    m_runs.clear();
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
    auto run = std::make_unique<ComparedRun>();
    run->number = static_cast<int>(m_runs.size()) + 1;
    run->source = source;
    run->config = result.config;
    run->summary = result.summary;
    run->samples = result.samples;
    const RunConfig &c = run->config;
    const RunSummary &s = run->summary;

    m_table->setSortingEnabled(false);
    const int row = m_table->rowCount();
    m_table->insertRow(row);
    auto number = [](double value, int decimals) -> QTableWidgetItem * { return new NumberItem(value, decimals); };
    auto text = [](const QString &value) { return new QTableWidgetItem(value); };
    QTableWidgetItem *first = number(run->number, 0);
    first->setData(Qt::UserRole, run->number);
    first->setToolTip(runName(c));
    m_table->setItem(row, NumberColumn, first);
    m_table->setItem(row, SourceColumn, text(source));
    m_table->setItem(row, ModelColumn, text(toQString(toString(c.model))));
    m_table->setItem(row, WorkersColumn, number(c.workers, 0));
    m_table->setItem(row, WorkloadColumn, text(toQString(toString(c.workload))));
    m_table->setItem(row, GilColumn, text(gilName(c.gil)));
    m_table->setItem(row, SwitchColumn, number(c.switchIntervalMs, 2));
    m_table->setItem(row, HogsColumn, number(c.cpuHogs, 0));
    m_table->setItem(row, TasksColumn, number(static_cast<double>(s.tasksCompleted), 0));
    m_table->setItem(row, WallColumn, number(s.wallSeconds, 3));
    m_table->setItem(row, ThroughputColumn, number(s.throughputTps, 1));
    m_table->setItem(row, SpeedupColumn, speedup ? number(*speedup, 2) : text(QStringLiteral("–")));
    m_table->setItem(row, EfficiencyColumn, speedup ? number(*speedup / c.workers, 2) : text(QStringLiteral("–")));
    m_table->setItem(row, MaxRunningColumn, number(s.maxRunning, 0));
    m_table->setItem(row, CoresBusyColumn, number(s.avgCoresBusy, 2));
    m_table->setItem(row, GilSwitchesColumn, number(static_cast<double>(s.gil.switches), 0));
    m_table->setSortingEnabled(true);
    m_runs.push_back(std::move(run));
    updateSelectionHint();
}

void ComparePage::updateOverlays()
{
    std::vector<int> selected;
    for (const QModelIndex &index : m_table->selectionModel()->selectedRows(NumberColumn))
        selected.push_back(index.data(Qt::UserRole).toInt());
    std::sort(selected.begin(), selected.end());

    // When every selected run has the same workload (a sweep's runs do), the titles say it once and
    // the legends name what differs: shorter entries leave the plots their room on a projector.
    const auto runAt = [this](int number) -> const ComparedRun & { return *m_runs[static_cast<std::size_t>(number - 1)]; };
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
        const ComparedRun &run = runAt(number);
        const int colour = lineColours.empty() ? static_cast<int>(runs.size()) : lineColours[runs.size()];
        colourOf[number] = colour;
        const QString name = oneWorkload ? runNameWithoutWorkload(run.config) : runName(run.config);
        runs.push_back({tr("#%1 %2").arg(number).arg(name), colour, &run.samples});
    }
    const QString shared = oneWorkload ? toQString(toString(runAt(selected.front()).config.workload)) : QString();
    m_throughputOverlay->setRuns(runs, shared);
    m_coreOverlay->setRuns(runs, shared);

    // The swatch beside a selected run's number is its colour in the charts below.
    for (int row = 0; row < m_table->rowCount(); ++row) {
        QTableWidgetItem *item = m_table->item(row, NumberColumn);
        const auto it = colourOf.find(item->data(Qt::UserRole).toInt());
        item->setData(Qt::DecorationRole, it == colourOf.end() ? QVariant() : QVariant(swatch(runColor(it->second, m_appearance))));
    }
    updateSelectionHint();
}

void ComparePage::updateSelectionHint()
{
    const auto selected = m_table->selectionModel()->selectedRows().size();
    if (m_runs.empty())
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

std::vector<ExecutionModel> ComparePage::chosenModels() const
{
    std::vector<ExecutionModel> models;
    for (const auto &[model, check] : m_modelBoxes) {
        if (check->isChecked())
            models.push_back(model);
    }
    return models;
}

std::vector<GilPolicy> ComparePage::chosenPolicies() const
{
    std::vector<GilPolicy> policies;
    for (const auto &[policy, check] : m_gilBoxes) {
        if (check->isChecked())
            policies.push_back(policy);
    }
    return policies;
}

void ComparePage::updateRunCount()
{
    if (m_sweep->isBusy())
        return;
    const auto models = static_cast<int>(chosenModels().size());
    const auto policies = static_cast<int>(chosenPolicies().size());
    const int runs = policies * (1 + models * m_maxWorkers->value());
    // Until a sweep starts the bar says what the choices add up to.
    m_progress->setRange(0, 1);
    m_progress->setValue(0);
    if (models == 0 || policies == 0)
        m_progress->setFormat(tr("Choose a model and a GIL"));
    else
        m_progress->setFormat(runs == 1 ? tr("1 run planned") : tr("%1 runs planned").arg(runs));
    m_progress->setToolTip(tr("One run at a time: a measured sequential baseline per GIL policy, then each model at "
                              "1..%1 workers").arg(m_maxWorkers->value()));
}

void ComparePage::updateWorkloadLabel()
{
    m_workload->setText(m_labConfig ? describeWorkload(m_labConfig()) : tr("(no Lab connected)"));
}

void ComparePage::updateSweepControls()
{
    const bool busy = m_sweep->isBusy();
    m_sweepButton->setEnabled(!busy && !m_labBusy);
    m_sweepButton->setToolTip(m_labBusy ? tr("The Lab is running an experiment; a sweep waits until it has finished")
                                        : tr("Run every model and GIL at 1..N workers, one run at a time"));
    m_cancelButton->setEnabled(busy && !m_sweep->isCancelling());
    m_clear->setEnabled(!busy);
    for (const auto &[model, check] : m_modelBoxes)
        check->setEnabled(!busy);
    for (const auto &[policy, check] : m_gilBoxes)
        check->setEnabled(!busy);
    m_maxWorkers->setEnabled(!busy);
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
    return startSweep(chosenModels(), chosenPolicies(), m_maxWorkers->value());
}

bool ComparePage::startSweep(const std::vector<ExecutionModel> &models, const std::vector<GilPolicy> &policies,
                             int maxWorkers)
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
    // The choices show what is being swept, however it was started.
    for (const auto &[model, check] : m_modelBoxes) {
        const QSignalBlocker blocker(check);
        check->setChecked(std::find(models.begin(), models.end(), model) != models.end());
    }
    for (const auto &[policy, check] : m_gilBoxes) {
        const QSignalBlocker blocker(check);
        check->setChecked(std::find(policies.begin(), policies.end(), policy) != policies.end());
    }
    {
        const QSignalBlocker blocker(m_maxWorkers);
        m_maxWorkers->setValue(maxWorkers);
    }
    updateRunCount();
    showSweepMessage({});
    ++m_sweepNumber;
    m_sweepTitle = tr("Sweep %1 · %2 · %3 tasks · against its measured sequential run")
                       .arg(m_sweepNumber)
                       .arg(toQString(toString(request.base.workload)))
                       .arg(request.base.tasks);
    m_speedup->setLines(m_sweepTitle, {});
    m_workload->setText(describeWorkload(request.base));
    m_progress->setRange(0, m_sweep->stepCount());
    m_progress->setValue(0);
    m_progress->setFormat(tr("%v of %m runs"));
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
    m_progress->setValue(m_sweep->stepsDone());
    if (m_sweep->isCancelling()) {
        m_sweepStatus->setText(tr("Cancelling: stopping the current run…"));
        return;
    }
    const SweepStep *step = m_sweep->currentStep();
    if (!step)
        return;
    const QString what = step->baseline
        ? tr("the sequential baseline (%1), measured first: the speedups are against it").arg(gilName(step->config.gil))
        : runName(step->config);
    m_sweepStatus->setText(tr("Run %1 of %2: %3 — %4 of %5 tasks")
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
    m_progress->setValue(m_sweep->stepsDone());
    updateSpeedupChart();
    updateOverlays();
}

void ComparePage::updateSpeedupChart()
{
    std::vector<SpeedupChart::Line> lines;
    // Amdahl's n counts processors: workers beyond the cores are fitted at the core count.
    const int cores = std::max(1, QThread::idealThreadCount());
    for (const SweepSeries &series : m_sweep->tally().series(cores))
        lines.push_back({tr("%1 · %2").arg(toQString(toString(series.model)), gilName(series.gil)), series.points, series.fit,
                         series.processors});
    m_speedup->setLines(m_sweepTitle, lines);
}

void ComparePage::onSweepEnded(SweepController::Outcome outcome, const QString &message)
{
    m_progress->setValue(m_sweep->stepsDone());
    m_sweepStatus->setText(message);
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
    for (int row = 0; row < m_table->rowCount(); ++row) {
        if (m_table->item(row, SourceColumn)->text() == source)
            most = std::max(most, m_table->item(row, WorkersColumn)->text().toInt());
    }
    QItemSelection selection;
    for (int row = 0; row < m_table->rowCount(); ++row) {
        if (m_table->item(row, SourceColumn)->text() == source && m_table->item(row, WorkersColumn)->text().toInt() == most)
            selection.select(m_table->model()->index(row, 0), m_table->model()->index(row, m_table->columnCount() - 1));
    }
    m_table->selectionModel()->select(selection, QItemSelectionModel::Select | QItemSelectionModel::Rows);
}

void ComparePage::showSweepMessage(const QString &message)
{
    m_message->setText(message);
    m_message->setVisible(!message.isEmpty());
    QPalette palette = m_message->palette();
    palette.setColor(QPalette::WindowText, m_appearance.error());
    m_message->setPalette(palette);
}

QString ComparePage::sweepMessage() const
{
    return m_message->isVisibleTo(this) ? m_message->text() : QString();
}

void ComparePage::setAppearance(const Appearance &appearance)
{
    m_appearance = appearance;
    m_speedup->setAppearance(appearance);
    m_throughputOverlay->setAppearance(appearance);
    m_coreOverlay->setAppearance(appearance);
    showSweepMessage(m_message->text());
    updateOverlays();
}

} // namespace clab
