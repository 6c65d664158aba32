#pragma once

#include "export/slideimage.h"
#include "lab/runcontroller.h"
#include "results/runresult.h"

#include <QDateTime>
#include <QHash>
#include <QString>
#include <QStringList>

#include <functional>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

class QObject;
class QImage;
class QWidget;

namespace clab {

// What an export says about a run beside its measurements (summary.txt and report.pdf).
struct RunNotes
{
    QString prediction; // the student's prediction and its grade, as the Lab shows it; may be empty
    QString presetTitle; // the preset the run came from; empty: a custom experiment
    QString lookFor; // that preset's "Look for:" line, from its lesson's Try it
    QString traceLabel; // the marker trace.json opens with: the preset or walkthrough step; may be empty
};

// How the charts' PNG and SVG are made: the slide options, the window's appearance, and each
// chart's caption by its file name ("throughput" -> "The GIL, live · 2025-03-04").
struct ChartLook
{
    SlideOptions options{SlideOptions::Size::Screen, SlideOptions::Theme::Current, false};
    Appearance current;
    QHash<QString, QString> captions;

    SlideSpec specFor(const QString &name) const { return {options, captions.value(name), current}; }
};

// Writes a run's exports into a folder: every chart as PNG, SVG and PDF, the run as JSON (with the
// timeline), the samples as CSV, the timeline as a Chrome trace, the summary as text, and a
// one-page PDF report. Each file is written whole or not at all (writeFileAtomically):
// it is written beside its target, then renamed over it. GUI thread only (it paints widgets).
class RunExporter
{
public:
    struct Outcome
    {
        QStringList written; // file names
        QStringList errors; // "cores.svg: No space left on device"
        bool ok() const { return errors.isEmpty(); }
    };

    // `charts`: base file name -> widget ("throughput" -> the throughput chart). With a result,
    // the run's data and report.pdf too; `baseline` is the measured sequential baseline, if any.
    // With the experiment the run belongs to, run.json gets its "experiment" object (speedup,
    // baseline and its age, as the CLI's `run --baseline` writes) and summary.txt its lines.
    // `notes` go into summary.txt and report.pdf; `look` makes the charts' PNG and SVG.
    static Outcome exportAll(const QString &directory, const std::vector<std::pair<QString, QWidget *>> &charts,
        const RunResult *result, const std::optional<BaselineMeasurement> &baseline = std::nullopt,
        const ExperimentResult *experiment = nullptr, const RunNotes &notes = {}, const ChartLook &look = {});

    // The same, without making the GUI thread wait for the run's data files: the charts and
    // report.pdf are painted here and now (widgets live on this thread), while run.json,
    // samples.csv, trace.json and summary.txt are built, written and fsynced on a pool thread
    // (for a long run that is seconds). `done` then runs on this thread with the whole outcome,
    // unless `context` is gone by then. `experiment` may be null; the shared pointers keep the run
    // alive until its files are written.
    static void exportAllInBackground(const QString &directory,
        const std::vector<std::pair<QString, QWidget *>> &charts, std::shared_ptr<const RunResult> result,
        const std::optional<BaselineMeasurement> &baseline, std::shared_ptr<const ExperimentResult> experiment,
        const RunNotes &notes, const ChartLook &look, QObject *context, std::function<void(const Outcome &)> done);

    // The widget as an opaque image at twice its size (sharp on a slide), in its theme's colours:
    // what Copy image puts on the clipboard.
    static QImage image(QWidget *widget);
    // Each returns an error message ("No such file or directory"), or an empty string on success.
    // PNG and SVG as `slide` asks (slideimage.h); by default the widget as image() has it.
    static QString writePng(QWidget *widget, const QString &path, const SlideSpec &slide = {});
    static QString writeSvg(QWidget *widget, const QString &path, const QString &title, const SlideSpec &slide = {});
    // Vector PDF of one page sized to the widget.
    static QString writePdf(QWidget *widget, const QString &path, const QString &title);
    // PNG, SVG or PDF, chosen by the path's suffix; any other suffix is an error.
    static QString writeChart(QWidget *widget, const QString &path, const QString &title, const SlideSpec &slide = {});
    // The one-page A4 report of a run (ReportWriter), with the notes' prediction and preset.
    static QString writeReport(const QString &path, const RunResult &result,
        const std::optional<BaselineMeasurement> &baseline, const RunNotes &notes = {});
    // summary.txt: the engine's summary, the baseline and speedup (with the experiment), the
    // explanation, the prediction with its grade, and the preset with its "Look for" line.
    static std::string summaryText(const RunResult &result, const ExperimentResult *experiment, const RunNotes &notes);
    static QString writeText(const QString &path, const std::string &content);
};

} // namespace clab
