#include "shell/mainwindow.h"

#include "compare/comparepage.h"
#include "compare/sweepcontroller.h"
#include "export/exportactions.h"
#include "lab/labpage.h"
#include "lessons/embeddedcontent.h"
#include "lessons/lessonspage.h"
#include "session/sessionactions.h"
#include "shell/diagnosticsdialog.h"
#include "shell/failurenotice.h"
#include "shell/helpdialogs.h"
#include "shell/launchcapture.h"
#include "shell/screenfit.h"
#include "shell/themechooser.h"
#include "textutil.h"
#include "walkthrough/walkthroughcontroller.h"
#include "walkthrough/walkthroughpanel.h"
#include "walkthrough/walkthroughplayer.h"

#include <QAction>
#include <QCloseEvent>
#include <QLabel>
#include <QMenuBar>
#include <QScreen>
#include <QSettings>
#include <QStatusBar>
#include <QTabWidget>
#include <QThread>
#include <QToolBar>
#include <QVBoxLayout>

#include <algorithm>
#include <array>

namespace clab {

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_controller(new RunController(this))
    , m_probe(new LatencyProbe(this))
    , m_pages(new QTabWidget)
    , m_lessons(new LessonsPage)
    , m_lab(new LabPage(m_controller, &embeddedPresets()))
    , m_compare(new ComparePage)
{
    m_exports = new ExportActions(this, m_controller, m_lab, m_compare);
    setWindowTitle(tr("Concurrency Lab"));
    setWindowIcon(QIcon(QStringLiteral(":/resources/icons/concurrency-lab.svg")));
    setObjectName(QStringLiteral("mainWindow"));
    m_pages->setObjectName(QStringLiteral("pages"));
    m_pages->setAccessibleName(tr("Pages"));
    m_pages->setDocumentMode(true);
    m_pages->addTab(m_lessons, tr("&Lessons"));
    m_pages->addTab(m_lab, tr("L&ab"));
    m_pages->addTab(m_compare, tr("&Compare"));
    m_pages->setCurrentWidget(m_lab);

    buildActions();
    buildStatusBar();
    buildPython();
    m_walk = new WalkthroughController(this, m_pages, m_lessons, m_lab, m_controller, m_presentationAction);
    // trace.json opens on a marker: the walkthrough step being presented, else the run's preset.
    m_exports->setTraceLabel([this] {
        const WalkthroughPlayer *player = m_walk->player();
        const WalkthroughStep *step = player->currentStep();
        return step ? QStringLiteral("walkthrough step %1: %2")
                          .arg(QString::number(player->currentIndex() + 1), toQString(step->title))
                    : QString();
    });
    m_capture = new LaunchCapture(
        this, m_controller,
        [this](const QString &directory, LaunchCapture::Done done) {
            // Not the dialog's remembered choices: the same files every time (16:9, captioned,
            // the window's theme), at --export-size if given.
            SlideOptions slides;
            slides.size = SlideOptions::parseSize(m_launch.exportSize).value_or(slides.size);
            m_exports->exportQuietly(directory, std::move(done), slides);
        },
        this);
    connect(m_capture, &LaunchCapture::captured, this, &MainWindow::captured);
    m_failures = new FailureNotice(this, m_controller, m_compare->sweepController(), this);
    // The presenter panel above the pages; the Walkthrough menu before Help, which stays last.
    auto *central = new QWidget;
    auto *layout = new QVBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_walk->panel());
    layout->addWidget(m_pages, 1);
    setCentralWidget(central);
    const QList<QAction *> menus = menuBar()->actions();
    menuBar()->insertMenu(menus.isEmpty() ? nullptr : menus.constLast(), m_walk->menu());

    connect(m_controller, &RunController::busyChanged, this, &MainWindow::onBusyChanged);
    connect(m_controller, &RunController::runFinished, this, &MainWindow::onFinished);
    connect(m_controller, &RunController::runFailed, this,
        [this](const QString &error) { m_lastOutcome = tr("Failed: %1").arg(error); });
    connect(m_controller, &RunController::runStarted, this, [this](const RunConfig &, bool baseline) {
        m_lastOutcome.clear();
        m_stateLabel->setText(baseline ? tr("Measuring the sequential baseline…") : tr("Running"));
    });
    connect(m_controller, &RunController::rebaselineStarted, this,
        [this] { m_stateLabel->setText(tr("Measuring the baseline again…")); });
    connect(m_controller, &RunController::timelineArrived, this, [this](const TimelineDelta &delta) {
        m_lastElapsed = delta.elapsedSeconds;
        updateStatus();
    });
    // A sweep runs on the Lab's workload; it does not start while a Lab run goes on.
    m_compare->setLabConfigSource([this] { return m_lab->configFromControls(); });
    connect(m_controller, &RunController::busyChanged, m_compare, &ComparePage::setLabBusy);
    // A sweep and a Lab run would compete for the same cores: one at a time.
    connect(m_compare->sweepController(), &SweepController::busyChanged, this, [this](bool sweeping) {
        m_lab->setBlockedBy(
            sweeping ? tr("A sweep is running in Compare: cancel it there, or wait for it to end.") : QString());
        m_runAction->setEnabled(!sweeping && !m_controller->isBusy());
    });
    connect(m_lessons, &LessonsPage::presetRequested, this, [this](const QString &id) {
        if (m_controller->isBusy()) {
            // The Lab shows the run in progress; its controls stay as they are until it ends.
            m_pages->setCurrentWidget(m_lab);
            const Preset *preset = embeddedPresets().find(toStdString(id));
            statusBar()->showMessage(tr("A run is going on: stop it (Esc), then press Try it again to load “%1”.")
                                         .arg(preset ? toQString(preset->title) : id),
                10000);
            return;
        }
        m_lab->loadPreset(id);
        m_pages->setCurrentWidget(m_lab);
    });
    // Most of the screen, at least 1280×800 where the screen has it, never more than the screen:
    // a 1024×768 projector gets the whole of it (every page fits down to 1024×768).
    const QRect available = screen() ? screen()->availableGeometry() : QRect(0, 0, 1600, 1000);
    resize(std::min(available.width(), std::max(1280, available.width() * 9 / 10)),
        std::min(available.height(), std::max(800, available.height() * 9 / 10)));
    new ScreenFit(this); // and back to that width when a page has widened it for a while
    setAppearance(m_theme->resolve(m_appearance));
    onBusyChanged(false);
}

MainWindow::~MainWindow() = default;

RunExporter::Outcome MainWindow::exportTo(const QString &directory)
{
    return m_exports->exportTo(directory);
}

int MainWindow::exitCode() const
{
    return m_capture->exitCode() != 0 ? m_capture->exitCode() : m_exitCode;
}

WalkthroughPlayer *MainWindow::walkthrough() const
{
    return m_walk->player();
}

WalkthroughPanel *MainWindow::walkthroughPanel() const
{
    return m_walk->panel();
}

bool MainWindow::openWalkthrough(const QString &path)
{
    return m_walk->open(path);
}

bool MainWindow::saveWalkthroughAs(const QString &path)
{
    return m_walk->saveAs(path);
}

void MainWindow::buildActions()
{
    m_runAction = new QAction(tr("&Run"), this);
    m_runAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_R));
    m_runAction->setToolTip(tr("Run the experiment (Ctrl+R)"));
    connect(m_runAction, &QAction::triggered, this, [this] {
        m_pages->setCurrentWidget(m_lab);
        m_lab->startRun();
    });
    m_stopAction = new QAction(tr("&Stop"), this);
    m_stopAction->setShortcut(QKeySequence(Qt::Key_Escape));
    m_stopAction->setToolTip(tr("Stop the run (Esc)"));
    connect(m_stopAction, &QAction::triggered, m_lab, &LabPage::stopRun);
    connect(m_controller, &RunController::busyChanged, this, [this](bool busy) {
        if (busy)
            m_stateLabel->setText(tr("Starting…"));
    });
    auto *quit = new QAction(tr("&Quit"), this);
    quit->setShortcut(QKeySequence::Quit);
    connect(quit, &QAction::triggered, this, &QWidget::close);

    m_theme = new ThemeChooser(this);
    connect(m_theme, &ThemeChooser::changed, this, [this] { setAppearance(m_theme->resolve(m_appearance)); });
    m_presentationAction = new QAction(tr("&Presentation mode"), this);
    m_presentationAction->setCheckable(true);
    m_presentationAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P));
    m_presentationAction->setToolTip(tr("Larger fonts, thicker lines, high contrast (Ctrl+Shift+P)"));
    connect(m_presentationAction, &QAction::toggled, this, [this](bool on) {
        Appearance next = m_appearance;
        next.presentation = on;
        setAppearance(next);
    });
    m_fullScreenAction = new QAction(tr("&Full screen"), this);
    m_fullScreenAction->setCheckable(true);
    m_fullScreenAction->setShortcut(QKeySequence(Qt::Key_F11));
    connect(m_fullScreenAction, &QAction::toggled, this, &MainWindow::toggleFullScreen);
    auto *diagnostics = new QAction(tr("&Diagnostics…"), this);
    connect(diagnostics, &QAction::triggered, this, &MainWindow::showDiagnostics);
    std::array<QAction *, 3> pageActions{};
    const QString pageNames[] = {tr("&Lessons"), tr("L&ab"), tr("&Compare")};
    for (int i = 0; i < 3; ++i) {
        pageActions[static_cast<std::size_t>(i)] = new QAction(pageNames[i], this);
        pageActions[static_cast<std::size_t>(i)]->setShortcut(QKeySequence(Qt::CTRL | (Qt::Key_1 + i)));
        connect(pageActions[static_cast<std::size_t>(i)], &QAction::triggered, this,
            [this, i] { m_pages->setCurrentIndex(i); });
    }
    auto *howTo = new QAction(tr("&How to use"), this);
    howTo->setShortcut(QKeySequence::HelpContents);
    connect(howTo, &QAction::triggered, this, [this] { showHowTo(this); });
    auto *about = new QAction(tr("&About Concurrency Lab"), this);
    connect(about, &QAction::triggered, this, [this] { showAbout(this); });

    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(m_exports->exportAction());
    file->addAction(m_exports->reportAction());
    m_exports->addChartMenu(file);
    (new SessionActions(this, m_controller, m_compare))->addTo(file);
    file->addSeparator();
    file->addAction(quit);
    QMenu *run = menuBar()->addMenu(tr("&Run"));
    run->addAction(m_runAction);
    run->addAction(m_stopAction);
    QMenu *view = menuBar()->addMenu(tr("&View"));
    for (QAction *action : pageActions)
        view->addAction(action);
    view->addSeparator();
    m_theme->addMenuTo(view);
    view->addAction(m_presentationAction);
    view->addAction(m_fullScreenAction);
    view->addSeparator();
    view->addAction(diagnostics);
    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(howTo);
    help->addAction(about);

    QToolBar *toolbar = addToolBar(tr("Run"));
    toolbar->setObjectName(QStringLiteral("runToolbar"));
    toolbar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    toolbar->setMovable(false);
    toolbar->addAction(m_runAction);
    toolbar->addAction(m_stopAction);
    toolbar->addAction(m_exports->exportAction());
    toolbar->addAction(m_exports->reportAction());
}

void MainWindow::buildStatusBar()
{
    m_stateLabel = new QLabel;
    m_stateLabel->setObjectName(QStringLiteral("statusState"));
    m_stateLabel->setAccessibleName(tr("Run state"));
    m_elapsedLabel = new QLabel;
    m_elapsedLabel->setObjectName(QStringLiteral("statusElapsed"));
    m_elapsedLabel->setAccessibleName(tr("Elapsed time"));
    const int cores = QThread::idealThreadCount();
    m_coresLabel = new QLabel(cores == 1 ? tr("1 logical core") : tr("%1 logical cores").arg(cores));
    m_coresLabel->setObjectName(QStringLiteral("statusCores"));
    m_coresLabel->setAccessibleName(tr("Core count"));
    m_latencyLabel = new QLabel;
    m_latencyLabel->setObjectName(QStringLiteral("statusLatency"));
    m_latencyLabel->setAccessibleName(tr("Event loop latency"));
    m_latencyLabel->setToolTip(tr("How late the window's event loop served a 20 ms timer (View ▸ Diagnostics)"));
    for (QLabel *label : {m_stateLabel, m_elapsedLabel, m_coresLabel, m_latencyLabel})
        label->setContentsMargins(8, 0, 8, 0);
    statusBar()->addWidget(m_stateLabel, 1);
    statusBar()->addPermanentWidget(m_latencyLabel);
    statusBar()->addPermanentWidget(m_elapsedLabel);
    statusBar()->addPermanentWidget(m_coresLabel);
}

void MainWindow::updateStatus()
{
    if (m_controller->isStopping())
        m_stateLabel->setText(tr("Stopping…"));
    if (m_lastElapsed > 0.0)
        m_elapsedLabel->setText(tr("Elapsed %1").arg(formatDuration(m_lastElapsed)));
    if (m_probe->sampleCount() > 0)
        m_latencyLabel->setText(tr("UI lag p99 %1 ms").arg(formatFixed(m_probe->percentileMs(99), 1)));
}

void MainWindow::onBusyChanged(bool busy)
{
    m_runAction->setEnabled(!busy && !m_compare->sweepController()->isBusy());
    m_stopAction->setEnabled(busy);
    m_exports->setAvailable(!busy && m_controller->lastResult());
    if (busy) {
        m_probe->reset();
        m_probe->start();
    } else {
        if (!m_diagnostics || !m_diagnostics->isVisible())
            m_probe->stop();
        m_stateLabel->setText(m_lastOutcome.isEmpty() ? tr("Ready") : m_lastOutcome);
        updateStatus();
    }
}

void MainWindow::onFinished(const RunResult &result)
{
    const RunSummary &s = result.summary;
    m_lastElapsed = s.wallSeconds;
    m_lastOutcome = !s.error.empty() ? tr("Failed: %1").arg(toQString(s.error))
        : s.stopped                  ? tr("Stopped after %1 of %2 tasks").arg(s.tasksCompleted).arg(result.config.tasks)
                    : tr("Finished: %1 tasks in %2").arg(s.tasksCompleted).arg(formatDuration(s.wallSeconds));
    m_compare->addRun(result, m_controller->lastBaseline());
}

void MainWindow::setAppearance(const Appearance &appearance)
{
    m_appearance = appearance;
    applyAppearance(appearance);
    m_theme->match(appearance);
    {
        const QSignalBlocker blocker(m_presentationAction);
        m_presentationAction->setChecked(appearance.presentation);
    }
    m_lab->setAppearance(appearance);
    m_compare->setAppearance(appearance);
    m_lessons->setAppearance(appearance);
    m_walk->setAppearance(appearance); // its panel and, on a second screen, the presenter's window
    m_runAction->setIcon(actionIcon(ActionIcon::Run, appearance));
    m_stopAction->setIcon(actionIcon(ActionIcon::Stop, appearance));
    m_exports->setAppearance(appearance);
    const int iconSize = appearance.presentation ? 32 : 22;
    for (QToolBar *toolbar : findChildren<QToolBar *>())
        toolbar->setIconSize(QSize(iconSize, iconSize));
}

void MainWindow::showDiagnostics()
{
    if (!m_diagnostics) {
        m_diagnostics = new DiagnosticsDialog(m_probe, this);
        connect(m_diagnostics, &QDialog::finished, this, [this] {
            if (!m_controller->isBusy())
                m_probe->stop();
        });
    }
    if (!m_probe->isActive())
        m_probe->start();
    m_diagnostics->show();
    m_diagnostics->raise();
}

void MainWindow::toggleFullScreen(bool on)
{
    if (on)
        showFullScreen();
    else
        showNormal();
}

void MainWindow::loadSettings()
{
    QSettings settings;
    if (const QByteArray geometry = settings.value(QStringLiteral("window/geometry")).toByteArray();
        !geometry.isEmpty())
        restoreGeometry(geometry);
    if (const QByteArray state = settings.value(QStringLiteral("window/state")).toByteArray(); !state.isEmpty())
        restoreState(state);
    Appearance appearance;
    appearance.presentation = settings.value(QStringLiteral("appearance/presentation"), false).toBool();
    m_theme->load(settings);
    setAppearance(m_theme->resolve(appearance));
    m_lessons->showLesson(settings.value(QStringLiteral("lessons/current")).toString());
    m_pages->setCurrentIndex(settings.value(QStringLiteral("window/page"), 1).toInt());

    settings.beginGroup(QStringLiteral("lab/config"));
    const QStringList keys = settings.childKeys();
    if (!keys.isEmpty()) {
        RunConfig config;
        for (const QString &key : keys)
            setField(config, toStdString(key), toStdString(settings.value(key).toString()));
        m_lab->setControls(config);
    }
    settings.endGroup();
    m_lab->setPresetSelection(settings.value(QStringLiteral("lab/preset")).toString());
    m_lab->setAskPrediction(settings.value(QStringLiteral("lab/askPrediction"), true).toBool());
    // The run controls folded or open as the user last left them; by the window's size if never.
    const QVariant settingsShown = settings.value(QStringLiteral("lab/settingsShown"));
    m_lab->setSettingsChoice(settingsShown.isValid() ? std::optional<bool>(settingsShown.toBool()) : std::nullopt);
}

void MainWindow::saveSettings() const
{
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState());
    settings.setValue(QStringLiteral("window/page"), m_pages->currentIndex());
    settings.setValue(QStringLiteral("lessons/current"), m_lessons->currentLessonId());
    m_theme->save(settings);
    settings.setValue(QStringLiteral("appearance/presentation"), m_appearance.presentation);
    settings.remove(QStringLiteral("lab/config"));
    settings.beginGroup(QStringLiteral("lab/config"));
    for (const ConfigField &field : fields(m_lab->configFromControls()))
        settings.setValue(toQString(field.key), toQString(field.value));
    settings.endGroup();
    settings.setValue(QStringLiteral("lab/preset"), m_lab->currentPresetId());
    settings.setValue(QStringLiteral("lab/askPrediction"), m_lab->askPrediction());
    if (const std::optional<bool> shown = m_lab->settingsChoice())
        settings.setValue(QStringLiteral("lab/settingsShown"), *shown);
    else
        settings.remove(QStringLiteral("lab/settingsShown"));
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (!m_launch.capturesAndQuits())
        saveSettings();
    m_controller->stop(); // the Run ends on its own threads and is destroyed off this one
    event->accept();
}

} // namespace clab
