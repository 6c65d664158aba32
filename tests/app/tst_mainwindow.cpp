#include "apptestsupport.h"
#include "compare/comparepage.h"
#include "compare/sweepcontroller.h"
#include "lab/labpage.h"
#include "lessons/embeddedcontent.h"
#include "lessons/lessonspage.h"
#include "lessons/tryitwidget.h"
#include "shell/failurenotice.h"
#include "shell/mainwindow.h"

#include <QAbstractButton>
#include <QAbstractSpinBox>
#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QLabel>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QScrollArea>
#include <QSlider>
#include <QSpinBox>
#include <QStatusBar>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

using namespace clab;

class TestMainWindow : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void settingsRoundTrip();
    void standardShortcuts_data();
    void standardShortcuts();
    void everyControlIsNamedAndReachable();
    void presentationModeEnlargesFonts();
    void lessonTryItOpensThePreset_data();
    void lessonTryItOpensThePreset();
    void tryItDuringARunSaysWhy();
    void labWaitsForASweep();
    void aFailedRunIsToldInABox_data();
    void aFailedRunIsToldInABox();
    void aFailedSweepIsToldInABox();

private:
    QTemporaryDir m_settings;
};

void TestMainWindow::initTestCase()
{
    test::isolateSettings(m_settings);
}

void TestMainWindow::settingsRoundTrip()
{
    RunConfig config;
    config.model = ExecutionModel::Processes;
    config.workers = 3;
    config.workload = WorkloadKind::Mixed;
    config.tasks = 77;
    config.gil = GilPolicy::Legacy;
    config.switchIntervalMs = 0.5;
    config.cpuHogs = 2;
    config.cpuSteps = 1234;
    config.ioMs = 7.5;
    config.cpuFraction = 0.25;
    QRect geometry;
    {
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.labPage()->setControls(config);
        window.labPage()->setAskPrediction(false);
        // The run controls folded by hand: they stay folded in the next session.
        auto *fold = window.labPage()->findChild<QToolButton *>(QStringLiteral("settingsToggle"));
        QVERIFY(fold);
        QVERIFY(window.labPage()->settingsShown());
        fold->click();
        QVERIFY(!window.labPage()->settingsShown());
        window.setAppearance({.dark = true, .presentation = false});
        window.resize(1300, 850);
        geometry = window.geometry();
        window.saveSettings();
    }
    MainWindow restored;
    restored.loadSettings();
    const RunConfig back = restored.labPage()->configFromControls();
    QCOMPARE(fields(back).size(), fields(config).size());
    for (std::size_t i = 0; i < fields(config).size(); ++i)
        QCOMPARE(QString::fromStdString(fields(back)[i].value), QString::fromStdString(fields(config)[i].value));
    QVERIFY(restored.appearance().dark);
    QVERIFY(!restored.appearance().presentation);
    QVERIFY(!restored.labPage()->askPrediction());
    QVERIFY(!restored.labPage()->settingsShown());
    QVERIFY(restored.labPage()->settingsChoice() == std::optional<bool>(false));
    QCOMPARE(restored.size(), geometry.size());
    restored.setAppearance({});

    // Opened again by hand, they are open in the next session; never chosen, the window's size
    // decides (no setting left behind).
    restored.findChild<QToolButton *>(QStringLiteral("settingsToggle"))->click();
    restored.saveSettings();
    {
        MainWindow again;
        again.loadSettings();
        QVERIFY(again.labPage()->settingsShown());
        again.labPage()->setSettingsChoice(std::nullopt);
        again.saveSettings();
    }
    MainWindow unchosen;
    unchosen.loadSettings();
    QVERIFY(!unchosen.labPage()->settingsChoice().has_value());
}

void TestMainWindow::standardShortcuts_data()
{
    QTest::addColumn<QString>("action");
    QTest::addColumn<QKeySequence>("shortcut");
    QTest::newRow("run") << QStringLiteral("&Run") << QKeySequence(Qt::CTRL | Qt::Key_R);
    QTest::newRow("stop") << QStringLiteral("&Stop") << QKeySequence(Qt::Key_Escape);
    QTest::newRow("export") << QStringLiteral("&Export…") << QKeySequence(Qt::CTRL | Qt::Key_E);
    QTest::newRow("quit") << QStringLiteral("&Quit") << QKeySequence(QKeySequence::Quit);
    QTest::newRow("full screen") << QStringLiteral("&Full screen") << QKeySequence(Qt::Key_F11);
    QTest::newRow("presentation") << QStringLiteral("&Presentation mode")
                                  << QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P);
}

void TestMainWindow::standardShortcuts()
{
    QFETCH(QString, action);
    QFETCH(QKeySequence, shortcut);
    MainWindow window;
    bool found = false;
    for (QAction *a : window.findChildren<QAction *>()) {
        if (a->text() == action && !a->menu()) {
            QCOMPARE(a->shortcut(), shortcut);
            found = true;
        }
    }
    QVERIFY2(found, qPrintable(action));
}

void TestMainWindow::everyControlIsNamedAndReachable()
{
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    for (QWidget *page : {static_cast<QWidget *>(window.labPage()), static_cast<QWidget *>(window.lessonsPage())}) {
        for (QWidget *w : page->findChildren<QWidget *>()) {
            const bool control = qobject_cast<QAbstractButton *>(w) || qobject_cast<QComboBox *>(w)
                || qobject_cast<QAbstractSpinBox *>(w) || qobject_cast<QSlider *>(w);
            if (!control || w->parentWidget()->inherits("QAbstractSpinBox"))
                continue;
            const auto *button = qobject_cast<QAbstractButton *>(w);
            const bool named = !w->accessibleName().isEmpty() || (button && !button->text().isEmpty());
            QVERIFY2(named,
                qPrintable(
                    QStringLiteral("%1 %2").arg(QString::fromLatin1(w->metaObject()->className()), w->objectName())));
            QVERIFY2(w->focusPolicy() & Qt::TabFocus, qPrintable(w->objectName()));
        }
    }
    // The timeline is reachable from the keyboard too (zoom and pan keys).
    QVERIFY(window.labPage()->findChild<QWidget *>(QStringLiteral("timeline"))->focusPolicy() & Qt::TabFocus);
}

void TestMainWindow::presentationModeEnlargesFonts()
{
    MainWindow window;
    window.setAppearance({});
    const qreal normal = QApplication::font().pointSizeF();
    window.setAppearance({.dark = false, .presentation = true});
    QVERIFY(QApplication::font().pointSizeF() > normal * 1.3);
    window.setAppearance({});
    QCOMPARE(QApplication::font().pointSizeF(), normal);
}

void TestMainWindow::lessonTryItOpensThePreset_data()
{
    QTest::addColumn<QString>("lesson");
    QTest::addColumn<QString>("preset");
    // Every Try-it of every lesson: each button must open its own experiment.
    for (const Lesson &lesson : embeddedLessons().lessons) {
        for (const TryIt &tryIt : lesson.tryIts) {
            QTest::newRow(qPrintable(QString::fromStdString(lesson.id + " / " + tryIt.presetId)))
                << QString::fromStdString(lesson.id) << QString::fromStdString(tryIt.presetId);
        }
    }
}

void TestMainWindow::lessonTryItOpensThePreset()
{
    QFETCH(QString, lesson);
    QFETCH(QString, preset);
    const Preset *expected = embeddedPresets().find(preset.toStdString());
    QVERIFY2(expected, qPrintable(preset));
    const RunConfig &want = expected->config;

    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    // Start from a Lab that differs from the preset in every field the test compares.
    RunConfig other;
    other.model = want.model == ExecutionModel::Processes ? ExecutionModel::Threads : ExecutionModel::Processes;
    other.workers = want.workers == 3 ? 5 : 3;
    other.workload = want.workload == WorkloadKind::Native ? WorkloadKind::Cpu : WorkloadKind::Native;
    other.gil = want.gil == GilPolicy::Legacy ? GilPolicy::Off : GilPolicy::Legacy;
    window.labPage()->setControls(other);

    window.pages()->setCurrentWidget(window.lessonsPage());
    QVERIFY(window.lessonsPage()->showLesson(lesson, QStringLiteral("Try it")));
    QPushButton *button = nullptr;
    for (TryItWidget *card : window.lessonsPage()->findChildren<TryItWidget *>()) {
        if (card->presetId() == preset)
            button = card->button();
    }
    QVERIFY(button);
    auto *scroll = window.lessonsPage()->findChild<QScrollArea *>(QStringLiteral("lessonScroll"));
    QVERIFY(button->isEnabled());
    // Scrolled into view as a reader would, once the lesson's layout has settled.
    auto inView = [&] {
        scroll->ensureWidgetVisible(button);
        const QRect rect(button->mapTo(scroll->viewport(), QPoint(0, 0)), button->size());
        return button->isVisible() && button->height() >= button->sizeHint().height()
            && scroll->viewport()->rect().contains(rect)
            && window.childAt(button->mapTo(&window, button->rect().center())) == button;
    };
    QTRY_VERIFY(inView());
    QTest::mouseClick(button, Qt::LeftButton);

    QCOMPARE(window.pages()->currentWidget(), window.labPage());
    QCOMPARE(window.labPage()->currentPresetId(), preset);
    LabPage *lab = window.labPage();
    QCOMPARE(lab->findChild<QComboBox *>(QStringLiteral("presetCombo"))->currentData().toString(), preset);
    QCOMPARE(
        lab->findChild<QComboBox *>(QStringLiteral("modelCombo"))->currentData().toInt(), static_cast<int>(want.model));
    QCOMPARE(lab->findChild<QSpinBox *>(QStringLiteral("workersSpin"))->value(), want.workers);
    QCOMPARE(lab->findChild<QComboBox *>(QStringLiteral("workloadCombo"))->currentData().toInt(),
        static_cast<int>(want.workload));
    QCOMPARE(
        lab->findChild<QComboBox *>(QStringLiteral("gilCombo"))->currentData().toInt(), static_cast<int>(want.gil));
}

// A Try-it pressed while a run goes on shows the run and says what to do; the Lab keeps its settings.
void TestMainWindow::tryItDuringARunSaysWhy()
{
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.labPage()->loadPreset(QStringLiteral("io-sleep-threads-40")));
    RunConfig config = window.labPage()->configFromControls();
    config.tasks = 4000;
    window.labPage()->setControls(config);
    QVERIFY(window.labPage()->startRun());
    window.pages()->setCurrentWidget(window.lessonsPage());
    emit window.lessonsPage()->presetRequested(QStringLiteral("cpu-threads-2-modern"));
    QCOMPARE(window.pages()->currentWidget(), window.labPage());
    QVERIFY2(window.statusBar()->currentMessage().contains(QStringLiteral("A run is going on")),
        qPrintable(window.statusBar()->currentMessage()));
    QCOMPARE(window.labPage()->configFromControls().tasks, 4000);
    window.labPage()->stopRun();
    QTRY_VERIFY_WITH_TIMEOUT(!window.controller()->isBusy(), 5000);
}

// A sweep and a Lab run would compete for the cores: while Compare sweeps, the Lab refuses to
// start and says why; afterwards it runs again.
void TestMainWindow::labWaitsForASweep()
{
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    RunConfig config = window.labPage()->configFromControls();
    config.workload = WorkloadKind::IoSleep;
    config.ioMs = 10;
    config.tasks = 400;
    window.labPage()->setControls(config);
    QVERIFY(window.comparePage()->startSweep({ExecutionModel::Threads}, {GilPolicy::Modern}, 2));
    QVERIFY(window.comparePage()->sweepController()->isBusy());
    QVERIFY(!window.labPage()->startRun());
    QVERIFY2(window.labPage()->validationMessage().contains(QStringLiteral("sweep")),
        qPrintable(window.labPage()->validationMessage()));
    QVERIFY(!window.controller()->isBusy());
    QVERIFY(!window.labPage()->findChild<QPushButton *>(QStringLiteral("runButton"))->isEnabled());
    window.comparePage()->cancelSweep();
    QTRY_VERIFY_WITH_TIMEOUT(!window.comparePage()->sweepController()->isBusy(), 5000);
    QVERIFY(window.labPage()->validationMessage().isEmpty());
    QVERIFY(window.labPage()->findChild<QPushButton *>(QStringLiteral("runButton"))->isEnabled());
}

void TestMainWindow::aFailedRunIsToldInABox_data()
{
    QTest::addColumn<QByteArray>("variable");
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<bool>("baseline");
    QTest::addColumn<QString>("expected");
    // The worker program missing fails the run itself; an unusable temporary folder fails the
    // io-file baseline before the experiment starts.
    QTest::newRow("worker missing") << QByteArray("CLAB_WORKER") << QByteArray("/nonexistent/clab-worker") << false
                                    << QStringLiteral("/nonexistent/clab-worker");
    QTest::newRow("temporary folder unusable") << QByteArray("TMPDIR") << QByteArray("/nonexistent/clab-tmp") << true
                                               << QStringLiteral("/nonexistent/clab-tmp");
}

// A failed run is told in a message box naming what failed and where; the box does not block
// (the window stays live behind it), and once it is closed the window runs again.
void TestMainWindow::aFailedRunIsToldInABox()
{
    QFETCH(QByteArray, variable);
    QFETCH(QByteArray, value);
    QFETCH(bool, baseline);
    QFETCH(QString, expected);
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    RunConfig config = window.labPage()->configFromControls();
    config.model = baseline ? ExecutionModel::Threads : ExecutionModel::Processes;
    config.workload = baseline ? WorkloadKind::IoFile : WorkloadKind::Cpu;
    config.workers = 2;
    config.tasks = 4;
    window.labPage()->setControls(config);
    window.controller()->setBaselineEnabled(baseline);

    const QByteArray old = qgetenv(variable.constData());
    qputenv(variable.constData(), value);
    QVERIFY(window.labPage()->startRun());
    QTRY_VERIFY_WITH_TIMEOUT(window.failureNotice()->box() != nullptr, 30000);
    if (old.isEmpty())
        qunsetenv(variable.constData());
    else
        qputenv(variable.constData(), old);
    QPointer<QMessageBox> box = window.failureNotice()->box();
    QVERIFY2(box->text().contains(expected), qPrintable(box->text()));
    QVERIFY(box->isVisible());
    QCOMPARE(box->windowModality(), Qt::WindowModal);
    QTRY_VERIFY_WITH_TIMEOUT(!window.controller()->isBusy(), 30000);
    // The inline message says the same.
    const QString state = window.findChild<QLabel *>(QStringLiteral("statusState"))->text();
    QVERIFY2(state.startsWith(QStringLiteral("Failed: ")) && state.contains(expected), qPrintable(state));

    box->accept();
    QTRY_VERIFY(box.isNull()); // deleted on close
    config.model = ExecutionModel::Threads;
    config.workload = WorkloadKind::IoSleep;
    config.ioMs = 1;
    window.labPage()->setControls(config);
    QVERIFY(window.labPage()->startRun());
    QTRY_VERIFY_WITH_TIMEOUT(!window.controller()->isBusy(), 30000);
    QVERIFY(window.controller()->lastResult());
    QVERIFY2(window.controller()->lastResult()->summary.error.empty(),
        window.controller()->lastResult()->summary.error.c_str());
    QVERIFY(window.failureNotice()->box() == nullptr);
}

void TestMainWindow::aFailedSweepIsToldInABox()
{
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    RunConfig config = window.labPage()->configFromControls();
    config.workload = WorkloadKind::Cpu;
    config.tasks = 4;
    window.labPage()->setControls(config);
    const QByteArray old = qgetenv("CLAB_WORKER");
    qputenv("CLAB_WORKER", "/nonexistent/clab-worker");
    QVERIFY(window.comparePage()->startSweep({ExecutionModel::Processes}, {GilPolicy::Modern}, 2));
    QTRY_VERIFY_WITH_TIMEOUT(window.failureNotice()->box() != nullptr, 30000);
    if (old.isEmpty())
        qunsetenv("CLAB_WORKER");
    else
        qputenv("CLAB_WORKER", old);
    QPointer<QMessageBox> box = window.failureNotice()->box();
    QVERIFY2(box->text().contains(QStringLiteral("Sweep stopped"))
            && box->text().contains(QStringLiteral("/nonexistent/clab-worker")),
        qPrintable(box->text()));
    QTRY_VERIFY_WITH_TIMEOUT(!window.comparePage()->sweepController()->isBusy(), 30000);
    box->accept();
    QTRY_VERIFY(box.isNull());
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
