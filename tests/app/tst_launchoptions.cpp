#include "shell/launchoptions.h"

#include <QTest>

using namespace clab;

// The command line of `concurrency-lab`: good options reach LaunchOptions, a bad one is an error
// that names the option and what it accepts.
class TestLaunchOptions : public QObject
{
    Q_OBJECT

private slots:
    void goodOptions();
    void badOptions_data();
    void badOptions();
    void sweepOptions();
    void sessionOptions();
    void helpAndVersionAreDetected();
};

void TestLaunchOptions::goodOptions()
{
    const LaunchOptions options = parseLaunchOptions({QStringLiteral("concurrency-lab"), QStringLiteral("--preset"),
        QStringLiteral("cpu-processes-4"), QStringLiteral("--set"), QStringLiteral("tasks=2000"),
        QStringLiteral("--set"), QStringLiteral("gil = off"), QStringLiteral("--run"), QStringLiteral("--screenshot"),
        QStringLiteral("/tmp/x.png"), QStringLiteral("--quit-after-ms"), QStringLiteral("2500"),
        QStringLiteral("--theme"), QStringLiteral("dark"), QStringLiteral("--page"), QStringLiteral("lab")});
    QVERIFY2(options.error.isEmpty(), qPrintable(options.error));
    QCOMPARE(options.preset, QStringLiteral("cpu-processes-4"));
    QCOMPARE(options.settings.size(), std::size_t(2));
    QCOMPARE(options.settings[0].first, std::string("tasks"));
    QCOMPARE(options.settings[0].second, std::string("2000"));
    QCOMPARE(options.settings[1].first, std::string("gil"));
    QCOMPARE(options.settings[1].second, std::string("off"));
    QVERIFY(options.run);
    QCOMPARE(options.quitAfterMs, 2500);
    QVERIFY(options.theme == ThemeChoice::Dark);
    QVERIFY(options.capturesAndQuits());

    // The Lab's Python tab, and an interpreter to run the experiment on too.
    const LaunchOptions python = parseLaunchOptions({QStringLiteral("concurrency-lab"), QStringLiteral("--page"),
        QStringLiteral("python"), QStringLiteral("--python"), QStringLiteral("/usr/bin/python3")});
    QVERIFY2(python.error.isEmpty(), qPrintable(python.error));
    QCOMPARE(python.page, QStringLiteral("python"));
    QCOMPARE(python.python, QStringLiteral("/usr/bin/python3"));

    // 5000 workers is too many for threads but fine for coroutines: --set cannot know the model yet.
    const LaunchOptions many = parseLaunchOptions(
        {QStringLiteral("concurrency-lab"), QStringLiteral("--set"), QStringLiteral("workers=5000")});
    QVERIFY2(many.error.isEmpty(), qPrintable(many.error));
}

void TestLaunchOptions::badOptions_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("expected");
    QTest::newRow("two sessions") << QStringList{QStringLiteral("a.clab"), QStringLiteral("b.clab")}
                                  << QStringLiteral("expected at most one session file, got 2");
    QTest::newRow("session and run") << QStringList{QStringLiteral("a.clab"), QStringLiteral("--run")}
                                     << QStringLiteral("a.clab: a session file opens alone");
    QTest::newRow("session and sweep") << QStringList{QStringLiteral("a.clab"), QStringLiteral("--sweep"),
        QStringLiteral("threads")} << QStringLiteral("a.clab: a session file opens alone");
    QTest::newRow("save-session empty") << QStringList{QStringLiteral("--save-session"), QString()}
                                        << QStringLiteral("save-session: expected a file name");
    QTest::newRow("quit-after-ms") << QStringList{QStringLiteral("--quit-after-ms"), QStringLiteral("-5")}
                                   << QStringLiteral("quit-after-ms:");
    QTest::newRow("theme") << QStringList{QStringLiteral("--theme"), QStringLiteral("blue")}
                           << QStringLiteral("theme:");
    QTest::newRow("page") << QStringList{QStringLiteral("--page"), QStringLiteral("x")} << QStringLiteral("page:");
    QTest::newRow("set without =") << QStringList{QStringLiteral("--set"), QStringLiteral("tasks")}
                                   << QStringLiteral("set: expected KEY=VALUE");
    QTest::newRow("set unknown key") << QStringList{QStringLiteral("--set"), QStringLiteral("speed=3")}
                                     << QStringLiteral("set: speed");
    QTest::newRow("sweep model") << QStringList{QStringLiteral("--sweep"), QStringLiteral("threads,fibers")}
                                 << QStringLiteral("sweep:");
    QTest::newRow("sweep gil") << QStringList{QStringLiteral("--sweep"), QStringLiteral("threads"),
        QStringLiteral("--sweep-gil"), QStringLiteral("maybe")}
                               << QStringLiteral("sweep-gil:");
    QTest::newRow("sweep max") << QStringList{QStringLiteral("--sweep"), QStringLiteral("threads"),
        QStringLiteral("--sweep-max"), QStringLiteral("65")}
                               << QStringLiteral("sweep-max: must be 1..64");
    QTest::newRow("sweep max alone") << QStringList{QStringLiteral("--sweep-max"), QStringLiteral("4")}
                                     << QStringLiteral("sweep-gil and sweep-max: need --sweep");
    QTest::newRow("set out of range") << QStringList{QStringLiteral("--set"), QStringLiteral("tasks=0")}
                                      << QStringLiteral("set: tasks: must be");
    // A worker count is checked against the widest range of any model (the model may come later).
    QTest::newRow("set workers beyond every model") << QStringList{QStringLiteral("--set"), QStringLiteral("workers=0")}
                                                    << QStringLiteral("set: workers: must be 1..100000, got 0");
    QTest::newRow("set a real out of range") << QStringList{QStringLiteral("--set"), QStringLiteral("io_ms=0")}
                                             << QStringLiteral("set: io_ms: must be 0.01..10000, got 0");
}

void TestLaunchOptions::badOptions()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, expected);
    arguments.prepend(QStringLiteral("concurrency-lab"));
    const LaunchOptions options = parseLaunchOptions(arguments);
    QVERIFY2(options.error.startsWith(expected), qPrintable(options.error));
}

void TestLaunchOptions::sessionOptions()
{
    const LaunchOptions open = parseLaunchOptions({QStringLiteral("concurrency-lab"), QStringLiteral("/tmp/s.clab")});
    QVERIFY2(open.error.isEmpty(), qPrintable(open.error));
    QCOMPARE(open.sessionFile, QStringLiteral("/tmp/s.clab"));
    QVERIFY(open.saveSession.isEmpty());
    const LaunchOptions save = parseLaunchOptions(
        {QStringLiteral("concurrency-lab"), QStringLiteral("--preset"), QStringLiteral("cpu-threads-2-modern"),
            QStringLiteral("--run"), QStringLiteral("--save-session"), QStringLiteral("/tmp/out.clab")});
    QVERIFY2(save.error.isEmpty(), qPrintable(save.error));
    QCOMPARE(save.saveSession, QStringLiteral("/tmp/out.clab"));
    QVERIFY(save.sessionFile.isEmpty());
    QVERIFY(!save.capturesAndQuits()); // saving does not quit
}

void TestLaunchOptions::sweepOptions()
{
    LaunchOptions options = parseLaunchOptions({QStringLiteral("concurrency-lab"), QStringLiteral("--sweep"),
        QStringLiteral("threads, processes"), QStringLiteral("--sweep-gil"), QStringLiteral("modern,off"),
        QStringLiteral("--sweep-max"), QStringLiteral("4")});
    QVERIFY2(options.error.isEmpty(), qPrintable(options.error));
    QCOMPARE(options.sweepModels.size(), std::size_t(2));
    QVERIFY(options.sweepModels[0] == ExecutionModel::Threads);
    QVERIFY(options.sweepModels[1] == ExecutionModel::Processes);
    QCOMPARE(options.sweepPolicies.size(), std::size_t(2));
    QVERIFY(options.sweepPolicies[1] == GilPolicy::Off);
    QCOMPARE(options.sweepMax, 4);

    options
        = parseLaunchOptions({QStringLiteral("concurrency-lab"), QStringLiteral("--sweep"), QStringLiteral("threads")});
    QVERIFY(options.error.isEmpty());
    QCOMPARE(options.sweepPolicies.size(), std::size_t(1));
    QVERIFY(options.sweepPolicies[0] == GilPolicy::Modern);
    QCOMPARE(options.sweepMax, 0);
}

void TestLaunchOptions::helpAndVersionAreDetected()
{
    // main() asks first, before any window, so that --help and --version need no display.
    const auto detect = [](const QStringList &arguments) {
        return parseLaunchOptions(QStringList{QStringLiteral("concurrency-lab")} + arguments, HelpAndVersion::Detect);
    };
    for (const char *option : {"--help", "-h", "--version", "-v"}) {
        const LaunchOptions options = detect({QStringLiteral("--preset"), QStringLiteral("x"), QLatin1String(option)});
        QVERIFY2(options.helpOrVersion, option);
        QVERIFY2(options.error.isEmpty(), qPrintable(options.error));
    }
    // A value that looks like an option is still the value.
    QVERIFY(!detect({QStringLiteral("--preset"), QStringLiteral("--help")}).helpOrVersion);
    QVERIFY(!detect({QStringLiteral("--run")}).helpOrVersion);
    // Qt's own options are the QApplication's: refused here, so answered by it as before.
    const LaunchOptions qtOption
        = detect({QStringLiteral("-platform"), QStringLiteral("offscreen"), QStringLiteral("--help")});
    QVERIFY(!qtOption.helpOrVersion);
    QVERIFY(!qtOption.error.isEmpty());
    QVERIFY(!detect({QStringLiteral("--help-all")}).helpOrVersion);
}

QTEST_MAIN(TestLaunchOptions)
#include "tst_launchoptions.moc"
