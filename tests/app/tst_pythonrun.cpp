#include "apptestsupport.h"
#include "charts/overlaychart.h"
#include "charts/speedupchart.h"
#include "compare/comparepage.h"
#include "compare/runstablemodel.h"
#include "compare/sweepcontroller.h"
#include "lab/labpage.h"
#include "lab/pythoninterpreters.h"
#include "lab/pythonrunner.h"
#include "lab/pythontab.h"
#include "lab/summarywidget.h"
#include "shell/launchoptions.h"
#include "shell/mainwindow.h"
#include "shell/preferencesdialog.h"
#include "textutil.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QListWidget>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

#include <unistd.h>

using namespace clab;

Q_DECLARE_METATYPE(clab::python::PythonOutcome)

// Running the Lab's experiment on real Python interpreters: the interpreters in Preferences (a
// fake free-threaded 3.14 and a fake broken one), "Run in Python too" with the machine's python3
// after the engine's run, its result in the summary and in Compare, a refusal, a time limit, and
// Stop leaving no child process.
class TestPythonRun : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void addsAFakeFreeThreadedInterpreter();
    void refusesAFakeBrokenInterpreter();
    void launchOptionChoosesAnInterpreter();
    void runsInPythonTooAfterTheEngine();
    void sweepsOnAnInterpreterToo();
    void cancelsASweepInPython();
    void refusesSubinterpretersBefore314();
    void tellsATimeLimit();
    void tellsAFailedProgram();
    void stopLeavesNoChildProcess();

private:
    // A shell script in m_folder that answers as a Python would (or fails), executable.
    QString writeScript(const QString &name, const QByteArray &body);
    // The window with the machine's python3 chosen for "Run in Python too" (skips without one).
    bool chooseMachinePython(MainWindow &window);
    static RunConfig shortConfig();
    static QList<int> childProcesses();

    QTemporaryDir m_settings;
    QTemporaryDir m_folder;
};

void TestPythonRun::initTestCase()
{
    test::isolateSettings(m_settings);
    QVERIFY(m_folder.isValid());
}

QString TestPythonRun::writeScript(const QString &name, const QByteArray &body)
{
    const QString path = m_folder.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write("#!/bin/sh\n" + body) < 0)
        return {};
    file.close();
    file.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    return path;
}

QList<int> TestPythonRun::childProcesses()
{
    // Every process whose parent is this one (/proc/PID/stat: "pid (comm) state ppid ...").
    QList<int> children;
    const QString self = QString::number(getpid());
    const QStringList entries = QDir(QStringLiteral("/proc")).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString &entry : entries) {
        bool isPid = false;
        const int pid = entry.toInt(&isPid);
        if (!isPid)
            continue;
        QFile stat(QStringLiteral("/proc/%1/stat").arg(entry));
        if (!stat.open(QIODevice::ReadOnly))
            continue;
        const QByteArray text = stat.readAll();
        const int close = int(text.lastIndexOf(')'));
        const QList<QByteArray> fields = text.mid(close + 2).split(' ');
        if (fields.size() > 1 && QString::fromLatin1(fields[1]) == self)
            children << pid;
    }
    return children;
}

RunConfig TestPythonRun::shortConfig()
{
    RunConfig config;
    config.model = ExecutionModel::Threads;
    config.workers = 2;
    config.workload = WorkloadKind::Cpu;
    config.tasks = 4;
    config.cpuSteps = 200;
    return config;
}

bool TestPythonRun::chooseMachinePython(MainWindow &window)
{
    PythonInterpreters *interpreters = window.interpreters();
    if (!QTest::qWaitFor([&] { return interpreters->hasSearched(); }, 60000))
        return false;
    if (interpreters->entries().empty())
        return false;
    window.labPage()->pythonTab()->setRunInPython(true);
    return window.controller()->pythonInterpreter().has_value();
}

void TestPythonRun::addsAFakeFreeThreadedInterpreter()
{
    const QString fake = writeScript(QStringLiteral("python3.14t"),
        "echo '{\"executable\": \"/x\", \"version\": [3, 14, 0], \"implementation\": \"cpython\", "
        "\"free_threaded\": true, \"gil_enabled\": false}'\n");
    QVERIFY(!fake.isEmpty());
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    PreferencesDialog *preferences = window.showPreferences();
    QVERIFY(preferences->isVisible());
    QVERIFY(!preferences->isModal());
    QSignalSpy added(window.interpreters(), &PythonInterpreters::added);
    preferences->addPath(fake);
    QVERIFY(added.wait(30000));
    const QString label = QStringLiteral("CPython 3.14.0 free-threaded (GIL off)");
    QTRY_VERIFY(!preferences->list()->findItems(label, Qt::MatchContains).isEmpty());
    QVERIFY(preferences->list()->findItems(label, Qt::MatchContains).constFirst()->text().contains(fake));
    QVERIFY(preferences->message().contains(QStringLiteral("Added")));
    // A picture to look at, when asked for (as tst_projector does).
    if (const QString dir = qEnvironmentVariable("CLAB_SCREENSHOT_DIR"); !dir.isEmpty()) {
        QDir().mkpath(dir);
        QVERIFY(preferences->grab().save(QDir(dir).filePath(QStringLiteral("preferences.png"))));
    }
    QCOMPARE(QSettings().value(QLatin1String(PythonInterpreters::kSettingsKey)).toStringList(), QStringList{fake});
    // The Lab offers it.
    auto *combo = test::namedChild<QComboBox>(window.labPage(), "pythonInterpreterCombo");
    QVERIFY(combo->findData(fake) >= 0);
    QVERIFY(combo->itemText(combo->findData(fake)).startsWith(label));

    // Chosen to run after the engine.
    QVERIFY(window.labPage()->pythonTab()->setRunInPython(fake));
    QCOMPARE(toQString(window.controller()->pythonInterpreter()->path), fake);

    // Kept for the next session: a new window finds it again, chosen and ticked as it was.
    {
        MainWindow again;
        QTRY_VERIFY_WITH_TIMEOUT(again.interpreters()->find(fake) != nullptr, 60000);
        QCOMPARE(toQString(again.interpreters()->find(fake)->label()), label);
        QTRY_VERIFY_WITH_TIMEOUT(again.controller()->pythonInterpreter().has_value(), 60000);
        QCOMPARE(toQString(again.controller()->pythonInterpreter()->path), fake);
        auto *againCombo = test::namedChild<QComboBox>(again.labPage(), "pythonInterpreterCombo");
        QCOMPARE(againCombo->currentData().toString(), fake);
        // Its search of PATH done, so that no probe of it outlives the window (later tests count children).
        QTRY_VERIFY_WITH_TIMEOUT(again.interpreters()->hasSearched() && !again.interpreters()->isSearching(), 60000);
    }
    // Unticked, the next session leaves it unticked.
    window.labPage()->pythonTab()->setRunInPython(false);
    QVERIFY(!window.controller()->pythonInterpreter());
    {
        MainWindow again;
        QTRY_VERIFY_WITH_TIMEOUT(again.interpreters()->hasSearched(), 60000);
        auto *againCombo = test::namedChild<QComboBox>(again.labPage(), "pythonInterpreterCombo");
        QCOMPARE(againCombo->currentData().toString(), fake);
        QVERIFY(!test::namedChild<QCheckBox>(again.labPage(), "runInPythonCheck")->isChecked());
        QVERIFY(!again.controller()->pythonInterpreter());
        QTRY_VERIFY_WITH_TIMEOUT(!again.interpreters()->isSearching(), 60000);
    }

    // Removed: gone from the list, the Lab and the settings.
    QListWidgetItem *item = preferences->list()->findItems(label, Qt::MatchContains).constFirst();
    preferences->list()->setCurrentItem(item);
    auto *remove = test::namedChild<QPushButton>(preferences, "interpreterRemove");
    QVERIFY(remove->isEnabled());
    remove->click();
    QVERIFY(preferences->list()->findItems(label, Qt::MatchContains).isEmpty());
    QCOMPARE(combo->findData(fake), -1);
    QVERIFY(QSettings().value(QLatin1String(PythonInterpreters::kSettingsKey)).toStringList().isEmpty());
}

void TestPythonRun::refusesAFakeBrokenInterpreter()
{
    const QString broken
        = writeScript(QStringLiteral("python3.99"), "echo 'fake python: broken on purpose' >&2\nexit 1\n");
    QVERIFY(!broken.isEmpty());
    MainWindow window;
    PreferencesDialog *preferences = window.showPreferences();
    QSignalSpy failed(window.interpreters(), &PythonInterpreters::addFailed);
    preferences->addPath(broken);
    QVERIFY(failed.wait(30000));
    QVERIFY(failed.constFirst().at(1).toString().contains(QStringLiteral("broken on purpose")));
    QVERIFY(preferences->message().contains(QStringLiteral("broken on purpose")));
    QVERIFY(preferences->message().contains(broken));
    QVERIFY(window.interpreters()->find(broken) == nullptr);
    QVERIFY(QSettings().value(QLatin1String(PythonInterpreters::kSettingsKey)).toStringList().isEmpty());

    // Not a program at all.
    preferences->addPath(m_folder.filePath(QStringLiteral("no-such-python")));
    QVERIFY(failed.wait(30000));
    QVERIFY(!preferences->message().isEmpty());
}

void TestPythonRun::launchOptionChoosesAnInterpreter()
{
    const QString fake = writeScript(QStringLiteral("python3.13"),
        "echo '{\"executable\": \"/y\", \"version\": [3, 13, 1], \"implementation\": \"cpython\", "
        "\"free_threaded\": false, \"gil_enabled\": true}'\n");
    MainWindow window;
    LaunchOptions options;
    options.python = fake;
    window.applyLaunchOptions(options);
    QTRY_VERIFY_WITH_TIMEOUT(window.controller()->pythonInterpreter().has_value(), 30000);
    QCOMPARE(toQString(window.controller()->pythonInterpreter()->path), fake);
    QCOMPARE(toQString(window.controller()->pythonInterpreter()->label()), QStringLiteral("CPython 3.13.1"));
    QCOMPARE(window.exitCode(), 0);
    window.interpreters()->remove(fake);

    MainWindow broken;
    options.python = m_folder.filePath(QStringLiteral("no-such-python"));
    broken.applyLaunchOptions(options);
    QTRY_COMPARE_WITH_TIMEOUT(broken.exitCode(), 2, 30000);
    QVERIFY(!broken.controller()->pythonInterpreter());
}

void TestPythonRun::runsInPythonTooAfterTheEngine()
{
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    if (!chooseMachinePython(window))
        QSKIP("no Python 3.8+ on PATH");
    RunController *controller = window.controller();
    LabPage *lab = window.labPage();
    lab->setControls(shortConfig());

    QSignalSpy engineFinished(controller, &RunController::runFinished);
    QSignalSpy phases(controller->pythonRunner(), &PythonRunner::phaseChanged);
    QSignalSpy pythonFinished(controller, &RunController::pythonFinished);
    // Never both at once: when the Python program starts, the engine's run has ended.
    bool engineDoneFirst = true;
    connect(controller->pythonRunner(), &PythonRunner::phaseChanged, this, [&](PythonRunner::Phase phase) {
        if (phase == PythonRunner::Phase::Baseline)
            engineDoneFirst = engineDoneFirst && engineFinished.count() == 1;
    });
    QString runningText;
    connect(controller->pythonRunner(), &PythonRunner::phaseChanged, this,
        [&] { runningText = lab->summary()->pythonText(); });

    QVERIFY(lab->startRun());
    QTRY_VERIFY_WITH_TIMEOUT(pythonFinished.count() == 1, 240000);
    QTRY_VERIFY(!controller->isBusy());
    QVERIFY(engineDoneFirst);
    QCOMPARE(phases.count(), 3);
    QCOMPARE(phases.at(0).at(0).value<PythonRunner::Phase>(), PythonRunner::Phase::Baseline);
    QCOMPARE(phases.at(1).at(0).value<PythonRunner::Phase>(), PythonRunner::Phase::Run);
    QCOMPARE(phases.at(2).at(0).value<PythonRunner::Phase>(), PythonRunner::Phase::Idle);

    const auto outcome = pythonFinished.constFirst().at(1).value<python::PythonOutcome>();
    QVERIFY2(outcome.succeeded(), outcome.error.c_str());
    QVERIFY(outcome.speedup.has_value());
    const python::PythonSummary &s = *outcome.summary;
    QCOMPARE(s.tasksCompleted, std::uint64_t(4));

    // The summary: both speedups, then the interpreter's own numbers, as the program measured them.
    const QString label = toQString(outcome.interpreter.label());
    const QString text = lab->summary()->pythonText();
    QVERIFY2(text.contains(QStringLiteral("engine ×")), qPrintable(text));
    QVERIFY2(text.contains(label + QStringLiteral(" ×") + formatFixed(*outcome.speedup, 2)), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("wall %1 s").arg(formatFixed(s.wallSeconds, 3))), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("%1 cores busy").arg(formatFixed(s.avgCoresBusy, 2))), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("p50 latency %1 ms").arg(formatFixed(s.latencyMsP50, 2))), qPrintable(text));
    QVERIFY(lab->summary()->isVisible());

    // Compare: the engine's row, then the interpreter's, labelled with it.
    RunsTableModel *runs = window.comparePage()->runsModel();
    QCOMPARE(runs->runCount(), 2);
    QCOMPARE(runs->run(1).source, QStringLiteral("Lab"));
    const RunsTableModel::Run &row = runs->run(2);
    QVERIFY(row.source.startsWith(label));
    QCOMPARE(runs->index(1, RunsTableModel::WallColumn).data().toString(), formatFixed(s.wallSeconds, 3));
    QCOMPARE(runs->index(1, RunsTableModel::SpeedupColumn).data().toString(), formatFixed(*outcome.speedup, 2));
    QCOMPARE(runs->index(1, RunsTableModel::CoresBusyColumn).data().toString(), formatFixed(s.avgCoresBusy, 2));
    // What a Python program does not measure is not shown as a number.
    QCOMPARE(runs->index(1, RunsTableModel::GilSwitchesColumn).data().toString(), QStringLiteral("–"));
    QCOMPARE(runs->index(1, RunsTableModel::MaxRunningColumn).data().toString(), QStringLiteral("–"));
    // Both selected: the overlays draw the engine's samples; the Python row has none, and the
    // hint says why it is not drawn rather than a legend entry with no line.
    ComparePage *compare = window.comparePage();
    compare->table()->selectAll();
    QCOMPARE(compare->throughputOverlay()->seriesCount(), 1);
    const QString hint = test::namedChild<QLabel>(compare, "selectionHint")->text();
    QVERIFY2(hint.startsWith(QStringLiteral("2 runs selected; #2 ran in Python")), qPrintable(hint));
    QVERIFY(childProcesses().isEmpty());
}

// A sweep with an interpreter: the engine's runs, then the same points as Python programs, each
// beside its own baseline; the interpreter's line in the chart after the engine's, its rows in the
// table; subinterpreters, which Python 3.11 cannot run, left out and said so.
void TestPythonRun::sweepsOnAnInterpreterToo()
{
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    if (!QTest::qWaitFor([&] { return window.interpreters()->hasSearched(); }, 60000)
        || window.interpreters()->entries().empty())
        QSKIP("no Python 3.8+ on PATH");
    const python::Interpreter python = window.interpreters()->entries().front().interpreter;
    // A bare name, as `--python python3` gives it, is the interpreter a shell would run.
    const QString onPath = toQString(python::resolveOnPath("python3", qEnvironmentVariable("PATH").toStdString()));
    if (window.interpreters()->find(onPath))
        QCOMPARE(window.interpreters()->find(QStringLiteral("python3")), window.interpreters()->find(onPath));
    window.labPage()->setControls(shortConfig());
    ComparePage *compare = window.comparePage();
    SweepController *sweep = compare->sweepController();
    QSignalSpy ended(sweep, &SweepController::sweepEnded);
    QSignalSpy pythonPoints(sweep, &SweepController::pythonStepFinished);
    const bool subinterpreters = python.minor >= 14;
    QVERIFY(compare->startSweep(
        {ExecutionModel::Threads, ExecutionModel::Subinterpreters}, {GilPolicy::Modern}, 2, toQString(python.path)));
    // Engine: a baseline and 2 models × 2 workers; Python: 2 workers of each model it can run.
    QCOMPARE(sweep->stepCount(), 5 + (subinterpreters ? 4 : 2));
    QCOMPARE(sweep->pythonSkipped().isEmpty(), subinterpreters);
    QTRY_VERIFY_WITH_TIMEOUT(!ended.isEmpty(), 300000);
    QCOMPARE(ended.constFirst().at(0).value<SweepController::Outcome>(), SweepController::Outcome::Completed);
    QCOMPARE(pythonPoints.count(), subinterpreters ? 4 : 2);
    QCOMPARE(sweep->stepsDone(), sweep->stepCount());

    const std::vector<SweepSeries> lines = sweep->tally().pythonSeries();
    QCOMPARE(lines.size(), subinterpreters ? 2u : 1u);
    QCOMPARE(toQString(lines.front().interpreter), toQString(python.label()));
    QCOMPARE(lines.front().points.size(), 2u);
    for (const SpeedupPoint &point : lines.front().points)
        QVERIFY(point.speedup > 0.0);
    // The chart: the engine's two lines, then the interpreter's, named for it.
    QCOMPARE(compare->speedupChart()->lineCount(), 2 + int(lines.size()));
    const QStringList legend = compare->speedupChart()->legendNames();
    QVERIFY2(std::any_of(legend.begin(), legend.end(),
                 [&](const QString &name) {
                     return name.startsWith(QStringLiteral("threads · %1 in Python").arg(toQString(python.label())));
                 }),
        qPrintable(legend.join(QLatin1Char('|'))));
    // The table: the engine's 5 rows, then one per Python point, labelled with the sweep and the interpreter.
    RunsTableModel *runs = compare->runsModel();
    QCOMPARE(runs->runCount(), 5 + pythonPoints.count());
    const RunsTableModel::Run &last = runs->run(runs->runCount());
    QVERIFY(last.python);
    QVERIFY2(last.source.startsWith(QStringLiteral("Sweep 1 · ") + toQString(python.label())), qPrintable(last.source));
    QCOMPARE(last.config.workers, 2);
    QVERIFY(childProcesses().isEmpty());
}

// Cancelled while a Python point runs: the sweep ends at once as cancelled, no child is left.
void TestPythonRun::cancelsASweepInPython()
{
    MainWindow window;
    if (!QTest::qWaitFor([&] { return window.interpreters()->hasSearched(); }, 60000)
        || window.interpreters()->entries().empty())
        QSKIP("no Python 3.8+ on PATH");
    const python::Interpreter python = window.interpreters()->entries().front().interpreter;
    RunConfig config = shortConfig();
    config.tasks = 2000; // long enough in Python to be cancelled while it runs
    window.labPage()->setControls(config);
    ComparePage *compare = window.comparePage();
    SweepController *sweep = compare->sweepController();
    QSignalSpy ended(sweep, &SweepController::sweepEnded);
    QVERIFY(compare->startSweep({ExecutionModel::Threads}, {GilPolicy::Modern}, 1, toQString(python.path)));
    QTRY_VERIFY_WITH_TIMEOUT(sweep->currentPythonStep() != nullptr && sweep->pythonRunner()->isBusy(), 240000);
    compare->cancelSweep();
    QTRY_VERIFY_WITH_TIMEOUT(!ended.isEmpty(), 30000);
    QCOMPARE(ended.constFirst().at(0).value<SweepController::Outcome>(), SweepController::Outcome::Cancelled);
    QVERIFY(!sweep->isBusy());
    QTRY_VERIFY_WITH_TIMEOUT(childProcesses().isEmpty(), 10000);
    QVERIFY(sweep->tally().pythonSeries().empty());
}

void TestPythonRun::refusesSubinterpretersBefore314()
{
    MainWindow window;
    if (!chooseMachinePython(window))
        QSKIP("no Python 3.8+ on PATH");
    if (window.controller()->pythonInterpreter()->minor >= 14)
        QSKIP("this python3 has concurrent.interpreters");
    RunConfig config = shortConfig();
    config.model = ExecutionModel::Subinterpreters;
    window.labPage()->setControls(config);
    QSignalSpy pythonFinished(window.controller(), &RunController::pythonFinished);
    QVERIFY(window.labPage()->startRun());
    QVERIFY(pythonFinished.wait(120000));
    const QString text = window.labPage()->summary()->pythonText();
    QVERIFY2(text.contains(QStringLiteral("refused")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("3.14")), qPrintable(text));
    QCOMPARE(window.comparePage()->runsModel()->runCount(), 1); // no result, no row
}

void TestPythonRun::tellsATimeLimit()
{
    MainWindow window;
    if (!chooseMachinePython(window))
        QSKIP("no Python 3.8+ on PATH");
    RunConfig config = shortConfig();
    config.workload = WorkloadKind::IoSleep;
    config.tasks = 200;
    config.ioMs = 50.0; // 10 s for its sequential baseline
    window.labPage()->setControls(config);
    window.controller()->setBaselineEnabled(false);
    window.controller()->pythonRunner()->setTimeLimit(std::chrono::milliseconds(800));
    QSignalSpy pythonFinished(window.controller(), &RunController::pythonFinished);
    QVERIFY(window.labPage()->startRun());
    QVERIFY(pythonFinished.wait(120000));
    const QString text = window.labPage()->summary()->pythonText();
    QVERIFY2(text.contains(QStringLiteral("timed out")), qPrintable(text));
    QVERIFY(childProcesses().isEmpty());
}

void TestPythonRun::tellsAFailedProgram()
{
    // Answers the probe (python -c ...) as a 3.12 would, and fails every program it is given.
    const QString failing = writeScript(QStringLiteral("python3.12"),
        "if [ \"$1\" = -c ]; then\n"
        "  echo '{\"executable\": \"/z\", \"version\": [3, 12, 0], \"implementation\": \"cpython\", "
        "\"free_threaded\": false, \"gil_enabled\": true}'\n"
        "  exit 0\n"
        "fi\n"
        "echo 'Traceback (most recent call last):' >&2\n"
        "echo 'RuntimeError: broken on purpose' >&2\n"
        "exit 1\n");
    MainWindow window;
    QSignalSpy added(window.interpreters(), &PythonInterpreters::added);
    window.interpreters()->add(failing);
    QVERIFY(added.wait(30000));
    QVERIFY(window.labPage()->pythonTab()->setRunInPython(failing));
    window.labPage()->setControls(shortConfig());
    QSignalSpy pythonFinished(window.controller(), &RunController::pythonFinished);
    QVERIFY(window.labPage()->startRun());
    QVERIFY(pythonFinished.wait(120000));
    const QString text = window.labPage()->summary()->pythonText();
    QVERIFY2(text.contains(QStringLiteral("CPython 3.12.0 failed")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("RuntimeError: broken on purpose")), qPrintable(text));
    QCOMPARE(window.comparePage()->runsModel()->runCount(), 1);
    window.interpreters()->remove(failing);
}

void TestPythonRun::stopLeavesNoChildProcess()
{
    MainWindow window;
    if (!chooseMachinePython(window))
        QSKIP("no Python 3.8+ on PATH");
    RunConfig config = shortConfig();
    config.workload = WorkloadKind::IoSleep;
    config.tasks = 400;
    config.ioMs = 50.0; // 20 s for its sequential baseline, were it not stopped
    window.labPage()->setControls(config);
    window.controller()->setBaselineEnabled(false);
    QSignalSpy phases(window.controller()->pythonRunner(), &PythonRunner::phaseChanged);
    QSignalSpy pythonFinished(window.controller(), &RunController::pythonFinished);
    QVERIFY(window.labPage()->startRun());
    QVERIFY(phases.wait(120000));
    QTRY_VERIFY_WITH_TIMEOUT(!childProcesses().isEmpty(), 30000); // the interpreter runs the baseline
    QVERIFY(window.labPage()->summary()->pythonText().contains(QStringLiteral("baseline")));
    QVERIFY(window.controller()->isBusy());
    window.labPage()->stopRun();
    QVERIFY(window.controller()->isStopping());
    QVERIFY(pythonFinished.wait(30000));
    const auto outcome = pythonFinished.constFirst().at(1).value<python::PythonOutcome>();
    QVERIFY(outcome.stopped);
    QVERIFY(window.labPage()->summary()->pythonText().contains(QStringLiteral("stopped")));
    QVERIFY(!window.controller()->isBusy());
    QCOMPARE(childProcesses(), QList<int>());
}

QTEST_MAIN(TestPythonRun)
#include "tst_pythonrun.moc"
