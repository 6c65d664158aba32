#include "apptestsupport.h"
#include "charts/corebarswidget.h"
#include "charts/corechart.h"
#include "charts/throughputchart.h"
#include "charts/timelinewidget.h"
#include "execution/run.h"
#include "export/exportactions.h"
#include "export/reportwriter.h"
#include "export/runexporter.h"
#include "lab/labpage.h"
#include "lab/summarywidget.h"
#include "shell/mainwindow.h"
#include "textutil.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMessageBox>
#include <QRadioButton>
#include <QRegularExpression>
#include <QSettings>
#include <QStandardPaths>
#include <QSvgRenderer>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QTimer>
#include <QXmlStreamReader>

#include <cerrno>
#include <cstring>

using namespace clab;

namespace {

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// Pages of a PDF as its page tree counts them: page objects are "/Type /Page", the tree's nodes
// "/Type /Pages".
int pdfPageCount(const QByteArray &pdf)
{
    static const QRegularExpression page(QStringLiteral("/Type\\s*/Page(?![s\\w])"));
    int pages = 0;
    for (QRegularExpressionMatchIterator it = page.globalMatch(QString::fromLatin1(pdf)); it.hasNext(); it.next())
        ++pages;
    return pages;
}

// The first page's size in points, from its /MediaBox [x0 y0 x1 y1].
QSizeF pdfPageSize(const QByteArray &pdf)
{
    static const QRegularExpression box(
        QStringLiteral("/MediaBox\\s*\\[\\s*([-\\d.]+)\\s+([-\\d.]+)\\s+([-\\d.]+)\\s+([-\\d.]+)\\s*\\]"));
    const QRegularExpressionMatch m = box.match(QString::fromLatin1(pdf));
    if (!m.hasMatch())
        return {};
    return {m.captured(3).toDouble() - m.captured(1).toDouble(), m.captured(4).toDouble() - m.captured(2).toDouble()};
}

// A real run of the engine, waited for on this (test) thread.
std::optional<RunResult> runEngine(const RunConfig &config)
{
    Run run(config);
    if (run.start())
        return std::nullopt;
    if (!run.waitFinished(std::chrono::seconds(60)))
        return std::nullopt;
    return run.result();
}

QStringList filesIn(const QString &directory)
{
    return QDir(directory).entryList(QDir::Files | QDir::Dirs | QDir::NoDotAndDotDot | QDir::Hidden);
}

} // namespace

class TestRunExporter : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void exportsEveryChartAndTheRun();
    void unwritableFolderIsReported();
    void reportIsOneA4Page_data();
    void reportIsOneA4Page();
    void reportIntoAFailingPlaceLeavesNothing();
    void chartExportByFileType();
    void exportDialogsStartInTheUsersFolders();

private:
    QTemporaryDir m_settings;
};

void TestRunExporter::initTestCase()
{
    test::isolateSettings(m_settings);
}

void TestRunExporter::exportsEveryChartAndTheRun()
{
    MainWindow window;
    window.resize(1400, 900);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    RunConfig config;
    config.model = ExecutionModel::Threads;
    config.workers = 2;
    config.workload = WorkloadKind::Cpu;
    config.tasks = 40;
    config.cpuSteps = 2000;
    window.labPage()->setControls(config);
    // A prediction, which the summary grades and summary.txt keeps.
    QRadioButton *faster = nullptr;
    for (QRadioButton *radio : window.labPage()->findChildren<QRadioButton *>()) {
        if (radio->text() == QStringLiteral("Faster"))
            faster = radio;
    }
    QVERIFY(faster);
    faster->setChecked(true);
    QVERIFY(window.labPage()->startRun());
    QTRY_VERIFY_WITH_TIMEOUT(!window.controller()->isBusy(), 30000);
    QVERIFY(window.controller()->lastResult());
    const QString prediction = window.labPage()->summary()->predictionText();
    QVERIFY2(prediction.contains(QStringLiteral("You predicted")), qPrintable(prediction));

    // The window offers the report (menu, toolbar, Ctrl+Shift+E) and each chart on its own.
    QAction *reportAction = nullptr;
    for (QAction *action : window.findChildren<QAction *>()) {
        if (action->text().contains(QStringLiteral("report as PDF")))
            reportAction = action;
    }
    QVERIFY(reportAction);
    QVERIFY(reportAction->isEnabled());
    QCOMPARE(reportAction->shortcut(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E));
    for (QWidget *chart : std::initializer_list<QWidget *>{
             window.labPage()->throughputChart(), window.labPage()->coreChart(), window.labPage()->timeline()}) {
        QCOMPARE(chart->contextMenuPolicy(), Qt::ActionsContextMenu);
        QVERIFY2(!chart->actions().isEmpty(), qPrintable(chart->accessibleName()));
    }
    // Ctrl+C on a focused chart copies it as an opaque image at twice its size.
    {
        QWidget *chart = window.labPage()->throughputChart();
        QApplication::clipboard()->clear();
        chart->setFocus(Qt::MouseFocusReason);
        QTRY_VERIFY(chart->hasFocus());
        QTest::keyClick(chart, Qt::Key_C, Qt::ControlModifier);
        const QImage copied = QApplication::clipboard()->image();
        QCOMPARE(copied.size(), chart->size() * 2);
        for (const QPoint corner : {QPoint(0, 0), QPoint(copied.width() - 1, copied.height() - 1)})
            QCOMPARE(qAlpha(copied.pixel(corner)), 255);
        QVERIFY(test::hasSeveralColours(copied));
    }

    // Export… writes the run's data files on a pool thread: the outcome arrives later, on this
    // thread, and the action is off until then.
    QTemporaryDir out;
    std::optional<RunExporter::Outcome> arrived;
    QThread *arrivedOn = nullptr;
    connect(window.exports(), &ExportActions::exported, this, [&](const RunExporter::Outcome &o) {
        arrived = o;
        arrivedOn = QThread::currentThread();
    });
    window.exports()->exportInBackground(out.path(), SlideOptions{});
    QVERIFY(arrived || !window.exports()->exportAction()->isEnabled());
    QTRY_VERIFY_WITH_TIMEOUT(arrived.has_value(), 60000);
    QCOMPARE(arrivedOn, QThread::currentThread());
    QVERIFY(window.exports()->exportAction()->isEnabled());
    const RunExporter::Outcome outcome = *arrived;
    QVERIFY2(outcome.ok(), qPrintable(outcome.errors.join(QLatin1Char('\n'))));
    for (const char *name : {"run.json", "samples.csv", "trace.json", "summary.txt", "report.pdf"})
        QVERIFY2(outcome.written.contains(QString::fromLatin1(name)), name);
    const QDir dir(out.path());
    {
        // The summary ends with the explanation the Lab shows, from the same verdicts.
        QFile summary(dir.filePath(QStringLiteral("summary.txt")));
        QVERIFY(summary.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(summary.readAll());
        QVERIFY2(text.contains(QLatin1String("\nExplanation:\n  ")), qPrintable(text));
        // ... and the prediction with its grade, as the Lab's summary shows it.
        QVERIFY2(text.contains(QStringLiteral("\nPrediction:\n  ") + prediction.simplified()), qPrintable(text));
    }

    // PNG: decodes, has the slide's size (16:9 by default), is not one flat colour; the chart is
    // given its own size back after it was laid out for the slide.
    QWidget *chart = window.labPage()->throughputChart();
    const QSize onScreen = chart->size();
    QImage png(dir.filePath(QStringLiteral("throughput.png")));
    QVERIFY(!png.isNull());
    QCOMPARE(png.size(), QSize(1920, 1080));
    QCOMPARE(chart->size(), onScreen);
    QVERIFY(test::hasSeveralColours(png));
    for (const char *name : {"cores.png", "core-bars.png", "timeline.png", "lab.png"}) {
        QImage image(dir.filePath(QString::fromLatin1(name)));
        QVERIFY2(test::hasSeveralColours(image), name);
    }

    // SVG: parses, and holds at least one path.
    for (const char *name : {"throughput.svg", "cores.svg", "timeline.svg"}) {
        QFile file(dir.filePath(QString::fromLatin1(name)));
        QVERIFY2(file.open(QIODevice::ReadOnly), name);
        const QByteArray svg = file.readAll();
        QXmlStreamReader xml(svg);
        int paths = 0;
        while (!xml.atEnd()) {
            if (xml.readNext() == QXmlStreamReader::StartElement
                && (xml.name() == QLatin1String("path") || xml.name() == QLatin1String("rect")
                    || xml.name() == QLatin1String("polyline")))
                ++paths;
        }
        QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
        QVERIFY2(paths > 0, name);
        QVERIFY(QSvgRenderer(svg).isValid());
    }
    {
        QFile file(dir.filePath(QStringLiteral("throughput.svg")));
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(file.readAll().contains("<path"));
    }
    {
        // The whole Lab as SVG: each label's words whole, not split at its shortcut letter
        // ("M" underlined, then "odel:") and never with the "&" of its text.
        QFile file(dir.filePath(QStringLiteral("lab.svg")));
        QVERIFY(file.open(QIODevice::ReadOnly));
        QXmlStreamReader xml(file.readAll());
        QStringList texts;
        while (!xml.atEnd()) {
            if (xml.readNext() == QXmlStreamReader::StartElement && xml.name() == QLatin1String("text"))
                texts << xml.readElementText(QXmlStreamReader::IncludeChildElements).trimmed();
        }
        QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
        QVERIFY2(texts.contains(QStringLiteral("Model:")), qPrintable(texts.join(QLatin1Char('|'))));
        QVERIFY2(texts.contains(QStringLiteral("Workload:")), qPrintable(texts.join(QLatin1Char('|'))));
        QVERIFY(!texts.contains(QStringLiteral("odel:")));
        for (const QString &text : texts)
            QVERIFY2(!text.contains(QLatin1Char('&')), qPrintable(text));
    }

    // JSON parses and holds the engine's summary; the trace parses too.
    for (const char *name : {"run.json", "trace.json"}) {
        QFile file(dir.filePath(QString::fromLatin1(name)));
        QVERIFY2(file.open(QIODevice::ReadOnly), name);
        QJsonParseError error;
        const QJsonDocument json = QJsonDocument::fromJson(file.readAll(), &error);
        QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));
        if (QLatin1String(name) == QLatin1String("run.json")) {
            // The same run: its config, summary and every sample.
            const RunResult &result = *window.controller()->lastResult();
            const QJsonObject summary = json.object().value(QStringLiteral("summary")).toObject();
            QCOMPARE(summary.value(QStringLiteral("tasks_completed")).toInt(), 40);
            QCOMPARE(summary.value(QStringLiteral("wall_s")).toDouble(), result.summary.wallSeconds);
            QCOMPARE(summary.value(QStringLiteral("throughput_tps")).toDouble(), result.summary.throughputTps);
            QCOMPARE(summary.value(QStringLiteral("max_running")).toInt(), result.summary.maxRunning);
            const QJsonObject saved = json.object().value(QStringLiteral("config")).toObject();
            QCOMPARE(saved.value(QStringLiteral("model")).toString(), QStringLiteral("threads"));
            QCOMPARE(saved.value(QStringLiteral("workers")).toInt(), 2);
            QCOMPARE(saved.value(QStringLiteral("cpu_steps")).toInt(), 2000);
            const QJsonArray samples = json.object().value(QStringLiteral("samples")).toArray();
            QCOMPARE(static_cast<std::size_t>(samples.size()), result.samples.size());
            for (qsizetype i = 0; i < samples.size(); ++i) {
                const QJsonObject sample = samples.at(i).toObject();
                const Sample &expected = result.samples[static_cast<std::size_t>(i)];
                QCOMPARE(sample.value(QStringLiteral("t_s")).toDouble(), expected.tSeconds);
                QCOMPARE(static_cast<std::uint64_t>(sample.value(QStringLiteral("tasks_done")).toInteger()),
                    expected.tasksDone);
            }
        }
    }
    // PDF: every chart, one page sized to it; the report, one A4 page.
    const std::vector<std::pair<const char *, QWidget *>> pdfCharts{
        {"throughput.pdf", window.labPage()->throughputChart()},
        {"cores.pdf", window.labPage()->coreChart()},
        {"core-bars.pdf", window.labPage()->coreBars()},
        {"timeline.pdf", window.labPage()->timeline()},
        {"lab.pdf", window.labPage()},
    };
    for (const auto &[name, widget] : pdfCharts) {
        const QByteArray pdf = readAll(dir.filePath(QString::fromLatin1(name)));
        QVERIFY2(pdf.startsWith("%PDF"), name);
        QCOMPARE(pdfPageCount(pdf), 1);
        const QSizeF expected = QSizeF(widget->size()) * 72.0 / widget->logicalDpiY();
        const QSizeF page = pdfPageSize(pdf);
        QVERIFY2(qAbs(page.width() - expected.width()) < 1.0 && qAbs(page.height() - expected.height()) < 1.0,
            qPrintable(QStringLiteral("%1: page %2 x %3 pt, chart %4 x %5 pt")
                           .arg(QLatin1String(name))
                           .arg(page.width())
                           .arg(page.height())
                           .arg(expected.width())
                           .arg(expected.height())));
    }
    // Compare has no sweep and no selected runs: its empty charts are not written.
    for (const char *name : {"speedup.png", "speedup.pdf", "compare-throughput.png", "compare-cores.svg"})
        QVERIFY2(!dir.exists(QString::fromLatin1(name)), name);
    const QByteArray report = readAll(dir.filePath(QStringLiteral("report.pdf")));
    QVERIFY(report.startsWith("%PDF"));
    QCOMPARE(pdfPageCount(report), 1);
    QVERIFY(outcome.written.contains(QStringLiteral("report.pdf")));

    // CSV: a header, then one row per sample of the run, in order, to the CSV's precision.
    QFile csv(dir.filePath(QStringLiteral("samples.csv")));
    QVERIFY(csv.open(QIODevice::ReadOnly));
    QVERIFY(csv.readLine().startsWith("t_s,tasks_done,throughput_tps,running"));
    const std::vector<Sample> &expectedSamples = window.controller()->lastResult()->samples;
    std::size_t rows = 0;
    while (!csv.atEnd()) {
        const QList<QByteArray> cells = csv.readLine().trimmed().split(',');
        QVERIFY(rows < expectedSamples.size());
        const Sample &expected = expectedSamples[rows];
        QVERIFY(qAbs(cells.at(0).toDouble() - expected.tSeconds) < 1e-4);
        QCOMPARE(cells.at(1).toULongLong(), static_cast<qulonglong>(expected.tasksDone));
        QVERIFY(qAbs(cells.at(2).toDouble() - expected.throughputTps) < 1e-3);
        QCOMPARE(cells.at(3).toInt(), expected.running);
        ++rows;
    }
    QCOMPARE(rows, expectedSamples.size());

    // Whole files only: nothing half-written is left beside them.
    for (const QString &name : dir.entryList(QDir::Files))
        QVERIFY2(!name.contains(QStringLiteral(".part")) && !name.endsWith(QStringLiteral(".tmp")), qPrintable(name));

    // A data file that cannot be written (run.json is a folder there): the failure comes back from
    // the pool thread as a message box naming the file, and the window stays usable.
    QTemporaryDir blocked;
    QVERIFY(QDir(blocked.path()).mkdir(QStringLiteral("run.json")));
    QString shown;
    QTimer closer;
    connect(&closer, &QTimer::timeout, this, [&] {
        if (auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget())) {
            shown = box->text();
            box->accept();
        }
    });
    closer.start(20);
    arrived.reset();
    window.exports()->exportInBackground(blocked.path());
    QTRY_VERIFY_WITH_TIMEOUT(arrived.has_value(), 60000);
    closer.stop();
    QVERIFY(!arrived->ok());
    QVERIFY2(shown.contains(QStringLiteral("run.json")), qPrintable(shown));
    QVERIFY(QFileInfo(blocked.filePath(QStringLiteral("run.json"))).isDir()); // left as it was
    QVERIFY(QFileInfo::exists(blocked.filePath(QStringLiteral("trace.json")))); // the others are written
    QVERIFY(window.exports()->exportAction()->isEnabled());
}

void TestRunExporter::unwritableFolderIsReported()
{
    QWidget widget;
    widget.resize(100, 80);
    QTemporaryDir out;
    QFile blocker(out.filePath(QStringLiteral("file")));
    QVERIFY(blocker.open(QIODevice::WriteOnly));
    blocker.close();
    // A folder that cannot exist (its parent is a file).
    const RunExporter::Outcome outcome
        = RunExporter::exportAll(out.filePath(QStringLiteral("file/sub")), {{QStringLiteral("w"), &widget}}, nullptr);
    QVERIFY(!outcome.ok());
    QVERIFY(outcome.written.isEmpty());
}

void TestRunExporter::reportIsOneA4Page_data()
{
    QTest::addColumn<QString>("model");
    QTest::addColumn<int>("workers");
    QTest::addColumn<QString>("workload");
    QTest::addColumn<int>("tasks");
    QTest::addColumn<int>("hogs");
    QTest::addColumn<bool>("withBaseline");
    QTest::newRow("threads, cpu, baseline") << "threads" << 2 << "cpu" << 30 << 0 << true;
    QTest::newRow("processes, mixed, no baseline") << "processes" << 2 << "mixed" << 12 << 0 << false;
    QTest::newRow("threads, io-sleep, a hog") << "threads" << 1 << "io-sleep" << 20 << 1 << true;
    QTest::newRow("1,000 coroutines, more lanes than fit") << "coroutines" << 1000 << "io-sleep" << 1000 << 0 << true;
}

void TestRunExporter::reportIsOneA4Page()
{
    QFETCH(QString, model);
    QFETCH(int, workers);
    QFETCH(QString, workload);
    QFETCH(int, tasks);
    QFETCH(int, hogs);
    QFETCH(bool, withBaseline);
    RunConfig config;
    QVERIFY(!setField(config, "model", toStdString(model)));
    QVERIFY(!setField(config, "workload", toStdString(workload)));
    config.workers = workers;
    config.tasks = tasks;
    config.cpuHogs = hogs;
    config.cpuSteps = 2000;
    config.ioMs = 2.0;
    const std::optional<RunResult> result = runEngine(config);
    QVERIFY(result);
    QVERIFY2(result->succeeded(), result->summary.error.c_str());

    std::optional<BaselineMeasurement> baseline;
    if (withBaseline) {
        const std::optional<RunResult> sequential = runEngine(sequentialBaselineOf(config));
        QVERIFY(sequential);
        baseline = BaselineMeasurement{};
        baseline->throughputTps = sequential->summary.throughputTps;
        baseline->wallSeconds = sequential->summary.wallSeconds;
        baseline->tasksCompleted = sequential->summary.tasksCompleted;
        baseline->tasksPlanned = sequential->config.tasks;
    }

    QTemporaryDir out;
    const QString path = out.filePath(QStringLiteral("report.pdf"));
    const QString error = RunExporter::writeReport(path, *result, baseline);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    const QByteArray pdf = readAll(path);
    QVERIFY(pdf.startsWith("%PDF"));
    QCOMPARE(pdfPageCount(pdf), 1);
    // A4: 210 x 297 mm is 595 x 842 points.
    const QSizeF page = pdfPageSize(pdf);
    QVERIFY2(qAbs(page.width() - 595.3) < 1.0 && qAbs(page.height() - 841.9) < 1.0,
        qPrintable(QStringLiteral("%1 x %2 pt").arg(page.width()).arg(page.height())));
    // Vector text, not a picture of a page: the report embeds its fonts.
    QVERIFY(pdf.contains("/FontFile"));
    QVERIFY(!QString::fromLatin1(pdf).contains(QRegularExpression(QStringLiteral("/Subtype\\s*/Image"))));
    QCOMPARE(filesIn(out.path()), QStringList{QStringLiteral("report.pdf")});
}

void TestRunExporter::reportIntoAFailingPlaceLeavesNothing()
{
    RunConfig config;
    config.workers = 2;
    config.tasks = 10;
    config.cpuSteps = 1000;
    const std::optional<RunResult> result = runEngine(config);
    QVERIFY(result);

    // A folder that does not exist: an error that says so, and no file.
    QTemporaryDir out;
    const QString missing = out.filePath(QStringLiteral("missing/report.pdf"));
    QString error = RunExporter::writeReport(missing, *result, std::nullopt);
    QVERIFY(!error.isEmpty());
    QVERIFY(!QFileInfo::exists(missing));
    QVERIFY(filesIn(out.path()).isEmpty());

    // The target is a folder: it cannot be replaced. Nothing is left beside it, no partial file.
    QVERIFY(QDir(out.path()).mkdir(QStringLiteral("report.pdf")));
    error = RunExporter::writeReport(out.filePath(QStringLiteral("report.pdf")), *result, std::nullopt);
    QVERIFY(!error.isEmpty());
    QCOMPARE(filesIn(out.path()), QStringList{QStringLiteral("report.pdf")});
    QVERIFY(QFileInfo(out.filePath(QStringLiteral("report.pdf"))).isDir());

    // exportAll into a folder that cannot exist: errors, nothing written.
    QWidget widget;
    widget.resize(100, 80);
    QFile blocker(out.filePath(QStringLiteral("file")));
    QVERIFY(blocker.open(QIODevice::WriteOnly));
    blocker.close();
    const RunExporter::Outcome outcome
        = RunExporter::exportAll(out.filePath(QStringLiteral("file/sub")), {{QStringLiteral("w"), &widget}}, &*result);
    QVERIFY(!outcome.ok());
    QVERIFY(outcome.written.isEmpty());

    // A full disk (/dev/full fails every write with ENOSPC): an error naming the file, never a
    // file reported as written.
    const QString full = QStringLiteral("/dev/full");
    error = RunExporter::writeReport(full, *result, std::nullopt);
    QVERIFY2(error.contains(full) && error.contains(QString::fromLocal8Bit(std::strerror(ENOSPC))), qPrintable(error));
    error = RunExporter::writePng(&widget, full);
    QVERIFY2(error.contains(full), qPrintable(error));
    error = RunExporter::writeText(full, result->toJson(true));
    QVERIFY2(error.contains(full), qPrintable(error));
}

void TestRunExporter::chartExportByFileType()
{
    QWidget widget;
    widget.resize(200, 120);
    widget.setAutoFillBackground(true);
    QTemporaryDir out;
    for (const char *name : {"chart.pdf", "chart.svg", "chart.png"}) {
        const QString path = out.filePath(QString::fromLatin1(name));
        const QString error = RunExporter::writeChart(&widget, path, QStringLiteral("chart"));
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY2(QFileInfo(path).size() > 0, name);
    }
    QVERIFY(readAll(out.filePath(QStringLiteral("chart.pdf"))).startsWith("%PDF"));
    QVERIFY(readAll(out.filePath(QStringLiteral("chart.svg"))).contains("<svg"));
    QVERIFY(!QImage(out.filePath(QStringLiteral("chart.png"))).isNull());

    // Another type is refused by name, and writes nothing.
    const QString error
        = RunExporter::writeChart(&widget, out.filePath(QStringLiteral("chart.jpg")), QStringLiteral("chart"));
    QVERIFY2(error.contains(QStringLiteral(".pdf")) && error.contains(QStringLiteral("chart.jpg")), qPrintable(error));
    QVERIFY(!QFileInfo::exists(out.filePath(QStringLiteral("chart.jpg"))));
}

// The first export opens in the user's Pictures (charts) or Documents (reports) folder, or home
// when there is none; later ones where the last went, while that folder exists.
void TestRunExporter::exportDialogsStartInTheUsersFolders()
{
    QSettings().remove(QStringLiteral("export/lastDir"));
    for (const auto location : {QStandardPaths::PicturesLocation, QStandardPaths::DocumentsLocation}) {
        const QString standard = QStandardPaths::writableLocation(location);
        const QString expected = !standard.isEmpty() && QDir(standard).exists() ? standard : QDir::homePath();
        QCOMPARE(ExportActions::startFolder(location), expected);
    }
    {
        QTemporaryDir last;
        QSettings().setValue(QStringLiteral("export/lastDir"), last.path());
        QCOMPARE(ExportActions::startFolder(QStandardPaths::PicturesLocation), last.path());
        QCOMPARE(ExportActions::startFolder(QStandardPaths::DocumentsLocation), last.path());
    }
    // That folder is gone: back to the user's own.
    QVERIFY(ExportActions::startFolder(QStandardPaths::PicturesLocation)
        != QSettings().value(QStringLiteral("export/lastDir")).toString());
    QSettings().remove(QStringLiteral("export/lastDir"));
}

QTEST_MAIN(TestRunExporter)
#include "tst_runexporter.moc"
