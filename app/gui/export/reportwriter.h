#pragma once

#include "export/runexporter.h"
#include "lab/runcontroller.h"
#include "results/runresult.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QDateTime>

#include <optional>

namespace clab {

// A one-page A4 PDF report of one run, to print or hand in: the experiment in the Lab's words,
// the engine's summary (speedup and efficiency against the measured sequential baseline when one
// was measured), what the measurement shows, and the throughput, per-core and timeline charts.
//
// The charts are drawn afresh from the RunResult, in the light theme at a size made for the page,
// so the report reads the same whatever the window's theme, size or presentation mode. Output is
// vector (QPdfWriter). GUI thread only, because it lays out chart widgets; it costs tens of ms,
// more for a run with millions of timeline intervals.
class ReportWriter
{
    Q_DECLARE_TR_FUNCTIONS(ReportWriter)

public:
    // What a rendered report holds that a test can check without reading the PDF's text.
    struct Facts
    {
        int workers = 0; // the run's workers
        int lanesShown = 0; // the timeline's worker lanes on the page
        QString timelineNote; // under the timeline: the lanes left out; empty when all are shown
    };

    // The PDF's bytes; empty if the PDF could not be started. `notes`: the student's prediction
    // beside the measurement, as the Lab shows it, and the preset with its "Look for" line (each
    // left out when empty). `facts`, if given, is filled in.
    static QByteArray render(const RunResult &result, const std::optional<BaselineMeasurement> &baseline,
        const QDateTime &written, const RunNotes &notes = {}, Facts *facts = nullptr);

    // "… and 12 more workers not shown"; empty when `shown` covers every worker.
    static QString leftOutNote(int shown, int workers);
};

} // namespace clab
