#include "compare/sweeppanel.h"

#include "lab/pythoninterpreters.h"
#include "lab/rundescription.h"
#include "results/sweep.h"
#include "textutil.h"

#include <QCheckBox>
#include <QComboBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QThread>
#include <QVBoxLayout>

#include <algorithm>

namespace clab {

namespace {

// The models a sweep can scale: sequential is every sweep's baseline, not a choice.
constexpr ExecutionModel kSweepModels[]
    = {ExecutionModel::Threads, ExecutionModel::Processes, ExecutionModel::Subinterpreters, ExecutionModel::Coroutines};
constexpr GilPolicy kSweepPolicies[] = {GilPolicy::Modern, GilPolicy::Legacy, GilPolicy::Off};

QString modelChoice(ExecutionModel model)
{
    switch (model) {
    case ExecutionModel::Sequential:
        return SweepPanel::tr("Sequential");
    case ExecutionModel::Threads:
        return SweepPanel::tr("Threads");
    case ExecutionModel::Processes:
        return SweepPanel::tr("Processes");
    case ExecutionModel::Subinterpreters:
        return SweepPanel::tr("Subinterpreters");
    case ExecutionModel::Coroutines:
        return SweepPanel::tr("Coroutines");
    }
    return {};
}

} // namespace

SweepPanel::SweepPanel(QWidget *parent)
    : QGroupBox(parent)
{
    setTitle(tr("Sweep: 1..N workers on the Lab's workload"));
    setObjectName(QStringLiteral("sweepPanel"));
    auto *grid = new QGridLayout(this);
    grid->setColumnStretch(1, 1);

    m_workload = new QLabel;
    m_workload->setObjectName(QStringLiteral("sweepWorkload"));
    m_workload->setWordWrap(true);
    m_workload->setToolTip(tr("Set the workload, its tasks and parameters in the Lab"));
    grid->addWidget(new QLabel(tr("Workload:")), 0, 0);
    grid->addWidget(m_workload, 0, 1);

    // The choices two to a row: the panel shares a 1024-pixel projector's width with the speedup
    // chart and has no room for them in one line at presentation size, nor a scroll bar across.
    auto *models = new QGridLayout;
    for (const ExecutionModel model : kSweepModels) {
        auto *check = new QCheckBox(modelChoice(model));
        check->setObjectName(QStringLiteral("sweepModel_%1").arg(toQString(toString(model))));
        check->setAccessibleName(tr("Sweep %1").arg(modelChoice(model)));
        check->setChecked(model == ExecutionModel::Threads);
        connect(check, &QCheckBox::toggled, this, &SweepPanel::showPlannedRuns);
        const int index = static_cast<int>(m_modelBoxes.size());
        models->addWidget(check, index / 2, index % 2);
        m_modelBoxes.emplace_back(model, check);
    }
    models->setColumnStretch(2, 1);
    grid->addWidget(new QLabel(tr("Models:")), 1, 0);
    grid->addLayout(models, 1, 1);

    auto *policies = new QGridLayout;
    for (const GilPolicy policy : kSweepPolicies) {
        auto *check = new QCheckBox(policy == GilPolicy::Off ? tr("No GIL") : shortGilText(policy));
        check->setObjectName(QStringLiteral("sweepGil_%1").arg(toQString(toString(policy))));
        check->setAccessibleName(
            tr("Sweep with %1").arg(policy == GilPolicy::Off ? tr("no GIL (free-threaded)") : shortGilText(policy)));
        check->setChecked(policy == GilPolicy::Modern);
        connect(check, &QCheckBox::toggled, this, &SweepPanel::showPlannedRuns);
        const int index = static_cast<int>(m_gilBoxes.size());
        policies->addWidget(check, index / 2, index % 2);
        m_gilBoxes.emplace_back(policy, check);
    }
    policies->setColumnStretch(2, 1);
    auto *maxLabel = new QLabel(tr("&Workers:"));
    m_maxWorkers = new QSpinBox;
    maxLabel->setBuddy(m_maxWorkers);
    m_maxWorkers->setObjectName(QStringLiteral("maxWorkersSpin"));
    m_maxWorkers->setAccessibleName(tr("Max workers"));
    m_maxWorkers->setRange(1, kMaxSweepWorkers);
    m_maxWorkers->setPrefix(tr("1 to "));
    m_maxWorkers->setValue(std::clamp(2 * QThread::idealThreadCount(), 1, kMaxSweepWorkers));
    m_maxWorkers->setToolTip(
        tr("Runs go from 1 to this many workers (1..%1; default twice the cores)").arg(kMaxSweepWorkers));
    connect(m_maxWorkers, &QSpinBox::valueChanged, this, &SweepPanel::showPlannedRuns);
    auto *workers = new QHBoxLayout;
    workers->addWidget(m_maxWorkers);
    workers->addStretch(1);
    grid->addWidget(new QLabel(tr("GIL:")), 2, 0);
    grid->addLayout(policies, 2, 1);
    grid->addWidget(maxLabel, 3, 0);
    grid->addLayout(workers, 3, 1);

    m_pythonToo = new QCheckBox(tr("Also as Python programs on"));
    m_pythonToo->setObjectName(QStringLiteral("sweepPythonCheck"));
    m_pythonToo->setAccessibleName(tr("Sweep on a Python interpreter too"));
    m_pythonCombo = new QComboBox;
    m_pythonCombo->setObjectName(QStringLiteral("sweepPythonCombo"));
    m_pythonCombo->setAccessibleName(tr("Python interpreter to sweep on"));
    m_pythonCombo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_pythonCombo->setMinimumContentsLength(14);
    connect(m_pythonToo, &QCheckBox::toggled, this, [this](bool on) {
        m_pythonCombo->setEnabled(on && !m_sweeping);
        showPlannedRuns();
    });
    // The interpreter below its check box, for the same reason.
    auto *python = new QVBoxLayout;
    python->addWidget(m_pythonToo);
    python->addWidget(m_pythonCombo);
    grid->addWidget(new QLabel(tr("Python:")), 4, 0, Qt::AlignTop);
    grid->addLayout(python, 4, 1);
    updateInterpreters();

    m_sweepButton = new QPushButton(tr("Run s&weep"));
    m_sweepButton->setObjectName(QStringLiteral("sweepButton"));
    m_sweepButton->setAccessibleName(tr("Run the sweep"));
    connect(m_sweepButton, &QPushButton::clicked, this, &SweepPanel::sweepRequested);
    m_cancelButton = new QPushButton(tr("Ca&ncel sweep"));
    m_cancelButton->setObjectName(QStringLiteral("cancelSweepButton"));
    m_cancelButton->setAccessibleName(tr("Cancel the sweep"));
    connect(m_cancelButton, &QPushButton::clicked, this, &SweepPanel::cancelRequested);
    m_progress = new QProgressBar;
    m_progress->setObjectName(QStringLiteral("sweepProgress"));
    m_progress->setAccessibleName(tr("Sweep progress"));
    m_progress->setRange(0, 1);
    m_progress->setValue(0);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_sweepButton);
    buttons->addWidget(m_cancelButton);
    buttons->addWidget(m_progress, 1);
    grid->addLayout(buttons, 5, 0, 1, 2);

    m_status = new QLabel;
    m_status->setObjectName(QStringLiteral("sweepStatus"));
    m_status->setAccessibleName(tr("Sweep status"));
    m_status->setWordWrap(true);
    grid->addWidget(m_status, 6, 0, 1, 2);

    m_message = new QLabel;
    m_message->setObjectName(QStringLiteral("sweepMessage"));
    m_message->setAccessibleName(tr("Sweep validation message"));
    m_message->setWordWrap(true);
    m_message->setVisible(false);
    grid->addWidget(m_message, 7, 0, 1, 2);
    showPlannedRuns();
}

std::vector<ExecutionModel> SweepPanel::chosenModels() const
{
    std::vector<ExecutionModel> models;
    for (const auto &[model, check] : m_modelBoxes) {
        if (check->isChecked())
            models.push_back(model);
    }
    return models;
}

std::vector<GilPolicy> SweepPanel::chosenPolicies() const
{
    std::vector<GilPolicy> policies;
    for (const auto &[policy, check] : m_gilBoxes) {
        if (check->isChecked())
            policies.push_back(policy);
    }
    return policies;
}

int SweepPanel::maxWorkers() const
{
    return m_maxWorkers->value();
}

void SweepPanel::setInterpreters(PythonInterpreters *interpreters)
{
    m_interpreters = interpreters;
    connect(interpreters, &PythonInterpreters::changed, this, &SweepPanel::updateInterpreters);
    connect(interpreters, &PythonInterpreters::searchFinished, this, &SweepPanel::updateInterpreters);
    updateInterpreters();
}

void SweepPanel::updateInterpreters()
{
    fillInterpreterCombo(m_pythonCombo, m_interpreters);
    const bool any = m_pythonCombo->count() > 0;
    if (!any)
        m_pythonToo->setChecked(false);
    m_pythonToo->setEnabled(any && !m_sweeping);
    m_pythonToo->setToolTip(any ? tr("After the engine's runs, run each model at 1..N workers as a Python program on a "
                                     "real interpreter, each against its own sequential baseline: a line of its own")
                                : tr("No Python interpreter found: add one in File ▸ Preferences"));
    m_pythonCombo->setEnabled(any && m_pythonToo->isChecked() && !m_sweeping);
    m_pythonCombo->setVisible(any);
}

QString SweepPanel::chosenPythonPath() const
{
    return m_pythonToo->isChecked() ? m_pythonCombo->currentData().toString() : QString();
}

void SweepPanel::setPythonChoice(const QString &path)
{
    const int index = path.isEmpty() ? -1 : m_pythonCombo->findData(path);
    if (index >= 0)
        m_pythonCombo->setCurrentIndex(index);
    m_pythonToo->setChecked(index >= 0);
}

void SweepPanel::setChoices(
    const std::vector<ExecutionModel> &models, const std::vector<GilPolicy> &policies, int maxWorkers)
{
    for (const auto &[model, check] : m_modelBoxes) {
        const QSignalBlocker blocker(check);
        check->setChecked(std::find(models.begin(), models.end(), model) != models.end());
    }
    for (const auto &[policy, check] : m_gilBoxes) {
        const QSignalBlocker blocker(check);
        check->setChecked(std::find(policies.begin(), policies.end(), policy) != policies.end());
    }
    const QSignalBlocker blocker(m_maxWorkers);
    m_maxWorkers->setValue(maxWorkers);
}

void SweepPanel::setState(bool sweeping, bool cancelling, bool labBusy)
{
    m_sweeping = sweeping;
    m_sweepButton->setEnabled(!sweeping && !labBusy);
    m_sweepButton->setToolTip(labBusy ? tr("The Lab is running an experiment; a sweep waits until it has finished")
                                      : tr("Run every model and GIL at 1..N workers, one run at a time"));
    m_cancelButton->setEnabled(sweeping && !cancelling);
    for (const auto &[model, check] : m_modelBoxes)
        check->setEnabled(!sweeping);
    for (const auto &[policy, check] : m_gilBoxes)
        check->setEnabled(!sweeping);
    m_maxWorkers->setEnabled(!sweeping);
    m_pythonToo->setEnabled(!sweeping && m_pythonCombo->count() > 0);
    m_pythonCombo->setEnabled(!sweeping && m_pythonToo->isChecked());
}

void SweepPanel::setWorkload(const QString &text)
{
    m_workload->setText(text);
}

void SweepPanel::showPlannedRuns()
{
    if (m_sweeping)
        return;
    const auto models = static_cast<int>(chosenModels().size());
    const auto policies = static_cast<int>(chosenPolicies().size());
    const int pythonRuns = chosenPythonPath().isEmpty() ? 0 : models * m_maxWorkers->value();
    const int runs = policies * (1 + models * m_maxWorkers->value()) + pythonRuns;
    m_progress->setRange(0, 1);
    m_progress->setValue(0);
    if (models == 0 || policies == 0)
        m_progress->setFormat(tr("Choose a model and a GIL"));
    else
        m_progress->setFormat(runs == 1 ? tr("1 run planned") : tr("%1 runs planned").arg(runs));
    m_progress->setToolTip(tr("One run at a time: a measured sequential baseline per GIL policy, then each model at "
                              "1..%1 workers")
                               .arg(m_maxWorkers->value())
        + (pythonRuns > 0 ? tr("; then each model at 1..%1 workers in Python, each beside its own baseline")
                                .arg(m_maxWorkers->value())
                          : QString()));
}

void SweepPanel::startProgress(int runs)
{
    m_progress->setRange(0, runs);
    m_progress->setValue(0);
    m_progress->setFormat(tr("%v of %m runs"));
}

void SweepPanel::setProgress(int done)
{
    m_progress->setValue(done);
}

void SweepPanel::setStatus(const QString &text)
{
    m_status->setText(text);
}

void SweepPanel::showMessage(const QString &message, const QColor &colour)
{
    m_message->setText(message);
    m_message->setVisible(!message.isEmpty());
    QPalette palette = m_message->palette();
    palette.setColor(QPalette::WindowText, colour);
    m_message->setPalette(palette);
}

QString SweepPanel::messageText() const
{
    return m_message->text();
}

bool SweepPanel::isMessageShown() const
{
    return m_message->isVisibleTo(this);
}

} // namespace clab
