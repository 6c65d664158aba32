#include "export/runexporter.h"

#include "export/reportwriter.h"
#include "offthreadptr.h"
#include "results/verdict.h"
#include "shell/appearance.h"
#include "textutil.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QGraphicsView>
#include <QImage>
#include <QPageLayout>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QPointer>
#include <QSvgGenerator>
#include <QWidget>

#include <vector>

namespace clab {

namespace {

// Through writeFileAtomically, not QSaveFile: QSaveFile::commit() ignores a failed fsync(2), and
// on a full disk the data may only fail to reach the disk there, leaving an empty file reported as
// written. The error names the path.
QString saveBytes(const QString &path, const QByteArray &bytes)
{
    if (auto error = writeFileAtomically(toStdString(path), bytes.toStdString()))
        return toQString(*error);
    return {};
}

// Charts are QGraphicsViews: render the view (a vector scene) rather than the widget's pixels.
// A page holding charts (the whole Lab) is painted around them, and each visible chart through
// its view: QWidget::render loses a chart's legend on a PDF device.
void paintWidget(QWidget *widget, QPainter &painter)
{
    // Vector text: a label's shortcut letter underlined would split its word in two.
    const HiddenMnemonics wholeWords;
    if (auto *view = qobject_cast<QGraphicsView *>(widget)) {
        view->render(&painter, QRectF(QPointF(0, 0), widget->size()), view->viewport()->rect());
        return;
    }
    QRegion around(widget->rect());
    std::vector<std::pair<QGraphicsView *, QRect>> views;
    for (QGraphicsView *child : widget->findChildren<QGraphicsView *>()) {
        if (!child->isVisibleTo(widget))
            continue;
        const QRect at(child->mapTo(widget, QPoint(0, 0)), child->size());
        around -= at;
        views.emplace_back(child, at);
    }
    widget->render(&painter, QPoint(), around, QWidget::DrawWindowBackground | QWidget::DrawChildren);
    for (const auto &[view, at] : views)
        view->render(&painter, QRectF(at), view->viewport()->rect());
}

} // namespace

QImage RunExporter::image(QWidget *widget)
{
    // Twice the on-screen size, so that a chart stays sharp on a slide or a printed page.
    return renderSlide(widget, SlideSpec{});
}

QString RunExporter::writePng(QWidget *widget, const QString &path, const SlideSpec &slide)
{
    const QImage picture = renderSlide(widget, slide);
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    if (!picture.save(&buffer, "PNG"))
        return QStringLiteral("could not encode PNG");
    return saveBytes(path, bytes);
}

QString RunExporter::writeSvg(QWidget *widget, const QString &path, const QString &title, const SlideSpec &slide)
{
    const QSize size = slidePixels(slide, widget);
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    QSvgGenerator generator;
    generator.setOutputDevice(&buffer);
    generator.setSize(size);
    generator.setViewBox(QRect(QPoint(0, 0), size));
    generator.setTitle(title);
    generator.setDescription(QStringLiteral("Concurrency Lab"));
    {
        QPainter painter(&generator);
        paintSlide(widget, slide, painter, paintWidget);
    }
    return saveBytes(path, bytes);
}

QString RunExporter::writePdf(QWidget *widget, const QString &path, const QString &title)
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    {
        // The PDF's resolution is the widget's, so text the widget measured on screen fits where
        // it is drawn; coordinates stay vector.
        QPdfWriter pdf(&buffer);
        const int dpi = widget->logicalDpiY();
        pdf.setResolution(dpi);
        const QSizeF points = QSizeF(widget->size()) * 72.0 / dpi;
        pdf.setPageLayout(QPageLayout(QPageSize(points, QPageSize::Point, title, QPageSize::ExactMatch),
            QPageLayout::Portrait, QMarginsF(), QPageLayout::Point));
        pdf.setTitle(title);
        pdf.setCreator(QStringLiteral("Concurrency Lab"));
        QPainter painter;
        if (!painter.begin(&pdf))
            return QStringLiteral("could not start the PDF");
        painter.scale(pdf.width() / double(widget->width()), pdf.height() / double(widget->height()));
        paintWidget(widget, painter);
    }
    return saveBytes(path, bytes);
}

QString RunExporter::writeChart(QWidget *widget, const QString &path, const QString &title, const SlideSpec &slide)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QLatin1String("png"))
        return writePng(widget, path, slide);
    if (suffix == QLatin1String("svg"))
        return writeSvg(widget, path, title, slide);
    if (suffix == QLatin1String("pdf"))
        return writePdf(widget, path, title);
    return QStringLiteral("file type: must be .png, .svg or .pdf, got '%1'").arg(QFileInfo(path).fileName());
}

QString RunExporter::writeReport(const QString &path, const RunResult &result,
    const std::optional<BaselineMeasurement> &baseline, const RunNotes &notes)
{
    const QByteArray bytes = ReportWriter::render(result, baseline, QDateTime::currentDateTime(), notes);
    if (bytes.isEmpty())
        return QStringLiteral("could not start the PDF");
    return saveBytes(path, bytes);
}

QString RunExporter::writeText(const QString &path, const std::string &content)
{
    if (auto error = writeFileAtomically(toStdString(path), content))
        return toQString(*error);
    return {};
}

std::string RunExporter::summaryText(const RunResult &result, const ExperimentResult *experiment, const RunNotes &notes)
{
    const bool withExperiment = experiment && experiment->experimentRan;
    std::string text = result.summaryText() + (withExperiment ? experiment->summaryText() : std::string())
        + explanationText(result, withExperiment ? experiment->baseline : std::nullopt);
    const auto block = [&text](const char *heading, const QString &body) {
        if (!body.isEmpty())
            text += std::string(heading) + ":\n  " + toStdString(body.simplified()) + '\n';
    };
    block("Prediction", notes.prediction);
    block("Preset", notes.presetTitle);
    block("Look for", notes.lookFor);
    return text;
}

namespace {

// The folder, made if need be; an error naming it when it cannot be.
bool makeFolder(const QString &directory, RunExporter::Outcome &outcome)
{
    if (QDir(directory).exists() || QDir().mkpath(directory))
        return true;
    outcome.errors << QStringLiteral("%1: cannot create the folder").arg(directory);
    return false;
}

void record(RunExporter::Outcome &outcome, const QString &name, const QString &error)
{
    if (error.isEmpty())
        outcome.written << name;
    else
        outcome.errors << name + QStringLiteral(": ") + error;
}

// The charts and report.pdf: they paint widgets, so GUI thread only.
void paintFiles(const QDir &dir, const std::vector<std::pair<QString, QWidget *>> &charts, const RunResult *result,
    const std::optional<BaselineMeasurement> &baseline, const RunNotes &notes, const ChartLook &look,
    RunExporter::Outcome &outcome)
{
    for (const auto &[name, widget] : charts) {
        record(outcome, name + QStringLiteral(".png"),
            RunExporter::writePng(widget, dir.filePath(name + QStringLiteral(".png")), look.specFor(name)));
        record(outcome, name + QStringLiteral(".svg"),
            RunExporter::writeSvg(widget, dir.filePath(name + QStringLiteral(".svg")), name, look.specFor(name)));
        record(outcome, name + QStringLiteral(".pdf"),
            RunExporter::writePdf(widget, dir.filePath(name + QStringLiteral(".pdf")), name));
    }
    if (result) {
        record(outcome, QStringLiteral("report.pdf"),
            RunExporter::writeReport(dir.filePath(QStringLiteral("report.pdf")), *result, baseline, notes));
    }
}

// The run's data files: engine text and file calls only, safe on any thread.
void writeDataFiles(const QDir &dir, const RunResult &result, const ExperimentResult *experiment, const RunNotes &notes,
    RunExporter::Outcome &outcome)
{
    const bool withExperiment = experiment && experiment->experimentRan;
    record(outcome, QStringLiteral("run.json"),
        RunExporter::writeText(
            dir.filePath(QStringLiteral("run.json")), withExperiment ? experiment->toJson(true) : result.toJson(true)));
    record(outcome, QStringLiteral("samples.csv"),
        RunExporter::writeText(dir.filePath(QStringLiteral("samples.csv")), result.samplesCsv()));
    record(outcome, QStringLiteral("trace.json"),
        RunExporter::writeText(
            dir.filePath(QStringLiteral("trace.json")), result.chromeTrace(toStdString(notes.traceLabel))));
    record(outcome, QStringLiteral("summary.txt"),
        RunExporter::writeText(
            dir.filePath(QStringLiteral("summary.txt")), RunExporter::summaryText(result, experiment, notes)));
}

} // namespace

RunExporter::Outcome RunExporter::exportAll(const QString &directory,
    const std::vector<std::pair<QString, QWidget *>> &charts, const RunResult *result,
    const std::optional<BaselineMeasurement> &baseline, const ExperimentResult *experiment, const RunNotes &notes,
    const ChartLook &look)
{
    Outcome outcome;
    if (!makeFolder(directory, outcome))
        return outcome;
    const QDir dir(directory);
    paintFiles(dir, charts, result, baseline, notes, look, outcome);
    if (result)
        writeDataFiles(dir, *result, experiment, notes, outcome);
    return outcome;
}

void RunExporter::exportAllInBackground(const QString &directory,
    const std::vector<std::pair<QString, QWidget *>> &charts, std::shared_ptr<const RunResult> result,
    const std::optional<BaselineMeasurement> &baseline, std::shared_ptr<const ExperimentResult> experiment,
    const RunNotes &notes, const ChartLook &look, QObject *context, std::function<void(const Outcome &)> done)
{
    Outcome outcome;
    if (!makeFolder(directory, outcome)) {
        done(outcome);
        return;
    }
    paintFiles(QDir(directory), charts, result.get(), baseline, notes, look, outcome);
    if (!result) {
        done(outcome);
        return;
    }
    // The answer comes back through the application object, which outlives the pool's tasks;
    // `context` is checked there, on this thread.
    QPointer<QObject> receiver(context);
    runOffThread([directory, result = std::move(result), experiment = std::move(experiment), notes, outcome, receiver,
                     done = std::move(done)]() mutable {
        writeDataFiles(QDir(directory), *result, experiment.get(), notes, outcome);
        QMetaObject::invokeMethod(
            QCoreApplication::instance(),
            [outcome = std::move(outcome), receiver, done = std::move(done)] {
                if (receiver)
                    done(outcome);
            },
            Qt::QueuedConnection);
    });
}

} // namespace clab
