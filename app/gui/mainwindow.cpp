#include "mainwindow.h"

#include "comparepage.h"
#include "diagnosticsdialog.h"
#include "labpage.h"
#include "lessonspage.h"
#include "summarywidget.h"
#include "textutil.h"

#include "charts/corebarswidget.h"
#include "charts/corechart.h"
#include "charts/overlaychart.h"
#include "charts/speedupchart.h"
#include "charts/throughputchart.h"
#include "charts/timelinewidget.h"

#include <QAction>
#include <QApplication>
#include <QBuffer>
#include <QCloseEvent>
#include <QFileDialog>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QSaveFile>
#include <QScreen>
#include <QSettings>
#include <QStatusBar>
#include <QStyle>
#include <QTabWidget>
#include <QThread>
#include <QTimer>
#include <QToolBar>

#include <algorithm>
#include <array>
#include <cstdio>

namespace clab {

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_presets(PresetLibrary::builtIn())
    , m_controller(new RunController(this))
    , m_probe(new LatencyProbe(this))
    , m_pages(new QTabWidget)
    , m_lessons(new LessonsPage)
    , m_lab(new LabPage(m_controller, &m_presets))
    , m_compare(new ComparePage)
{
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
    setCentralWidget(m_pages);

    buildActions();
    buildStatusBar();

    connect(m_controller, &RunController::busyChanged, this, &MainWindow::onBusyChanged);
    connect(m_controller, &RunController::runFinished, this, &MainWindow::onFinished);
    connect(m_controller, &RunController::runStarted, this, [this](const RunConfig &, bool baseline) {
        m_lastOutcome.clear();
        m_stateLabel->setText(baseline ? tr("Measuring the sequential baseline…") : tr("Running"));
    });
    connect(m_controller, &RunController::timelineArrived, this, [this](const TimelineDelta &delta) {
        m_lastElapsed = delta.elapsedSeconds;
        updateStatus();
    });
    // A sweep runs on the Lab's workload; it does not start while a Lab run goes on.
    m_compare->setLabConfigSource([this] { return m_lab->configFromControls(); });
    connect(m_controller, &RunController::busyChanged, m_compare, &ComparePage::setLabBusy);
    connect(m_lessons, &LessonsPage::presetRequested, this, [this](const QString &id) {
        if (m_controller->isBusy())
            return;
        m_lab->loadPreset(id);
        m_pages->setCurrentWidget(m_lab);
    });
    // Most of the screen, at least what the Lab needs to show its charts side by side.
    const QRect available = screen() ? screen()->availableGeometry() : QRect(0, 0, 1600, 1000);
    resize(std::max(1280, available.width() * 9 / 10), std::max(800, available.height() * 9 / 10));
    setAppearance(m_appearance);
    onBusyChanged(false);
}

MainWindow::~MainWindow() = default;

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
    m_exportAction = new QAction(tr("&Export…"), this);
    m_exportAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    m_exportAction->setToolTip(tr("Export the charts (PNG, SVG) and the run (JSON, CSV, trace) into a folder (Ctrl+E)"));
    connect(m_exportAction, &QAction::triggered, this, &MainWindow::exportInteractively);
    auto *quit = new QAction(tr("&Quit"), this);
    quit->setShortcut(QKeySequence::Quit);
    connect(quit, &QAction::triggered, this, &QWidget::close);

    m_darkAction = new QAction(tr("&Dark theme"), this);
    m_darkAction->setCheckable(true);
    m_darkAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_D));
    connect(m_darkAction, &QAction::toggled, this, [this](bool on) {
        Appearance next = m_appearance;
        next.dark = on;
        setAppearance(next);
    });
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
    connect(howTo, &QAction::triggered, this, &MainWindow::showHowTo);
    auto *about = new QAction(tr("&About Concurrency Lab"), this);
    connect(about, &QAction::triggered, this, &MainWindow::showAbout);

    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(m_exportAction);
    file->addSeparator();
    file->addAction(quit);
    QMenu *run = menuBar()->addMenu(tr("&Run"));
    run->addAction(m_runAction);
    run->addAction(m_stopAction);
    QMenu *view = menuBar()->addMenu(tr("&View"));
    for (QAction *action : pageActions)
        view->addAction(action);
    view->addSeparator();
    view->addAction(m_darkAction);
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
    toolbar->addAction(m_exportAction);
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
    m_runAction->setEnabled(!busy);
    m_stopAction->setEnabled(busy);
    m_exportAction->setEnabled(!busy && m_controller->lastResult());
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
    m_compare->addRun(result, m_controller->baselineFor(result.config));
}

void MainWindow::setAppearance(const Appearance &appearance)
{
    m_appearance = appearance;
    applyAppearance(appearance);
    {
        const QSignalBlocker a(m_darkAction);
        const QSignalBlocker b(m_presentationAction);
        m_darkAction->setChecked(appearance.dark);
        m_presentationAction->setChecked(appearance.presentation);
    }
    m_lab->setAppearance(appearance);
    m_compare->setAppearance(appearance);
    m_lessons->setAppearance(appearance);
    m_runAction->setIcon(actionIcon(ActionIcon::Run, appearance));
    m_stopAction->setIcon(actionIcon(ActionIcon::Stop, appearance));
    m_exportAction->setIcon(actionIcon(ActionIcon::Export, appearance));
    const int iconSize = appearance.presentation ? 32 : 22;
    for (QToolBar *toolbar : findChildren<QToolBar *>())
        toolbar->setIconSize(QSize(iconSize, iconSize));
}

std::vector<std::pair<QString, QWidget *>> MainWindow::exportableCharts() const
{
    return {
        {QStringLiteral("throughput"), m_lab->throughputChart()},
        {QStringLiteral("cores"), m_lab->coreChart()},
        {QStringLiteral("core-bars"), m_lab->coreBars()},
        {QStringLiteral("timeline"), m_lab->timeline()},
        {QStringLiteral("lab"), m_lab},
        {QStringLiteral("speedup"), m_compare->speedupChart()},
        {QStringLiteral("compare-throughput"), m_compare->throughputOverlay()},
        {QStringLiteral("compare-cores"), m_compare->coreOverlay()},
    };
}

RunExporter::Outcome MainWindow::exportTo(const QString &directory)
{
    const std::shared_ptr<const RunResult> result = m_controller->lastResult();
    return RunExporter::exportAll(directory, exportableCharts(), result.get());
}

void MainWindow::exportInteractively()
{
    QSettings settings;
    const QString start = settings.value(QStringLiteral("export/lastDir")).toString();
    const QString directory = QFileDialog::getExistingDirectory(this, tr("Export into folder"), start);
    if (directory.isEmpty())
        return;
    settings.setValue(QStringLiteral("export/lastDir"), directory);
    const RunExporter::Outcome outcome = exportTo(directory);
    if (outcome.ok())
        statusBar()->showMessage(tr("Exported %n file(s) to %1", nullptr, static_cast<int>(outcome.written.size())).arg(directory), 8000);
    else
        QMessageBox::warning(this, tr("Export"),
                             tr("Some files could not be written:\n%1").arg(outcome.errors.join(QLatin1Char('\n'))));
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

void MainWindow::showHowTo()
{
    QMessageBox box(this);
    box.setWindowTitle(tr("How to use Concurrency Lab"));
    box.setTextFormat(Qt::RichText);
    box.setText(tr("<h3>How to use</h3>"
                   "<ol>"
                   "<li><b>Lessons</b> explain each idea; a <i>Try it</i> link opens its experiment in the Lab.</li>"
                   "<li>In the <b>Lab</b>, pick a preset or set the model, workers, workload and GIL yourself.</li>"
                   "<li><b>Predict first</b>: faster, the same or slower than one worker, and by how much.</li>"
                   "<li>Press <b>Run</b> (Ctrl+R). A sequential baseline of the same workload is measured first, "
                   "once per session. Watch throughput, every core, and each worker's timeline live.</li>"
                   "<li>Read the summary: speedup against the baseline, GIL statistics, and why.</li>"
                   "<li><b>Compare</b> lists every run of the session with speedup against workers.</li>"
                   "</ol>"
                   "<p>Stop: Esc · Export: Ctrl+E · Presentation mode: Ctrl+Shift+P · Full screen: F11<br>"
                   "Timeline: Ctrl+wheel or +/- zoom, arrows or drag pan, 0 fits the whole run.</p>"));
    box.exec();
}

void MainWindow::showAbout()
{
    QMessageBox::about(this, tr("About Concurrency Lab"),
                       tr("<h3>Concurrency Lab %1</h3>"
                          "<p>See concurrency, parallelism and the Python GIL happen on your own CPU cores: real "
                          "threads, processes and a lock that behaves like CPython's GIL, measured live.</p>"
                          "<p>GPL-3.0-or-later. Built with Qt %2.</p>")
                           .arg(QApplication::applicationVersion(), QString::fromLatin1(qVersion())));
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
    if (const QByteArray geometry = settings.value(QStringLiteral("window/geometry")).toByteArray(); !geometry.isEmpty())
        restoreGeometry(geometry);
    if (const QByteArray state = settings.value(QStringLiteral("window/state")).toByteArray(); !state.isEmpty())
        restoreState(state);
    Appearance appearance;
    appearance.dark = settings.value(QStringLiteral("appearance/dark"), false).toBool();
    appearance.presentation = settings.value(QStringLiteral("appearance/presentation"), false).toBool();
    setAppearance(appearance);
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
}

void MainWindow::saveSettings() const
{
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState());
    settings.setValue(QStringLiteral("window/page"), m_pages->currentIndex());
    settings.setValue(QStringLiteral("appearance/dark"), m_appearance.dark);
    settings.setValue(QStringLiteral("appearance/presentation"), m_appearance.presentation);
    settings.remove(QStringLiteral("lab/config"));
    settings.beginGroup(QStringLiteral("lab/config"));
    for (const ConfigField &field : fields(m_lab->configFromControls()))
        settings.setValue(toQString(field.key), toQString(field.value));
    settings.endGroup();
    settings.setValue(QStringLiteral("lab/preset"), m_lab->currentPresetId());
    settings.setValue(QStringLiteral("lab/askPrediction"), m_lab->askPrediction());
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (!m_launch.capturesAndQuits())
        saveSettings();
    m_controller->stop(); // the Run ends on its own threads and is destroyed off this one
    event->accept();
}

void MainWindow::applyLaunchOptions(const LaunchOptions &options)
{
    m_launch = options;
    if (options.dark || options.presentation) {
        Appearance appearance = m_appearance;
        if (options.dark)
            appearance.dark = *options.dark;
        if (options.presentation)
            appearance.presentation = *options.presentation;
        setAppearance(appearance);
    }
    if (options.page == QLatin1String("lessons"))
        m_pages->setCurrentWidget(m_lessons);
    else if (options.page == QLatin1String("compare"))
        m_pages->setCurrentWidget(m_compare);
    else if (!options.preset.isEmpty() || options.run || options.page == QLatin1String("lab"))
        m_pages->setCurrentWidget(m_lab);
    if (!options.preset.isEmpty() && !m_lab->loadPreset(options.preset)) {
        std::fprintf(stderr, "concurrency-lab: preset: no preset '%s'\n", qPrintable(options.preset));
        m_exitCode = 2;
    }
    if (options.capturesAndQuits()) {
        if (options.quitAfterMs >= 0)
            QTimer::singleShot(options.quitAfterMs, this, &MainWindow::captureAndQuit);
        // Let the last frame and the summary paint before grabbing.
        connect(m_controller, &RunController::runFinished, this,
                [this] { QTimer::singleShot(400, this, &MainWindow::captureAndQuit); });
    }
    if (options.run) {
        QTimer::singleShot(0, this, [this] {
            const bool started = m_lab->startRun();
            if (!started) {
                std::fprintf(stderr, "concurrency-lab: %s\n", qPrintable(m_lab->validationMessage()));
                m_exitCode = 2;
                if (m_launch.capturesAndQuits())
                    QTimer::singleShot(300, this, &MainWindow::captureAndQuit);
            }
        });
    } else if (options.capturesAndQuits() && options.quitAfterMs < 0) {
        QTimer::singleShot(500, this, &MainWindow::captureAndQuit);
    }
}

void MainWindow::captureAndQuit()
{
    if (m_captured)
        return;
    m_captured = true;
    if (!m_launch.screenshot.isEmpty()) {
        const QImage image = grab().toImage();
        QByteArray bytes;
        QBuffer buffer(&bytes);
        buffer.open(QIODevice::WriteOnly);
        image.save(&buffer, "PNG");
        QSaveFile file(m_launch.screenshot);
        if (file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size() && file.commit()) {
            std::fprintf(stdout, "Wrote screenshot to %s\n", qPrintable(m_launch.screenshot));
        } else {
            std::fprintf(stderr, "concurrency-lab: screenshot: %s\n", qPrintable(file.errorString()));
            m_exitCode = 1;
        }
    }
    if (!m_launch.exportDir.isEmpty()) {
        const RunExporter::Outcome outcome = exportTo(m_launch.exportDir);
        std::fprintf(stdout, "Exported %d file(s) to %s\n", static_cast<int>(outcome.written.size()),
                     qPrintable(m_launch.exportDir));
        for (const QString &error : outcome.errors)
            std::fprintf(stderr, "concurrency-lab: export: %s\n", qPrintable(error));
        if (!outcome.ok())
            m_exitCode = 1;
    }
    std::fflush(stdout);
    m_controller->stop();
    emit captured();
    QTimer::singleShot(0, qApp, [] { QApplication::exit(); });
}

} // namespace clab
