#include "apptestsupport.h"
#include "charts/throughputchart.h"
#include "execution/run.h"
#include "export/exportactions.h"
#include "export/exportdialog.h"
#include "export/reportwriter.h"
#include "export/runexporter.h"
#include "export/slideimage.h"
#include "lab/labpage.h"
#include "lab/rundescription.h"
#include "lessons/embeddedcontent.h"
#include "shell/mainwindow.h"
#include "textutil.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDate>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QLineEdit>
#include <QRegularExpression>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <optional>

using namespace clab;

// Exports for slides (app/gui/export/slideimage.h): chart images at a slide's size, in the window's
// theme or the slide theme, with a caption; the export dialog's preview and remembered choices;
// the preset's "Look for" line in summary.txt; the report's note on the timeline lanes it leaves out.
class TestSlideExport : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { test::isolateSettings(m_settings); }
    void slideImagesAtEachSize();
    void exportDialogPreviewsAndRemembers();
    void reportSaysWhichLanesAreLeftOut();

private:
    QTemporaryDir m_settings;
};

namespace {

QByteArray fileBytes(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// Pages of a PDF as its page tree counts them (page objects are "/Type /Page").
int pdfPageCount(const QByteArray &pdf)
{
    static const QRegularExpression page(QStringLiteral("/Type\\s*/Page(?![s\\w])"));
    int pages = 0;
    for (QRegularExpressionMatchIterator it = page.globalMatch(QString::fromLatin1(pdf)); it.hasNext(); it.next())
        ++pages;
    return pages;
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

} // namespace

namespace {

// Every pixel opaque.
bool opaque(const QImage &image)
{
    const QImage argb = image.convertToFormat(QImage::Format_ARGB32);
    for (int y = 0; y < argb.height(); ++y) {
        const auto *row = reinterpret_cast<const QRgb *>(argb.constScanLine(y));
        for (int x = 0; x < argb.width(); ++x) {
            if (qAlpha(row[x]) != 255)
                return false;
        }
    }
    return true;
}

// Pixels that differ between two images of one size, in rows [top, bottom).
int differingPixels(const QImage &a, const QImage &b, int top, int bottom)
{
    const QImage x = a.convertToFormat(QImage::Format_ARGB32);
    const QImage y = b.convertToFormat(QImage::Format_ARGB32);
    int count = 0;
    for (int row = top; row < bottom; ++row) {
        for (int col = 0; col < x.width(); ++col)
            count += x.pixel(col, row) != y.pixel(col, row) ? 1 : 0;
    }
    return count;
}

// A preset's run in the window, with fewer tasks, waited for.
bool runPreset(MainWindow &window, const QString &id, int tasks)
{
    if (!window.labPage()->loadPreset(id))
        return false;
    RunConfig config = window.labPage()->configFromControls();
    config.tasks = tasks;
    window.labPage()->setControls(config);
    return window.labPage()->startRun();
}

} // namespace

// Chart images for slides: 1920x1080, 1600x1200 or twice the on-screen size, opaque, in the
// window's theme or the slide theme, with the preset's title and the date drawn below the chart.
void TestSlideExport::slideImagesAtEachSize()
{
    MainWindow window;
    window.resize(1400, 900);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    const QString id = QStringLiteral("cpu-threads-2-modern");
    QVERIFY(runPreset(window, id, 40));
    QTRY_VERIFY_WITH_TIMEOUT(!window.controller()->isBusy(), 60000);
    QVERIFY(window.controller()->lastResult());
    const Preset *preset = embeddedPresets().find(toStdString(id));
    QVERIFY(preset);
    const QString title = toQString(preset->title);

    QWidget *chart = window.labPage()->throughputChart();
    const QSize onScreen = chart->size();
    QTemporaryDir out;
    for (const auto theme : {SlideOptions::Theme::Current, SlideOptions::Theme::Slide}) {
        for (const auto size : {SlideOptions::Size::Wide, SlideOptions::Size::Standard, SlideOptions::Size::Screen}) {
            SlideOptions options;
            options.size = size;
            options.theme = theme;
            const SlideSpec spec = window.exports()->look(options).specFor(QStringLiteral("throughput"));
            // The caption: the preset's title and the run's date.
            QVERIFY2(spec.caption.startsWith(title), qPrintable(spec.caption));
            QVERIFY2(spec.caption.endsWith(QDate::currentDate().toString(Qt::ISODate)), qPrintable(spec.caption));
            const QString path
                = out.filePath(QStringLiteral("t-%1-%2.png")
                                   .arg(int(theme))
                                   .arg(SlideOptions::sizeName(size).replace(QLatin1Char(':'), QLatin1Char('-'))));
            const QString error = RunExporter::writePng(chart, path, spec);
            QVERIFY2(error.isEmpty(), qPrintable(error));
            const QImage image(path);
            const QSize expected = size == SlideOptions::Size::Wide ? QSize(1920, 1080)
                : size == SlideOptions::Size::Standard              ? QSize(1600, 1200)
                                                                    : onScreen * 2;
            QCOMPARE(image.size(), expected);
            QVERIFY2(opaque(image), qPrintable(path));
            QVERIFY(test::hasSeveralColours(image));
            QCOMPARE(chart->size(), onScreen); // laid out for the slide, then given its size back

            // Without the caption, the chart takes the whole image: the bottom band differs.
            SlideSpec bare = spec;
            bare.options.caption = false;
            const QImage plain = renderSlide(chart, bare);
            QCOMPARE(plain.size(), expected);
            const int band = expected.height() / 20;
            QVERIFY2(differingPixels(image, plain, expected.height() - band, expected.height()) > expected.width() / 10,
                qPrintable(path));
            if (theme == SlideOptions::Theme::Slide) // white, as a slide's own background
                QCOMPARE(QColor(image.pixel(2, image.height() - 2)), QColor(Qt::white));
            if (qEnvironmentVariableIsSet("CLAB_SLIDE_SHOTS")) // to look at them
                image.save(qEnvironmentVariable("CLAB_SLIDE_SHOTS") + QLatin1Char('/') + QFileInfo(path).fileName());
        }
    }
    // A custom experiment's caption says what ran.
    const RunConfig config = window.controller()->lastResult()->config;
    QCOMPARE(slideCaption(config, QString(), QDate(2025, 3, 4)),
        QStringLiteral("threads · 2 workers · cpu · %1 · 2025-03-04").arg(gilText(config.gil)));

    // summary.txt of a preset's run: speedup, explanation, prediction-free, the preset and its
    // "Look for" line from the lessons.
    const RunExporter::Outcome outcome = window.exports()->exportTo(out.filePath(QStringLiteral("all")));
    QVERIFY2(outcome.ok(), qPrintable(outcome.errors.join(QLatin1Char('\n'))));
    const QString summary = QString::fromUtf8(fileBytes(out.filePath(QStringLiteral("all/summary.txt"))));
    const QString lookFor = presetLookFor(*preset);
    QVERIFY(lookFor.startsWith(QStringLiteral("the GIL lane shows one holder at a time")));
    QVERIFY2(summary.contains(QStringLiteral("\nLook for:\n  ") + lookFor + QLatin1Char('\n')), qPrintable(summary));
    QVERIFY2(summary.contains(QStringLiteral("\nPreset:\n  ") + title), qPrintable(summary));
    QVERIFY2(summary.contains(QStringLiteral("speedup")), qPrintable(summary));
    QVERIFY2(summary.contains(QStringLiteral("efficiency")), qPrintable(summary));
    QVERIFY2(summary.contains(QStringLiteral("measured       just now")), qPrintable(summary));
    QVERIFY2(summary.contains(QStringLiteral("\nExplanation:\n  ")), qPrintable(summary));
    QCOMPARE(QImage(out.filePath(QStringLiteral("all/timeline.png"))).size(), QSize(1920, 1080));
}

// File > Export… shows what it will write and remembers the choices.
void TestSlideExport::exportDialogPreviewsAndRemembers()
{
    QSettings().remove(QStringLiteral("export"));
    MainWindow window;
    window.resize(1400, 900);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(runPreset(window, QStringLiteral("cpu-threads-2-modern"), 30));
    QTRY_VERIFY_WITH_TIMEOUT(!window.controller()->isBusy(), 60000);
    QTRY_VERIFY(window.exports()->exportAction()->isEnabled());

    QTemporaryDir out;
    QSize firstPreview;
    QSize secondPreview;
    QString text;
    QTimer driver;
    connect(&driver, &QTimer::timeout, this, [&] {
        auto *dialog = qobject_cast<ExportDialog *>(QApplication::activeModalWidget());
        if (!dialog)
            return;
        driver.stop();
        firstPreview = dialog->previewImage().size();
        auto *size = dialog->findChild<QComboBox *>(QStringLiteral("exportSize"));
        size->setCurrentIndex(size->findData(int(SlideOptions::Size::Standard)));
        auto *theme = dialog->findChild<QComboBox *>(QStringLiteral("exportTheme"));
        theme->setCurrentIndex(theme->findData(int(SlideOptions::Theme::Slide)));
        secondPreview = dialog->previewImage().size();
        text = dialog->previewText();
        dialog->findChild<QLineEdit *>(QStringLiteral("exportFolder"))->setText(out.path());
        if (qEnvironmentVariableIsSet("CLAB_SLIDE_SHOTS"))
            dialog->grab().save(qEnvironmentVariable("CLAB_SLIDE_SHOTS") + QStringLiteral("/export-dialog.png"));
        dialog->accept();
    });
    std::optional<RunExporter::Outcome> arrived;
    connect(window.exports(), &ExportActions::exported, this, [&](const RunExporter::Outcome &o) { arrived = o; });
    driver.start(20);
    window.exports()->exportAction()->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(arrived.has_value(), 60000);
    QVERIFY2(arrived->ok(), qPrintable(arrived->errors.join(QLatin1Char('\n'))));
    QCOMPARE(firstPreview, QSize(1920, 1080)); // the default
    QCOMPARE(secondPreview, QSize(1600, 1200));
    QVERIFY2(text.contains(QStringLiteral("1600 × 1200")), qPrintable(text));
    QCOMPARE(QImage(out.filePath(QStringLiteral("throughput.png"))).size(), QSize(1600, 1200));
    QCOMPARE(QSettings().value(QStringLiteral("export/slideSize")).toString(), QStringLiteral("4:3"));
    QCOMPARE(QSettings().value(QStringLiteral("export/slideTheme")).toString(), QStringLiteral("slide"));
    const SlideOptions remembered = SlideOptions::load();
    QCOMPARE(remembered.size, SlideOptions::Size::Standard);
    QCOMPARE(remembered.theme, SlideOptions::Theme::Slide);
    QVERIFY(remembered.caption);
    QSettings().remove(QStringLiteral("export"));
}

// The report's timeline gives each lane a readable height; the lanes that do not fit are counted.
void TestSlideExport::reportSaysWhichLanesAreLeftOut()
{
    QCOMPARE(ReportWriter::leftOutNote(20, 32), QStringLiteral("… and 12 more workers not shown"));
    QCOMPARE(ReportWriter::leftOutNote(32, 32), QString());
    for (const int workers : {2, 64}) {
        RunConfig config;
        config.model = workers == 2 ? ExecutionModel::Threads : ExecutionModel::Coroutines;
        config.workload = WorkloadKind::IoSleep;
        config.workers = workers;
        config.tasks = workers * 2;
        config.ioMs = 2.0;
        const std::optional<RunResult> result = runEngine(config);
        QVERIFY(result);
        QVERIFY2(result->succeeded(), result->summary.error.c_str());
        ReportWriter::Facts facts;
        RunNotes notes;
        notes.presetTitle = QStringLiteral("A preset");
        notes.lookFor = QStringLiteral("the lanes");
        const QByteArray pdf = ReportWriter::render(*result, std::nullopt, QDateTime::currentDateTime(), notes, &facts);
        QVERIFY(pdf.startsWith("%PDF"));
        QCOMPARE(pdfPageCount(pdf), 1);
        QCOMPARE(facts.workers, static_cast<int>(result->workers.size()));
        if (workers == 2) {
            QCOMPARE(facts.lanesShown, facts.workers);
            QVERIFY(facts.timelineNote.isEmpty());
        } else {
            QVERIFY2(facts.lanesShown > 0 && facts.lanesShown < facts.workers,
                qPrintable(QStringLiteral("%1 of %2").arg(facts.lanesShown).arg(facts.workers)));
            QCOMPARE(facts.timelineNote, ReportWriter::leftOutNote(facts.lanesShown, facts.workers));
            QVERIFY2(facts.timelineNote.contains(QString::number(facts.workers - facts.lanesShown)),
                qPrintable(facts.timelineNote));
        }
    }
}

QTEST_MAIN(TestSlideExport)
#include "tst_slideexport.moc"
