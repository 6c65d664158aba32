#include "export/reportwriter.h"

#include "export/reportcharts.h"

#include "lab/explanation.h"
#include "lab/rundescription.h"
#include "textutil.h"

#include "charts/corechart.h"
#include "charts/throughputchart.h"
#include "charts/timelinewidget.h"

#include <QApplication>
#include <QBuffer>
#include <QFontMetricsF>
#include <QPageLayout>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>

#include <algorithm>
#include <memory>
#include <vector>

namespace clab {

namespace {

// Report text sizes, in points.
constexpr double kTitlePoints = 15.0;
constexpr double kHeadingPoints = 10.0;
constexpr double kBodyPoints = 8.5;
constexpr double kSmallPoints = 7.0;

// The page: A4 portrait, margins in millimetres.
constexpr double kMarginMm = 14.0;

QFont reportFont(double points, bool bold = false)
{
    QFont font = QApplication::font();
    font.setPointSizeF(points);
    font.setBold(bold);
    return font;
}

// A name and a value, one row of the report's tables.
struct Row
{
    QString name;
    QString value;
};

// A workload parameter's value for the report: its number and unit, and what a fraction means.
QString parameterValue(const RunConfig &config, const FieldSpec &field)
{
    QString text = fieldValueText(config, field);
    if (field.key == "cpu_fraction")
        text += ReportWriter::tr(" (%1% computing)").arg(formatFixed(config.cpuFraction * 100.0, 0));
    return text;
}

std::vector<Row> experimentRows(const RunConfig &config)
{
    std::vector<Row> rows;
    rows.push_back({ReportWriter::tr("Model"), modelText(config.model)});
    rows.push_back({ReportWriter::tr("Workers"), QString::number(config.workers)});
    QString workload = toQString(toString(config.workload));
    const WorkloadInfo *info = nullptr;
    for (const WorkloadInfo &candidate : workloadCatalog()) {
        if (candidate.kind == config.workload)
            info = &candidate;
    }
    if (info)
        workload += QStringLiteral(": ") + toQString(info->summary);
    rows.push_back({ReportWriter::tr("Workload"), workload});
    rows.push_back({ReportWriter::tr("Tasks"), QLocale().toString(config.tasks)});
    for (const FieldSpec &field : configFields()) {
        if (field.isParameterOf(config.workload))
            rows.push_back({parameterText(toQString(field.key)), parameterValue(config, field)});
    }
    if (config.model == ExecutionModel::Coroutines) {
        rows.push_back({ReportWriter::tr("Yield to the loop"),
            config.yieldEvery > 0 ? ReportWriter::tr("every %1 steps").arg(config.yieldEvery)
                                  : ReportWriter::tr("only where a task awaits")});
        if (config.blockingIo)
            rows.push_back({ReportWriter::tr("I/O"), ReportWriter::tr("a blocking call that stalls the loop")});
    }
    rows.push_back({ReportWriter::tr("GIL"), gilText(config.gil)});
    rows.push_back({ReportWriter::tr("Switch interval"),
        config.gil == GilPolicy::Off ? ReportWriter::tr("– (no GIL)")
                                     : QStringLiteral("%1 ms").arg(config.switchIntervalMs, 0, 'g', 3)});
    rows.push_back({ReportWriter::tr("CPU hogs"), QString::number(config.cpuHogs)});
    rows.push_back({ReportWriter::tr("Sampling"), ReportWriter::tr("%1 per second").arg(config.sampleHz, 0, 'g', 3)});
    return rows;
}

std::vector<Row> summaryRows(const RunResult &result, const std::optional<BaselineMeasurement> &baseline)
{
    const RunSummary &s = result.summary;
    std::vector<Row> rows;
    rows.push_back({ReportWriter::tr("Wall time"), QStringLiteral("%1 s").arg(formatFixed(s.wallSeconds, 3))});
    rows.push_back({ReportWriter::tr("CPU time"),
        ReportWriter::tr("%1 s (%2 cores busy on average)")
            .arg(formatFixed(s.cpuSeconds, 3), formatFixed(s.avgCoresBusy, 2))});
    rows.push_back(
        {ReportWriter::tr("Tasks"), ReportWriter::tr("%1 of %2").arg(s.tasksCompleted).arg(result.config.tasks)});
    rows.push_back(
        {ReportWriter::tr("Throughput"), ReportWriter::tr("%1 tasks/s").arg(formatFixed(s.throughputTps, 1))});

    rows.push_back({ReportWriter::tr("Baseline (measured)"), describeBaseline(baseline, result.startNs)});
    const std::optional<double> speedup = speedupOf(result, baseline);
    rows.push_back({ReportWriter::tr("Speedup (measured)"),
        speedup ? QStringLiteral("×%1").arg(formatFixed(*speedup, 2)) : ReportWriter::tr("–")});
    rows.push_back({ReportWriter::tr("Efficiency"),
        speedup
            ? ReportWriter::tr("%1% (speedup per worker)").arg(formatFixed(*speedup / result.config.workers * 100.0, 0))
            : ReportWriter::tr("–")});
    rows.push_back(
        {ReportWriter::tr("Max running"), ReportWriter::tr("%1 at once (running bytecode)").arg(s.maxRunning)});
    const bool gil = result.config.gil != GilPolicy::Off;
    rows.push_back({ReportWriter::tr("GIL switches"),
        gil ? ReportWriter::tr("%1 (%2 drop requests)").arg(s.gil.switches).arg(s.gil.dropRequests)
            : ReportWriter::tr("no GIL")});
    rows.push_back({ReportWriter::tr("GIL hold / wait"),
        gil ? ReportWriter::tr("%1 ms / %2 ms mean")
                  .arg(formatFixed(s.gil.holdMsMean, 3), formatFixed(s.gil.waitMsMean, 3))
            : ReportWriter::tr("no GIL")});
    rows.push_back({ReportWriter::tr("Task latency"),
        ReportWriter::tr("%1 ms p50, %2 ms p90, %3 ms p99")
            .arg(formatFixed(s.latencyMsP50, 2), formatFixed(s.latencyMsP90, 2), formatFixed(s.latencyMsP99, 2))});
    return rows;
}

QString statusText(const RunResult &result)
{
    const RunSummary &s = result.summary;
    if (!s.error.empty())
        return ReportWriter::tr("Failed: %1").arg(toQString(s.error));
    QString text = s.stopped
        ? ReportWriter::tr("Stopped after %1 of %2 tasks").arg(s.tasksCompleted).arg(result.config.tasks)
        : ReportWriter::tr("Finished");
    if (!s.workerFailures.empty())
        text += (s.workerFailures.size() == 1 ? ReportWriter::tr(", 1 worker failed")
                                              : ReportWriter::tr(", %1 workers failed").arg(s.workerFailures.size()));
    return text;
}

// Draws text top-down on the page; every call returns the height it took.
class PageWriter
{
public:
    PageWriter(QPainter &painter, QPaintDevice *device)
        : m_painter(painter)
        , m_device(device)
    {}

    double text(const QRectF &box, const QString &text, const QFont &font, const QColor &colour,
        int flags = int(Qt::AlignLeft | Qt::AlignTop) | Qt::TextWordWrap)
    {
        m_painter.setFont(font);
        m_painter.setPen(colour);
        QRectF used;
        m_painter.drawText(box, flags, text, &used);
        return used.height();
    }

    double height(double width, const QString &text, const QFont &font) const
    {
        const QFontMetricsF metrics(font, m_device);
        return metrics.boundingRect(QRectF(0, 0, width, 1e6), Qt::AlignLeft | Qt::TextWordWrap, text).height();
    }

    // A two-column table: names on the left in muted text, values wrapped beside them.
    double table(const QRectF &box, const QString &heading, const std::vector<Row> &rows, double nameWidth)
    {
        const QFont headingFont = reportFont(kHeadingPoints, true);
        const QFont body = reportFont(kBodyPoints);
        const QFont name = reportFont(kBodyPoints, true);
        double y = box.top();
        y += text(QRectF(box.left(), y, box.width(), 1e6), heading, headingFont, m_ink);
        y += gap();
        m_painter.setPen(QPen(m_rule, 0.0));
        m_painter.drawLine(QPointF(box.left(), y), QPointF(box.right(), y));
        y += gap();
        const double valueLeft = box.left() + nameWidth;
        const double valueWidth = box.width() - nameWidth;
        for (const Row &row : rows) {
            const double h = std::max(height(nameWidth, row.name, name), height(valueWidth, row.value, body));
            text(QRectF(box.left(), y, nameWidth - gap(), h), row.name, name, m_muted);
            text(QRectF(valueLeft, y, valueWidth, h), row.value, body, m_ink);
            y += h + gap() * 0.6;
        }
        return y - box.top();
    }

    double gap() const { return m_device->logicalDpiY() / 25.4 * 1.2; } // 1.2 mm

    const QColor m_ink{20, 20, 24};
    const QColor m_muted{88, 92, 100};
    const QColor m_rule{190, 194, 200};

private:
    QPainter &m_painter;
    QPaintDevice *m_device;
};

} // namespace

QString ReportWriter::leftOutNote(int shown, int workers)
{
    const int left = workers - shown;
    if (left <= 0)
        return {};
    return left == 1 ? tr("… and 1 more worker not shown") : tr("… and %1 more workers not shown").arg(left);
}

QByteArray ReportWriter::render(const RunResult &result, const std::optional<BaselineMeasurement> &baseline,
    const QDateTime &written, const RunNotes &notes, Facts *facts)
{
    const QString &prediction = notes.prediction;
    ReportCharts charts(result, baseline);

    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    QPdfWriter pdf(&buffer);
    pdf.setResolution(charts.dpi());
    pdf.setPageLayout(
        QPageLayout(QPageSize(QPageSize::A4), QPageLayout::Portrait, QMarginsF(), QPageLayout::Millimeter));
    pdf.setTitle(tr("Concurrency Lab run report: %1").arg(describeRun(result.config)));
    pdf.setCreator(QStringLiteral("Concurrency Lab"));
    QPainter painter;
    if (!painter.begin(&pdf))
        return {};
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setRenderHint(QPainter::TextAntialiasing);

    const double mm = pdf.logicalDpiY() / 25.4;
    const QRectF page(QPointF(0, 0), QSizeF(pdf.width(), pdf.height()));
    const QRectF content = page.adjusted(kMarginMm * mm, kMarginMm * mm, -kMarginMm * mm, -kMarginMm * mm);
    PageWriter out(painter, &pdf);
    double y = content.top();

    // Title, date, the run in one line, where it ran.
    const QFont title = reportFont(kTitlePoints, true);
    const QFont small = reportFont(kSmallPoints);
    const QString date = QLocale().toString(written, QStringLiteral("yyyy-MM-dd HH:mm"));
    out.text(content, date, reportFont(kBodyPoints), out.m_muted, Qt::AlignRight | Qt::AlignTop);
    y += out.text(
        QRectF(content.left(), y, content.width(), 1e6), tr("Concurrency Lab — run report"), title, out.m_ink);
    y += out.gap();
    if (!notes.presetTitle.isEmpty()) {
        y += out.text(QRectF(content.left(), y, content.width(), 1e6), tr("Preset: %1").arg(notes.presetTitle),
            reportFont(kHeadingPoints, true), out.m_ink);
    }
    y += out.text(QRectF(content.left(), y, content.width(), 1e6), describeRun(result.config),
        reportFont(kHeadingPoints), out.m_ink);
    QString machine = statusText(result);
    const platform::MachineInfo &m = result.machine;
    QStringList where;
    if (!m.cpuModel.empty())
        where << toQString(m.cpuModel);
    if (m.logicalCpus > 0)
        where << (m.logicalCpus == 1 ? tr("1 logical core") : tr("%1 logical cores").arg(m.logicalCpus));
    if (!m.os.empty())
        where << toQString(m.os);
    if (!where.isEmpty())
        machine += tr(" · measured on %1").arg(where.join(QStringLiteral(", ")));
    y += out.text(QRectF(content.left(), y, content.width(), 1e6), machine, small, out.m_muted);
    y += out.gap() * 2.5;

    // The experiment and what was measured, side by side.
    const double columnGap = 8.0 * mm;
    const double columnWidth = (content.width() - columnGap) / 2.0;
    const double nameWidth = 38.0 * mm;
    const double left = out.table(
        QRectF(content.left(), y, columnWidth, 1e6), tr("Experiment"), experimentRows(result.config), nameWidth);
    const double right = out.table(QRectF(content.left() + columnWidth + columnGap, y, columnWidth, 1e6),
        tr("Measured"), summaryRows(result, baseline), nameWidth);
    y += std::max(left, right) + out.gap() * 1.5;

    // What the numbers show, in the words the Lab's summary uses.
    const QString explanation = explainRun(result, baseline);
    if (!prediction.isEmpty()) {
        y += out.text(QRectF(content.left(), y, content.width(), 1e6), tr("The prediction"),
            reportFont(kHeadingPoints, true), out.m_ink);
        y += out.gap() * 0.6;
        y += out.text(QRectF(content.left(), y, content.width(), 1e6), prediction, reportFont(kBodyPoints), out.m_ink);
        y += out.gap() * 1.5;
    }
    if (!notes.lookFor.isEmpty()) {
        y += out.text(QRectF(content.left(), y, content.width(), 1e6), tr("Look for"), reportFont(kHeadingPoints, true),
            out.m_ink);
        y += out.gap() * 0.6;
        y += out.text(
            QRectF(content.left(), y, content.width(), 1e6), notes.lookFor, reportFont(kBodyPoints), out.m_ink);
        y += out.gap() * 1.5;
    }
    if (!explanation.isEmpty()) {
        y += out.text(QRectF(content.left(), y, content.width(), 1e6), tr("What the measurement shows"),
            reportFont(kHeadingPoints, true), out.m_ink);
        y += out.gap() * 0.6;
        y += out.text(QRectF(content.left(), y, content.width(), 1e6), explanation, reportFont(kBodyPoints), out.m_ink);
        y += out.gap() * 3.0;
    }

    // The charts fill the rest of the page above the footer: throughput and cores side by side,
    // the timeline below them at full width.
    const QString footer = tr("Concurrency Lab %1 · every number and chart on this page was measured in this run; "
                              "speedups are against a sequential baseline measured on the same machine.")
                               .arg(QApplication::applicationVersion());
    const double footerHeight = out.height(content.width(), footer, small);
    const double bottom = content.bottom() - footerHeight - out.gap();
    const QFont heading = reportFont(kHeadingPoints, true);
    const double headingHeight = out.height(content.width(), QStringLiteral("Xg"), heading) + out.gap() * 0.5;
    // A line under the timeline is kept for the lanes it may leave out.
    const double noteHeight = out.height(content.width(), QStringLiteral("Xg"), small) + out.gap() * 0.5;
    const double available = bottom - y - 2 * headingHeight - out.gap() * 2.0 - noteHeight;
    // A few lanes need little height; the charts above take what they leave, up to a pleasant
    // aspect, and many lanes take whatever is left. Without a line to draw, a note is enough.
    const bool lines = result.samples.size() >= 2;
    const double topHeight = lines
        ? std::clamp(available - charts.timelineHeight(result), 45.0 * mm, std::max(45.0 * mm, columnWidth * 0.85))
        : 22.0 * mm;
    const double timelineHeight = std::max(35.0 * mm, std::min(available - topHeight, charts.timelineHeight(result)));

    out.text(QRectF(content.left(), y, columnWidth, headingHeight), tr("Throughput"), heading, out.m_ink);
    out.text(QRectF(content.left() + columnWidth + columnGap, y, columnWidth, headingHeight),
        tr("CPU cores, whole machine"), heading, out.m_ink);
    y += headingHeight;
    const QRectF throughputBox(content.left(), y, columnWidth, topHeight);
    const QRectF coresBox(content.left() + columnWidth + columnGap, y, columnWidth, topHeight);
    if (lines) {
        charts.paint(painter, charts.throughput(), throughputBox);
        charts.paint(painter, charts.cores(), coresBox);
    } else {
        // An empty chart says nothing: say why there is no line.
        const QString note = tr("Too short for a line over time: the run took %1, and one measurement is taken "
                                "every %2 ms. The numbers above cover the whole run.")
                                 .arg(formatDuration(result.summary.wallSeconds))
                                 .arg(1000.0 / result.config.sampleHz, 0, 'g', 3);
        for (const QRectF &box : {throughputBox, coresBox}) {
            painter.setPen(QPen(out.m_rule, 0.0));
            painter.setBrush(Qt::NoBrush);
            painter.drawRect(box);
            out.text(box.adjusted(6 * mm, 0, -6 * mm, 0), note, reportFont(kBodyPoints), out.m_muted,
                int(Qt::AlignCenter) | Qt::TextWordWrap);
        }
    }
    y += topHeight + out.gap() * 2.0;
    out.text(QRectF(content.left(), y, content.width(), headingHeight), tr("Workers and the GIL"), heading, out.m_ink);
    y += headingHeight;
    charts.paint(painter, charts.timeline(), QRectF(content.left(), y, content.width(), timelineHeight));
    // Lanes that did not fit (or past the Lab's limit) are said, not silently dropped.
    const int workers = static_cast<int>(result.workers.size());
    const int lanesShown = std::min(charts.timeline()->lanesShown(), charts.timeline()->laneCount());
    const QString leftOut = leftOutNote(lanesShown, workers);
    if (!leftOut.isEmpty()) {
        out.text(QRectF(content.left(), y + timelineHeight + out.gap() * 0.5, content.width(), noteHeight), leftOut,
            small, out.m_muted);
    }
    if (facts)
        *facts = Facts{workers, lanesShown, leftOut};

    out.text(QRectF(content.left(), content.bottom() - footerHeight, content.width(), footerHeight), footer, small,
        out.m_muted);
    painter.end();
    return bytes;
}

} // namespace clab
