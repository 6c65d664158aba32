#include "lab/labpage.h"

#include "charts/corebarswidget.h"
#include "charts/corechart.h"
#include "charts/throughputchart.h"
#include "charts/timelinewidget.h"
#include "lab/predictionwidget.h"
#include "lab/pythondescription.h"
#include "lab/pythontab.h"
#include "lab/rundescription.h"
#include "lab/runsettingsform.h"
#include "lab/summarywidget.h"
#include "platform/system.h"
#include "textutil.h"

#include <QComboBox>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QSplitter>
#include <QTabWidget>
#include <QToolButton>
#include <QVBoxLayout>

namespace clab {

LabPage::LabPage(RunController *controller, const PresetCatalog *presets, QWidget *parent)
    : QWidget(parent)
    , m_controller(controller)
    , m_presets(presets)
{
    setAccessibleName(tr("Lab"));
    auto *split = new QSplitter(Qt::Horizontal);
    split->setChildrenCollapsible(false);
    split->setObjectName(QStringLiteral("labSplitter"));

    QWidget *controlsColumn = buildControls();

    m_summary = new SummaryWidget;
    auto *summaryScroll = new QScrollArea;
    summaryScroll->setWidget(m_summary);
    summaryScroll->setWidgetResizable(true);
    summaryScroll->setFrameShape(QFrame::NoFrame);
    summaryScroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_summaryScroll = summaryScroll;

    split->addWidget(controlsColumn);
    split->addWidget(buildCharts());
    split->addWidget(summaryScroll);
    split->setStretchFactor(0, 0);
    split->setStretchFactor(1, 1);
    split->setStretchFactor(2, 0);
    split->setSizes({settingsWidth(), 900, 330});
    m_split = split;

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
    connect(m_controller->pythonRunner(), &PythonRunner::phaseChanged, this, &LabPage::onPythonPhase);
    connect(m_controller, &RunController::pythonFinished, this, &LabPage::onPythonFinished);
    // The Python tab follows the settings, and its choice of interpreter goes to the controller.
    m_pythonTab->setConfigSource([this] { return configFromControls(); }, [this] { return currentPresetId(); });
    connect(m_form, &RunSettingsForm::settingsChanged, m_pythonTab, &PythonTab::settingsChanged);
    connect(this, &LabPage::presetChanged, m_pythonTab, &PythonTab::settingsChanged);
    connect(m_pythonTab, &PythonTab::choiceChanged, this,
        [this] { m_controller->setPythonInterpreter(m_pythonTab->chosenInterpreter()); });
    connect(m_controller, &RunController::rebaselineStarted, this, [this] {
        m_summary->showStatus(tr("The run is done. It was long, so the sequential baseline is measured once more: "
                                 "the speedup uses the mean of the baselines before and after it…"));
    });
    setBusy(false);
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
    m_timelineTitle->setWordWrap(true); // "(sequential baseline)" may take a second line on a projector
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
    // The timeline, the main teaching picture, gets the larger share: its lanes stay readable.
    vertical->setStretchFactor(0, 4);
    vertical->setStretchFactor(1, 5);

    m_runHeader = new QLabel(tr("Choose an experiment, predict, and press Run."));
    m_runHeader->setObjectName(QStringLiteral("runHeader"));
    m_runHeader->setAccessibleName(tr("Experiment being shown"));
    m_runHeader->setWordWrap(true);
    QFont headerFont = m_runHeader->font();
    headerFont.setBold(true);
    m_runHeader->setFont(headerFont);

    m_pythonTab = new PythonTab;
    m_views = new QTabWidget;
    m_views->setObjectName(QStringLiteral("labViews"));
    m_views->setDocumentMode(true);
    m_views->addTab(vertical, tr("Live charts"));
    m_views->addTab(m_pythonTab, tr("Python"));
    m_views->setTabToolTip(1, tr("The same experiment as a Python program, to read, copy, save or run"));

    auto *layout = new QVBoxLayout(m_chartsArea);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_runHeader);
    layout->addWidget(m_views, 1);
    return m_chartsArea;
}

RunConfig LabPage::configFromControls() const
{
    return m_form->config();
}

void LabPage::setControls(const RunConfig &config)
{
    m_form->setConfig(config);
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
    m_predict->setAnswers(preset->answers);
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
    m_predict->setAnswers(preset ? preset->answers : std::vector<PresetAnswer>());
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
    m_pythonTab->setBusy(busy);
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
    m_views->setCurrentIndex(0); // a run is watched on its charts
    m_throughput->reset(tr("Throughput"));
    m_cores->reset(tr("CPU cores, whole machine"));
    m_runHeader->setText(baseline
            ? tr("Measuring the sequential baseline: 1 worker, same workload, %1 tasks…").arg(config.tasks)
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
    fitColumns(); // on a projector the charts need the room more than settings fixed for the run
}

void LabPage::onSamples(const std::vector<Sample> &samples)
{
    m_throughput->appendSamples(samples);
    m_cores->appendSamples(samples);
    m_bars->setBusy(samples.back().coreBusyPct);
    m_summary->showLive(std::max(m_elapsed, samples.back().tSeconds), samples.back(), m_tasksPlanned);
    fitColumns(); // the summary's new words may be wider
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
    fitColumns();
    if (!result.summary.schedulerStats && result.succeeded() && !result.summary.stopped && !m_toldNoSchedStat) {
        m_toldNoSchedStat = true;
        m_summary->showStatus(tr("Finished. This kernel keeps no per-thread scheduler statistics (schedstat), so "
                                 "the timeline cannot show when a worker waited for a core."));
    }
}

void LabPage::showPythonTab()
{
    m_views->setCurrentWidget(m_pythonTab);
}

void LabPage::setInterpreters(PythonInterpreters *interpreters)
{
    m_pythonTab->setInterpreters(interpreters);
}

void LabPage::onPythonPhase()
{
    const PythonRunner *runner = m_controller->pythonRunner();
    if (runner->phase() == PythonRunner::Phase::Idle)
        return; // its outcome follows
    m_summary->showPython(pythonRunningText(runner->interpreter(), runner->phase()));
    fitColumns();
}

void LabPage::onPythonFinished(const RunConfig &config, const python::PythonOutcome &outcome)
{
    const std::shared_ptr<const RunResult> engine = m_controller->lastResult();
    const std::optional<double> engineSpeedup
        = engine ? speedupOf(*engine, m_controller->lastBaseline()) : std::nullopt;
    m_summary->showPython(pythonOutcomeText(config, outcome, engineSpeedup));
    fitColumns();
}

void LabPage::setAppearance(const Appearance &appearance)
{
    m_appearance = appearance;
    m_pythonTab->setAppearance(appearance);
    m_throughput->setAppearance(appearance);
    m_cores->setAppearance(appearance);
    m_bars->setAppearance(appearance);
    m_timeline->setAppearance(appearance);
    setSettingsShown(settingsShown()); // the form's width follows its font
    fitColumns();
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
