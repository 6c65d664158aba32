#include "execution/run.h"
#include "speedtest.h"
#include "testsupport.h"
#include "twocores.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <signal.h>
#include <sys/stat.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <random>
#include <set>

using namespace clab;
using namespace clab::test;
using namespace std::chrono_literals;

// The processes model: real child processes of clab-worker, each with its own interpreter and
// GIL, talking to the engine over pipes. Worker failures must be reported and reaped; nothing may
// be left behind by any stop.

namespace {

// Sets an environment variable for the lifetime of a test.
class ScopedEnv
{
public:
    ScopedEnv(const char *name, const std::string &value)
        : m_name(name)
    {
        setenv(name, value.c_str(), 1);
    }
    ~ScopedEnv() { unsetenv(m_name); }

private:
    const char *m_name;
};

// A fake worker program: a shell script, made executable.
std::string writeScript(const QTemporaryDir &dir, const char *name, const std::string &body)
{
    const std::string path = dir.filePath(QString::fromUtf8(name)).toStdString();
    std::ofstream(path) << "#!/bin/sh\n" << body << "\n";
    chmod(path.c_str(), 0700);
    return path;
}

// Whether process `pid` has ended (gone, or a zombie waiting for its parent to reap it).
bool hasEnded(int pid)
{
    std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
    std::string text;
    if (!std::getline(stat, text))
        return true;
    const auto close = text.rfind(')');
    return close == std::string::npos || close + 2 >= text.size() || text[close + 2] == 'Z' || text[close + 2] == 'X';
}

// The numbers in every file of `dir` whose name starts with `prefix` (what the fake workers wrote).
std::vector<int> numbersIn(const QTemporaryDir &dir, const QString &prefix)
{
    std::vector<int> numbers;
    const QDir folder(dir.path());
    for (const QString &name : folder.entryList({prefix + QStringLiteral("*")}, QDir::Files)) {
        std::ifstream file(folder.filePath(name).toStdString());
        int number = 0;
        if (file >> number)
            numbers.push_back(number);
    }
    return numbers;
}

bool sigpipeIsDefault()
{
    struct sigaction action = {};
    return sigaction(SIGPIPE, nullptr, &action) == 0 && action.sa_handler == SIG_DFL;
}

// SIGPIPE at its default (end the process) while it lives, whatever this test inherited (a shell
// may start it with SIGPIPE ignored): a SIGPIPE raised meanwhile would end the test.
class DefaultSigpipe
{
public:
    DefaultSigpipe()
    {
        struct sigaction action = {};
        action.sa_handler = SIG_DFL;
        sigemptyset(&action.sa_mask);
        sigaction(SIGPIPE, &action, &m_old);
    }
    ~DefaultSigpipe() { sigaction(SIGPIPE, &m_old, nullptr); }
    DefaultSigpipe(const DefaultSigpipe &) = delete;
    DefaultSigpipe &operator=(const DefaultSigpipe &) = delete;

private:
    struct sigaction m_old = {};
};

// Waits for a condition polling every 2 ms; returns how long it took, or -1 ms on timeout.
template<typename Condition> std::chrono::milliseconds waitFor(Condition condition, std::chrono::milliseconds timeout)
{
    const auto start = std::chrono::steady_clock::now();
    while (!condition()) {
        if (std::chrono::steady_clock::now() - start > timeout)
            return -1ms;
        std::this_thread::sleep_for(2ms);
    }
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start);
}

} // namespace

class TestProcesses : public QObject
{
    Q_OBJECT

private slots:
    void cpuScalesAcrossProcesses();
    void hogsRunInsideEachChild();
    void traceHasAProcessTrackPerWorker();
    void killedWorkerIsReported();
    void stopAtRandomMomentsLeavesNothing();
    void missingWorkerProgramIsAnError();
    void badFramesEndTheWorker_data();
    void badFramesEndTheWorker();
    void writingToAClosedWorkerRaisesNoSignal();
    void silentWorkerIsEndedAfterTenSeconds();
    void stopKillsTheWorkersProcessGroup();
};

void TestProcesses::cpuScalesAcrossProcesses()
{
    CLAB_SPEED_TEST();
    if (!multiCore())
        QSKIP("one core: two processes cannot run at the same time here");
    RunConfig config = cpuConfig(ExecutionModel::Processes, 2, GilPolicy::Modern);
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
    // An instrumented worker program takes ~50 ms to start, a quarter of 48 tasks' time: give
    // the comparison enough work that starting two processes does not decide it.
    config.tasks = 192;
#endif
    const double capacity = twoThreadCapacity();
    if (capacity < 1.3)
        QSKIP(qPrintable(QStringLiteral("two plain threads reach only %1x here now: no second core").arg(capacity)));
    const Comparison c = compare(config);
    const double target = twoWorkerTarget(capacity);
    // On a shared machine another program sometimes holds a core for seconds: then two processes
    // cannot both run, and the runs say so (other programs' load, from /proc/stat).
    if (c.speedup < target && c.otherLoad >= 0.5)
        QSKIP(qPrintable(QStringLiteral("other programs kept %1 cores busy: speedup %2 says nothing")
                             .arg(c.otherLoad)
                             .arg(c.speedup)));
    QVERIFY2(c.speedup >= target,
        qPrintable(QStringLiteral("speedup %1 with other programs at %2 cores, plain threads %3")
                       .arg(c.speedup)
                       .arg(c.otherLoad)
                       .arg(capacity)));
    QCOMPARE(c.parallel.summary.maxRunning, 2);

    std::set<int> pids;
    for (const WorkerResult &w : c.parallel.workers) {
        QVERIFY(w.pid > 0);
        QVERIFY(w.pid != platform::processId());
        QVERIFY2(w.spawnMs > 0 && w.spawnMs < 1000, qPrintable(QString::number(w.spawnMs)));
        QVERIFY(w.tasks > 0);
        QVERIFY(w.cpuSeconds > 0);
        QVERIFY(!w.timeline.empty());
        pids.insert(w.pid);
    }
    QCOMPARE(pids.size(), std::size_t(2));
    // What one worker process cost: spawn to ready, and its proportional memory.
    QVERIFY(c.parallel.summary.unitCreateUs && *c.parallel.summary.unitCreateUs > 0);
    QVERIFY(c.parallel.summary.unitMemoryKib && *c.parallel.summary.unitMemoryKib > 100);
    for (const std::uint32_t count : c.parallel.taskCompletions)
        QCOMPARE(count, 1u);
    // The workers' CPU time is counted in the run's: both cores were busy.
    QVERIFY2(c.parallel.summary.avgCoresBusy > 1.3, qPrintable(QString::number(c.parallel.summary.avgCoresBusy)));
    QVERIFY(childProcesses().empty());
}

void TestProcesses::hogsRunInsideEachChild()
{
    // The convoy effect inside one worker process: its hog shares its GIL.
    RunConfig config;
    config.model = ExecutionModel::Processes;
    config.workers = 2;
    config.workload = WorkloadKind::IoSleep;
    config.ioMs = 1;
    config.tasks = 60;
    config.cpuHogs = 1;
    const RunResult result = runOk(config);
    QCOMPARE(result.workers.size(), std::size_t(4));
    for (const WorkerResult &w : result.workers) {
        if (w.role == WorkerRole::Hog) {
            QCOMPARE(w.pid, result.workers[std::size_t(w.interpreter)].pid);
            QVERIFY(w.tid != result.workers[std::size_t(w.interpreter)].tid);
            QVERIFY(w.gilHoldSeconds > 0);
        }
    }
    QVERIFY2(result.summary.latencyMsP50 >= 4.0, qPrintable(QString::number(result.summary.latencyMsP50)));
}

void TestProcesses::traceHasAProcessTrackPerWorker()
{
    RunConfig config = cpuConfig(ExecutionModel::Processes, 3, GilPolicy::Modern);
    config.tasks = 12;
    const RunResult result = runOk(config);
    const QJsonDocument trace = QJsonDocument::fromJson(QByteArray::fromStdString(result.chromeTrace()));
    QVERIFY(trace.isObject());
    std::set<int> namedProcesses;
    std::set<int> eventProcesses;
    for (const QJsonValue &event : trace.object().value(QStringLiteral("traceEvents")).toArray()) {
        const QJsonObject e = event.toObject();
        if (e.value(QStringLiteral("name")).toString() == QStringLiteral("process_name"))
            namedProcesses.insert(e.value(QStringLiteral("pid")).toInt());
        if (e.value(QStringLiteral("ph")).toString() == QStringLiteral("X"))
            eventProcesses.insert(e.value(QStringLiteral("pid")).toInt());
    }
    for (const WorkerResult &w : result.workers) {
        QVERIFY(namedProcesses.count(w.pid));
        QVERIFY(eventProcesses.count(w.pid));
    }
}

void TestProcesses::killedWorkerIsReported()
{
    for (int round = 0; round < 20; ++round) {
        RunConfig config = cpuConfig(ExecutionModel::Processes, 4, GilPolicy::Modern);
        config.tasks = 120;
        Run run(config);
        QVERIFY(!run.start());
        // Mid-run: some tasks done, the victim started.
        QVERIFY(waitFor([&] { return run.tasksDone() >= 8 || run.isFinished(); }, 10s) >= 0ms);
        QVERIFY(!run.isFinished());
        const int victim = run.units()[1].pid;
        QVERIFY(victim > 0);
        QCOMPARE(kill(victim, SIGKILL), 0);
        const auto reported = waitFor([&] { return !run.workerFailures().empty(); }, 1s);
        QVERIFY2(reported >= 0ms, "the death is reported within 1 s");
        const std::string failure = run.workerFailures().front();
        QVERIFY2(failure.find("signal 9 (SIGKILL)") != std::string::npos, failure.c_str());
        QVERIFY2(failure.find("worker 1") != std::string::npos, failure.c_str());

        QVERIFY(run.waitFinished(30s));
        const RunResult &result = run.result();
        QVERIFY(!result.succeeded());
        QVERIFY(result.summary.error.empty()); // the run itself did not fail: the others went on
        QCOMPARE(result.summary.tasksCompleted, std::uint64_t(120));
        for (const std::uint32_t count : result.taskCompletions)
            QCOMPARE(count, 1u);
        QVERIFY(result.workers[1].exit.find("SIGKILL") != std::string::npos);
        QVERIFY(childProcesses().empty());
    }
}

void TestProcesses::stopAtRandomMomentsLeavesNothing()
{
    std::mt19937 random(20261125);
    const int threadsBefore = platform::threadCount();
    const int fdsBefore = platform::openFdCount();
    for (int round = 0; round < 20; ++round) {
        RunConfig config = cpuConfig(ExecutionModel::Processes, 64, GilPolicy::Modern);
        config.tasks = 2000;
        config.cpuHogs = round % 4 == 0 ? 1 : 0;
        Run run(config);
        QVERIFY(!run.start());
        std::this_thread::sleep_for(std::chrono::milliseconds(random() % 400));
        run.requestStop();
        QVERIFY2(run.waitFinished(30s), qPrintable(QStringLiteral("round %1: the stop never finished").arg(round)));
        QVERIFY2(childProcesses().empty(), qPrintable(QStringLiteral("round %1").arg(round)));
        QVERIFY(run.result().summary.workerFailures.empty());
    }
    QCOMPARE(platform::threadCount(), threadsBefore);
    QCOMPARE(platform::openFdCount(), fdsBefore);
}

void TestProcesses::missingWorkerProgramIsAnError()
{
    QTemporaryDir dir;
    const std::string notExecutable = dir.filePath(QStringLiteral("clab-worker")).toStdString();
    std::ofstream(notExecutable) << "not a program\n";
    for (const std::string &path : {std::string("/nonexistent/clab-worker"), notExecutable}) {
        ScopedEnv env("CLAB_WORKER", path);
        Run run(cpuConfig(ExecutionModel::Processes, 2, GilPolicy::Modern));
        QVERIFY(!run.start());
        QVERIFY2(run.waitFinished(30s), "the run ends with its error");
        const RunSummary &summary = run.result().summary;
        QVERIFY2(summary.error.find("CLAB_WORKER") != std::string::npos, summary.error.c_str());
        QVERIFY(summary.error.find(path) != std::string::npos);
        QCOMPARE(summary.tasksCompleted, std::uint64_t(0));
    }
    QVERIFY(childProcesses().empty());
}

void TestProcesses::badFramesEndTheWorker_data()
{
    QTest::addColumn<QString>("script");
    QTest::addColumn<QString>("error");
    QTest::newRow("garbled") << "printf 'this is not a frame at all' >&4\nexec sleep 30"
                             << "garbled frame";
    // Magic "CLAB", version 2 (wire::kVersion), type 13 (intervals), length 0xFFFFFFFF.
    QTest::newRow("oversized") << "printf 'CLAB\\002\\000\\015\\000\\377\\377\\377\\377' >&4\nexec sleep 30"
                               << "oversized frame";
    QTest::newRow("exits at once") << "exit 3"
                                   << "exited with code 3";
}

void TestProcesses::badFramesEndTheWorker()
{
    QFETCH(QString, script);
    QFETCH(QString, error);
    QTemporaryDir dir;
    ScopedEnv env("CLAB_WORKER", writeScript(dir, "fake-worker", script.toStdString()));
    Run run(cpuConfig(ExecutionModel::Processes, 2, GilPolicy::Modern));
    QVERIFY(!run.start());
    QVERIFY(run.waitFinished(30s)); // a bad frame ends the worker; the run does not hang on it
    const RunSummary &summary = run.result().summary;
    QVERIFY(!run.result().succeeded());
    QVERIFY(summary.workerFailures.size() >= 2);
    QVERIFY2(
        QString::fromStdString(summary.workerFailures.front()).contains(error), summary.workerFailures.front().c_str());
    QVERIFY(childProcesses().empty());
}

void TestProcesses::writingToAClosedWorkerRaisesNoSignal()
{
    // Workers that close their input at once: the stop frames the engine writes to them meet a
    // closed channel. That is an error the engine handles (EPIPE), never a SIGPIPE, and running
    // processes does not change how this process handles SIGPIPE.
    const DefaultSigpipe defaultSigpipe;
    QVERIFY(sigpipeIsDefault());
    QTemporaryDir dir;
    const std::string folder = dir.path().toStdString();
    ScopedEnv env("CLAB_WORKER",
        writeScript(dir, "fake-worker", "exec 3<&-\necho $$ > '" + folder + "/closed-'$$\nexec sleep 60"));
    const int fdsBefore = platform::openFdCount();
    {
        Run run(cpuConfig(ExecutionModel::Processes, 3, GilPolicy::Modern));
        QVERIFY(!run.start());
        QVERIFY(waitFor([&] { return numbersIn(dir, QStringLiteral("closed-")).size() == 3; }, 60s) >= 0ms);
        run.requestStop();
        QVERIFY(run.waitFinished(60s));
        QVERIFY(run.result().summary.error.empty());
    }
    QVERIFY(sigpipeIsDefault());
    QVERIFY(childProcesses().empty());
    QCOMPARE(platform::openFdCount(), fdsBefore);
}

void TestProcesses::silentWorkerIsEndedAfterTenSeconds()
{
    // A worker that never says hello does not hold the run up for ever: each is ended as failed,
    // the message says why, and the run finishes with nothing left behind.
    QTemporaryDir dir;
    ScopedEnv env("CLAB_WORKER", writeScript(dir, "fake-worker", "exec sleep 120"));
    Run run(cpuConfig(ExecutionModel::Processes, 2, GilPolicy::Modern));
    QVERIFY(!run.start());
    QVERIFY2(run.waitFinished(90s), "the run ends once its silent workers are ended");
    const RunSummary &summary = run.result().summary;
    QVERIFY(!run.result().succeeded());
    QCOMPARE(summary.tasksCompleted, std::uint64_t(0));
    QVERIFY(summary.workerFailures.size() >= 2);
    for (int worker = 0; worker < 2; ++worker) {
        const std::string &failure = summary.workerFailures[static_cast<std::size_t>(worker)];
        QVERIFY2(failure.find("sent nothing for 10 s after it started") != std::string::npos, failure.c_str());
    }
    QVERIFY(childProcesses().empty());
}

void TestProcesses::stopKillsTheWorkersProcessGroup()
{
    // A worker program that is a wrapper: what it started in the background goes when the run is
    // stopped, not only the wrapper itself (the worker's whole process group is killed).
    QTemporaryDir dir;
    const std::string folder = dir.path().toStdString();
    ScopedEnv env("CLAB_WORKER",
        writeScript(dir, "fake-worker", "sleep 300 &\necho $! > '" + folder + "/grandchild-'$$\nexec sleep 60"));
    Run run(cpuConfig(ExecutionModel::Processes, 2, GilPolicy::Modern));
    QVERIFY(!run.start());
    QVERIFY(waitFor([&] { return numbersIn(dir, QStringLiteral("grandchild-")).size() == 2; }, 60s) >= 0ms);
    const std::vector<int> grandchildren = numbersIn(dir, QStringLiteral("grandchild-"));
    for (const int pid : grandchildren)
        QVERIFY(pid > 0 && !hasEnded(pid));
    run.requestStop();
    QVERIFY(run.waitFinished(60s));
    QVERIFY(childProcesses().empty());
    for (const int pid : grandchildren)
        QTRY_VERIFY_WITH_TIMEOUT(hasEnded(pid), 30000);
}

QTEST_GUILESS_MAIN(TestProcesses)
#include "tst_processes.moc"
