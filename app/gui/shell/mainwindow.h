#pragma once

#include "export/runexporter.h"
#include "lab/runcontroller.h"
#include "shell/appearance.h"
#include "shell/latencyprobe.h"
#include "shell/launchoptions.h"

#include <QMainWindow>

#include <functional>

class QAction;
class QLabel;
class QTabWidget;

namespace clab {

class ComparePage;
class DiagnosticsDialog;
class ExportActions;
class LabPage;
class FailureNotice;
class LaunchCapture;
class LessonsPage;
class PreferencesDialog;
class PythonInterpreters;
class ThemeChooser;
class WalkthroughController;
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
    // captures itself when the run has finished (or time is up) and quits the application
    // (shell/launchcapture.h).
    void applyLaunchOptions(const LaunchOptions &options);
    int exitCode() const;

    void loadSettings();
    void saveSettings() const;

    Appearance appearance() const { return m_appearance; }
    void setAppearance(const Appearance &appearance);

    RunExporter::Outcome exportTo(const QString &directory);
    ExportActions *exports() const { return m_exports; }

    LabPage *labPage() const { return m_lab; }
    LessonsPage *lessonsPage() const { return m_lessons; }
    ComparePage *comparePage() const { return m_compare; }
    RunController *controller() const { return m_controller; }
    FailureNotice *failureNotice() const { return m_failures; }
    LatencyProbe *latencyProbe() const { return m_probe; }
    QTabWidget *pages() const { return m_pages; }
    // The Python interpreters found on PATH (looked for off the GUI thread when the window is
    // made) and added in File ▸ Preferences (shell/preferencesdialog.h).
    PythonInterpreters *interpreters() const { return m_interpreters; }
    PreferencesDialog *showPreferences();

    // Instructor walkthroughs (Walkthrough menu, presenter panel above the pages). Each step shows
    // its lesson and loads its preset into the Lab; stepping never starts a run.
    // The wiring is WalkthroughController's (walkthrough/walkthroughcontroller.h).
    WalkthroughPlayer *walkthrough() const;
    WalkthroughPanel *walkthroughPanel() const;
    WalkthroughController *walkthroughController() const { return m_walk; }
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
    void buildPython(); // in mainwindowpython.cpp
    // --python PATH: adds it and chooses it for "Run in Python too", then `then()` (also when
    // there is no --python, at once; not when it is not a usable Python: that fails the launch).
    void chooseLaunchPython(std::function<void()> then);
    void startLaunchRun(); // --run
    void onBusyChanged(bool busy);
    void onFinished(const RunResult &result);
    void updateStatus();
    void showDiagnostics();
    void toggleFullScreen(bool on);

    RunController *m_controller;
    LatencyProbe *m_probe;
    QTabWidget *m_pages;
    LessonsPage *m_lessons;
    LabPage *m_lab;
    ComparePage *m_compare;
    DiagnosticsDialog *m_diagnostics = nullptr;
    PythonInterpreters *m_interpreters = nullptr;
    PreferencesDialog *m_preferences = nullptr;

    QAction *m_runAction = nullptr;
    QAction *m_stopAction = nullptr;
    ThemeChooser *m_theme = nullptr;
    QAction *m_presentationAction = nullptr;
    QAction *m_fullScreenAction = nullptr;

    ExportActions *m_exports = nullptr;
    WalkthroughController *m_walk = nullptr;
    LaunchCapture *m_capture = nullptr;
    FailureNotice *m_failures = nullptr;

    QLabel *m_stateLabel = nullptr;
    QLabel *m_elapsedLabel = nullptr;
    QLabel *m_coresLabel = nullptr;
    QLabel *m_latencyLabel = nullptr;
    QString m_lastOutcome;
    double m_lastElapsed = 0.0;

    Appearance m_appearance;
    LaunchOptions m_launch;
    int m_exitCode = 0;
};

} // namespace clab
