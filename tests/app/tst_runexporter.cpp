#include "apptestsupport.h"
#include "charts/throughputchart.h"
#include "labpage.h"
#include "mainwindow.h"
#include "runexporter.h"

#include <QDir>
#include <QFile>
#include <QImage>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSvgRenderer>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

using namespace clab;

class TestRunExporter : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void exportsEveryChartAndTheRun();
    void unwritableFolderIsReported();

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
    QVERIFY(window.labPage()->startRun());
    QTRY_VERIFY_WITH_TIMEOUT(!window.controller()->isBusy(), 30000);
    QVERIFY(window.controller()->lastResult());

    QTemporaryDir out;
    const RunExporter::Outcome outcome = window.exportTo(out.path());
    QVERIFY2(outcome.ok(), qPrintable(outcome.errors.join(QLatin1Char('\n'))));
    const QDir dir(out.path());

    // PNG: decodes, has the chart's size, is not one flat colour.
    QWidget *chart = window.labPage()->throughputChart();
    QImage png(dir.filePath(QStringLiteral("throughput.png")));
    QVERIFY(!png.isNull());
    QCOMPARE(png.size(), chart->size() * chart->devicePixelRatioF());
    QVERIFY(test::hasSeveralColours(png));
    for (const char *name : {"cores.png", "core-bars.png", "timeline.png", "lab.png", "speedup.png"}) {
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

    // JSON parses and holds the engine's summary; the trace parses too.
    for (const char *name : {"run.json", "trace.json"}) {
        QFile file(dir.filePath(QString::fromLatin1(name)));
        QVERIFY2(file.open(QIODevice::ReadOnly), name);
        QJsonParseError error;
        const QJsonDocument json = QJsonDocument::fromJson(file.readAll(), &error);
        QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));
        if (QLatin1String(name) == QLatin1String("run.json")) {
            QCOMPARE(json.object().value(QStringLiteral("summary")).toObject().value(QStringLiteral("tasks_completed")).toInt(),
                     40);
        }
    }
    QFile csv(dir.filePath(QStringLiteral("samples.csv")));
    QVERIFY(csv.open(QIODevice::ReadOnly));
    QVERIFY(csv.readLine().startsWith("t_s,"));

    // Whole files only: nothing half-written is left beside them.
    for (const QString &name : dir.entryList(QDir::Files))
        QVERIFY2(!name.contains(QStringLiteral(".part")) && !name.endsWith(QStringLiteral(".tmp")), qPrintable(name));
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
    const RunExporter::Outcome outcome =
        RunExporter::exportAll(out.filePath(QStringLiteral("file/sub")), {{QStringLiteral("w"), &widget}}, nullptr);
    QVERIFY(!outcome.ok());
    QVERIFY(outcome.written.isEmpty());
}

QTEST_MAIN(TestRunExporter)
#include "tst_runexporter.moc"
