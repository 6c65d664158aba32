// Faults injected into every thread of a run (the engine's test hooks, testhooks.h): an exception
// at a thread's entry, or a thread that cannot be created, ends the run failed with a message
// naming the thread. The process goes on, and no thread of the run is left once it is destroyed.

#include "execution/run.h"
#include "execution/testhooks.h"
#include "platform/system.h"
#include "testsupport.h"

#include <QTest>

#include <signal.h>
#include <sys/wait.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <new>
#include <stdexcept>
#include <system_error>

using namespace clab;
using namespace std::chrono_literals;

namespace {

RunConfig configFor(const QString &model, const QString &workload, int workers, int hogs)
{
    RunConfig config;
    if (setField(config, "model", model.toStdString()) || setField(config, "workload", workload.toStdString()))
        qFatal("bad model or workload");
    config.workers = workers;
    config.cpuHogs = hogs;
    config.tasks = 64;
    config.cpuSteps = 2000;
    config.ioMs = 2;
    return config;
}

// Throws at `site` the `nth` time it is reached (0: every time).
void throwAt(const std::string &site, int nth, const std::string &kind)
{
    auto reached = std::make_shared<std::atomic<int>>(0);
    testhooks::throwAt = [site, nth, kind, reached](const char *at) {
        if (site != at)
            return;
        if (const int count = ++*reached; nth != 0 && count != nth)
            return;
        if (kind == "bad_alloc")
            throw std::bad_alloc();
        if (kind == "eagain")
            throw std::system_error(EAGAIN, std::generic_category());
        throw std::runtime_error("injected at " + site);
    };
}

struct HookReset
{
    ~HookReset() { testhooks::throwAt = nullptr; }
};

} // namespace

class TestThreadFailures : public QObject
{
    Q_OBJECT

private slots:
    void entryThatThrowsFailsTheRun_data();
    void entryThatThrowsFailsTheRun();
    void threadThatCannotStartFailsTheRun_data();
    void threadThatCannotStartFailsTheRun();
    void runStartsAgainAfterAFailure();
    void processesRunThatThrowsLeavesNoChild_data();
    void processesRunThatThrowsLeavesNoChild();

private:
    void runAndExpect(const RunConfig &config, const QString &expected);
};

void TestThreadFailures::runAndExpect(const RunConfig &config, const QString &expected)
{
    const int threadsBefore = platform::threadCount();
    const int fdsBefore = platform::openFdCount();
    {
        Run run(config);
        QVERIFY(!run.start());
        bool finished = false;
        for (int i = 0; i < 12 && !finished; ++i)
            finished = run.waitFinished(10s);
        QVERIFY2(finished, "the failed run ends");
        const RunResult &result = run.result();
        QVERIFY2(!result.succeeded(), "the run failed");
        const QString error = QString::fromStdString(result.summary.error);
        QVERIFY2(error.contains(expected), qPrintable(error + QStringLiteral(" does not say: ") + expected));
    }
    // Destroyed: every thread it started was joined (a joined thread leaves /proc a moment later).
    QTRY_COMPARE_WITH_TIMEOUT(platform::threadCount(), threadsBefore, 10000);
    QCOMPARE(platform::openFdCount(), fdsBefore);
}

void TestThreadFailures::entryThatThrowsFailsTheRun_data()
{
    QTest::addColumn<QString>("model");
    QTest::addColumn<QString>("workload");
    QTest::addColumn<int>("hogs");
    QTest::addColumn<QString>("site");
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("expected");

    QTest::newRow("supervisor") << "threads"
                                << "cpu" << 0 << "run's supervisor thread"
                                << "runtime"
                                << "the run's supervisor thread failed: injected at run's supervisor thread";
    QTest::newRow("sampler") << "threads"
                             << "cpu" << 0 << "sampler thread"
                             << "bad_alloc"
                             << "the sampler thread failed: std::bad_alloc";
    QTest::newRow("worker") << "threads"
                            << "cpu" << 0 << "worker thread"
                            << "runtime"
                            << " of 4 failed: injected at worker thread";
    QTest::newRow("subinterpreter worker") << "subinterpreters"
                                           << "native" << 0 << "worker thread"
                                           << "bad_alloc"
                                           << " of 4 failed: std::bad_alloc";
    QTest::newRow("hog") << "threads"
                         << "io-sleep" << 2 << "hog thread"
                         << "runtime"
                         << " of 2 failed: injected at hog thread";
    QTest::newRow("echo server") << "threads"
                                 << "io-socket" << 0 << "echo server thread"
                                 << "runtime"
                                 << "the echo server thread failed: injected at echo server thread";
    QTest::newRow("event loop") << "coroutines"
                                << "io-sleep" << 0 << "event loop thread"
                                << "bad_alloc"
                                << "the event loop thread failed: std::bad_alloc";
    QTest::newRow("coroutine spawner") << "coroutines"
                                       << "cpu" << 0 << "coroutine spawner thread"
                                       << "runtime"
                                       << "the coroutine spawner thread failed: injected";
    QTest::newRow("coroutine hog") << "coroutines"
                                   << "io-sleep" << 1 << "hog thread"
                                   << "runtime"
                                   << "hog thread 1 of 1 failed: injected";
    // Mid-run, holding its GIL: the others, waiting for that GIL, still get it and end.
    QTest::newRow("worker mid-run") << "threads"
                                    << "cpu" << 0 << "task"
                                    << "runtime"
                                    << " of 4 failed: injected at task";
    QTest::newRow("worker mid-run with a hog") << "threads"
                                               << "mixed" << 1 << "task"
                                               << "bad_alloc"
                                               << " of 4 failed: std::bad_alloc";
    QTest::newRow("subinterpreter mid-run") << "subinterpreters"
                                            << "cpu" << 0 << "task"
                                            << "runtime"
                                            << " of 4 failed: injected at task";
    QTest::newRow("processes sampler") << "processes"
                                       << "cpu" << 0 << "sampler thread"
                                       << "runtime"
                                       << "the sampler thread failed: injected";
}

void TestThreadFailures::entryThatThrowsFailsTheRun()
{
    QFETCH(QString, model);
    QFETCH(QString, workload);
    QFETCH(int, hogs);
    QFETCH(QString, site);
    QFETCH(QString, kind);
    QFETCH(QString, expected);
    const HookReset reset;
    // A thread entry throws every time it is reached; a task only the 10th time, mid-run.
    throwAt(site.toStdString(), site == QStringLiteral("task") ? 10 : 0, kind.toStdString());
    runAndExpect(configFor(model, workload, 4, hogs), expected);
}

void TestThreadFailures::threadThatCannotStartFailsTheRun_data()
{
    QTest::addColumn<QString>("model");
    QTest::addColumn<QString>("workload");
    QTest::addColumn<int>("workers");
    QTest::addColumn<int>("hogs");
    QTest::addColumn<QString>("site");
    QTest::addColumn<int>("nth");
    QTest::addColumn<QString>("expected");

    const QString again = QStringLiteral(": ") + QString::fromStdString(std::generic_category().message(EAGAIN));
    QTest::newRow("worker 3 of 8") << "threads"
                                   << "cpu" << 8 << 0 << "worker thread" << 3
                                   << QStringLiteral("cannot start worker thread 3 of 8") + again;
    QTest::newRow("hog 2 of 3") << "threads"
                                << "io-sleep" << 2 << 3 << "hog thread" << 2
                                << QStringLiteral("cannot start hog thread 2 of 3") + again;
    QTest::newRow("sampler") << "threads"
                             << "cpu" << 2 << 0 << "sampler thread" << 1
                             << QStringLiteral("cannot start the sampler thread") + again;
    QTest::newRow("echo server") << "threads"
                                 << "io-socket" << 2 << 0 << "echo server thread" << 1
                                 << QStringLiteral("cannot start the echo server thread") + again;
    QTest::newRow("event loop") << "coroutines"
                                << "io-sleep" << 8 << 0 << "event loop thread" << 1
                                << QStringLiteral("cannot start the event loop thread") + again;
    QTest::newRow("coroutine spawner") << "coroutines"
                                       << "cpu" << 8 << 0 << "coroutine spawner thread" << 1
                                       << QStringLiteral("cannot start the coroutine spawner thread") + again;
    QTest::newRow("supervisor") << "threads"
                                << "cpu" << 2 << 0 << "run's supervisor thread" << 1
                                << QStringLiteral("cannot start the run's supervisor thread") + again;
}

void TestThreadFailures::threadThatCannotStartFailsTheRun()
{
    QFETCH(QString, model);
    QFETCH(QString, workload);
    QFETCH(int, workers);
    QFETCH(int, hogs);
    QFETCH(QString, site);
    QFETCH(int, nth);
    QFETCH(QString, expected);
    const HookReset reset;
    throwAt("start " + site.toStdString(), nth, "eagain");
    runAndExpect(configFor(model, workload, workers, hogs), expected);
}

void TestThreadFailures::runStartsAgainAfterAFailure()
{
    // Nothing of a failed run lingers: the next run of the same config succeeds.
    {
        const HookReset reset;
        throwAt("start worker thread", 2, "eagain");
        runAndExpect(configFor(QStringLiteral("threads"), QStringLiteral("cpu"), 4, 1),
            QStringLiteral("cannot start worker thread 2 of 4"));
    }
    const RunResult result = test::runOk(configFor(QStringLiteral("threads"), QStringLiteral("cpu"), 4, 1));
    QCOMPARE(result.summary.tasksCompleted, std::uint64_t(64));
}

void TestThreadFailures::processesRunThatThrowsLeavesNoChild_data()
{
    QTest::addColumn<QString>("site");
    QTest::addColumn<int>("nth");
    QTest::newRow("while starting the workers") << "worker process started" << 3;
    QTest::newRow("while the workers run") << "processes poll loop" << 20;
}

void TestThreadFailures::processesRunThatThrowsLeavesNoChild()
{
    // The processes model throws midway (here on purpose; for real, no memory): every worker
    // started so far is killed and reaped, and every channel to them is closed.
    QFETCH(QString, site);
    QFETCH(int, nth);
    const HookReset reset;
    // SIGPIPE at its default meanwhile (whatever this test inherited), so a SIGPIPE would end the
    // test, and the run must leave it so.
    struct sigaction old = {};
    struct sigaction defaults = {};
    defaults.sa_handler = SIG_DFL;
    sigemptyset(&defaults.sa_mask);
    QCOMPARE(sigaction(SIGPIPE, &defaults, &old), 0);
    throwAt(site.toStdString(), nth, "runtime");
    RunConfig config = configFor(QStringLiteral("processes"), QStringLiteral("cpu"), 4, 0);
    config.tasks = 100000; // still running when it throws
    runAndExpect(config, QStringLiteral("the run's supervisor thread failed: injected at ") + site);
    QVERIFY(test::childProcesses().empty());
    // Nor a zombie: there is no child of this process at all to wait for.
    errno = 0;
    QCOMPARE(waitpid(-1, nullptr, WNOHANG), -1);
    QCOMPARE(errno, ECHILD);
    struct sigaction action = {};
    QCOMPARE(sigaction(SIGPIPE, &old, &action), 0);
    QVERIFY2(action.sa_handler == SIG_DFL, "SIGPIPE is handled as it was");
}

QTEST_GUILESS_MAIN(TestThreadFailures)
#include "tst_threadfailures.moc"
