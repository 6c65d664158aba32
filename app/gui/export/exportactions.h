#pragma once

#include "export/runexporter.h"
#include "shell/appearance.h"

#include <QObject>

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
    // On when a run has finished and none is going on.
    void setAvailable(bool available);

    // Writes everything into `directory` without asking.
    RunExporter::Outcome exportTo(const QString &directory) const;
    // The charts by file name ("throughput", "timeline", …); Compare's only when they show something.
    std::vector<std::pair<QString, QWidget *>> charts() const;

private:
    void exportInteractively();
    void exportReportInteractively();
    void exportChartInteractively(const QString &name, QWidget *chart);

    QMainWindow *m_window;
    RunController *m_controller;
    LabPage *m_lab;
    ComparePage *m_compare;
    QAction *m_exportAction;
    QAction *m_reportAction;
};

} // namespace clab
