#pragma once

#include "export/runexporter.h"
#include "lab/runcontroller.h"
#include "shell/appearance.h"
#include "shell/latencyprobe.h"
#include "shell/launchoptions.h"

#include <QMainWindow>

class QAction;
class QLabel;
class QTabWidget;

namespace clab {

class ComparePage;
class DiagnosticsDialog;
class LabPage;
class LessonsPage;
class WalkthroughPanel;
class WalkthroughPlayer;

// The window: Lessons · Lab · Compare, a toolbar (Run, Stop, Export), menus with the standard
// shortcuts, and a status bar with the run's state, its elapsed time and the core count.
// Settings (last experiment, geometry, theme) persist with QSettings.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    // Applies command-line options; with --screenshot/--export-dir/--quit-after-ms the window
    // captures itself when the run has finished (or time is up) and quits the application.
    void applyLaunchOptions(const LaunchOptions &options);
    int exitCode() const { return m_exitCode; }

    void loadSettings();
    void saveSettings() const;

    Appearance appearance() const { return m_appearance; }
    void setAppearance(const Appearance &appearance);

    RunExporter::Outcome exportTo(const QString &directory);

    LabPage *labPage() const { return m_lab; }
    LessonsPage *lessonsPage() const { return m_lessons; }
    ComparePage *comparePage() const { return m_compare; }
    RunController *controller() const { return m_controller; }
    LatencyProbe *latencyProbe() const { return m_probe; }
    QTabWidget *pages() const { return m_pages; }

    // Instructor walkthroughs (Walkthrough menu, presenter panel above the pages). Each step shows
    // its lesson and loads its preset into the Lab; stepping never starts a run.
    WalkthroughPlayer *walkthrough() const { return m_walkthrough; }
    WalkthroughPanel *walkthroughPanel() const { return m_walkthroughPanel; }
    // Opens a walkthrough file or resource; a bad one gets a (non-blocking) message listing where it
    // is wrong, and the walkthrough being presented stays as it was.
    bool openWalkthrough(const QString &path);
    // Writes the open walkthrough; on failure a message says why.
    bool saveWalkthroughAs(const QString &path);

signals:
    void captured(); // the launch options' screenshot and exports are written

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void buildActions();
    void buildStatusBar();
    void onBusyChanged(bool busy);
    void onFinished(const RunResult &result);
    void updateStatus();
    void exportInteractively();
    void exportReportInteractively();
    void exportChartInteractively(const QString &name, QWidget *chart);
    void showDiagnostics();
    void showHowTo();
    void showAbout();
    void toggleFullScreen(bool on);
    void captureAndQuit();
    std::vector<std::pair<QString, QWidget *>> exportableCharts() const;
    void buildWalkthrough();
    void showWalkthroughStep();
    void openWalkthroughInLab();
    void loadWalkthroughPreset();
    void updateWalkthroughActions();
    void openWalkthroughInteractively();
    void saveWalkthroughInteractively();
    void showWalkthroughMessage(const QString &title, const QString &text, const QStringList &details);

    RunController *m_controller;
    LatencyProbe *m_probe;
    QTabWidget *m_pages;
    LessonsPage *m_lessons;
    LabPage *m_lab;
    ComparePage *m_compare;
    DiagnosticsDialog *m_diagnostics = nullptr;

    QAction *m_runAction = nullptr;
    QAction *m_stopAction = nullptr;
    QAction *m_exportAction = nullptr;
    QAction *m_reportAction = nullptr;
    QAction *m_darkAction = nullptr;
    QAction *m_presentationAction = nullptr;
    QAction *m_fullScreenAction = nullptr;

    WalkthroughPlayer *m_walkthrough = nullptr;
    WalkthroughPanel *m_walkthroughPanel = nullptr;
    QAction *m_walkNextAction = nullptr;
    QAction *m_walkPreviousAction = nullptr;
    QAction *m_walkSaveAction = nullptr;
    QAction *m_walkCloseAction = nullptr;
    bool m_walkPresetPending = false; // the step's preset waits for the run going on to end

    QLabel *m_stateLabel = nullptr;
    QLabel *m_elapsedLabel = nullptr;
    QLabel *m_coresLabel = nullptr;
    QLabel *m_latencyLabel = nullptr;
    QString m_lastOutcome;
    double m_lastElapsed = 0.0;

    Appearance m_appearance;
    LaunchOptions m_launch;
    bool m_captured = false;
    int m_exitCode = 0;
};

} // namespace clab
