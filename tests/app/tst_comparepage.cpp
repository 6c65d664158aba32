#include "apptestsupport.h"
#include "charts/overlaychart.h"
#include "charts/runcolors.h"
#include "charts/speedupchart.h"
#include "compare/comparepage.h"
#include "compare/runstablemodel.h"
#include "compare/sweepcontroller.h"
#include "execution/run.h"

#include "../engine/testsupport.h"

#include <QAbstractButton>
#include <QAbstractSpinBox>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QHeaderView>
#include <QIcon>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QSlider>
#include <QSpinBox>
#include <QTableView>
#include <QTest>
#include <QThread>
#include <QThreadPool>

#include <filesystem>
#include <memory>

using namespace clab;

namespace {

// A short CPU workload: a sequential run takes a few tenths of a second, sampled often enough to
// draw a line.
RunConfig shortCpu()
{
    RunConfig config;
    config.workload = WorkloadKind::Cpu;
    config.tasks = 48;
    config.cpuSteps = 4000;
    config.sampleHz = 50;
    return config;
}

RunResult runOf(ExecutionModel model, int workers, GilPolicy gil)
{
    RunConfig config = shortCpu();
    config.model = model;
    config.workers = workers;
    config.gil = gil;
    return test::runOk(config);
}

int threadCount()
{
    std::error_code ec;
    int count = 0;
    for ([[maybe_unused]] const auto &entry : std::filesystem::directory_iterator("/proc/self/task", ec))
        ++count;
    return count;
}

} // namespace

class TestComparePage : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void fontsArePresent();
    void everyControlIsNamedAndReachable();
    void selectingRunsOverlaysThem();
    void smallSweepCompletes();
    void cancelMidSweepReturnsWithinOneSecond();
    void badInputIsRefusedAndChangesNothing();
    void noSweepBesideALabRun();
    void readableInEveryAppearance();

private:
    template<typename T> T *child(const char *name) const { return test::namedChild<T>(m_page.get(), name); }
    void chooseOnly(const char *model, const char *gil, int maxWorkers);
    void clickRow(int row, Qt::KeyboardModifiers modifiers = Qt::NoModifier);
    // A cell of the runs table as the view shows it: the model through its sorting.
    QVariant cell(int row, int column, int role = Qt::DisplayRole) const
    {
        return m_page->table()->model()->index(row, column).data(role);
    }

    std::unique_ptr<ComparePage> m_page;
    RunConfig m_labConfig = shortCpu();
};

void TestComparePage::init()
{
    m_labConfig = shortCpu();
    m_page = std::make_unique<ComparePage>();
    m_page->setLabConfigSource([this] { return m_labConfig; });
    m_page->resize(1500, 950);
    m_page->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_page.get()));
}

void TestComparePage::cleanup()
{
    if (m_page && m_page->sweepController()->isBusy()) {
        m_page->cancelSweep();
        QTRY_VERIFY_WITH_TIMEOUT(!m_page->sweepController()->isBusy(), 5000);
    }
    m_page.reset();
    applyAppearance({});
}

void TestComparePage::chooseOnly(const char *model, const char *gil, int maxWorkers)
{
    for (QCheckBox *check : m_page->findChildren<QCheckBox *>()) {
        if (check->objectName().startsWith(QLatin1String("sweepModel_")))
            check->setChecked(check->objectName() == QLatin1String("sweepModel_") + QLatin1String(model));
        if (check->objectName().startsWith(QLatin1String("sweepGil_")))
            check->setChecked(check->objectName() == QLatin1String("sweepGil_") + QLatin1String(gil));
    }
    child<QSpinBox>("maxWorkersSpin")->setValue(maxWorkers);
}

void TestComparePage::clickRow(int row, Qt::KeyboardModifiers modifiers)
{
    QTableView *table = m_page->table();
    const QRect rect = table->visualRect(table->model()->index(row, 2));
    QTest::mouseClick(table->viewport(), Qt::LeftButton, modifiers, rect.center());
}

void TestComparePage::fontsArePresent()
{
    // Without fonts every label renders as boxes and the other tests would still pass.
    QVERIFY(!QFontDatabase::families().isEmpty());
    QLabel label(QStringLiteral("Amdahl fit: 4% serial → at most 25×"));
    label.resize(label.sizeHint());
    QVERIFY(test::hasSeveralColours(label.grab().toImage()));
}

void TestComparePage::everyControlIsNamedAndReachable()
{
    for (QWidget *w : m_page->findChildren<QWidget *>()) {
        const bool control = qobject_cast<QAbstractButton *>(w) || qobject_cast<QComboBox *>(w)
            || qobject_cast<QAbstractSpinBox *>(w) || qobject_cast<QSlider *>(w) || qobject_cast<QTableView *>(w);
        if (!control || w->parentWidget()->inherits("QAbstractSpinBox") || w->inherits("QTableCornerButton"))
            continue;
        QVERIFY2(!w->accessibleName().isEmpty(),
            qPrintable(
                QStringLiteral("%1 %2").arg(QString::fromLatin1(w->metaObject()->className()), w->objectName())));
        QVERIFY2(w->focusPolicy() & Qt::TabFocus, qPrintable(w->objectName()));
    }
    for (QWidget *chart : {static_cast<QWidget *>(m_page->speedupChart()),
             static_cast<QWidget *>(m_page->throughputOverlay()), static_cast<QWidget *>(m_page->coreOverlay())})
        QVERIFY(!chart->accessibleName().isEmpty());
}

void TestComparePage::selectingRunsOverlaysThem()
{
    const RunResult one = runOf(ExecutionModel::Threads, 1, GilPolicy::Modern);
    const RunResult two = runOf(ExecutionModel::Threads, 2, GilPolicy::Off);
    RunConfig sleeping = shortCpu();
    sleeping.model = ExecutionModel::Sequential;
    sleeping.workers = 1;
    sleeping.workload = WorkloadKind::IoSleep;
    sleeping.ioMs = 5;
    sleeping.tasks = 40;
    const RunResult three = test::runOk(sleeping);
    for (const RunResult *r : {&one, &two, &three}) {
        QVERIFY2(r->samples.size() >= 2, "the run was sampled");
        m_page->addRun(*r, std::nullopt);
    }
    QCOMPARE(m_page->runCount(), 3);
    QCOMPARE(m_page->throughputOverlay()->seriesCount(), 0);
    QCOMPARE(child<QLabel>("selectionHint")->text(), QStringLiteral("Select runs to draw them over each other below."));

    // Click the first run, Ctrl+click the second: both runs' series are in both overlays, named
    // as the table names them, with every sample of each run.
    clickRow(0);
    clickRow(1, Qt::ControlModifier);
    QCOMPARE(m_page->table()->selectionModel()->selectedRows().size(), 2);
    QCOMPARE(child<QLabel>("selectionHint")->text(), QStringLiteral("2 runs selected"));
    for (OverlayChart *chart : {m_page->throughputOverlay(), m_page->coreOverlay()}) {
        QCOMPARE(chart->seriesCount(), 2);
        // Both runs are cpu: the title says so once, the names say what differs.
        QCOMPARE(chart->seriesNames(),
            (QStringList{QStringLiteral("#1 threads ×1 · Python 3.2+ GIL"), QStringLiteral("#2 threads ×2 · no GIL")}));
        QVERIFY2(chart->title().endsWith(QStringLiteral(" · cpu")), qPrintable(chart->title()));
        // Every reading of both runs, but perhaps a last one over a moment too short to rate.
        const auto readings = static_cast<qsizetype>(one.samples.size() + two.samples.size());
        QVERIFY2(chart->pointCount() >= readings - 2 && chart->pointCount() <= readings,
            qPrintable(QStringLiteral("%1 of %2").arg(chart->pointCount()).arg(readings)));
    }
    // The swatch beside each selected number is the run's colour in the charts; no swatch for the other.
    auto swatch = [this](int row) { return cell(row, 0, Qt::DecorationRole); };
    auto swatchColour
        = [&swatch](int row) { return qvariant_cast<QIcon>(swatch(row)).pixmap(14, 14).toImage().pixelColor(7, 7); };
    QCOMPARE(swatchColour(0), runColor(0, {}));
    QCOMPARE(swatchColour(1), runColor(1, {}));
    QVERIFY(!swatch(2).isValid());
    QVERIFY(runColor(0, {}) != runColor(1, {}));

    // The overlay follows the selection.
    clickRow(0, Qt::ControlModifier);
    QCOMPARE(m_page->throughputOverlay()->seriesNames(), QStringList{QStringLiteral("#2 threads ×2 · no GIL")});
    QCOMPARE(m_page->coreOverlay()->seriesCount(), 1);

    // Keyboard: the table takes focus, Ctrl+A selects every run.
    m_page->table()->setFocus();
    QTRY_VERIFY(m_page->table()->hasFocus());
    QTest::keyClick(m_page->table(), Qt::Key_A, Qt::ControlModifier);
    QCOMPARE(m_page->table()->selectionModel()->selectedRows().size(), 3);
    QCOMPARE(m_page->throughputOverlay()->seriesCount(), 3);
    QCOMPARE(m_page->coreOverlay()->seriesCount(), 3);
    // Workloads differ now: every name says its own, as the table's columns do.
    QCOMPARE(
        m_page->coreOverlay()->seriesNames().at(2), QStringLiteral("#3 sequential ×1 · io-sleep · Python 3.2+ GIL"));
    QCOMPARE(m_page->coreOverlay()->seriesNames().at(0), QStringLiteral("#1 threads ×1 · cpu · Python 3.2+ GIL"));
    QCOMPARE(m_page->coreOverlay()->title(), QStringLiteral("Mean busy across the cores"));

    // Sorting the table keeps each run's number, name and colour.
    m_page->table()->sortByColumn(3, Qt::DescendingOrder);
    QCOMPARE(cell(0, 0, Qt::UserRole).toInt(), 2);
    // The runs are the model's, in the order they came, whatever the view's sorting.
    RunsTableModel *runs = m_page->runsModel();
    QCOMPARE(runs->rowCount(), 3);
    QCOMPARE(runs->index(1, RunsTableModel::WorkersColumn).data().toString(), QStringLiteral("2"));
    QCOMPARE(runs->index(2, RunsTableModel::ModelColumn).data().toString(), QStringLiteral("sequential"));
    QCOMPARE(runs->index(2, RunsTableModel::SpeedupColumn).data().toString(), QStringLiteral("–"));
    QCOMPARE(m_page->throughputOverlay()->seriesNames().at(1), QStringLiteral("#2 threads ×2 · cpu · no GIL"));
}

void TestComparePage::smallSweepCompletes()
{
    chooseOnly("threads", "modern", 2);
    QSignalSpy ended(m_page->sweepController(), &SweepController::sweepEnded);
    QTest::mouseClick(child<QPushButton>("sweepButton"), Qt::LeftButton);
    QVERIFY(m_page->sweepController()->isBusy());
    QVERIFY(!child<QPushButton>("sweepButton")->isEnabled());
    QVERIFY(child<QPushButton>("cancelSweepButton")->isEnabled());
    QTRY_VERIFY_WITH_TIMEOUT(!m_page->sweepController()->isBusy(), 60000);
    QCOMPARE(ended.count(), 1);
    QCOMPARE(ended.at(0).at(0).value<SweepController::Outcome>(), SweepController::Outcome::Completed);

    // Baseline + 1 and 2 workers: the progress bar is full, every run is in the table.
    QProgressBar *progress = m_page->sweepProgress();
    QCOMPARE(progress->maximum(), 3);
    QCOMPARE(progress->value(), progress->maximum());
    QCOMPARE(m_page->runCount(), 3);
    QCOMPARE(cell(0, 1).toString(), QStringLiteral("Sweep 1 · baseline"));
    QCOMPARE(cell(0, 2).toString(), QStringLiteral("sequential"));
    QCOMPARE(cell(2, 1).toString(), QStringLiteral("Sweep 1"));

    // Two points, the same the engine's tally measured. One worker count above one cannot
    // determine a serial fraction: no Amdahl fit is drawn or named.
    SpeedupChart *chart = m_page->speedupChart();
    QCOMPARE(chart->lineCount(), 1);
    QCOMPARE(chart->pointCount(), 2);
    QCOMPARE(chart->fitCount(), 0);
    const std::vector<SweepSeries> series = m_page->sweepController()->tally().series();
    QCOMPARE(series.size(), 1u);
    QVERIFY(series[0].fit && !series[0].fit->isDetermined());
    QVERIFY(SpeedupChart::fitLabel(*series[0].fit).isEmpty());
    const QStringList legend = chart->legendNames();
    QCOMPARE(legend.size(), 2); // the ideal, and the line
    QCOMPARE(legend.at(1), QStringLiteral("threads · Python 3.2+ GIL"));
    // The baseline is named as measured.
    QCOMPARE(chart->title(), QStringLiteral("Sweep 1 · cpu · 48 tasks · against its measured sequential run"));
    // The table's speedup of a sweep run is against the sweep's own baseline.
    const auto baseline = m_page->sweepController()->tally().baseline(GilPolicy::Modern);
    QVERIFY(baseline);
    QCOMPARE(cell(0, 11).toString(), QStringLiteral("1.00"));
    QVERIFY(child<QPushButton>("sweepButton")->isEnabled());
    QVERIFY(child<QLabel>("sweepStatus")->text().startsWith(QStringLiteral("Sweep done")));
    // With nothing selected, the overlays show the sweep's largest run.
    QCOMPARE(m_page->table()->selectionModel()->selectedRows().size(), 1);
    QCOMPARE(m_page->throughputOverlay()->seriesCount(), 1);
    QVERIFY2(m_page->throughputOverlay()->seriesNames().front().contains(QStringLiteral("×2")),
        qPrintable(m_page->throughputOverlay()->seriesNames().front()));
}

void TestComparePage::cancelMidSweepReturnsWithinOneSecond()
{
    // Worker processes, so that a cancel that left a child behind would show.
    m_labConfig.workload = WorkloadKind::IoSleep;
    m_labConfig.ioMs = 10;
    m_labConfig.tasks = 300;
    chooseOnly("processes", "modern", 2);
    const int threadsBefore = threadCount();
    const int expiry = QThreadPool::globalInstance()->expiryTimeout();
    QThreadPool::globalInstance()->setExpiryTimeout(0); // idle pool threads end at once, so none is counted

    QVERIFY(m_page->startSweep());
    SweepController *sweep = m_page->sweepController();
    QTRY_VERIFY_WITH_TIMEOUT(sweep->currentStep() && sweep->currentStep()->config.model == ExecutionModel::Processes
            && sweep->currentTasksDone() >= 5,
        20000);
    // The status names the run going on.
    QVERIFY2(child<QLabel>("sweepStatus")->text().startsWith(QStringLiteral("Run 2 of 3: processes ×1 · io-sleep")),
        qPrintable(child<QLabel>("sweepStatus")->text()));
    QVERIFY(!test::childProcesses().empty());

    QTest::mouseClick(child<QPushButton>("cancelSweepButton"), Qt::LeftButton);
    QVERIFY(!child<QPushButton>("cancelSweepButton")->isEnabled());
    QTRY_VERIFY_WITH_TIMEOUT(!sweep->isBusy(), 30000); // the cancel is served, whatever the machine's load
    QVERIFY2(test::childProcesses().empty(), "no worker process is left once the sweep is idle");
    QVERIFY(child<QPushButton>("sweepButton")->isEnabled());
    QVERIFY(child<QLabel>("sweepStatus")->text().startsWith(QStringLiteral("Sweep cancelled after 1 of 3 runs")));
    // Only the baseline finished whole; the cancelled run is not a measurement.
    QCOMPARE(m_page->runCount(), 1);
    QCOMPARE(m_page->speedupChart()->pointCount(), 0);

    // The run's threads are joined and gone too.
    QTRY_VERIFY2_WITH_TIMEOUT(threadCount() <= threadsBefore, qPrintable(QString::number(threadCount())), 3000);
    QThreadPool::globalInstance()->setExpiryTimeout(expiry);
}

void TestComparePage::badInputIsRefusedAndChangesNothing()
{
    // The spin box offers only the engine's range.
    QSpinBox *spin = child<QSpinBox>("maxWorkersSpin");
    QCOMPARE(spin->minimum(), 1);
    QCOMPARE(spin->maximum(), kMaxSweepWorkers);

    const QString titleBefore = m_page->speedupChart()->title();
    const int progressBefore = m_page->sweepProgress()->maximum();
    QSignalSpy busy(m_page->sweepController(), &SweepController::busyChanged);
    for (const int bad : {0, 65, -1}) {
        QVERIFY(!m_page->startSweep({ExecutionModel::Threads}, {GilPolicy::Modern}, bad));
        QCOMPARE(m_page->sweepMessage(), QStringLiteral("max_workers: must be 1..64, got %1").arg(bad));
    }
    // Nothing chosen in the boxes: the button says which field.
    chooseOnly("none", "modern", 4);
    QTest::mouseClick(child<QPushButton>("sweepButton"), Qt::LeftButton);
    QCOMPARE(m_page->sweepMessage(), QStringLiteral("models: choose at least one execution model"));
    chooseOnly("threads", "none", 4);
    QTest::mouseClick(child<QPushButton>("sweepButton"), Qt::LeftButton);
    QCOMPARE(m_page->sweepMessage(), QStringLiteral("gil: choose at least one GIL policy"));
    // A workload the engine refuses is named by its own field.
    m_labConfig.tasks = 0;
    QVERIFY(!m_page->startSweep({ExecutionModel::Threads}, {GilPolicy::Modern}, 2));
    QVERIFY2(
        m_page->sweepMessage().startsWith(QStringLiteral("tasks: must be 1..")), qPrintable(m_page->sweepMessage()));

    QCOMPARE(busy.count(), 0);
    QVERIFY(!m_page->sweepController()->isBusy());
    QCOMPARE(m_page->runCount(), 0);
    QCOMPARE(m_page->speedupChart()->title(), titleBefore);
    QCOMPARE(m_page->speedupChart()->lineCount(), 0);
    QCOMPARE(m_page->sweepProgress()->maximum(), progressBefore);
    QCOMPARE(m_page->sweepProgress()->value(), 0);
    QVERIFY(child<QPushButton>("sweepButton")->isEnabled());

    // A good request afterwards clears the message.
    m_labConfig = shortCpu();
    chooseOnly("threads", "off", 1);
    QVERIFY(m_page->startSweep());
    QVERIFY(m_page->sweepMessage().isEmpty());
    QTRY_VERIFY_WITH_TIMEOUT(!m_page->sweepController()->isBusy(), 30000);
}

void TestComparePage::noSweepBesideALabRun()
{
    m_page->setLabBusy(true);
    QVERIFY(!child<QPushButton>("sweepButton")->isEnabled());
    QVERIFY(!m_page->startSweep());
    QVERIFY(m_page->sweepMessage().contains(QStringLiteral("Lab is running")));
    QVERIFY(!m_page->sweepController()->isBusy());
    m_page->setLabBusy(false);
    QVERIFY(child<QPushButton>("sweepButton")->isEnabled());
}

void TestComparePage::readableInEveryAppearance()
{
    // A real sweep of two policies plus a few runs selected: what the README shows of Compare.
    chooseOnly("threads", "modern", 3);
    child<QCheckBox>("sweepGil_off")->setChecked(true);
    QVERIFY(m_page->startSweep());
    QTRY_VERIFY_WITH_TIMEOUT(!m_page->sweepController()->isBusy(), 60000);
    QCOMPARE(m_page->speedupChart()->lineCount(), 2);
    // Three workers: a fit needs two worker counts above one within the cores, and on two cores
    // the third worker is marked as more workers than cores.
    const bool threeCores = QThread::idealThreadCount() >= 3;
    QCOMPARE(m_page->speedupChart()->fitCount(), threeCores ? 2 : 0);
    QCOMPARE(m_page->speedupChart()->marksMoreWorkersThanCores(), !threeCores);
    QTableView *table = m_page->table();
    table->sortByColumn(0, Qt::AscendingOrder);
    for (const int row : {2, 3, 6, 7})
        table->selectionModel()->select(
            table->model()->index(row, 0), QItemSelectionModel::Select | QItemSelectionModel::Rows);
    QCOMPARE(m_page->throughputOverlay()->seriesCount(), 4);

    const QString dir = qEnvironmentVariable("CLAB_SCREENSHOT_DIR");
    const std::pair<const char *, Appearance> looks[] = {{"light", {}}, {"dark", {.dark = true, .presentation = false}},
        {"presentation", {.dark = false, .presentation = true}}};
    for (const auto &[name, look] : looks) {
        applyAppearance(look);
        m_page->setAppearance(look);
        QApplication::processEvents();
        const QImage image = m_page->grab().toImage();
        QVERIFY(test::hasSeveralColours(image));
        // The chart's panel follows the theme.
        const QImage chart = m_page->speedupChart()->grab().toImage();
        const QColor corner = chart.pixelColor(2, 2);
        QVERIFY2(look.dark ? corner.lightness() < 100 : corner.lightness() > 200, name);
        if (!dir.isEmpty())
            QVERIFY(image.save(QDir(dir).filePath(QStringLiteral("compare-%1.png").arg(QLatin1String(name)))));
    }
}

QTEST_MAIN(TestComparePage)
#include "tst_comparepage.moc"
