#include "export/exportactions.h"

#include "charts/corebarswidget.h"
#include "charts/corechart.h"
#include "charts/overlaychart.h"
#include "charts/speedupchart.h"
#include "charts/throughputchart.h"
#include "charts/timelinewidget.h"
#include "compare/comparepage.h"
#include "export/exportdialog.h"
#include "lab/labpage.h"
#include "lab/runcontroller.h"
#include "lab/summarywidget.h"
#include "lessons/embeddedcontent.h"
#include "textutil.h"

#include <QAction>
#include <QClipboard>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QGuiApplication>
#include <QMainWindow>
#include <QMenu>
#include <QMessageBox>
#include <QSettings>
#include <QStatusBar>

namespace clab {

ExportActions::ExportActions(QMainWindow *window, RunController *controller, LabPage *lab, ComparePage *compare)
    : QObject(window)
    , m_window(window)
    , m_controller(controller)
    , m_lab(lab)
    , m_compare(compare)
    , m_exportAction(new QAction(tr("&Export…"), window))
    , m_reportAction(new QAction(tr("Export &report as PDF…"), window))
{
    m_exportAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    m_exportAction->setToolTip(
        tr("Export the charts (PNG, SVG, PDF), the run (JSON, CSV, trace) and a PDF report into a folder (Ctrl+E)"));
    connect(m_exportAction, &QAction::triggered, this, &ExportActions::exportInteractively);
    m_reportAction->setIconText(tr("PDF report"));
    m_reportAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E));
    m_reportAction->setToolTip(tr("A one-page A4 PDF of the last run: parameters, summary and charts (Ctrl+Shift+E)"));
    connect(m_reportAction, &QAction::triggered, this, &ExportActions::exportReportInteractively);
    // The run's preset and date, for its captions and notes: what the Lab had when it ran.
    connect(m_controller, &RunController::runStarted, this, [this](const RunConfig &, bool baseline) {
        if (!baseline)
            m_runPreset = m_lab->currentPresetId();
    });
    connect(m_controller, &RunController::runFinished, this,
        [this](const RunResult &) { m_runDate = QDate::currentDate(); });
}

void ExportActions::addChartMenu(QMenu *file)
{
    // One chart at a time, from the menu or the chart's own context menu.
    QMenu *chartMenu = file->addMenu(tr("Export &chart"));
    for (const auto &[name, chart] : charts()) {
        const QString title = chart == m_lab ? tr("The whole Lab page") : chart->accessibleName();
        auto *action = chartMenu->addAction(tr("%1…").arg(title));
        connect(action, &QAction::triggered, this,
            [this, name = name, chart = chart] { exportChartInteractively(name, chart); });
        if (chart == m_lab)
            continue; // the page's own right-clicks belong to its controls
        auto *contextAction = new QAction(tr("Export this chart…"), chart);
        connect(contextAction, &QAction::triggered, this,
            [this, name = name, chart = chart] { exportChartInteractively(name, chart); });
        chart->addAction(contextAction);
        // Ctrl+C on a chart that has the focus (a click gives it), or from its context menu.
        auto *copyAction = new QAction(tr("Copy image"), chart);
        copyAction->setObjectName(QStringLiteral("copyChartImage"));
        copyAction->setShortcut(QKeySequence::Copy);
        copyAction->setShortcutContext(Qt::WidgetShortcut);
        connect(copyAction, &QAction::triggered, this, [this, chart = chart] {
            QGuiApplication::clipboard()->setImage(RunExporter::image(chart));
            m_window->statusBar()->showMessage(tr("Copied the chart to the clipboard"), 5000);
        });
        chart->addAction(copyAction);
        if (chart->focusPolicy() == Qt::NoFocus)
            chart->setFocusPolicy(Qt::ClickFocus);
        chart->setContextMenuPolicy(Qt::ActionsContextMenu);
    }
}

void ExportActions::setAppearance(const Appearance &appearance)
{
    m_appearance = appearance;
    m_exportAction->setIcon(actionIcon(ActionIcon::Export, appearance));
    m_reportAction->setIcon(actionIcon(ActionIcon::Export, appearance));
}

void ExportActions::setAvailable(bool available)
{
    m_available = available;
    // One export at a time: two would write the same files.
    m_exportAction->setEnabled(available && !m_exporting);
    m_reportAction->setEnabled(available);
}

std::vector<std::pair<QString, QWidget *>> ExportActions::charts() const
{
    std::vector<std::pair<QString, QWidget *>> out{
        {QStringLiteral("throughput"), m_lab->throughputChart()},
        {QStringLiteral("cores"), m_lab->coreChart()},
        {QStringLiteral("core-bars"), m_lab->coreBars()},
        {QStringLiteral("timeline"), m_lab->timeline()},
        {QStringLiteral("lab"), m_lab},
    };
    // Compare's charts only when they show something: an empty chart is no use on a slide.
    if (m_compare->speedupChart()->lineCount() > 0)
        out.emplace_back(QStringLiteral("speedup"), m_compare->speedupChart());
    if (m_compare->throughputOverlay()->seriesCount() > 0) {
        out.emplace_back(QStringLiteral("compare-throughput"), m_compare->throughputOverlay());
        out.emplace_back(QStringLiteral("compare-cores"), m_compare->coreOverlay());
    }
    return out;
}

RunNotes ExportActions::notes() const
{
    RunNotes notes;
    notes.prediction = m_lab->summary()->predictionText();
    if (const Preset *preset = embeddedPresets().find(toStdString(m_runPreset))) {
        notes.presetTitle = toQString(preset->title);
        notes.lookFor = presetLookFor(*preset);
    }
    notes.traceLabel = m_traceLabel ? m_traceLabel() : QString();
    if (notes.traceLabel.isEmpty() && !m_runPreset.isEmpty())
        notes.traceLabel = QStringLiteral("preset ") + m_runPreset;
    return notes;
}

QString ExportActions::captionFor(QWidget *chart) const
{
    const std::shared_ptr<const RunResult> result = m_controller->lastResult();
    if (m_compare->isAncestorOf(chart) || !result) // Compare's charts are of its sweep, not of the Lab's run
        return chart->accessibleName() + QStringLiteral(" · ") + QDate::currentDate().toString(Qt::ISODate);
    return slideCaption(result->config, notes().presetTitle, m_runDate.isValid() ? m_runDate : QDate::currentDate());
}

ChartLook ExportActions::look(const SlideOptions &slides) const
{
    ChartLook look;
    look.options = slides;
    look.current = m_appearance;
    for (const auto &[name, chart] : charts())
        look.captions.insert(name, captionFor(chart));
    return look;
}

RunExporter::Outcome ExportActions::exportTo(const QString &directory, const SlideOptions &slides) const
{
    const std::shared_ptr<const RunResult> result = m_controller->lastResult();
    const std::shared_ptr<const ExperimentResult> experiment = m_controller->lastExperiment();
    return RunExporter::exportAll(directory, charts(), result.get(),
        result ? m_controller->lastBaseline() : std::nullopt, experiment.get(), notes(), look(slides));
}

QString ExportActions::startFolder(QStandardPaths::StandardLocation fallback)
{
    const QString last = QSettings().value(QStringLiteral("export/lastDir")).toString();
    if (!last.isEmpty() && QDir(last).exists())
        return last;
    const QString standard = QStandardPaths::writableLocation(fallback);
    return !standard.isEmpty() && QDir(standard).exists() ? standard : QDir::homePath();
}

void ExportActions::exportReportInteractively()
{
    const std::shared_ptr<const RunResult> result = m_controller->lastResult();
    if (!result)
        return;
    QSettings settings;
    const QString start = QDir(startFolder(QStandardPaths::DocumentsLocation)).filePath(QStringLiteral("report.pdf"));
    QString path = QFileDialog::getSaveFileName(m_window, tr("Export report as PDF"), start, tr("PDF (*.pdf)"));
    if (path.isEmpty())
        return;
    if (QFileInfo(path).suffix().isEmpty())
        path += QStringLiteral(".pdf");
    settings.setValue(QStringLiteral("export/lastDir"), QFileInfo(path).absolutePath());
    const QString error = RunExporter::writeReport(path, *result, m_controller->lastBaseline(), notes());
    if (error.isEmpty())
        m_window->statusBar()->showMessage(tr("Wrote the report to %1").arg(path), 8000);
    else
        QMessageBox::warning(m_window, tr("Export report"), tr("%1 was not written: %2").arg(path, error));
}

void ExportActions::exportChartInteractively(const QString &name, QWidget *chart)
{
    QSettings settings;
    const QString start = QDir(startFolder(QStandardPaths::PicturesLocation)).filePath(name + QStringLiteral(".pdf"));
    const QString pdf = tr("PDF, vector (*.pdf)");
    const QString svg = tr("SVG, vector (*.svg)");
    const QString png = tr("PNG image (*.png)");
    QString filter = pdf;
    QString path = QFileDialog::getSaveFileName(
        m_window, tr("Export chart"), start, QStringList{pdf, svg, png}.join(QStringLiteral(";;")), &filter);
    if (path.isEmpty())
        return;
    if (QFileInfo(path).suffix().isEmpty())
        path += filter == svg ? QStringLiteral(".svg")
            : filter == png   ? QStringLiteral(".png")
                              : QStringLiteral(".pdf");
    settings.setValue(QStringLiteral("export/lastDir"), QFileInfo(path).absolutePath());
    // PNG and SVG as Export… last made them (size, theme, caption).
    const QString error = RunExporter::writeChart(chart, path, name, look(SlideOptions::load()).specFor(name));
    if (error.isEmpty())
        m_window->statusBar()->showMessage(tr("Wrote %1").arg(path), 8000);
    else
        QMessageBox::warning(m_window, tr("Export chart"), tr("%1 was not written: %2").arg(path, error));
}

void ExportActions::exportInteractively()
{
    ExportDialog dialog(
        charts(), [this](const QString &name, const SlideOptions &options) { return look(options).specFor(name); },
        startFolder(QStandardPaths::PicturesLocation), SlideOptions::load(), m_window);
    if (dialog.exec() != QDialog::Accepted || dialog.folder().isEmpty())
        return;
    dialog.options().save();
    QSettings().setValue(QStringLiteral("export/lastDir"), dialog.folder());
    exportInBackground(dialog.folder(), dialog.options());
}

void ExportActions::exportQuietly(
    const QString &directory, std::function<void(const RunExporter::Outcome &)> done, const SlideOptions &slides)
{
    const std::shared_ptr<const RunResult> result = m_controller->lastResult();
    RunExporter::exportAllInBackground(directory, charts(), result,
        result ? m_controller->lastBaseline() : std::nullopt, m_controller->lastExperiment(), notes(), look(slides),
        this, std::move(done));
}

void ExportActions::exportInBackground(const QString &directory, const SlideOptions &slides)
{
    m_exporting = true;
    setAvailable(m_available);
    m_window->statusBar()->showMessage(tr("Exporting to %1…").arg(directory));
    exportQuietly(
        directory,
        [this, directory](const RunExporter::Outcome &outcome) {
            m_exporting = false;
            setAvailable(m_available);
            if (outcome.ok()) {
                m_window->statusBar()->showMessage(
                    (outcome.written.size() == 1
                            ? tr("Exported 1 file to %1").arg(directory)
                            : tr("Exported %1 files to %2").arg(outcome.written.size()).arg(directory)),
                    8000);
            } else {
                m_window->statusBar()->clearMessage();
                QMessageBox::warning(m_window, tr("Export"),
                    tr("Some files could not be written:\n%1").arg(outcome.errors.join(QLatin1Char('\n'))));
            }
            emit exported(outcome);
        },
        slides);
}

} // namespace clab
