#include "lab/labpage.h"

#include "charts/corebarswidget.h"
#include "charts/corechart.h"
#include "charts/throughputchart.h"
#include "charts/timelinewidget.h"
#include "lab/predictionwidget.h"
#include "lab/summarywidget.h"
#include "platform/system.h"
#include "textutil.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QSlider>
#include <QSpinBox>
#include <QSplitter>
#include <QToolButton>
#include <QVBoxLayout>

#include <cmath>

namespace clab {

namespace {

// The switch interval slider is logarithmic: 0.05 ms at the left end, 50 ms at the right.
constexpr int kSliderSteps = 1000;
constexpr double kSwitchMinMs = 0.05;
constexpr double kSwitchMaxMs = 50.0;

double sliderToMs(int position)
{
    const double ms = kSwitchMinMs * std::pow(kSwitchMaxMs / kSwitchMinMs, position / double(kSliderSteps));
    // Two significant digits: 0.05, 0.51, 5.0, 12, 50.
    const double magnitude = std::pow(10.0, std::floor(std::log10(ms)) - 1.0);
    return std::round(ms / magnitude) * magnitude;
}

int msToSlider(double ms)
{
    const double clamped = std::clamp(ms, kSwitchMinMs, kSwitchMaxMs);
    return static_cast<int>(std::lround(std::log(clamped / kSwitchMinMs) / std::log(kSwitchMaxMs / kSwitchMinMs)
                                        * kSliderSteps));
}

QString modelLabel(ExecutionModel model)
{
    switch (model) {
    case ExecutionModel::Sequential:
        return LabPage::tr("Sequential — one task after another");
    case ExecutionModel::Threads:
        return LabPage::tr("Threads — OS threads in one interpreter");
    case ExecutionModel::Subinterpreters:
        return LabPage::tr("Subinterpreters — one GIL each");
    case ExecutionModel::Processes:
        return LabPage::tr("Processes — one interpreter each");
    case ExecutionModel::Coroutines:
        return LabPage::tr("Coroutines — one thread, event loop");
    }
    return {};
}

QString gilLabel(GilPolicy policy)
{
    switch (policy) {
    case GilPolicy::Modern:
        return LabPage::tr("Python 3.2+ GIL");
    case GilPolicy::Legacy:
        return LabPage::tr("Python ≤ 3.1 GIL");
    case GilPolicy::Off:
        return LabPage::tr("No GIL — free-threaded");
    }
    return {};
}

const FieldRange *rangeOf(std::string_view key)
{
    for (const FieldRange &range : fieldRanges()) {
        if (range.key == key)
            return &range;
    }
    return nullptr;
}

QString paramLabel(const QString &key)
{
    if (key == QLatin1String("cpu_steps"))
        return LabPage::tr("CPU steps");
    if (key == QLatin1String("io_ms"))
        return LabPage::tr("I/O wait");
    if (key == QLatin1String("native_kib"))
        return LabPage::tr("Native buffer");
    if (key == QLatin1String("file_kib"))
        return LabPage::tr("File size");
    if (key == QLatin1String("cpu_fraction"))
        return LabPage::tr("CPU fraction");
    return key;
}

} // namespace

QString LabPage::describeRun(const RunConfig &config)
{
    QString text = tr("%1 × %2 · %3 · %4 tasks · %5")
                       .arg(config.workers)
                       .arg(toQString(toString(config.model)), toQString(toString(config.workload)))
                       .arg(config.tasks)
                       .arg(gilLabel(config.gil));
    if (config.gil != GilPolicy::Off)
        text += tr(", switch interval %1 ms").arg(config.switchIntervalMs, 0, 'g', 3);
    if (config.model == ExecutionModel::Coroutines) {
        if (config.yieldEvery > 0)
            text += tr(" · yield every %1 steps").arg(config.yieldEvery);
        if (config.blockingIo)
            text += tr(" · blocking I/O");
    }
    if (config.cpuHogs > 0)
        text += config.cpuHogs == 1 ? tr(" · 1 CPU hog") : tr(" · %1 CPU hogs").arg(config.cpuHogs);
    return text;
}

QString LabPage::modelText(ExecutionModel model)
{
    return modelLabel(model);
}

QString LabPage::gilText(GilPolicy policy)
{
    return gilLabel(policy);
}

QString LabPage::parameterText(const QString &key)
{
    return paramLabel(key);
}

LabPage::LabPage(RunController *controller, const PresetCatalog *presets, QWidget *parent)
    : QWidget(parent)
    , m_controller(controller)
    , m_presets(presets)
{
    setAccessibleName(tr("Lab"));
    auto *split = new QSplitter(Qt::Horizontal);
    split->setChildrenCollapsible(false);

    auto *controlsScroll = new QScrollArea;
    controlsScroll->setWidget(buildControls());
    controlsScroll->setWidgetResizable(true);
    controlsScroll->setFrameShape(QFrame::NoFrame);
    controlsScroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    controlsScroll->setMinimumWidth(m_controls->sizeHint().width() + 24);

    m_summary = new SummaryWidget;
    auto *summaryScroll = new QScrollArea;
    summaryScroll->setWidget(m_summary);
    summaryScroll->setWidgetResizable(true);
    summaryScroll->setFrameShape(QFrame::NoFrame);
    summaryScroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    summaryScroll->setMinimumWidth(280);

    split->addWidget(controlsScroll);
    split->addWidget(buildCharts());
    split->addWidget(summaryScroll);
    split->setStretchFactor(0, 0);
    split->setStretchFactor(1, 1);
    split->setStretchFactor(2, 0);
    split->setSizes({340, 900, 330});

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(split);

    connect(m_controller, &RunController::runStarted, this, &LabPage::onRunStarted);
    connect(m_controller, &RunController::samplesArrived, this, &LabPage::onSamples);
    connect(m_controller, &RunController::timelineArrived, this, &LabPage::onTimeline);
    connect(m_controller, &RunController::runFinished, this, &LabPage::onFinished);
    connect(m_controller, &RunController::busyChanged, this, &LabPage::setBusy);
    connect(m_controller, &RunController::baselineMeasured, this,
            [this](const BaselineMeasurement &baseline) { m_summary->showBaseline(baseline, platform::monotonicNs()); });
    connect(m_controller, &RunController::runFailed, this, &LabPage::showValidation);
    connect(m_controller, &RunController::rebaselineStarted, this, [this] {
        m_summary->showStatus(tr("The run is done. It was long, so the sequential baseline is measured once more: "
                                 "the speedup uses the mean of the baselines before and after it…"));
    });
    setBusy(false);
}

QWidget *LabPage::buildControls()
{
    m_controls = new QWidget;
    auto *column = new QVBoxLayout(m_controls);

    // Presets.
    auto *presetBox = new QGroupBox(tr("Experiment"));
    auto *presetLayout = new QVBoxLayout(presetBox);
    m_preset = new QComboBox;
    m_preset->setObjectName(QStringLiteral("presetCombo"));
    m_preset->setAccessibleName(tr("Preset experiment"));
    m_preset->addItem(tr("Custom experiment"), QString());
    for (const Preset &preset : m_presets->presets)
        m_preset->addItem(toQString(preset.title), toQString(preset.id));
    m_preset->setMinimumContentsLength(24);
    m_preset->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    auto *presetLabel = new QLabel(tr("&Preset:"));
    presetLabel->setBuddy(m_preset);
    m_presetQuestion = new QLabel;
    m_presetQuestion->setWordWrap(true);
    m_presetQuestion->setObjectName(QStringLiteral("presetQuestion"));
    m_presetQuestion->setAccessibleName(tr("Preset question"));
    m_presetQuestion->setVisible(false);
    presetLayout->addWidget(presetLabel);
    presetLayout->addWidget(m_preset);
    presetLayout->addWidget(m_presetQuestion);
    column->addWidget(presetBox);

    // Model, workers, workload, tasks.
    auto *runBox = new QGroupBox(tr("Execution"));
    auto *form = new QFormLayout(runBox);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_model = new QComboBox;
    m_model->setObjectName(QStringLiteral("modelCombo"));
    m_model->setAccessibleName(tr("Execution model"));
    for (const ExecutionModel model : {ExecutionModel::Sequential, ExecutionModel::Threads,
                                       ExecutionModel::Subinterpreters, ExecutionModel::Processes,
                                       ExecutionModel::Coroutines})
        m_model->addItem(modelLabel(model), static_cast<int>(model));
    m_workers = new QSpinBox;
    m_workers->setObjectName(QStringLiteral("workersSpin"));
    m_workers->setAccessibleName(tr("Workers"));
    m_workersRange = new QLabel;
    m_workersRange->setObjectName(QStringLiteral("workersRange"));
    m_tasks = new QSpinBox;
    m_tasks->setObjectName(QStringLiteral("tasksSpin"));
    m_tasks->setAccessibleName(tr("Tasks"));
    if (const FieldRange *r = rangeOf("tasks"))
        m_tasks->setRange(static_cast<int>(r->min), static_cast<int>(r->max));
    m_tasks->setToolTip(toQString(describeField("tasks")));
    m_workload = new QComboBox;
    m_workload->setObjectName(QStringLiteral("workloadCombo"));
    m_workload->setAccessibleName(tr("Workload"));
    for (const WorkloadInfo &info : workloadCatalog())
        m_workload->addItem(toQString(toString(info.kind)), static_cast<int>(info.kind));
    m_workloadSummary = new QLabel;
    m_workloadSummary->setWordWrap(true);
    m_workloadSummary->setObjectName(QStringLiteral("workloadSummary"));

    auto addRow = [form](const QString &text, QWidget *field) {
        auto *label = new QLabel(text);
        label->setBuddy(field);
        form->addRow(label, field);
    };
    addRow(tr("&Model:"), m_model);
    auto *workersRow = new QWidget;
    auto *workersLayout = new QHBoxLayout(workersRow);
    workersLayout->setContentsMargins(0, 0, 0, 0);
    workersLayout->addWidget(m_workers, 1);
    workersLayout->addWidget(m_workersRange);
    auto *workersLabel = new QLabel(tr("&Workers:"));
    workersLabel->setBuddy(m_workers);
    form->addRow(workersLabel, workersRow);
    addRow(tr("Wor&kload:"), m_workload);
    form->addRow(m_workloadSummary);
    addRow(tr("T&asks:"), m_tasks);
    column->addWidget(runBox);

    // The chosen workload's parameters only.
    auto *paramsBox = new QGroupBox(tr("Workload parameters"));
    m_paramsForm = new QFormLayout(paramsBox);
    m_paramsForm->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    for (const char *key : {"cpu_steps", "io_ms", "native_kib", "file_kib", "cpu_fraction"}) {
        const QString name = QString::fromLatin1(key);
        const FieldRange *range = rangeOf(key);
        QWidget *field = nullptr;
        if (name == QLatin1String("io_ms") || name == QLatin1String("cpu_fraction")) {
            auto *spin = new QDoubleSpinBox;
            spin->setDecimals(name == QLatin1String("io_ms") ? 2 : 2);
            if (range)
                spin->setRange(range->min, range->max);
            spin->setSingleStep(name == QLatin1String("io_ms") ? 1.0 : 0.05);
            if (name == QLatin1String("io_ms"))
                spin->setSuffix(tr(" ms"));
            field = spin;
        } else {
            auto *spin = new QSpinBox;
            if (range)
                spin->setRange(static_cast<int>(range->min), static_cast<int>(range->max));
            if (name == QLatin1String("cpu_steps"))
                spin->setSingleStep(1000);
            else
                spin->setSuffix(tr(" KiB"));
            spin->setGroupSeparatorShown(true);
            field = spin;
        }
        field->setObjectName(QStringLiteral("param_") + name);
        field->setAccessibleName(paramLabel(name));
        field->setToolTip(toQString(describeField(key)) + QStringLiteral(" (") + name + QStringLiteral(")"));
        auto *label = new QLabel(paramLabel(name) + QLatin1Char(':'));
        label->setBuddy(field);
        m_paramsForm->addRow(label, field);
        m_params[name] = field;
    }
    column->addWidget(paramsBox);

    // Coroutines only: how often a coroutine hands the loop back, and a blocking call inside it.
    m_coroutineBox = new QGroupBox(tr("Event loop"));
    auto *loopForm = new QFormLayout(m_coroutineBox);
    loopForm->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_yieldEvery = new QSpinBox;
    m_yieldEvery->setObjectName(QStringLiteral("param_yield_every"));
    m_yieldEvery->setAccessibleName(tr("Yield every N steps"));
    if (const FieldRange *r = rangeOf("yield_every"))
        m_yieldEvery->setRange(static_cast<int>(r->min), static_cast<int>(r->max));
    m_yieldEvery->setSpecialValueText(tr("never"));
    m_yieldEvery->setSingleStep(100);
    m_yieldEvery->setGroupSeparatorShown(true);
    m_yieldEvery->setToolTip(toQString(describeField("yield_every")) + QStringLiteral(" (yield_every)"));
    m_blockingIo = new QCheckBox(tr("&Blocking I/O (stalls the loop)"));
    m_blockingIo->setObjectName(QStringLiteral("param_blocking_io"));
    m_blockingIo->setAccessibleName(tr("Blocking I/O"));
    m_blockingIo->setToolTip(toQString(describeField("blocking_io")) + QStringLiteral(" (blocking_io)"));
    auto *yieldLabel = new QLabel(tr("&Yield every:"));
    yieldLabel->setBuddy(m_yieldEvery);
    loopForm->addRow(yieldLabel, m_yieldEvery);
    loopForm->addRow(m_blockingIo);
    column->addWidget(m_coroutineBox);

    // The GIL.
    auto *gilBox = new QGroupBox(tr("GIL"));
    auto *gilForm = new QFormLayout(gilBox);
    gilForm->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_gil = new QComboBox;
    m_gil->setObjectName(QStringLiteral("gilCombo"));
    m_gil->setAccessibleName(tr("GIL policy"));
    for (const GilPolicy policy : {GilPolicy::Modern, GilPolicy::Legacy, GilPolicy::Off})
        m_gil->addItem(gilLabel(policy), static_cast<int>(policy));
    m_gil->setToolTip(toQString(describeField("gil")));
    m_switchSlider = new QSlider(Qt::Horizontal);
    m_switchSlider->setObjectName(QStringLiteral("switchSlider"));
    m_switchSlider->setAccessibleName(tr("Switch interval"));
    m_switchSlider->setRange(0, kSliderSteps);
    m_switchSlider->setPageStep(kSliderSteps / 12);
    m_switchSlider->setSingleStep(10);
    m_switchSlider->setToolTip(toQString(describeField("switch_interval_ms")));
    m_switchValue = new QLabel;
    m_switchValue->setObjectName(QStringLiteral("switchValue"));
    m_switchValue->setMinimumWidth(fontMetrics().horizontalAdvance(QStringLiteral("0.055 ms")));
    auto *switchRow = new QWidget;
    auto *switchLayout = new QHBoxLayout(switchRow);
    switchLayout->setContentsMargins(0, 0, 0, 0);
    switchLayout->addWidget(m_switchSlider, 1);
    switchLayout->addWidget(m_switchValue);
    m_hogs = new QSpinBox;
    m_hogs->setObjectName(QStringLiteral("hogsSpin"));
    m_hogs->setAccessibleName(tr("CPU hogs"));
    if (const FieldRange *r = rangeOf("cpu_hogs"))
        m_hogs->setRange(static_cast<int>(r->min), static_cast<int>(r->max));
    m_hogs->setToolTip(toQString(describeField("cpu_hogs")));
    auto *gilLabelWidget = new QLabel(tr("&Policy:"));
    gilLabelWidget->setBuddy(m_gil);
    gilForm->addRow(gilLabelWidget, m_gil);
    auto *switchLabel = new QLabel(tr("&Switch interval:"));
    switchLabel->setBuddy(m_switchSlider);
    gilForm->addRow(switchLabel, switchRow);
    auto *hogLabel = new QLabel(tr("CPU &hogs:"));
    hogLabel->setBuddy(m_hogs);
    gilForm->addRow(hogLabel, m_hogs);
    m_gilWarning = new QLabel(tr("Warning: with the Python ≤ 3.1 GIL a CPU hog can keep the other "
                                 "workers out of the GIL for a long time on a multi-core machine "
                                 "(the GIL battle). Stop ends the run at any moment."));
    m_gilWarning->setObjectName(QStringLiteral("gilWarning"));
    m_gilWarning->setAccessibleName(tr("GIL battle warning"));
    m_gilWarning->setWordWrap(true);
    m_gilWarning->setVisible(false);
    gilForm->addRow(m_gilWarning);
    column->addWidget(gilBox);

    m_predict = new PredictionWidget;
    column->addWidget(m_predict);

    m_validation = new QLabel;
    m_validation->setObjectName(QStringLiteral("validationLabel"));
    m_validation->setAccessibleName(tr("Validation message"));
    m_validation->setWordWrap(true);
    m_validation->setVisible(false);
    column->addWidget(m_validation);

    auto *buttons = new QHBoxLayout;
    m_run = new QPushButton(tr("Run"));
    m_run->setObjectName(QStringLiteral("runButton"));
    m_run->setAccessibleName(tr("Run"));
    m_run->setToolTip(tr("Run the experiment (Ctrl+R)"));
    m_run->setDefault(true);
    m_stop = new QPushButton(tr("Stop"));
    m_stop->setObjectName(QStringLiteral("stopButton"));
    m_stop->setAccessibleName(tr("Stop"));
    m_stop->setToolTip(tr("Stop the run (Esc)"));
    buttons->addWidget(m_run);
    buttons->addWidget(m_stop);
    column->addLayout(buttons);
    column->addStretch();

    connect(m_model, &QComboBox::currentIndexChanged, this, &LabPage::onModelChanged);
    connect(m_workload, &QComboBox::currentIndexChanged, this, &LabPage::onWorkloadChanged);
    connect(m_preset, &QComboBox::activated, this, &LabPage::onPresetChosen);
    connect(m_switchSlider, &QSlider::valueChanged, this, &LabPage::onSwitchSlider);
    connect(m_gil, &QComboBox::currentIndexChanged, this, &LabPage::updateGilWarning);
    connect(m_hogs, &QSpinBox::valueChanged, this, &LabPage::updateGilWarning);
    connect(m_run, &QPushButton::clicked, this, &LabPage::startRun);
    connect(m_stop, &QPushButton::clicked, this, &LabPage::stopRun);

    setControls(RunConfig{});
    return m_controls;
}

QWidget *LabPage::buildCharts()
{
    m_chartsArea = new QWidget;
    m_throughput = new ThroughputChart;
    m_throughput->setObjectName(QStringLiteral("throughputChart"));
    m_cores = new CoreChart;
    m_cores->setObjectName(QStringLiteral("coreChart"));
    m_bars = new CoreBarsWidget;
    m_bars->setObjectName(QStringLiteral("coreBars"));
    m_timeline = new TimelineWidget;
    m_timeline->setObjectName(QStringLiteral("timeline"));

    auto *coresColumn = new QWidget;
    auto *coresLayout = new QVBoxLayout(coresColumn);
    coresLayout->setContentsMargins(0, 0, 0, 0);
    coresLayout->setSpacing(2);
    coresLayout->addWidget(m_cores, 1);
    coresLayout->addWidget(m_bars, 0);

    auto *top = new QSplitter(Qt::Horizontal);
    top->setChildrenCollapsible(false);
    top->addWidget(m_throughput);
    top->addWidget(coresColumn);

    auto *timelineBox = new QWidget;
    auto *timelineLayout = new QVBoxLayout(timelineBox);
    timelineLayout->setContentsMargins(0, 0, 0, 0);
    auto *header = new QHBoxLayout;
    m_timelineTitle = new QLabel(tr("Workers and the GIL"));
    QFont titleFont = m_timelineTitle->font();
    titleFont.setBold(true);
    m_timelineTitle->setFont(titleFont);
    m_colorMode = new QComboBox;
    m_colorMode->setObjectName(QStringLiteral("timelineColorMode"));
    m_colorMode->setAccessibleName(tr("Timeline colours"));
    m_colorMode->addItem(tr("Colour by state"));
    m_colorMode->addItem(tr("Colour by core"));
    auto *fit = new QToolButton;
    fit->setText(tr("Fit"));
    fit->setAccessibleName(tr("Fit the whole run"));
    fit->setToolTip(tr("Show the whole run (0). Ctrl+wheel or +/- zoom, arrows pan."));
    header->addWidget(m_timelineTitle);
    header->addStretch();
    header->addWidget(m_colorMode);
    header->addWidget(fit);
    timelineLayout->addLayout(header);
    timelineLayout->addWidget(m_timeline, 1);
    connect(m_colorMode, &QComboBox::currentIndexChanged, this, [this](int index) {
        m_timeline->setColorMode(index == 1 ? TimelineWidget::ColorMode::Core : TimelineWidget::ColorMode::State);
    });
    connect(fit, &QToolButton::clicked, m_timeline, &TimelineWidget::fitAll);

    auto *vertical = new QSplitter(Qt::Vertical);
    vertical->setChildrenCollapsible(false);
    vertical->addWidget(top);
    vertical->addWidget(timelineBox);
    vertical->setStretchFactor(0, 1);
    vertical->setStretchFactor(1, 1);

    m_runHeader = new QLabel(tr("Choose an experiment, predict, and press Run."));
    m_runHeader->setObjectName(QStringLiteral("runHeader"));
    m_runHeader->setAccessibleName(tr("Experiment being shown"));
    m_runHeader->setWordWrap(true);
    QFont headerFont = m_runHeader->font();
    headerFont.setBold(true);
    m_runHeader->setFont(headerFont);

    auto *layout = new QVBoxLayout(m_chartsArea);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_runHeader);
    layout->addWidget(vertical, 1);
    return m_chartsArea;
}

RunConfig LabPage::configFromControls() const
{
    RunConfig config;
    config.model = static_cast<ExecutionModel>(m_model->currentData().toInt());
    config.workers = m_workers->value();
    config.workload = static_cast<WorkloadKind>(m_workload->currentData().toInt());
    config.tasks = m_tasks->value();
    config.gil = static_cast<GilPolicy>(m_gil->currentData().toInt());
    config.switchIntervalMs = m_switchMs;
    config.cpuHogs = m_hogs->value();
    config.cpuSteps = qobject_cast<QSpinBox *>(m_params.at(QStringLiteral("cpu_steps")))->value();
    config.ioMs = qobject_cast<QDoubleSpinBox *>(m_params.at(QStringLiteral("io_ms")))->value();
    config.nativeKib = qobject_cast<QSpinBox *>(m_params.at(QStringLiteral("native_kib")))->value();
    config.fileKib = qobject_cast<QSpinBox *>(m_params.at(QStringLiteral("file_kib")))->value();
    config.cpuFraction = qobject_cast<QDoubleSpinBox *>(m_params.at(QStringLiteral("cpu_fraction")))->value();
    config.yieldEvery = m_yieldEvery->value();
    config.blockingIo = m_blockingIo->isChecked();
    // Settings without a control (seed, sampling rate) keep the preset's values.
    config.seed = m_hiddenConfig.seed;
    config.sampleHz = m_hiddenConfig.sampleHz;
    return config;
}

void LabPage::setControls(const RunConfig &config)
{
    m_hiddenConfig = config;
    m_model->setCurrentIndex(m_model->findData(static_cast<int>(config.model)));
    onModelChanged();
    m_workers->setValue(config.workers);
    m_workload->setCurrentIndex(m_workload->findData(static_cast<int>(config.workload)));
    onWorkloadChanged();
    m_tasks->setValue(config.tasks);
    m_gil->setCurrentIndex(m_gil->findData(static_cast<int>(config.gil)));
    setSwitchInterval(config.switchIntervalMs);
    m_hogs->setValue(config.cpuHogs);
    m_yieldEvery->setValue(config.yieldEvery);
    m_blockingIo->setChecked(config.blockingIo);
    qobject_cast<QSpinBox *>(m_params.at(QStringLiteral("cpu_steps")))->setValue(config.cpuSteps);
    qobject_cast<QDoubleSpinBox *>(m_params.at(QStringLiteral("io_ms")))->setValue(config.ioMs);
    qobject_cast<QSpinBox *>(m_params.at(QStringLiteral("native_kib")))->setValue(config.nativeKib);
    qobject_cast<QSpinBox *>(m_params.at(QStringLiteral("file_kib")))->setValue(config.fileKib);
    qobject_cast<QDoubleSpinBox *>(m_params.at(QStringLiteral("cpu_fraction")))->setValue(config.cpuFraction);
}

void LabPage::onModelChanged()
{
    const auto model = static_cast<ExecutionModel>(m_model->currentData().toInt());
    m_workers->setRange(1, maxWorkers(model));
    m_workersRange->setText(QStringLiteral("1–%1").arg(maxWorkers(model)));
    m_coroutineBox->setVisible(model == ExecutionModel::Coroutines);
    m_workers->setToolTip(toQString(describeField("workers")) + QStringLiteral(": ")
                          + toQString(allowedValues(configFromControlsUnchecked(model), "workers")));
}

RunConfig LabPage::configFromControlsUnchecked(ExecutionModel model) const
{
    RunConfig config;
    config.model = model;
    return config;
}

void LabPage::onWorkloadChanged()
{
    const auto kind = static_cast<WorkloadKind>(m_workload->currentData().toInt());
    for (const WorkloadInfo &info : workloadCatalog()) {
        if (info.kind != kind)
            continue;
        m_workloadSummary->setText(toQString(info.summary));
        for (const auto &[key, field] : m_params) {
            bool used = false;
            for (const std::string_view parameter : info.parameters)
                used = used || toQString(parameter) == key;
            m_paramsForm->setRowVisible(field, used);
        }
        m_paramsForm->parentWidget()->setVisible(!info.parameters.empty());
    }
}

void LabPage::updateGilWarning()
{
    const auto policy = static_cast<GilPolicy>(m_gil->currentData().toInt());
    m_gilWarning->setVisible(policy == GilPolicy::Legacy && m_hogs->value() > 0);
}

void LabPage::onSwitchSlider(int position)
{
    m_switchMs = sliderToMs(position);
    m_switchValue->setText(tr("%1 ms").arg(m_switchMs, 0, 'g', 3));
}

void LabPage::setSwitchInterval(double ms)
{
    const QSignalBlocker blocker(m_switchSlider);
    m_switchSlider->setValue(msToSlider(ms));
    m_switchMs = ms; // exactly as given (a preset's 0.5), not the slider's rounding
    m_switchValue->setText(tr("%1 ms").arg(m_switchMs, 0, 'g', 3));
}

void LabPage::onPresetChosen(int index)
{
    const QString id = m_preset->itemData(index).toString();
    if (id.isEmpty()) {
        m_presetQuestion->setVisible(false);
        m_predict->setQuestion({});
        emit presetChanged(id);
        return;
    }
    loadPreset(id);
}

bool LabPage::loadPreset(const QString &id)
{
    const Preset *preset = m_presets->find(toStdString(id));
    if (!preset)
        return false;
    const QSignalBlocker blocker(m_preset);
    m_preset->setCurrentIndex(m_preset->findData(id));
    setControls(preset->config);
    const QString question = toQString(preset->question);
    m_presetQuestion->setText(question);
    m_presetQuestion->setVisible(!question.isEmpty());
    m_predict->setQuestion(question);
    showValidation({});
    emit presetChanged(id);
    return true;
}

void LabPage::setPresetSelection(const QString &id)
{
    const Preset *preset = m_presets->find(toStdString(id));
    const QSignalBlocker blocker(m_preset);
    m_preset->setCurrentIndex(preset ? m_preset->findData(id) : 0);
    const QString question = preset ? toQString(preset->question) : QString();
    m_presetQuestion->setText(question);
    m_presetQuestion->setVisible(!question.isEmpty());
    m_predict->setQuestion(question);
}

QString LabPage::currentPresetId() const
{
    return m_preset->currentData().toString();
}

void LabPage::showValidation(const QString &message)
{
    m_validation->setText(message);
    m_validation->setVisible(!message.isEmpty());
    QPalette palette = m_validation->palette();
    palette.setColor(QPalette::WindowText, m_appearance.error());
    m_validation->setPalette(palette);
}

QString LabPage::validationMessage() const
{
    return m_validation->isVisible() ? m_validation->text() : QString();
}

bool LabPage::startRun()
{
    if (m_controller->isBusy())
        return false;
    if (!m_blockedBy.isEmpty()) {
        showValidation(m_blockedBy);
        return false;
    }
    const RunConfig config = configFromControls();
    if (auto error = m_controller->start(config)) {
        QString message = toQString(error->toString());
        const std::string allowed = allowedValues(config, error->field);
        if (!allowed.empty() && error->message.find(allowed) == std::string::npos)
            message += tr(" (allowed: %1)").arg(toQString(allowed));
        showValidation(message);
        return false;
    }
    showValidation({});
    m_runPrediction = m_predict->prediction();
    return true;
}

void LabPage::stopRun()
{
    m_controller->stop();
    m_stop->setEnabled(false);
}

void LabPage::setBlockedBy(const QString &reason)
{
    if (reason.isEmpty() && !m_blockedBy.isEmpty() && m_validation->text() == m_blockedBy)
        showValidation({}); // the refusal no longer holds
    m_blockedBy = reason;
    m_run->setEnabled(!m_controller->isBusy() && reason.isEmpty());
    m_run->setToolTip(reason.isEmpty() ? tr("Run the experiment (Ctrl+R)") : reason);
}

void LabPage::setBusy(bool busy)
{
    for (QWidget *w : m_controls->findChildren<QGroupBox *>()) {
        if (w != m_predict)
            w->setEnabled(!busy);
    }
    m_predict->setLocked(busy);
    m_run->setEnabled(!busy && m_blockedBy.isEmpty());
    m_stop->setEnabled(busy);
    if (!busy && m_inBaseline) {
        // Stopped (or failed) while measuring the baseline: the experiment never ran.
        m_inBaseline = false;
        m_timeline->setFinished(m_elapsed);
        m_throughput->finish();
        m_cores->finish();
        m_summary->showStatus(tr("Stopped while measuring the sequential baseline: the experiment did not run."));
    }
}

void LabPage::onRunStarted(const RunConfig &config, bool baseline)
{
    m_tasksPlanned = config.tasks;
    m_elapsed = 0.0;
    m_inBaseline = baseline;
    m_throughput->reset(tr("Throughput"));
    m_cores->reset(tr("CPU cores, whole machine"));
    m_runHeader->setText(baseline ? tr("Measuring the sequential baseline: 1 worker, same workload, %1 tasks…")
                                        .arg(config.tasks)
                                  : describeRun(config));
    m_bars->clear();
    std::optional<double> reference;
    if (!baseline) {
        if (const auto measured = m_controller->cachedBaselineFor(config))
            reference = measured->throughputTps;
    }
    m_throughput->setBaselineThroughput(reference);
    m_timeline->reset(config);
    m_timelineTitle->setText(baseline ? tr("Workers and the GIL (sequential baseline)") : tr("Workers and the GIL"));
    m_summary->clear(config, baseline);
    if (!baseline)
        m_summary->showBaseline(m_controller->cachedBaselineFor(config), platform::monotonicNs());
}

void LabPage::onSamples(const std::vector<Sample> &samples)
{
    m_throughput->appendSamples(samples);
    m_cores->appendSamples(samples);
    m_bars->setBusy(samples.back().coreBusyPct);
    m_summary->showLive(std::max(m_elapsed, samples.back().tSeconds), samples.back(), m_tasksPlanned);
}

void LabPage::onTimeline(const TimelineDelta &delta)
{
    m_elapsed = delta.elapsedSeconds;
    m_timeline->addDelta(delta);
}

void LabPage::onFinished(const RunResult &result)
{
    m_inBaseline = false;
    m_timeline->setFinished(result.summary.wallSeconds);
    m_throughput->finish();
    m_cores->finish();
    m_summary->showResult(result, m_controller->lastBaseline(), m_runPrediction);
    if (!result.summary.schedulerStats && result.succeeded() && !result.summary.stopped && !m_toldNoSchedStat) {
        m_toldNoSchedStat = true;
        m_summary->showStatus(tr("Finished. This kernel keeps no per-thread scheduler statistics (schedstat), so "
                                 "the timeline cannot show when a worker waited for a core."));
    }
}

void LabPage::setAppearance(const Appearance &appearance)
{
    m_appearance = appearance;
    m_throughput->setAppearance(appearance);
    m_cores->setAppearance(appearance);
    m_bars->setAppearance(appearance);
    m_timeline->setAppearance(appearance);
    showValidation(m_validation->text());
    m_validation->setVisible(!m_validation->text().isEmpty());
}

bool LabPage::askPrediction() const
{
    return m_predict->isEnabledByUser();
}

void LabPage::setAskPrediction(bool on)
{
    m_predict->setEnabledByUser(on);
}

} // namespace clab
