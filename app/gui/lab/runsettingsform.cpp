#include "lab/runsettingsform.h"

#include "lab/fieldcontrol.h"
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

// The field's help line and its key, as presets, the CLI and the JSON name it.
QString toolTipOf(const FieldSpec &field)
{
    return toQString(field.help) + QStringLiteral(" (") + toQString(field.key) + QLatin1Char(')');
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
    for (const auto &[field, control] : m_controls) {
        if (auto *spin = qobject_cast<QSpinBox *>(control))
            connect(spin, &QSpinBox::valueChanged, this, &RunSettingsForm::settingsChanged);
        else if (auto *real = qobject_cast<QDoubleSpinBox *>(control))
            connect(real, &QDoubleSpinBox::valueChanged, this, &RunSettingsForm::settingsChanged);
        else if (auto *check = qobject_cast<QCheckBox *>(control))
            connect(check, &QCheckBox::toggled, this, &RunSettingsForm::settingsChanged);
        else if (auto *combo = qobject_cast<QComboBox *>(control))
            connect(combo, &QComboBox::currentIndexChanged, this, &RunSettingsForm::settingsChanged);
    }
    connect(m_switchSlider, &QSlider::valueChanged, this, &RunSettingsForm::settingsChanged);
    setConfig(RunConfig{});
}

QGroupBox *RunSettingsForm::buildExecution()
{
    // Model, workers, workload, tasks.
    auto *runBox = new QGroupBox(tr("Execution"));
    auto *form = new QFormLayout(runBox);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_model = qobject_cast<QComboBox *>(bind("model", QStringLiteral("modelCombo"), tr("Execution model")));
    for (const ExecutionModel model : {ExecutionModel::Sequential, ExecutionModel::Threads,
             ExecutionModel::Subinterpreters, ExecutionModel::Processes, ExecutionModel::Coroutines})
        m_model->addItem(modelText(model), static_cast<int>(model));
    m_workers = qobject_cast<QSpinBox *>(bind("workers", QStringLiteral("workersSpin"), tr("Workers")));
    m_workersRange = new QLabel;
    m_workersRange->setObjectName(QStringLiteral("workersRange"));
    QWidget *tasks = bind("tasks", QStringLiteral("tasksSpin"), tr("Tasks"));
    m_workload = qobject_cast<QComboBox *>(bind("workload", QStringLiteral("workloadCombo"), tr("Workload")));
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
    addRow(tr("T&asks:"), tasks);
    return runBox;
}

QGroupBox *RunSettingsForm::buildParameters()
{
    // The chosen workload's parameters only.
    auto *paramsBox = new QGroupBox(tr("Workload parameters"));
    m_paramsForm = new QFormLayout(paramsBox);
    m_paramsForm->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    for (const FieldSpec &field : configFields()) {
        if (field.workloads.empty())
            continue; // not a workload parameter
        const QString name = toQString(field.key);
        QWidget *control = bind(field.key, QStringLiteral("param_") + name, parameterText(name));
        if (auto *combo = qobject_cast<QComboBox *>(control)) {
            // A choice among the parameters (race_mode, lock_order): its names as the CLI and presets
            // spell them, each with its enum's value, which is its place in the list
            // (runconfig.cpp lists every enum's names in the order of its values).
            const std::vector<std::string_view> choices = field.choices();
            for (std::size_t i = 0; i < choices.size(); ++i)
                combo->addItem(toQString(choices[i]), static_cast<int>(i));
        }
        auto *label = new QLabel(parameterText(name) + QLatin1Char(':'));
        label->setBuddy(control);
        m_paramsForm->addRow(label, control);
    }
    return paramsBox;
}

QGroupBox *RunSettingsForm::buildEventLoop()
{
    // Coroutines only: how often a coroutine hands the loop back, and a blocking call inside it.
    m_coroutineBox = new QGroupBox(tr("Event loop"));
    auto *loopForm = new QFormLayout(m_coroutineBox);
    loopForm->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    auto *yieldEvery
        = qobject_cast<QSpinBox *>(bind("yield_every", QStringLiteral("param_yield_every"), tr("Yield every N steps")));
    yieldEvery->setSpecialValueText(tr("never"));
    auto *blockingIo
        = qobject_cast<QCheckBox *>(bind("blocking_io", QStringLiteral("param_blocking_io"), tr("Blocking I/O")));
    blockingIo->setText(tr("&Blocking I/O (stalls the loop)"));
    auto *yieldLabel = new QLabel(tr("&Yield every:"));
    yieldLabel->setBuddy(yieldEvery);
    loopForm->addRow(yieldLabel, yieldEvery);
    loopForm->addRow(blockingIo);
    return m_coroutineBox;
}

QGroupBox *RunSettingsForm::buildGil()
{
    // The GIL.
    auto *gilBox = new QGroupBox(tr("GIL"));
    auto *gilForm = new QFormLayout(gilBox);
    gilForm->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_gil = qobject_cast<QComboBox *>(bind("gil", QStringLiteral("gilCombo"), tr("GIL policy")));
    for (const GilPolicy policy : {GilPolicy::Modern, GilPolicy::Legacy, GilPolicy::Off})
        m_gil->addItem(gilText(policy), static_cast<int>(policy));
    m_switchSlider = new QSlider(Qt::Horizontal);
    m_switchSlider->setObjectName(QStringLiteral("switchSlider"));
    m_switchSlider->setAccessibleName(tr("Switch interval"));
    m_switchSlider->setRange(0, kSliderSteps);
    m_switchSlider->setPageStep(kSliderSteps / 12);
    m_switchSlider->setSingleStep(10);
    m_switchSlider->setToolTip(toolTipOf(*findField("switch_interval_ms")));
    m_switchValue = new QLabel;
    m_switchValue->setObjectName(QStringLiteral("switchValue"));
    m_switchValue->setMinimumWidth(fontMetrics().horizontalAdvance(QStringLiteral("0.055 ms")));
    auto *switchRow = new QWidget;
    auto *switchLayout = new QHBoxLayout(switchRow);
    switchLayout->setContentsMargins(0, 0, 0, 0);
    switchLayout->addWidget(m_switchSlider, 1);
    switchLayout->addWidget(m_switchValue);
    m_hogs = qobject_cast<QSpinBox *>(bind("cpu_hogs", QStringLiteral("hogsSpin"), tr("CPU hogs")));
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

QWidget *RunSettingsForm::bind(std::string_view key, const QString &objectName, const QString &accessibleName)
{
    const FieldSpec &field = *findField(key);
    QWidget *control = makeFieldControl(field);
    control->setObjectName(objectName);
    control->setAccessibleName(accessibleName);
    control->setToolTip(toolTipOf(field));
    m_controls.emplace_back(&field, control);
    return control;
}

RunConfig RunSettingsForm::config() const
{
    // Settings without a control (seed, sampling rate) keep the values setConfig() was given.
    RunConfig config = m_hiddenConfig;
    for (const auto &[field, control] : m_controls)
        setFieldValue(config, *field, controlValue(*field, control));
    config.switchIntervalMs = m_switchMs;
    return config;
}

void RunSettingsForm::setConfig(const RunConfig &config)
{
    m_hiddenConfig = config;
    // The model and the workload first: they set the workers' range and which parameters show.
    setControlValue(m_model, config.model);
    onModelChanged();
    setControlValue(m_workload, config.workload);
    onWorkloadChanged();
    for (const auto &[field, control] : m_controls)
        setControlValue(control, fieldValue(config, *field));
    setSwitchInterval(config.switchIntervalMs);
}

void RunSettingsForm::onModelChanged()
{
    RunConfig ofModel;
    ofModel.model = static_cast<ExecutionModel>(m_model->currentData().toInt());
    const FieldSpec &workers = *findField("workers");
    const FieldBounds bounds = boundsOf(workers, ofModel);
    m_workers->setRange(static_cast<int>(bounds.min), static_cast<int>(bounds.max));
    m_workersRange->setText(
        QStringLiteral("%1–%2").arg(static_cast<int>(bounds.min)).arg(static_cast<int>(bounds.max)));
    m_workers->setToolTip(toQString(workers.help) + QStringLiteral(": ") + toQString(bounds.text));
    m_coroutineBox->setVisible(ofModel.model == ExecutionModel::Coroutines);
}

void RunSettingsForm::onWorkloadChanged()
{
    const auto kind = static_cast<WorkloadKind>(m_workload->currentData().toInt());
    for (const WorkloadInfo &info : workloadCatalog()) {
        if (info.kind == kind)
            m_workloadSummary->setText(toQString(info.summary));
    }
    bool anyParameter = false;
    for (const auto &[field, control] : m_controls) {
        if (field->workloads.empty())
            continue;
        m_paramsForm->setRowVisible(control, field->isParameterOf(kind));
        anyParameter = anyParameter || field->isParameterOf(kind);
    }
    m_paramsForm->parentWidget()->setVisible(anyParameter);
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
