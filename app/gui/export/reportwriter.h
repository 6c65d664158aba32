#pragma once

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
    // The PDF's bytes; empty if the PDF could not be started. `prediction` is the student's
    // prediction beside the measurement, as the Lab shows it (empty: none was made).
    static QByteArray render(const RunResult &result, const std::optional<BaselineMeasurement> &baseline,
        const QDateTime &written, const QString &prediction = {});
};

} // namespace clab
