// File ▸ Save session… and Open session… on the real window, offscreen: two runs of the Lab saved,
// Compare cleared, the file opened again gives the same rows; a broken file changes nothing and
// says why in a box (docs/session-format.md).

#include "apptestsupport.h"
#include "compare/comparepage.h"
#include "compare/runstablemodel.h"
#include "lab/labpage.h"
#include "lab/runcontroller.h"
#include "results/session.h"
#include "session/sessionactions.h"
#include "shell/launchoptions.h"
#include "shell/mainwindow.h"

#include <QAction>
#include <QFile>
#include <QMessageBox>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace clab;

namespace {

// Every cell of Compare's table as it shows, row by row.
QStringList tableText(const RunsTableModel *model)
{
    QStringList rows;
    for (int row = 0; row < model->rowCount(); ++row) {
        QStringList cells;
        for (int column = 0; column < model->columnCount(); ++column)
            cells << model->index(row, column).data(Qt::DisplayRole).toString();
        rows << cells.join(QLatin1Char('|'));
    }
    return rows;
}

void writeText(const QString &path, const std::string &text)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write(text.data(), static_cast<qint64>(text.size()));
}

} // namespace

class TestSessionActions : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void shortcutsAndMenu();
    void saveClearOpenGivesTheSameRows();
    void saveFailureIsTold();
    void brokenFilesChangeNothing_data();
    void brokenFilesChangeNothing();
    void launchSavesAfterTheRunAndOpensAFile();

private:
    void runInLab(MainWindow &window, int workers);

    QTemporaryDir m_settings;
    QTemporaryDir m_files;
};

void TestSessionActions::initTestCase()
{
    test::isolateSettings(m_settings);
    QVERIFY(m_files.isValid());
}

void TestSessionActions::runInLab(MainWindow &window, int workers)
{
    RunConfig config;
    config.model = ExecutionModel::Threads;
    config.workers = workers;
    config.workload = WorkloadKind::Cpu;
    config.cpuSteps = 2000;
    config.tasks = 16;
    config.sampleHz = 50;
    window.labPage()->setControls(config);
    const int before = window.comparePage()->runCount();
    QVERIFY2(window.labPage()->startRun(), qPrintable(window.labPage()->validationMessage()));
    QTRY_VERIFY_WITH_TIMEOUT(!window.controller()->isBusy(), 30000);
    QTRY_COMPARE_WITH_TIMEOUT(window.comparePage()->runCount(), before + 1, 5000);
}

void TestSessionActions::shortcutsAndMenu()
{
    MainWindow window;
    auto *actions = test::namedChild<SessionActions>(&window, "sessionActions");
    QVERIFY(actions);
    QCOMPARE(actions->saveAction()->shortcut(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S));
    QCOMPARE(actions->openAction()->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_O));
    // No other action of the window answers the same keys.
    for (const QAction *action : window.findChildren<QAction *>()) {
        if (action == actions->saveAction() || action == actions->openAction() || action->shortcut().isEmpty())
            continue;
        QVERIFY2(action->shortcut() != actions->saveAction()->shortcut(), qPrintable(action->text()));
        QVERIFY2(action->shortcut() != actions->openAction()->shortcut(), qPrintable(action->text()));
    }
}

void TestSessionActions::saveClearOpenGivesTheSameRows()
{
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    auto *actions = test::namedChild<SessionActions>(&window, "sessionActions");
    QVERIFY(actions);
    runInLab(window, 1);
    runInLab(window, 2);
    const RunsTableModel *rows = window.comparePage()->runsModel();
    const QStringList saved = tableText(rows);
    QCOMPARE(saved.size(), 2);

    const QString path = m_files.filePath(QStringLiteral("two.clab"));
    QCOMPARE(actions->saveTo(path), QString());
    // The Lab's last run is in the file whole, timelines and all, and marked as the Lab's.
    const SessionReadResult file = readSessionFile(path.toStdString());
    QVERIFY2(file.session.has_value(), file.error.c_str());
    QCOMPARE(file.session->runs.size(), std::size_t{2});
    QCOMPARE(file.session->labRun, std::optional<std::size_t>(1));
    QCOMPARE(file.session->runs[1].result.config.workers, 2);
    QVERIFY(!file.session->runs[1].result.workers.empty());
    QVERIFY(!file.session->runs[1].result.workers.front().timeline.empty());
    QVERIFY(file.session->runs[0].result.workers.empty()); // a Compare row keeps no units

    window.comparePage()->clear();
    QCOMPARE(rows->rowCount(), 0);
    QSignalSpy opened(actions, &SessionActions::opened);
    actions->open(path);
    QTRY_COMPARE_WITH_TIMEOUT(opened.size(), 1, 10000);
    QCOMPARE(opened.front().at(1).toInt(), 2);
    QCOMPARE(tableText(rows), saved);
    QCOMPARE(rows->run(2).samples.size(), file.session->runs[1].result.samples.size());

    // Saving the opened session (off the GUI thread, as File ▸ Save session… does) gives the same
    // runs again.
    const QString again = m_files.filePath(QStringLiteral("again.clab"));
    QSignalSpy written(actions, &SessionActions::saved);
    actions->saveInBackground(again);
    QTRY_COMPARE_WITH_TIMEOUT(written.size(), 1, 10000);
    QCOMPARE(written.front().at(0).toString(), again);
    QCOMPARE(written.front().at(1).toString(), QString());
    const SessionReadResult reread = readSessionFile(again.toStdString());
    QVERIFY2(reread.session.has_value(), reread.error.c_str());
    QCOMPARE(reread.session->runs.size(), std::size_t{2});
    for (std::size_t k = 0; k < 2; ++k) {
        QCOMPARE(reread.session->runs[k].source, file.session->runs[k].source);
        QCOMPARE(reread.session->runs[k].result.summary.wallSeconds, file.session->runs[k].result.summary.wallSeconds);
        QCOMPARE(reread.session->runs[k].result.machine.cpuModel, file.session->runs[k].result.machine.cpuModel);
    }
}

// A folder that cannot be written: saved() says why, and a box shows it.
void TestSessionActions::saveFailureIsTold()
{
    MainWindow window;
    auto *actions = test::namedChild<SessionActions>(&window, "sessionActions");
    QVERIFY(actions);
    QSignalSpy saved(actions, &SessionActions::saved);
    actions->saveInBackground(QStringLiteral("/nonexistent/folder/s.clab"));
    QTRY_COMPARE_WITH_TIMEOUT(saved.size(), 1, 10000);
    QVERIFY2(saved.front().at(1).toString().contains(QStringLiteral("/nonexistent/folder")),
        qPrintable(saved.front().at(1).toString()));
    QVERIFY(actions->saveAction()->isEnabled());
    QTRY_VERIFY(window.findChild<QMessageBox *>() != nullptr);
    window.findChild<QMessageBox *>()->close();
}

void TestSessionActions::brokenFilesChangeNothing_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("expected");
    QTest::newRow("truncated") << "truncated.clab"
                               << "not valid JSON";
    QTest::newRow("newer") << "newer.clab"
                           << "written by a newer Concurrency Lab (version 7)";
    QTest::newRow("missing") << "nothing-here.clab"
                             << "nothing-here.clab";
}

void TestSessionActions::brokenFilesChangeNothing()
{
    QFETCH(QString, name);
    QFETCH(QString, expected);
    MainWindow window;
    auto *actions = test::namedChild<SessionActions>(&window, "sessionActions");
    QVERIFY(actions);
    runInLab(window, 1);
    const QStringList before = tableText(window.comparePage()->runsModel());

    const QString good = m_files.filePath(QStringLiteral("good.clab"));
    QCOMPARE(actions->saveTo(good), QString());
    QFile file(good);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const std::string text = file.readAll().toStdString();
    writeText(m_files.filePath(QStringLiteral("truncated.clab")), text.substr(0, text.size() / 2));
    std::string newer = text;
    newer.replace(newer.find("\"version\": 1"), 12, "\"version\": 7");
    writeText(m_files.filePath(QStringLiteral("newer.clab")), newer);

    QSignalSpy failed(actions, &SessionActions::openFailed);
    QSignalSpy opened(actions, &SessionActions::opened);
    actions->open(m_files.filePath(name));
    QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, 10000);
    QVERIFY2(failed.front().front().toString().contains(expected), qPrintable(failed.front().front().toString()));
    QCOMPARE(opened.size(), 0);
    auto *box = window.findChild<QMessageBox *>();
    QVERIFY(box);
    QVERIFY(box->text().contains(expected));
    QCOMPARE(tableText(window.comparePage()->runsModel()), before);
    box->close();
}

// `concurrency-lab --preset … --run --save-session FILE` saves once the run has ended, and
// `concurrency-lab FILE` opens it at start with the same rows.
void TestSessionActions::launchSavesAfterTheRunAndOpensAFile()
{
    const QString path = m_files.filePath(QStringLiteral("launch.clab"));
    QStringList rows;
    {
        const LaunchOptions options = parseLaunchOptions({QStringLiteral("concurrency-lab"), QStringLiteral("--preset"),
            QStringLiteral("cpu-threads-2-modern"), QStringLiteral("--set"), QStringLiteral("tasks=16"),
            QStringLiteral("--run"), QStringLiteral("--save-session"), path});
        QVERIFY2(options.error.isEmpty(), qPrintable(options.error));
        MainWindow window;
        window.applyLaunchOptions(options);
        QVERIFY(!QFile::exists(path)); // not before the run has ended
        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(path), 60000);
        QTRY_VERIFY_WITH_TIMEOUT(!window.controller()->isBusy(), 30000);
        rows = tableText(window.comparePage()->runsModel());
        QCOMPARE(rows.size(), 1);
    }
    const SessionReadResult file = readSessionFile(path.toStdString());
    QVERIFY2(file.session.has_value(), file.error.c_str());
    QCOMPARE(file.session->runs.size(), std::size_t{1});
    QCOMPARE(file.session->labRun, std::optional<std::size_t>(0));
    QCOMPARE(file.session->runs[0].result.config.tasks, 16);

    const LaunchOptions open = parseLaunchOptions({QStringLiteral("concurrency-lab"), path});
    QVERIFY2(open.error.isEmpty(), qPrintable(open.error));
    MainWindow window;
    auto *actions = test::namedChild<SessionActions>(&window, "sessionActions");
    QVERIFY(actions);
    QSignalSpy opened(actions, &SessionActions::opened);
    window.applyLaunchOptions(open);
    QTRY_COMPARE_WITH_TIMEOUT(opened.size(), 1, 10000);
    QCOMPARE(tableText(window.comparePage()->runsModel()), rows);
}

QTEST_MAIN(TestSessionActions)
#include "tst_sessionactions.moc"
