// Session files (.clab): runs made by the real engine on threads, processes and coroutines come
// back field for field, and every kind of malformed file is refused with a message naming what is
// wrong (docs/session-format.md).

#include "formats/json.h"
#include "results/session.h"
#include "testsupport.h"

#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

using namespace clab;

namespace {

RunConfig smallConfig(ExecutionModel model, int workers, WorkloadKind workload)
{
    RunConfig config;
    config.model = model;
    config.workers = workers;
    config.workload = workload;
    config.cpuSteps = 2000;
    config.ioMs = 2;
    config.tasks = 24;
    config.sampleHz = 50;
    return config;
}

Json parsed(const std::string &text)
{
    JsonParseResult result = parseJson(text);
    if (!result.value)
        qFatal("not JSON: %s", result.error.c_str());
    return std::move(*result.value);
}

} // namespace

class TestSession : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void roundTripKeepsEveryRun();
    void roundTripThroughAFile();
    void emptySessionRoundTrips();
    void truncatedJsonIsRefused();
    void wrongFormatIsRefused();
    void newerVersionIsRefused();
    void wrongTypesAreRefused_data();
    void wrongTypesAreRefused();
    void tooManyRunsAreRefused();
    void tooManyIntervalsAreRefused();
    void missingFileIsRefused();

private:
    void expectRefused(const std::string &text, const std::string &expected);

    Session m_session;
    std::string m_text;
};

void TestSession::initTestCase()
{
    SessionRun threads{test::runOk(smallConfig(ExecutionModel::Threads, 2, WorkloadKind::Mixed)), "Lab", 1.7};
    SessionRun processes{test::runOk(smallConfig(ExecutionModel::Processes, 2, WorkloadKind::Cpu)), "Sweep 1", 1.9};
    // Ten thousand coroutines, each a few steps: the unit count a session must carry cheaply.
    RunConfig many = smallConfig(ExecutionModel::Coroutines, 10'000, WorkloadKind::Cpu);
    many.cpuSteps = 10;
    many.tasks = 10'000;
    SessionRun coroutines{test::runOk(many), "Sweep 1 · baseline", std::nullopt};
    QVERIFY(!threads.result.workers.front().timeline.empty());
    QVERIFY(!processes.result.samples.empty());
    QCOMPARE(coroutines.result.config.workers, 10'000);
    // A producer and a consumer on a queue of one: the run's pipeline summary comes back too.
    RunConfig queue = smallConfig(ExecutionModel::Threads, 2, WorkloadKind::Pipeline);
    queue.queueSize = 1;
    SessionRun pipeline{test::runOk(queue), "Lab", 1.0};
    QVERIFY(pipeline.result.summary.pipeline.has_value());
    m_session.runs = {std::move(threads), std::move(processes), std::move(coroutines), std::move(pipeline)};
    m_session.labRun = 0;
    m_text = sessionToJson(m_session);
}

void TestSession::roundTripKeepsEveryRun()
{
    const SessionReadResult read = parseSession(m_text);
    QVERIFY2(read.session.has_value(), read.error.c_str());
    const Session &back = *read.session;
    QCOMPARE(back.runs.size(), m_session.runs.size());
    QCOMPARE(back.labRun, std::optional<std::size_t>(0));
    for (std::size_t k = 0; k < back.runs.size(); ++k) {
        const SessionRun &before = m_session.runs[k];
        const SessionRun &after = back.runs[k];
        QCOMPARE(after.source, before.source);
        QCOMPARE(after.speedup, before.speedup);
        QVERIFY(after.result.config.model == before.result.config.model);
        QCOMPARE(after.result.config.workers, before.result.config.workers);
        QCOMPARE(after.result.machine.cpuModel, before.result.machine.cpuModel);
        QCOMPARE(after.result.machine.logicalCpus, before.result.machine.logicalCpus);
        QCOMPARE(after.result.summary.tasksCompleted, before.result.summary.tasksCompleted);
        QCOMPARE(after.result.summary.wallSeconds, before.result.summary.wallSeconds);
        QCOMPARE(after.result.samples.size(), before.result.samples.size());
        QCOMPARE(after.result.workers.size(), before.result.workers.size());
        for (std::size_t w = 0; w < after.result.workers.size(); ++w) {
            const auto &a = after.result.workers[w].timeline;
            const auto &b = before.result.workers[w].timeline;
            QCOMPARE(a.size(), b.size());
            for (std::size_t i = 0; i < a.size(); ++i) {
                QVERIFY(a[i].state == b[i].state);
                QCOMPARE(a[i].startNs - after.result.startNs, b[i].startNs - before.result.startNs);
                QCOMPARE(a[i].endNs - after.result.startNs, b[i].endNs - before.result.startNs);
                QCOMPARE(a[i].core, b[i].core);
            }
        }
        // Everything the exports show is the same: the run's JSON with its timelines, its words.
        QCOMPARE(after.result.toJson(true), before.result.toJson(true));
        QCOMPARE(after.result.summaryText(), before.result.summaryText());
    }
    QCOMPARE(sessionToJson(back), m_text);
}

void TestSession::roundTripThroughAFile()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const std::string path = dir.filePath(QStringLiteral("s.clab")).toStdString();
    const std::optional<std::string> error = writeSessionFile(path, m_session);
    QVERIFY2(!error, error ? error->c_str() : "");
    const SessionReadResult read = readSessionFile(path);
    QVERIFY2(read.session.has_value(), read.error.c_str());
    QCOMPARE(sessionToJson(*read.session), m_text);
}

void TestSession::emptySessionRoundTrips()
{
    const SessionReadResult read = parseSession(sessionToJson(Session{}));
    QVERIFY2(read.session.has_value(), read.error.c_str());
    QVERIFY(read.session->runs.empty());
    QVERIFY(!read.session->labRun);
}

void TestSession::expectRefused(const std::string &text, const std::string &expected)
{
    const SessionReadResult read = parseSession(text);
    QVERIFY2(!read.session.has_value(), expected.c_str());
    QVERIFY2(read.error.find(expected) != std::string::npos, (read.error + " | expected: " + expected).c_str());
}

void TestSession::truncatedJsonIsRefused()
{
    expectRefused(m_text.substr(0, m_text.size() / 2), "not valid JSON (is the file complete?): line ");
    // Cut at the end of a line, the file ends where a value should follow.
    expectRefused(m_text.substr(0, m_text.rfind('\n', m_text.size() / 2)), "unexpected end of input");
    expectRefused("", "not valid JSON");
}

void TestSession::wrongFormatIsRefused()
{
    Json json = parsed(m_text);
    json["format"] = "concurrency-lab-run";
    expectRefused(toText(json), "not a Concurrency Lab session: \"format\" is \"concurrency-lab-run\"");
    json.erase("format");
    expectRefused(toText(json), "\"format\" is missing");
    expectRefused("[1, 2]", "expected a JSON object, got an array");
    // A run file is not a session, and a session's run must be a run.
    expectRefused(m_session.runs.front().result.toJson(), "not a Concurrency Lab session");
    json = parsed(m_text);
    json["runs"][1]["run"]["format"] = "concurrency-lab-sweep";
    expectRefused(toText(json), "runs[1].run.format: expected \"concurrency-lab-run\", got \"concurrency-lab-sweep\"");
}

void TestSession::newerVersionIsRefused()
{
    Json json = parsed(m_text);
    json["version"] = 2;
    expectRefused(toText(json), "written by a newer Concurrency Lab (version 2); this one reads version 1");
    json["version"] = 0;
    expectRefused(toText(json), "version: unknown version 0");
    json["version"] = "1";
    expectRefused(toText(json), "version: expected a whole number, got a string");
}

void TestSession::wrongTypesAreRefused_data()
{
    QTest::addColumn<QString>("pointer");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("expected");
    QTest::newRow("runs") << "/runs"
                          << "{}"
                          << "runs: expected an array, got an object";
    QTest::newRow("entry") << "/runs/0"
                           << "7"
                           << "runs[0]: expected an object, got a number";
    QTest::newRow("source") << "/runs/0/source"
                            << "1"
                            << "runs[0].source: expected a string, got a number";
    QTest::newRow("speedup") << "/runs/1/speedup"
                             << "\"fast\""
                             << "runs[1].speedup: expected a number or null";
    QTest::newRow("wall") << "/runs/0/run/summary/wall_s"
                          << "\"1.5\""
                          << "runs[0].run.summary.wall_s: expected a number, got a string";
    QTest::newRow("tasks negative")
        << "/runs/2/run/summary/tasks_completed"
        << "-4"
        << "runs[2].run.summary.tasks_completed: expected a whole number of 0 or more, got -4";
    QTest::newRow("workers in config") << "/runs/0/run/config/workers"
                                       << "\"many\""
                                       << "runs[0].run.config: workers";
    QTest::newRow("config range") << "/runs/0/run/config/workers"
                                  << "0"
                                  << "runs[0].run.config: workers";
    QTest::newRow("machine") << "/runs/1/run/machine"
                             << "[]"
                             << "runs[1].run.machine: expected an object, got an array";
    QTest::newRow("state") << "/runs/0/run/workers/0/timeline/0/state"
                           << "\"dancing\""
                           << "runs[0].run.workers[0].timeline[0].state: unknown state \"dancing\"";
    QTest::newRow("interval") << "/runs/0/run/workers/0/timeline/0/start_s"
                              << "1e9"
                              << "runs[0].run.workers[0].timeline[0].start_s: must be a time in seconds";
    QTest::newRow("sample") << "/runs/1/run/samples/0/core_busy_pct"
                            << "\"x\""
                            << "runs[1].run.samples[0].core_busy_pct: expected an array, got a string";
    QTest::newRow("gil") << "/runs/0/run/summary/gil/policy"
                         << "\"sometimes\""
                         << "runs[0].run.summary.gil.policy: unknown GIL policy \"sometimes\"";
    QTest::newRow("missing summary") << "/runs/0/run/summary"
                                     << ""
                                     << "runs[0].run: missing \"summary\"";
    QTest::newRow("lab run") << "/lab_run"
                             << "4"
                             << "lab_run: expected the index of one of the 4 runs or null, got 4";
}

void TestSession::wrongTypesAreRefused()
{
    QFETCH(QString, pointer);
    QFETCH(QString, value);
    QFETCH(QString, expected);
    Json json = parsed(m_text);
    const Json::json_pointer at(pointer.toStdString());
    if (value.isEmpty())
        json[at.parent_pointer()].erase(at.back());
    else
        json[at] = parsed(value.toStdString());
    expectRefused(toText(json), expected.toStdString());
}

void TestSession::tooManyRunsAreRefused()
{
    std::string text = R"({"format": "concurrency-lab-session", "version": 1, "runs": [)";
    for (std::size_t k = 0; k <= kMaxSessionRuns; ++k)
        text += k == 0 ? "{}" : ",{}";
    text += "]}";
    expectRefused(text, "runs: 10001 runs, more than the 10000 a session may hold");
}

void TestSession::tooManyIntervalsAreRefused()
{
    // Every run the engine records can be read again: the cap is the engine's own.
    QCOMPARE(RunReadLimits{}.maxIntervals, TimelineBudget::kDefaultCap);
    std::size_t intervals = 0;
    for (const WorkerResult &w : m_session.runs.front().result.workers)
        intervals += w.timeline.size();
    QVERIFY(intervals > 2);
    RunReadLimits limits;
    limits.maxIntervals = intervals - 1;
    const SessionReadResult read = parseSession(m_text, limits);
    QVERIFY(!read.session);
    QVERIFY2(read.error.starts_with("runs[0].run.workers[")
            && read.error.find("more intervals than the " + std::to_string(intervals - 1) + " a run may store")
                != std::string::npos,
        read.error.c_str());
    // At the cap exactly, every run is read.
    std::size_t most = 0;
    for (const SessionRun &run : m_session.runs) {
        std::size_t inRun = 0;
        for (const WorkerResult &w : run.result.workers)
            inRun += w.timeline.size();
        most = std::max(most, inRun);
    }
    limits.maxIntervals = most;
    QVERIFY(parseSession(m_text, limits).session);
}

void TestSession::missingFileIsRefused()
{
    const SessionReadResult read = readSessionFile("/nonexistent/dir/s.clab");
    QVERIFY(!read.session);
    QVERIFY2(read.error.find("/nonexistent/dir/s.clab") != std::string::npos, read.error.c_str());
}

QTEST_GUILESS_MAIN(TestSession)
#include "tst_session.moc"
