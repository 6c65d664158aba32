#pragma once

#include "export/runexporter.h"
#include "shell/launchoptions.h"

#include <QObject>

#include <functional>

class QWidget;

namespace clab {

class RunController;
class SweepController;

// The command line's capture (--screenshot FILE, --export-dir DIR, --quit-after-ms N): once the
// run or the sweep has ended, or the time is up, it grabs the window into the PNG, exports into
// the folder, stops any run and quits the application. Captures once; later triggers do nothing.
class LaunchCapture : public QObject
{
    Q_OBJECT

public:
    // Writes the exports into a folder and calls `done` with the outcome later, on this thread
    // (the data files are written off it).
    using Done = std::function<void(const RunExporter::Outcome &outcome)>;
    using Exporter = std::function<void(const QString &directory, Done done)>;

    // `window` is grabbed; `exporter` writes the exports into a folder. Both must outlive this.
    LaunchCapture(QWidget *window, RunController *controller, Exporter exporter, QObject *parent = nullptr);

    // Arms the triggers `options` asks for (nothing when it does not capture): its time limit, the
    // end of a run or of the sweep, and for a launch that runs nothing, a moment to paint.
    void arm(const LaunchOptions &options, SweepController *sweeps);
    // After `ms`, when the options capture at all (a launch that failed to start its run or sweep).
    void captureSoon(int ms);
    void captureAndQuit();

    bool hasCaptured() const { return m_captured; }
    // 1 when the screenshot or an export could not be written, else 0.
    int exitCode() const { return m_exitCode; }

signals:
    void captured(); // the screenshot and exports are written

private:
    void report(const RunExporter::Outcome &outcome);
    void quit();

    QWidget *m_window;
    RunController *m_controller;
    Exporter m_exporter;
    LaunchOptions m_options;
    bool m_captured = false;
    int m_exitCode = 0;
};

} // namespace clab
