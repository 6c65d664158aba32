#include "execution/run.h"
#include "model/runconfigfields.h"
#include "speedtest.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <atomic>
#include <thread>
#include <vector>

// The headless CLI, driven as a user would: a real process, its exit code and its output.

namespace {

struct Result
{
    int exitCode = -1;
    QString out;
    QString err;
};

Result runCli(const QStringList &args, int timeoutMs = 120000)
{
    QProcess process;
    process.start(QStringLiteral(CLAB_CLI_PATH), args);
    Result result;
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished();
        return result;
    }
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    result.out = QString::fromUtf8(process.readAllStandardOutput());
    result.err = QString::fromUtf8(process.readAllStandardError());
    return result;
}

QJsonObject readJson(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readAll()).object();
}

} // namespace

class TestCli : public QObject
{
    Q_OBJECT

private slots:
    void invalidInput_data();
    void invalidInput();
    void runPrintsSummaryAndWritesExports();
    void presetAnswersAreListedAndAnswered();
    void runWithBaselineAddsTheExperiment();
    void inProcessRunMeasuresWhatTheCliMeasures();
    void pythonPrintsTheProgram();
    void runWithPythonAddsItsResult();
    void sweepPrintsTable();
    void workloadsListsEveryWorkload();
    void helpExitsZero();
    void helpListsEveryField();
    void versionPrintsNameAndVersion();
};

void TestCli::invalidInput_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("field");

    auto run = [](QStringList extra) { return QStringList{QStringLiteral("run")} + extra; };
    QTest::newRow("workers 0") << run({QStringLiteral("--workers"), QStringLiteral("0")}) << "workers: must be 1..256";
    QTest::newRow("workers 1000") << run({QStringLiteral("--workers"), QStringLiteral("1000")})
                                  << "workers: must be 1..256";
    QTest::newRow("workers word") << run({QStringLiteral("--workers"), QStringLiteral("many")})
                                  << "workers: expected a whole number";
    QTest::newRow("sequential 2 workers") << run(
        {QStringLiteral("--model"), QStringLiteral("sequential"), QStringLiteral("--workers"), QStringLiteral("2")})
                                          << "workers: must be 1";
    QTest::newRow("unknown model") << run({QStringLiteral("--model"), QStringLiteral("fibers")})
                                   << "model: expected one of";
    QTest::newRow("unknown workload") << run({QStringLiteral("--workload"), QStringLiteral("gpu")})
                                      << "workload: expected one of";
    QTest::newRow("unknown gil") << run({QStringLiteral("--gil"), QStringLiteral("sometimes")})
                                 << "gil: expected one of";
    QTest::newRow("switch interval 0") << run({QStringLiteral("--switch-interval-ms"), QStringLiteral("0")})
                                       << "switch_interval_ms: must be 0.001..1000, got 0";
    QTest::newRow("switch interval 5000")
        << run({QStringLiteral("--switch-interval-ms=5000")}) << "switch_interval_ms: must be 0.001..1000, got 5000";
    QTest::newRow("cpu hogs 20") << run({QStringLiteral("--cpu-hogs"), QStringLiteral("20")})
                                 << "cpu_hogs: must be 0..16, got 20";
    QTest::newRow("tasks 0") << run({QStringLiteral("--tasks"), QStringLiteral("0")})
                             << "tasks: must be 1..1000000, got 0";
    QTest::newRow("io-ms negative") << run({QStringLiteral("--io-ms"), QStringLiteral("-1")})
                                    << "io_ms: must be 0.01..10000, got -1";
    QTest::newRow("unknown option") << run({QStringLiteral("--threads"), QStringLiteral("4")})
                                    << "threads: unknown setting";
    QTest::newRow("missing value") << run({QStringLiteral("--workers")}) << "workers: needs a value";
    QTest::newRow("stray argument") << run({QStringLiteral("four")}) << "unexpected argument";
    QTest::newRow("unknown command") << QStringList{QStringLiteral("fly")} << "command: must be one of";
    QTest::newRow("no command") << QStringList{} << "command: must be one of";
    QTest::newRow("sweep bad model") << QStringList{QStringLiteral("sweep"), QStringLiteral("--models"),
        QStringLiteral("threads,fibers")}
                                     << "models: expected";
    QTest::newRow("sweep bad gil") << QStringList{QStringLiteral("sweep"), QStringLiteral("--gil"),
        QStringLiteral("modern,never")}
                                   << "gil: expected";
    QTest::newRow("sweep too many workers") << QStringList{QStringLiteral("sweep"), QStringLiteral("--max-workers"),
        QStringLiteral("300")} << "max_workers: must be 1..64, got 300";
    QTest::newRow("python not there") << run({QStringLiteral("--python"), QStringLiteral("/nonexistent/python3")})
                                      << "python: /nonexistent/python3: not a working Python";
    QTest::newRow("python not a python") << run({QStringLiteral("--python"), QStringLiteral("/bin/true")})
                                         << "python: /bin/true: not a Python this app can use";
}

void TestCli::pythonPrintsTheProgram()
{
    const Result result = runCli({QStringLiteral("python"), QStringLiteral("--preset"),
        QStringLiteral("io-sleep-coroutines-40"), QStringLiteral("--tasks"), QStringLiteral("8")});
    QCOMPARE(result.exitCode, 0);
    QVERIFY(result.out.startsWith(
        QLatin1String("# A Concurrency Lab experiment as a Python program: preset io-sleep-coroutines-40.")));
    QVERIFY2(result.out.contains(QLatin1String("tasks=8")), qPrintable(result.out)); // the override
    QVERIFY(result.out.contains(QLatin1String("asyncio.sleep(")));

    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("experiment.py"));
    const Result saved = runCli({QStringLiteral("python"), QStringLiteral("--model"), QStringLiteral("processes"),
        QStringLiteral("--output"), file});
    QCOMPARE(saved.exitCode, 0);
    QVERIFY(saved.out.contains(QLatin1String("Python 3.8 or newer")));
    QProcess compile;
    compile.start(QStringLiteral("python3"), {QStringLiteral("-m"), QStringLiteral("py_compile"), file});
    QVERIFY(compile.waitForFinished(60000));
    QCOMPARE(compile.exitCode(), 0);

    const Result bad = runCli({QStringLiteral("python"), QStringLiteral("--workers"), QStringLiteral("0")});
    QCOMPARE(bad.exitCode, 2);
    QVERIFY2(bad.err.contains(QLatin1String("workers: must be")), qPrintable(bad.err));
    QVERIFY(bad.out.isEmpty());
}

void TestCli::runWithPythonAddsItsResult()
{
    QTemporaryDir dir;
    const QString json = dir.filePath(QStringLiteral("python.json"));
    const Result result = runCli({QStringLiteral("run"), QStringLiteral("--model"), QStringLiteral("threads"),
        QStringLiteral("--workers"), QStringLiteral("2"), QStringLiteral("--workload"), QStringLiteral("io-sleep"),
        QStringLiteral("--tasks"), QStringLiteral("8"), QStringLiteral("--io-ms"), QStringLiteral("5"),
        QStringLiteral("--python"), QStringLiteral("python3"), QStringLiteral("--json"), json});
    QCOMPARE(result.exitCode, 0);
    QVERIFY2(result.out.contains(QLatin1String("The same experiment in CPython 3.")), qPrintable(result.out));
    const QJsonObject python = readJson(json)[QStringLiteral("python")].toObject();
    QVERIFY(python[QStringLiteral("version")].toString().startsWith(QLatin1String("3.")));
    QVERIFY(python[QStringLiteral("gil_enabled")].isBool());
    const QJsonObject summary = python[QStringLiteral("summary")].toObject();
    const QJsonObject baseline = python[QStringLiteral("baseline")].toObject();
    QCOMPARE(summary[QStringLiteral("tasks_completed")].toInt(), 8);
    QCOMPARE(baseline[QStringLiteral("tasks_completed")].toInt(), 8);
    // The speedup is the two throughputs the program measured, divided.
    QCOMPARE(python[QStringLiteral("speedup")].toDouble(),
        summary[QStringLiteral("throughput_tps")].toDouble() / baseline[QStringLiteral("throughput_tps")].toDouble());
    QVERIFY(summary[QStringLiteral("latency_ms_p50")].toDouble() >= 5.0); // one 5 ms sleep, at least

    // Subinterpreters before Python 3.14: the run happens, the Python part is refused, and says why.
    const Result refused = runCli({QStringLiteral("run"), QStringLiteral("--model"), QStringLiteral("subinterpreters"),
        QStringLiteral("--tasks"), QStringLiteral("4"), QStringLiteral("--python"), QStringLiteral("python3")});
    if (!refused.out.contains(QLatin1String("CPython 3.14")) && !refused.out.contains(QLatin1String("CPython 3.15"))) {
        QCOMPARE(refused.exitCode, 1);
        QVERIFY2(refused.err.contains(QLatin1String("python: subinterpreters need Python 3.14 or newer")),
            qPrintable(refused.err));
    }
}

void TestCli::invalidInput()
{
    QFETCH(QStringList, args);
    QFETCH(QString, field);
    QTemporaryDir dir;
    const QString json = dir.filePath(QStringLiteral("never.json"));
    const Result result = runCli(args + QStringList{QStringLiteral("--json"), json}, 10000);
    QCOMPARE(result.exitCode, 2);
    QVERIFY2(result.err.contains(field), qPrintable(result.err));
    QVERIFY2(!result.out.contains(QStringLiteral("wall")), "nothing ran");
    QVERIFY2(!QFile::exists(json), "nothing was written");
}

void TestCli::runPrintsSummaryAndWritesExports()
{
    QTemporaryDir dir;
    const QString json = dir.filePath(QStringLiteral("run.json"));
    const QString csv = dir.filePath(QStringLiteral("run.csv"));
    const QString trace = dir.filePath(QStringLiteral("trace.json"));
    const Result result = runCli({QStringLiteral("run"), QStringLiteral("--model"), QStringLiteral("threads"),
        QStringLiteral("--workers"), QStringLiteral("2"), QStringLiteral("--workload"), QStringLiteral("cpu"),
        QStringLiteral("--tasks"), QStringLiteral("16"), QStringLiteral("--cpu-steps"), QStringLiteral("1000"),
        QStringLiteral("--gil"), QStringLiteral("modern"), QStringLiteral("--switch-interval-ms"), QStringLiteral("5"),
        QStringLiteral("--cpu-hogs"), QStringLiteral("1"), QStringLiteral("--json"), json, QStringLiteral("--csv"), csv,
        QStringLiteral("--trace"), trace});
    QCOMPARE(result.exitCode, 0);
    for (const char *line : {"wall", "throughput", "max running", "GIL", "tasks          16 of 16"})
        QVERIFY2(result.out.contains(QLatin1String(line)), qPrintable(result.out));

    const QJsonObject root = readJson(json);
    QCOMPARE(root[QStringLiteral("summary")].toObject()[QStringLiteral("tasks_completed")].toInt(), 16);
    QCOMPARE(root[QStringLiteral("summary")].toObject()[QStringLiteral("max_running")].toInt(), 1);
    QCOMPARE(root[QStringLiteral("config")].toObject()[QStringLiteral("cpu_hogs")].toInt(), 1);
    QVERIFY(root[QStringLiteral("workers")].toArray().size() == 3);

    QFile csvFile(csv);
    QVERIFY(csvFile.open(QIODevice::ReadOnly));
    QVERIFY(csvFile.readLine().startsWith("t_s,tasks_done,throughput_tps"));

    const QJsonObject traceRoot = readJson(trace);
    QVERIFY(!traceRoot[QStringLiteral("traceEvents")].toArray().isEmpty());
    QVERIFY(!traceRoot[QStringLiteral("otherData")].toObject().contains(QStringLiteral("label"))); // no preset
}

void TestCli::runWithBaselineAddsTheExperiment()
{
    QTemporaryDir dir;
    const QString json = dir.filePath(QStringLiteral("experiment.json"));
    const QStringList args{QStringLiteral("run"), QStringLiteral("--model"), QStringLiteral("threads"),
        QStringLiteral("--workers"), QStringLiteral("2"), QStringLiteral("--tasks"), QStringLiteral("16"),
        QStringLiteral("--cpu-steps"), QStringLiteral("1000")};
    const Result result = runCli(args + QStringList{QStringLiteral("--baseline"), QStringLiteral("--json"), json});
    QCOMPARE(result.exitCode, 0);
    for (const char *line : {"tasks          16 of 16", "Baseline: sequential, 1 worker", "measured       just now",
             "speedup", "efficiency"})
        QVERIFY2(result.out.contains(QLatin1String(line)), qPrintable(result.out));

    const QJsonObject root = readJson(json);
    const QJsonObject summary = root[QStringLiteral("summary")].toObject();
    QCOMPARE(summary[QStringLiteral("tasks_completed")].toInt(), 16);
    const QJsonObject experiment = root[QStringLiteral("experiment")].toObject();
    for (const char *key : {"baseline_wall_s", "baseline_throughput_tps", "speedup", "efficiency", "baseline_age_s"})
        QVERIFY2(experiment[QLatin1String(key)].isDouble(), key);
    const double baselineTps = experiment[QStringLiteral("baseline_throughput_tps")].toDouble();
    const double speedup = experiment[QStringLiteral("speedup")].toDouble();
    QVERIFY(baselineTps > 0.0);
    QCOMPARE(speedup, summary[QStringLiteral("throughput_tps")].toDouble() / baselineTps);
    QCOMPARE(experiment[QStringLiteral("efficiency")].toDouble(), speedup / 2.0);
    QVERIFY(experiment[QStringLiteral("baseline_age_s")].toDouble() >= 0.0);

    // Without --baseline, run is what it always was.
    const QString plain = dir.filePath(QStringLiteral("plain.json"));
    const Result without = runCli(args + QStringList{QStringLiteral("--json"), plain});
    QCOMPARE(without.exitCode, 0);
    QVERIFY(!without.out.contains(QLatin1String("Baseline")));
    QVERIFY(!readJson(plain).contains(QStringLiteral("experiment")));
    QVERIFY(!without.out.contains(QLatin1String("Explanation:")));

    // --explain adds the app's explanation, after the numbers: under one GIL, the two threads ran
    // one at a time, whatever speedup a busy machine gave.
    const Result explained = runCli(args + QStringList{QStringLiteral("--baseline"), QStringLiteral("--explain")});
    QCOMPARE(explained.exitCode, 0);
    const qsizetype at = explained.out.indexOf(QLatin1String("Explanation:\n  Only one worker ever ran bytecode"));
    QVERIFY2(at > explained.out.indexOf(QLatin1String("speedup")), qPrintable(explained.out));
}

// The app runs the engine in its own process, beside its drawing. A run must measure only itself:
// the same config gives the same cores busy in the CLI (a process of its own) and in a process
// where another thread keeps a core busy, as a window drawing charts does.
void TestCli::inProcessRunMeasuresWhatTheCliMeasures()
{
    CLAB_SPEED_TEST();
    if (std::thread::hardware_concurrency() < 2)
        QSKIP("one core: the drawing thread would take the run's core, and its cores busy with it");
    clab::RunConfig config;
    config.model = clab::ExecutionModel::Threads;
    config.workers = 2;
    config.workload = clab::WorkloadKind::Cpu;
    config.gil = clab::GilPolicy::Modern;
    config.cpuSteps = 4000;
    config.tasks = 160; // about a second
    const QStringList args{QStringLiteral("run"), QStringLiteral("--model"), QStringLiteral("threads"),
        QStringLiteral("--workers"), QStringLiteral("2"), QStringLiteral("--workload"), QStringLiteral("cpu"),
        QStringLiteral("--gil"), QStringLiteral("modern"), QStringLiteral("--cpu-steps"), QStringLiteral("4000"),
        QStringLiteral("--tasks"), QStringLiteral("160")};
    QTemporaryDir dir;
    std::vector<double> differences;
    for (int pair = 0; pair < 3; ++pair) {
        const QString json = dir.filePath(QStringLiteral("cli%1.json").arg(pair));
        const Result cli = runCli(args + QStringList{QStringLiteral("--json"), json});
        QCOMPARE(cli.exitCode, 0);
        const double cliCores
            = readJson(json)[QStringLiteral("summary")].toObject()[QStringLiteral("avg_cores_busy")].toDouble();

        std::atomic<bool> stop{false};
        std::thread drawing([&stop] {
            volatile unsigned long x = 0;
            while (!stop.load(std::memory_order_relaxed))
                x = x + 1;
        });
        const clab::RunOutcome inProcess = clab::runToEnd(config);
        stop = true;
        drawing.join();
        QVERIFY(!inProcess.error);
        QVERIFY(inProcess.result.succeeded());
        const double ownCores = inProcess.result.summary.avgCoresBusy;
        qInfo("cores busy: CLI %.3f, in process beside a busy thread %.3f (other load %.2f)", cliCores, ownCores,
            inProcess.result.summary.otherLoadCores);
        differences.push_back(std::abs(ownCores - cliCores));
    }
    std::sort(differences.begin(), differences.end());
    QVERIFY2(differences[1] <= 0.15, qPrintable(QStringLiteral("median difference %1 cores").arg(differences[1])));
}

void TestCli::sweepPrintsTable()
{
    QTemporaryDir dir;
    const QString json = dir.filePath(QStringLiteral("sweep.json"));
    const Result result = runCli(
        {QStringLiteral("sweep"), QStringLiteral("--workload"), QStringLiteral("io-sleep"), QStringLiteral("--io-ms"),
            QStringLiteral("5"), QStringLiteral("--tasks"), QStringLiteral("12"), QStringLiteral("--models"),
            QStringLiteral("sequential,threads,subinterpreters"), QStringLiteral("--max-workers"), QStringLiteral("3"),
            QStringLiteral("--gil"), QStringLiteral("modern,off"), QStringLiteral("--json"), json});
    QCOMPARE(result.exitCode, 0);
    for (const char *column : {"model", "GIL", "workers", "wall s", "tasks/s", "speedup", "efficiency", "cores busy"})
        QVERIFY2(result.out.contains(QLatin1String(column)), column);
    // 2 policies x (1 sequential + 2 models x 3 worker counts)
    const QJsonArray rows = readJson(json)[QStringLiteral("rows")].toArray();
    QCOMPARE(rows.size(), 14);
    for (const auto &row : rows) {
        const QJsonObject r = row.toObject();
        QVERIFY(r[QStringLiteral("wall_s")].toDouble() > 0);
        if (r[QStringLiteral("baseline")].toBool())
            QCOMPARE(r[QStringLiteral("speedup")].toDouble(), 1.0);
        // Sleeping workers overlap: 3 of them finish 12 x 5 ms waits well ahead of one.
        if (r[QStringLiteral("workers")].toInt() == 3)
            QVERIFY2(r[QStringLiteral("speedup")].toDouble() > 1.8,
                qPrintable(QString::number(r[QStringLiteral("speedup")].toDouble())));
    }
    // An Amdahl fit per (model, GIL) series, in the terminal and in the JSON.
    const QJsonArray fits = readJson(json)[QStringLiteral("amdahl_fits")].toArray();
    QCOMPARE(fits.size(), 4);
    for (const auto &fit : fits) {
        const double s = fit.toObject()[QStringLiteral("serial_fraction")].toDouble(-1.0);
        QVERIFY2(s >= 0.0 && s <= 1.0, qPrintable(QString::number(s)));
    }
    QVERIFY2(result.out.contains(QStringLiteral("Amdahl fit, threads GIL modern: ")), qPrintable(result.out));
}

// A preset with its own answers: the CLI lists them under the question, and after the run says
// which one the measurement makes right.
void TestCli::presetAnswersAreListedAndAnswered()
{
    QTemporaryDir dir;
    const QString presets = dir.filePath(QStringLiteral("presets.json"));
    QFile file(presets);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(R"([{"id": "batch", "title": "A batch of waits", "lesson": "concurrency-parallelism",
        "question": "How long will the batch take?",
        "answers": [{"label": "under a second", "quantity": "wall_ms", "min": 0, "max": 1000},
                    {"label": "over a minute", "quantity": "wall_ms", "min": 60000, "max": 1e9}],
        "config": {"model": "coroutines", "workers": 8, "workload": "io-sleep", "tasks": 8, "io_ms": 5}}])");
    file.close();
    const QString trace = dir.filePath(QStringLiteral("trace.json"));
    const Result result = runCli({QStringLiteral("run"), QStringLiteral("--preset"), QStringLiteral("batch"),
        QStringLiteral("--presets-file"), presets, QStringLiteral("--trace"), trace});
    QCOMPARE(result.exitCode, 0);
    // The trace opens on a marker naming the preset.
    bool marked = false;
    for (const auto &e : readJson(trace)[QStringLiteral("traceEvents")].toArray()) {
        const QJsonObject event = e.toObject();
        marked = marked
            || (event[QStringLiteral("ph")].toString() == QStringLiteral("i")
                && event[QStringLiteral("name")].toString() == QStringLiteral("preset batch"));
    }
    QVERIFY(marked);
    QVERIFY2(
        result.out.contains(QStringLiteral("Predict: How long will the batch take?\n  - under a second\n  - over a "
                                           "minute\n")),
        qPrintable(result.out));
    QVERIFY2(result.out.contains(QStringLiteral("Answer: wall time "))
            && result.out.contains(QStringLiteral(" ms, that is \"under a second\"")),
        qPrintable(result.out));
}

void TestCli::workloadsListsEveryWorkload()
{
    const Result result = runCli({QStringLiteral("workloads")});
    QCOMPARE(result.exitCode, 0);
    for (const char *name :
        {"cpu", "native", "io-sleep", "io-file", "io-socket", "mixed", "shared", "cpu_steps", "io_ms"})
        QVERIFY2(result.out.contains(QLatin1String(name)), name);
}

void TestCli::helpExitsZero()
{
    const Result result = runCli({QStringLiteral("help")});
    QCOMPARE(result.exitCode, 0);
    QVERIFY(result.out.contains(QStringLiteral("--switch-interval-ms")));
    QVERIFY(result.out.contains(QStringLiteral("0.001..1000")));
}

void TestCli::helpListsEveryField()
{
    // Every field of the engine's table, under its --kebab-case option, with its allowed values
    // and its unit; a boolean one is a flag that takes no value.
    const Result result = runCli({QStringLiteral("help")});
    QCOMPARE(result.exitCode, 0);
    const clab::RunConfig defaults;
    for (const clab::FieldSpec &field : clab::configFields()) {
        QString option = QStringLiteral("--") + QString::fromUtf8(field.key.data(), qsizetype(field.key.size()));
        option.replace(QLatin1Char('_'), QLatin1Char('-'));
        std::string allowed = clab::allowedValues(defaults, field.key);
        if (!field.unit.empty())
            allowed += " " + std::string(field.unit);
        QVERIFY2(result.out.contains(option + QLatin1Char(' ')), qPrintable(option));
        QVERIFY2(result.out.contains(QStringLiteral("allowed ") + QString::fromStdString(allowed)), qPrintable(option));
        QVERIFY2(result.out.contains(QString::fromUtf8(field.help.data(), qsizetype(field.help.size()))),
            qPrintable(option));
    }
    const Result flag = runCli(
        {QStringLiteral("run"), QStringLiteral("--blocking-io"), QStringLiteral("--tasks"), QStringLiteral("0")});
    QCOMPARE(flag.exitCode, 2);
    QVERIFY2(flag.err.contains(QStringLiteral("tasks: must be 1..1000000")), qPrintable(flag.err));
}

void TestCli::versionPrintsNameAndVersion()
{
    // One line, the program's name and the project's version, as help2man reads it for the man page.
    for (const QString &command : {QStringLiteral("--version"), QStringLiteral("version")}) {
        const Result result = runCli({command});
        QCOMPARE(result.exitCode, 0);
        QCOMPARE(result.out, QStringLiteral("concurrency-lab-cli " CLAB_VERSION "\n"));
        QVERIFY(result.err.isEmpty());
    }
}

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
