#include "apptestsupport.h"
#include "charts/corebarswidget.h"
#include "charts/corechart.h"
#include "charts/throughputchart.h"
#include "charts/timelinewidget.h"
#include "lab/explanation.h"
#include "lab/labpage.h"
#include "lab/runcontroller.h"
#include "lab/rundescription.h"
#include "lab/summarywidget.h"
#include "lessons/embeddedcontent.h"
#include "platform/system.h"
#include "textutil.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QLabel>
#include <QPushButton>
#include <QRadioButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTest>

#include <memory>
#include <thread>

using namespace clab;

namespace {

void choose(QComboBox *combo, const QString &text)
{
    const int index = combo->findText(text, Qt::MatchStartsWith);
    QVERIFY2(index >= 0, qPrintable(text));
    combo->setCurrentIndex(index);
}

} // namespace

class TestLabPage : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void fontsArePresent();
    void runThroughTheWidgets();
    void stopReturnsControlWithinOneSecond_data();
    void stopReturnsControlWithinOneSecond();
    void invalidInputChangesNothing();
    void presetFillsTheControls();
    void workloadShowsOnlyItsParameters();
    void coroutineControlsReachTheRun();
    void legacyGilWithAHogWarns();
    void processLanesFillWhileTheRunGoesOn();
    void presetAnswersReplaceTheSpeedForm();

private:
    template<typename T> T *child(const char *name) const { return test::namedChild<T>(m_page.get(), name); }

    const PresetCatalog &m_presets = embeddedPresets();
    std::unique_ptr<RunController> m_controller;
    std::unique_ptr<LabPage> m_page;
};

void TestLabPage::init()
{
    m_controller = std::make_unique<RunController>();
    m_page = std::make_unique<LabPage>(m_controller.get(), &m_presets);
    m_page->resize(1400, 900);
    m_page->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_page.get()));
}

void TestLabPage::cleanup()
{
    m_page.reset();
    m_controller.reset();
}

void TestLabPage::fontsArePresent()
{
    // Without fonts every label renders as boxes and the other tests would still pass.
    QVERIFY(!QFontDatabase::families().isEmpty());
    QLabel label(QStringLiteral("Throughput 123 tasks/s"));
    label.resize(label.sizeHint());
    const QImage image = label.grab().toImage();
    QVERIFY(test::hasSeveralColours(image));
}

void TestLabPage::runThroughTheWidgets()
{
    choose(child<QComboBox>("modelCombo"), QStringLiteral("Threads"));
    child<QSpinBox>("workersSpin")->setValue(2);
    choose(child<QComboBox>("workloadCombo"), QStringLiteral("io-sleep"));
    child<QSpinBox>("tasksSpin")->setValue(12);
    child<QDoubleSpinBox>("param_io_ms")->setValue(25.0);

    QSignalSpy finished(m_controller.get(), &RunController::runFinished);
    QTest::mouseClick(child<QPushButton>("runButton"), Qt::LeftButton);
    QVERIFY(m_controller->isBusy());
    QVERIFY(!child<QPushButton>("runButton")->isEnabled());
    QTRY_VERIFY_WITH_TIMEOUT(!m_controller->isBusy(), 30000);
    QCOMPARE(finished.count(), 1);

    const std::shared_ptr<const RunResult> result = m_controller->lastResult();
    QVERIFY(result);
    QVERIFY(result->config.workload == WorkloadKind::IoSleep);
    QCOMPARE(result->config.workers, 2);
    QCOMPARE(result->summary.tasksCompleted, 12u);

    // The charts hold points, the timeline holds intervals.
    QVERIFY(m_page->throughputChart()->pointCount() > 0);
    QVERIFY(m_page->coreChart()->pointCount() > 0);
    QVERIFY(m_page->coreChart()->coreCount() > 0);
    QVERIFY(!m_page->coreBars()->busy().empty());
    QCOMPARE(m_page->timeline()->laneCount(), 2);
    QVERIFY(m_page->timeline()->intervalCount() > 0);

    // The summary shows the engine's numbers.
    SummaryWidget *summary = m_page->summary();
    QVERIFY2(summary->valueText(QStringLiteral("throughput")).contains(formatFixed(result->summary.throughputTps, 1)),
        qPrintable(summary->valueText(QStringLiteral("throughput"))));
    QVERIFY(summary->valueText(QStringLiteral("wall")).contains(formatFixed(result->summary.wallSeconds, 3)));
    QCOMPARE(summary->valueText(QStringLiteral("maxRunning")), QString::number(result->summary.maxRunning));
    const auto baseline = m_controller->lastBaseline();
    QVERIFY2(baseline, "a threads run is measured against a sequential baseline");
    QVERIFY(summary->valueText(QStringLiteral("baseline")).contains(QStringLiteral("measured just before this run")));
    const double speedup = result->summary.throughputTps / baseline->throughputTps;
    QCOMPARE(summary->valueText(QStringLiteral("speedup")), QStringLiteral("×") + formatFixed(speedup, 2));
    QVERIFY(!summary->explanationText().isEmpty());
}

void TestLabPage::stopReturnsControlWithinOneSecond_data()
{
    QTest::addColumn<QString>("model");
    QTest::addColumn<QString>("workload");
    QTest::newRow("threads io-sleep") << QStringLiteral("Threads") << QStringLiteral("io-sleep");
    QTest::newRow("threads cpu") << QStringLiteral("Threads") << QStringLiteral("cpu");
    QTest::newRow("processes cpu") << QStringLiteral("Processes") << QStringLiteral("cpu");
}

void TestLabPage::stopReturnsControlWithinOneSecond()
{
    QFETCH(QString, model);
    QFETCH(QString, workload);
    m_controller->setBaselineEnabled(false);
    choose(child<QComboBox>("modelCombo"), model);
    child<QSpinBox>("workersSpin")->setValue(2);
    choose(child<QComboBox>("workloadCombo"), workload);
    child<QSpinBox>("tasksSpin")->setValue(100000);
    QTest::mouseClick(child<QPushButton>("runButton"), Qt::LeftButton);
    QVERIFY(m_controller->isBusy());
    QTRY_VERIFY_WITH_TIMEOUT(m_page->throughputChart()->pointCount() >= 3, 10000);

    QTest::mouseClick(child<QPushButton>("stopButton"), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!m_controller->isBusy(), 30000); // the stop is served, whatever the machine's load
    QVERIFY(child<QPushButton>("runButton")->isEnabled());
    QVERIFY(m_controller->lastResult()->summary.stopped);
}

void TestLabPage::invalidInputChangesNothing()
{
    // The Lab's widgets only offer values in range (their bounds come from the engine's field
    // ranges), so a bad config can only reach the controller from elsewhere (a preset file, a
    // walkthrough): the engine refuses it before anything starts, naming the field and its range.
    QSignalSpy started(m_controller.get(), &RunController::runStarted);
    RunConfig config = m_page->configFromControls();
    config.workers = 0;
    const auto error = m_controller->start(config);
    QVERIFY(error.has_value());
    QCOMPARE(QString::fromStdString(error->field), QStringLiteral("workers"));
    QVERIFY2(QString::fromStdString(error->message).contains(QStringLiteral("1..")), error->message.c_str());
    QVERIFY(!m_controller->isBusy());
    QCOMPARE(started.count(), 0);
    QCOMPARE(m_page->throughputChart()->pointCount(), 0);
    QVERIFY(child<QPushButton>("runButton")->isEnabled());

    // Every model in the list, coroutines included, is one the engine runs: choosing it and the
    // largest worker count the spin box allows gives a config that validates.
    auto *models = child<QComboBox>("modelCombo");
    for (int i = 0; i < models->count(); ++i) {
        models->setCurrentIndex(i);
        auto *workers = child<QSpinBox>("workersSpin");
        workers->setValue(workers->maximum());
        const auto problem = validate(m_page->configFromControls());
        QVERIFY2(!problem, problem ? problem->toString().c_str() : "");
    }
}

void TestLabPage::presetFillsTheControls()
{
    QVERIFY(m_page->loadPreset(QStringLiteral("convoy-sleep-hog-05ms")));
    const RunConfig config = m_page->configFromControls();
    QVERIFY(config.model == ExecutionModel::Threads);
    QVERIFY(config.workload == WorkloadKind::IoSleep);
    QCOMPARE(config.cpuHogs, 1);
    QCOMPARE(config.switchIntervalMs, 0.5);
    QCOMPARE(config.tasks, 700);
    QCOMPARE(child<QLabel>("switchValue")->text(), QStringLiteral("0.5 ms"));
    QVERIFY(child<QLabel>("presetQuestion")->isVisible());
    QVERIFY(!child<QLabel>("presetQuestion")->text().isEmpty());
    QCOMPARE(m_page->currentPresetId(), QStringLiteral("convoy-sleep-hog-05ms"));
    QVERIFY(!m_page->loadPreset(QStringLiteral("no-such-preset")));
}

void TestLabPage::workloadShowsOnlyItsParameters()
{
    choose(child<QComboBox>("workloadCombo"), QStringLiteral("mixed"));
    QVERIFY(child<QWidget>("param_cpu_steps")->isVisible());
    QVERIFY(child<QWidget>("param_io_ms")->isVisible());
    QVERIFY(child<QWidget>("param_cpu_fraction")->isVisible());
    QVERIFY(!child<QWidget>("param_native_kib")->isVisible());
    choose(child<QComboBox>("workloadCombo"), QStringLiteral("native"));
    QVERIFY(child<QWidget>("param_native_kib")->isVisible());
    QVERIFY(!child<QWidget>("param_cpu_steps")->isVisible());
    QVERIFY(!child<QWidget>("param_io_ms")->isVisible());
}

void TestLabPage::coroutineControlsReachTheRun()
{
    auto *box = child<QSpinBox>("param_yield_every");
    auto *blocking = child<QCheckBox>("param_blocking_io");
    choose(child<QComboBox>("modelCombo"), QStringLiteral("Threads"));
    QVERIFY(!box->isVisible());
    QVERIFY(!blocking->isVisible());
    choose(child<QComboBox>("modelCombo"), QStringLiteral("Coroutines"));
    QVERIFY(box->isVisible());
    QVERIFY(blocking->isVisible());

    // A preset's coroutine settings fill the controls, and the controls fill the config.
    for (const Preset &preset : m_presets.presets) {
        if (preset.config.model != ExecutionModel::Coroutines)
            continue;
        QVERIFY(m_page->loadPreset(QString::fromStdString(preset.id)));
        QCOMPARE(box->value(), preset.config.yieldEvery);
        QCOMPARE(blocking->isChecked(), preset.config.blockingIo);
    }
    choose(child<QComboBox>("workloadCombo"), QStringLiteral("io-sleep"));
    box->setValue(250);
    blocking->setChecked(true);
    child<QSpinBox>("tasksSpin")->setValue(4);
    child<QSpinBox>("workersSpin")->setValue(4);
    child<QDoubleSpinBox>("param_io_ms")->setValue(20.0);
    const RunConfig config = m_page->configFromControls();
    QCOMPARE(config.yieldEvery, 250);
    QVERIFY(config.blockingIo);
    QVERIFY(describeRun(config).contains(QStringLiteral("blocking I/O")));

    // Blocking I/O on one loop thread: the four 20 ms sleeps run one after another.
    QVERIFY(m_page->startRun());
    QTRY_VERIFY_WITH_TIMEOUT(!m_controller->isBusy(), 30000);
    const std::shared_ptr<const RunResult> result = m_controller->lastResult();
    QVERIFY(result);
    QVERIFY(result->config.blockingIo);
    QCOMPARE(result->config.yieldEvery, 250);
    QVERIFY2(result->summary.wallSeconds >= 0.075, qPrintable(QString::number(result->summary.wallSeconds)));
}

void TestLabPage::legacyGilWithAHogWarns()
{
    auto *warning = child<QLabel>("gilWarning");
    choose(child<QComboBox>("gilCombo"), QStringLiteral("Python ≤ 3.1"));
    child<QSpinBox>("hogsSpin")->setValue(0);
    QVERIFY(!warning->isVisible());
    child<QSpinBox>("hogsSpin")->setValue(1);
    QVERIFY(warning->isVisible());
    choose(child<QComboBox>("gilCombo"), QStringLiteral("Python 3.2+"));
    QVERIFY(!warning->isVisible());
}

// Worker processes report what they do while they do it: a processes preset draws its lanes live,
// "waiting for a core" included, not only when the run has ended.
void TestLabPage::processLanesFillWhileTheRunGoesOn()
{
    m_controller->setBaselineEnabled(false);
    QVERIFY(m_page->loadPreset(QStringLiteral("cpu-processes-4")));
    QVERIFY(m_page->configFromControls().model == ExecutionModel::Processes);
    QCOMPARE(child<QSpinBox>("workersSpin")->value(), 4);
    child<QSpinBox>("tasksSpin")->setValue(4000); // many seconds: it is stopped once seen

    QTest::mouseClick(child<QPushButton>("runButton"), Qt::LeftButton);
    QVERIFY(m_controller->isBusy());
    TimelineWidget *timeline = m_page->timeline();
    QTRY_VERIFY_WITH_TIMEOUT(timeline->lanesShowingActivity() == 4 || !m_controller->isBusy(), 20000);
    QVERIFY2(m_controller->isBusy(), "the run ended before its lanes showed anything");
    QCOMPARE(m_controller->phase(), RunController::Phase::Experiment);
    if (platform::hasSchedStat() && std::thread::hardware_concurrency() < 4) {
        // Four processes on fewer cores take turns: the lanes keep closing "running" and
        // "waiting for a core" intervals while the run goes on.
        const std::size_t before = timeline->intervalCount();
        QTRY_VERIFY_WITH_TIMEOUT(timeline->intervalCount() > before || !m_controller->isBusy(), 10000);
        QVERIFY(m_controller->isBusy());
    }

    QTest::mouseClick(child<QPushButton>("stopButton"), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!m_controller->isBusy(), 30000);
}

// A preset whose question is not about speedup offers its own answers instead of faster / same /
// slower; the summary grades the chosen one against the quantity the answers name.
void TestLabPage::presetAnswersReplaceTheSpeedForm()
{
    const PresetCatalog catalog = PresetCatalog::parse(R"([{"id": "batch", "title": "A batch of waits",
        "lesson": "concurrency-parallelism", "question": "How long will the batch take?",
        "answers": [{"label": "under a second", "quantity": "wall_ms", "min": 0, "max": 1000},
                    {"label": "over a minute", "quantity": "wall_ms", "min": 60000, "max": 1e9}],
        "config": {"model": "coroutines", "workers": 8, "workload": "io-sleep", "tasks": 8, "io_ms": 5}}])");
    QVERIFY(catalog.errors.empty());
    RunController controller;
    LabPage page(&controller, &catalog);
    page.resize(1400, 900);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    QVERIFY(page.loadPreset(QStringLiteral("batch")));
    auto *first = test::namedChild<QRadioButton>(&page, "predictAnswer0");
    auto *second = test::namedChild<QRadioButton>(&page, "predictAnswer1");
    QCOMPARE(first->text(), QStringLiteral("under a second"));
    QVERIFY(first->isVisible() && second->isVisible());
    for (QRadioButton *speed : page.findChildren<QRadioButton *>()) {
        if (speed->text() == QStringLiteral("Faster"))
            QVERIFY(!speed->isVisible());
    }
    second->setChecked(true);
    QVERIFY(page.startRun());
    QTRY_VERIFY_WITH_TIMEOUT(!controller.isBusy(), 30000);
    const QString graded = page.summary()->predictionText();
    QVERIFY2(graded.contains(QStringLiteral("You predicted: “over a minute”"))
            && graded.contains(QStringLiteral("that is “under a second”"))
            && graded.contains(QStringLiteral("Not what you expected")),
        qPrintable(graded));

    // Back to a custom experiment: the speed form returns, with the custom question.
    page.setPresetSelection(QString());
    QVERIFY(!page.findChild<QRadioButton *>(QStringLiteral("predictAnswer0")));
    bool fasterShown = false;
    for (QRadioButton *speed : page.findChildren<QRadioButton *>())
        fasterShown = fasterShown || (speed->text() == QStringLiteral("Faster") && speed->isVisible());
    QVERIFY(fasterShown);
}

QTEST_MAIN(TestLabPage)
#include "tst_labpage.moc"
