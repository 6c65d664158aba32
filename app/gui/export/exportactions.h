#pragma once

#include "export/runexporter.h"
#include "shell/appearance.h"

#include <QObject>
#include <QStandardPaths>

#include <functional>

#include <utility>
#include <vector>

class QAction;
class QMainWindow;
class QMenu;
class QWidget;

namespace clab {

class ComparePage;
class LabPage;
class RunController;

// The window's exporting, asked for with a dialog: Export… (charts, the run and the report into a
// folder), Export report as PDF…, and one chart at a time from the File ▸ Export chart menu or the
// chart's own context menu. Messages go to the window's status bar, failures to a message box.
class ExportActions : public QObject
{
    Q_OBJECT

public:
    ExportActions(QMainWindow *window, RunController *controller, LabPage *lab, ComparePage *compare);

    QAction *exportAction() const { return m_exportAction; }
    QAction *reportAction() const { return m_reportAction; }
    // Adds File ▸ Export chart to `file`, and Export this chart… to each chart's context menu.
    void addChartMenu(QMenu *file);
    void setAppearance(const Appearance &appearance);
    // On when a run has finished and none is going on (and no export is being written).
    void setAvailable(bool available);
    bool isExporting() const { return m_exporting; }

    // Writes everything into `directory` without asking, and returns when it is written; charts
    // as `slides` asks (by default 16:9, captioned, in the window's theme).
    RunExporter::Outcome exportTo(const QString &directory, const SlideOptions &slides = {}) const;
    // The same as Export… does it: the run's data files are written on a pool thread, and the
    // outcome shows in the status bar or a message box when they are (exported() then).
    void exportInBackground(const QString &directory, const SlideOptions &slides = SlideOptions::load());
    // The same without a word to the user: `done` gets the outcome (the command line's
    // --export-dir prints it).
    void exportQuietly(const QString &directory, std::function<void(const RunExporter::Outcome &)> done,
        const SlideOptions &slides = {});

    // What the exports say about the last run: its prediction, and the preset it came from with
    // that preset's "Look for" line.
    RunNotes notes() const;
    // The charts' captions and the window's appearance, for these options.
    ChartLook look(const SlideOptions &slides) const;

    // Where an export dialog opens: the folder of the last export while it exists, else the
    // user's `fallback` folder (Pictures for charts, Documents for reports), else home.
    static QString startFolder(QStandardPaths::StandardLocation fallback);

    // What trace.json's marker names, asked at each export: the walkthrough step being presented;
    // where it answers nothing, the marker names the run's preset, and a custom run has none.
    void setTraceLabel(std::function<QString()> label) { m_traceLabel = std::move(label); }

    // The charts by file name ("throughput", "timeline", …); Compare's only when they show something.
    std::vector<std::pair<QString, QWidget *>> charts() const;

signals:
    void exported(const clab::RunExporter::Outcome &outcome);

private:
    void exportInteractively();
    void exportReportInteractively();
    void exportChartInteractively(const QString &name, QWidget *chart);
    QString captionFor(QWidget *chart) const;

    QMainWindow *m_window;
    RunController *m_controller;
    LabPage *m_lab;
    ComparePage *m_compare;
    QAction *m_exportAction;
    QAction *m_reportAction;
    Appearance m_appearance;
    QString m_runPreset; // the preset chosen when the last run started; empty: none
    QDate m_runDate; // when the last run finished
    bool m_available = false;
    bool m_exporting = false;
    std::function<QString()> m_traceLabel;
};

} // namespace clab
