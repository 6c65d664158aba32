#include "execution/run.h"
#include "results/runresult.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QTemporaryDir>
#include <QTest>

using namespace clab;

namespace {

QJsonObject parseObject(const std::string &text)
{
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(QByteArray::fromStdString(text), &error);
    if (error.error != QJsonParseError::NoError)
        qWarning() << "JSON error" << error.errorString() << "at" << error.offset;
    return doc.object();
}

} // namespace

class TestRunResult : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void jsonHasTheDocumentedShape();
    void jsonMatchesTheResult();
    void csvHasOneRowPerSample();
    void traceTracksNeverOverlap();
    void percentileByNearestRank();
    void atomicWriteIsWholeOrNothing();
    void jsonEscapes();

private:
    RunResult m_result;
};

void TestRunResult::initTestCase()
{
    RunConfig config;
    config.model = ExecutionModel::Threads;
    config.workers = 2;
    config.workload = WorkloadKind::Mixed;
    config.cpuSteps = 2000;
    config.ioMs = 4;
    config.tasks = 24;
    config.cpuHogs = 1;
    config.sampleHz = 50;
    const RunOutcome outcome = runToEnd(config);
    QVERIFY(!outcome.error);
    m_result = outcome.result;
    QVERIFY(m_result.succeeded());
    QVERIFY(m_result.samples.size() >= 2);
}

void TestRunResult::jsonHasTheDocumentedShape()
{
    const QJsonObject root = parseObject(m_result.toJson());
    QVERIFY(!root.isEmpty());
    for (const char *key : {"config", "machine", "summary", "workers", "samples"})
        QVERIFY2(root.contains(QLatin1String(key)), key);
    const QJsonObject machine = root[QStringLiteral("machine")].toObject();
    for (const char *key : {"logical_cpus", "cpu_model", "os"})
        QVERIFY2(machine.contains(QLatin1String(key)), key);
    const QJsonObject summary = root[QStringLiteral("summary")].toObject();
    for (const char *key : {"wall_s", "cpu_s", "tasks_completed", "throughput_tps", "avg_cores_busy", "max_running",
             "latency_ms_p50", "latency_ms_p90", "latency_ms_p99", "gil", "other_load_cores", "scheduler_stats"})
        QVERIFY2(summary.contains(QLatin1String(key)), key);
    const QJsonObject gil = summary[QStringLiteral("gil")].toObject();
    for (const char *key : {"policy", "switch_interval_ms", "switches", "drop_requests", "failed_acquisitions",
             "hold_ms_mean", "wait_ms_mean"})
        QVERIFY2(gil.contains(QLatin1String(key)), key);
    const QJsonArray workers = root[QStringLiteral("workers")].toArray();
    QCOMPARE(workers.size(), 3); // 2 workers + 1 hog
    for (const auto &w : workers) {
        for (const char *key : {"index", "pid", "tid", "tasks", "cpu_s", "gil_hold_s", "gil_wait_s",
                 "gil_failed_acquisitions", "on_cpu_s", "cpu_wait_s", "timeslices"})
            QVERIFY2(w.toObject().contains(QLatin1String(key)), key);
    }
    const QJsonArray samples = root[QStringLiteral("samples")].toArray();
    QVERIFY(!samples.isEmpty());
    for (const auto &s : samples) {
        const QJsonObject sample = s.toObject();
        for (const char *key :
            {"t_s", "throughput_tps", "tasks_done", "core_busy_pct", "cores_busy", "other_load_cores"})
            QVERIFY2(sample.contains(QLatin1String(key)), key);
        for (const auto &pct : sample[QStringLiteral("core_busy_pct")].toArray()) {
            if (!pct.isNull())
                QVERIFY(pct.toDouble() >= 0.0 && pct.toDouble() <= 100.0);
        }
    }
}

void TestRunResult::jsonMatchesTheResult()
{
    const QJsonObject root = parseObject(m_result.toJson());
    const QJsonObject config = root[QStringLiteral("config")].toObject();
    QCOMPARE(config[QStringLiteral("model")].toString(), QStringLiteral("threads"));
    QCOMPARE(config[QStringLiteral("workers")].toInt(), 2);
    QCOMPARE(config[QStringLiteral("workload")].toString(), QStringLiteral("mixed"));
    QCOMPARE(config[QStringLiteral("cpu_hogs")].toInt(), 1);
    const QJsonObject summary = root[QStringLiteral("summary")].toObject();
    QCOMPARE(summary[QStringLiteral("tasks_completed")].toInteger(), qint64(m_result.summary.tasksCompleted));
    QCOMPARE(summary[QStringLiteral("wall_s")].toDouble(), m_result.summary.wallSeconds);
    QCOMPARE(summary[QStringLiteral("max_running")].toInt(), m_result.summary.maxRunning);
    const QJsonArray samples = root[QStringLiteral("samples")].toArray();
    QCOMPARE(std::size_t(samples.size()), m_result.samples.size());
    QCOMPARE(samples.last().toObject()[QStringLiteral("tasks_done")].toInteger(), qint64(24));

    // GIL counters as they are, large ones too (a legacy battle counts millions of failures).
    RunResult legacy = m_result;
    legacy.summary.gil.failedAcquisitions = 1234567890123ULL;
    legacy.workers[1].gilFailedAcquisitions = 987654321ULL;
    const QJsonObject legacyRoot = parseObject(legacy.toJson());
    QCOMPARE(legacyRoot[QStringLiteral("summary")]
                 .toObject()[QStringLiteral("gil")]
                 .toObject()[QStringLiteral("failed_acquisitions")]
                 .toInteger(),
        qint64(1234567890123LL));
    const QJsonArray legacyWorkers = legacyRoot[QStringLiteral("workers")].toArray();
    QCOMPARE(legacyWorkers[0].toObject()[QStringLiteral("gil_failed_acquisitions")].toInteger(),
        qint64(m_result.workers[0].gilFailedAcquisitions));
    QCOMPARE(legacyWorkers[1].toObject()[QStringLiteral("gil_failed_acquisitions")].toInteger(), qint64(987654321));

    const QJsonObject withTimeline = parseObject(m_result.toJson(true));
    const QJsonArray lanes = withTimeline[QStringLiteral("workers")].toArray();
    QCOMPARE(std::size_t(lanes[0].toObject()[QStringLiteral("timeline")].toArray().size()),
        m_result.workers[0].timeline.size());
}

void TestRunResult::csvHasOneRowPerSample()
{
    const QString csv = QString::fromStdString(m_result.samplesCsv());
    const QStringList lines = csv.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(std::size_t(lines.size()), m_result.samples.size() + 1);
    const QStringList header = lines.first().split(QLatin1Char(','));
    QCOMPARE(header.mid(0, 4),
        (QStringList{QStringLiteral("t_s"), QStringLiteral("tasks_done"), QStringLiteral("throughput_tps"),
            QStringLiteral("running")}));
    QVERIFY(header.contains(QStringLiteral("core0_busy_pct")));
    QVERIFY(header.contains(QStringLiteral("cores_busy")));
    QVERIFY(header.contains(QStringLiteral("other_load_cores")));
    for (int i = 1; i < lines.size(); ++i) {
        const QStringList cells = lines[i].split(QLatin1Char(','));
        QCOMPARE(cells.size(), header.size());
        QCOMPARE(cells[1].toULongLong(), qulonglong(m_result.samples[std::size_t(i - 1)].tasksDone));
    }
}

void TestRunResult::traceTracksNeverOverlap()
{
    const QJsonObject root = parseObject(m_result.chromeTrace());
    const QJsonArray events = root[QStringLiteral("traceEvents")].toArray();
    QVERIFY(!events.isEmpty());
    QMap<qint64, QList<QPair<double, double>>> tracks;
    QSet<qint64> named;
    for (const auto &e : events) {
        const QJsonObject event = e.toObject();
        const QString phase = event[QStringLiteral("ph")].toString();
        const qint64 tid = event[QStringLiteral("tid")].toInteger();
        if (phase == QStringLiteral("M") && event[QStringLiteral("name")].toString() == QStringLiteral("thread_name"))
            named.insert(tid);
        // The units' state slices; the GIL holder track is checked in tst_chrometrace.
        if (phase != QStringLiteral("X") || event[QStringLiteral("cat")].toString() != QStringLiteral("state"))
            continue;
        const double ts = event[QStringLiteral("ts")].toDouble();
        const double dur = event[QStringLiteral("dur")].toDouble();
        QVERIFY(dur > 0);
        QVERIFY(ts >= 0);
        QVERIFY(event.contains(QStringLiteral("pid")));
        tracks[tid].append({ts, ts + dur});
    }
    QCOMPARE(tracks.size(), 3); // one track per unit
    for (auto it = tracks.begin(); it != tracks.end(); ++it) {
        QVERIFY2(named.contains(it.key()), "every track is named");
        auto spans = it.value();
        std::sort(spans.begin(), spans.end());
        for (int i = 1; i < spans.size(); ++i)
            QVERIFY2(spans[i].first >= spans[i - 1].second - 1e-9, "no two events overlap on a track");
    }
}

void TestRunResult::percentileByNearestRank()
{
    QCOMPARE(percentile({}, 50), 0.0);
    QCOMPARE(percentile({7.0}, 99), 7.0);
    QCOMPARE(percentile({5, 1, 4, 2, 3}, 50), 3.0);
    std::vector<double> hundred;
    for (int i = 100; i >= 1; --i)
        hundred.push_back(i);
    QCOMPARE(percentile(hundred, 99), 99.0);
    QCOMPARE(percentile(hundred, 100), 100.0);
}

void TestRunResult::atomicWriteIsWholeOrNothing()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const std::string path = dir.filePath(QStringLiteral("run.json")).toStdString();
    QVERIFY(!writeFileAtomically(path, "first"));
    QVERIFY(!writeFileAtomically(path, "second, longer"));
    QFile file(QString::fromStdString(path));
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), QByteArray("second, longer"));
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files).size(), 1); // no temporary left beside it

    const auto error = writeFileAtomically(dir.filePath(QStringLiteral("missing/run.json")).toStdString(), "x");
    QVERIFY(error.has_value());
    QVERIFY2(error->find("missing") != std::string::npos, error->c_str());
}

void TestRunResult::jsonEscapes()
{
    RunResult result = m_result;
    result.machine.cpuModel = "Quote \" backslash \\ newline \n tab \t bell \a";
    const QJsonObject root = parseObject(result.toJson());
    QCOMPARE(root[QStringLiteral("machine")].toObject()[QStringLiteral("cpu_model")].toString(),
        QString::fromStdString(result.machine.cpuModel));
}

QTEST_GUILESS_MAIN(TestRunResult)
#include "tst_runresult.moc"
