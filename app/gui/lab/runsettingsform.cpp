#include "lab/runsettingsform.h"

#include "lab/rundescription.h"
#include "textutil.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QSlider>
#include <QSpinBox>
#include <QVBoxLayout>

#include <algorithm>
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
    return static_cast<int>(
        std::lround(std::log(clamped / kSwitchMinMs) / std::log(kSwitchMaxMs / kSwitchMinMs) * kSliderSteps));
}

const FieldRange *rangeOf(std::string_view key)
{
    for (const FieldRange &range : fieldRanges()) {
        if (range.key == key)
            return &range;
    }
    return nullptr;
}

} // namespace

RunSettingsForm::RunSettingsForm(QWidget *parent)
    : QWidget(parent)
{
    auto *column = new QVBoxLayout(this);
    column->setContentsMargins(0, 0, 0, 0);
    column->addWidget(buildExecution());
    column->addWidget(buildParameters());
    column->addWidget(buildEventLoop());
    column->addWidget(buildGil());

    connect(m_model, &QComboBox::currentIndexChanged, this, &RunSettingsForm::onModelChanged);
    connect(m_workload, &QComboBox::currentIndexChanged, this, &RunSettingsForm::onWorkloadChanged);
    connect(m_switchSlider, &QSlider::valueChanged, this, &RunSettingsForm::onSwitchSlider);
    connect(m_gil, &QComboBox::currentIndexChanged, this, &RunSettingsForm::updateGilWarning);
    connect(m_hogs, &QSpinBox::valueChanged, this, &RunSettingsForm::updateGilWarning);
    setConfig(RunConfig{});
}

QGroupBox *RunSettingsForm::buildExecution()
{
    // Model, workers, workload, tasks.
    auto *runBox = new QGroupBox(tr("Execution"));
    auto *form = new QFormLayout(runBox);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_model = new QComboBox;
    m_model->setObjectName(QStringLiteral("modelCombo"));
    m_model->setAccessibleName(tr("Execution model"));
    for (const ExecutionModel model : {ExecutionModel::Sequential, ExecutionModel::Threads,
             ExecutionModel::Subinterpreters, ExecutionModel::Processes, ExecutionModel::Coroutines})
        m_model->addItem(modelText(model), static_cast<int>(model));
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
    return runBox;
}

QGroupBox *RunSettingsForm::buildParameters()
{
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
        field->setAccessibleName(parameterText(name));
        field->setToolTip(toQString(describeField(key)) + QStringLiteral(" (") + name + QStringLiteral(")"));
        auto *label = new QLabel(parameterText(name) + QLatin1Char(':'));
        label->setBuddy(field);
        m_paramsForm->addRow(label, field);
        m_params[name] = field;
    }
    return paramsBox;
}

QGroupBox *RunSettingsForm::buildEventLoop()
{
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
    return m_coroutineBox;
}

QGroupBox *RunSettingsForm::buildGil()
{
    // The GIL.
    auto *gilBox = new QGroupBox(tr("GIL"));
    auto *gilForm = new QFormLayout(gilBox);
    gilForm->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_gil = new QComboBox;
    m_gil->setObjectName(QStringLiteral("gilCombo"));
    m_gil->setAccessibleName(tr("GIL policy"));
    for (const GilPolicy policy : {GilPolicy::Modern, GilPolicy::Legacy, GilPolicy::Off})
        m_gil->addItem(gilText(policy), static_cast<int>(policy));
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
    return gilBox;
}

RunConfig RunSettingsForm::config() const
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

void RunSettingsForm::setConfig(const RunConfig &config)
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

void RunSettingsForm::onModelChanged()
{
    const auto model = static_cast<ExecutionModel>(m_model->currentData().toInt());
    m_workers->setRange(1, maxWorkers(model));
    m_workersRange->setText(QStringLiteral("1–%1").arg(maxWorkers(model)));
    m_coroutineBox->setVisible(model == ExecutionModel::Coroutines);
    RunConfig ofModel;
    ofModel.model = model;
    m_workers->setToolTip(
        toQString(describeField("workers")) + QStringLiteral(": ") + toQString(allowedValues(ofModel, "workers")));
}

void RunSettingsForm::onWorkloadChanged()
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

void RunSettingsForm::updateGilWarning()
{
    const auto policy = static_cast<GilPolicy>(m_gil->currentData().toInt());
    m_gilWarning->setVisible(policy == GilPolicy::Legacy && m_hogs->value() > 0);
}

void RunSettingsForm::onSwitchSlider(int position)
{
    m_switchMs = sliderToMs(position);
    m_switchValue->setText(tr("%1 ms").arg(m_switchMs, 0, 'g', 3));
}

void RunSettingsForm::setSwitchInterval(double ms)
{
    const QSignalBlocker blocker(m_switchSlider);
    m_switchSlider->setValue(msToSlider(ms));
    m_switchMs = ms; // exactly as given (a preset's 0.5), not the slider's rounding
    m_switchValue->setText(tr("%1 ms").arg(m_switchMs, 0, 'g', 3));
}

} // namespace clab
