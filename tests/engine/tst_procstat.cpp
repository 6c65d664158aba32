#include "measurement/procstat.h"

#include <QFile>
#include <QTest>

using namespace clab;

namespace {

std::string readFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll().toStdString();
}

} // namespace

class TestProcStat : public QObject
{
    Q_OBJECT

private slots:
    void parse_data();
    void parse();
    void busyPercent();
    void countersGoingBackwardsSaturate();
    void guestIsNotCountedTwice();
    void zeroDeltaIsZero();
    void schedStat_data();
    void schedStat();
    void offlineCoreIsSkipped();
    void taskStat_data();
    void taskStat();
};

void TestProcStat::parse_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<int>("cores");
    QTest::addColumn<QList<int>>("ids");
    QTest::newRow("8 cores") << "procstat/eight_cores.txt" << 8 << QList<int>{0, 1, 2, 3, 4, 5, 6, 7};
    QTest::newRow("cpu3 offline") << "procstat/cpu3_offline.txt" << 7 << QList<int>{0, 1, 2, 4, 5, 6, 7};
    QTest::newRow("old kernel, 4 columns") << "procstat/old_kernel.txt" << 1 << QList<int>{0};
    QTest::newRow("empty") << "procstat/does_not_exist.txt" << 0 << QList<int>{};
}

void TestProcStat::parse()
{
    QFETCH(QString, path);
    QFETCH(int, cores);
    QFETCH(QList<int>, ids);
    const auto parsed = ProcStat::parse(readFile(QFINDTESTDATA(QStringLiteral("../fixtures/") + path)));
    QCOMPARE(int(parsed.size()), cores);
    for (int i = 0; i < cores; ++i)
        QCOMPARE(parsed[std::size_t(i)].id, ids[i]);
}

void TestProcStat::busyPercent()
{
    const auto before = ProcStat::parse(readFile(QFINDTESTDATA("../fixtures/procstat/eight_cores.txt")));
    const auto after = ProcStat::parse(readFile(QFINDTESTDATA("../fixtures/procstat/eight_cores_later.txt")));
    const auto busy = ProcStat::busyPercent(before, after);
    QCOMPARE(busy.size(), std::size_t(8));
    for (int i = 0; i < 8; ++i) {
        QCOMPARE(busy[std::size_t(i)].id, i);
        // core i did 100*(i+1) busy ticks out of 1000
        QCOMPARE(busy[std::size_t(i)].percent, 10.0 * (i + 1));
    }
}

void TestProcStat::countersGoingBackwardsSaturate()
{
    const auto before = ProcStat::parse(readFile(QFINDTESTDATA("../fixtures/procstat/backwards_before.txt")));
    const auto after = ProcStat::parse(readFile(QFINDTESTDATA("../fixtures/procstat/backwards_after.txt")));
    const auto busy = ProcStat::busyPercent(before, after);
    QCOMPARE(busy.size(), std::size_t(2));
    // cpu0: busy +100, idle +400, iowait -50 (saturates: idle delta = 1400+450 - 1000-500 = 350)
    QCOMPARE(busy[0].id, 0);
    QVERIFY(busy[0].percent >= 0.0 && busy[0].percent <= 100.0);
    QCOMPARE(busy[0].percent, 100.0 * 100 / (100 + 350));
}

void TestProcStat::guestIsNotCountedTwice()
{
    const auto before = ProcStat::parse(readFile(QFINDTESTDATA("../fixtures/procstat/backwards_before.txt")));
    const auto after = ProcStat::parse(readFile(QFINDTESTDATA("../fixtures/procstat/backwards_after.txt")));
    const auto busy = ProcStat::busyPercent(before, after);
    // cpu1: user +500 (of which guest +500), idle +500 -> 50 %, not 66 %
    QCOMPARE(busy[1].id, 1);
    QCOMPARE(busy[1].percent, 50.0);
}

void TestProcStat::zeroDeltaIsZero()
{
    const auto reading = ProcStat::parse(readFile(QFINDTESTDATA("../fixtures/procstat/eight_cores.txt")));
    const auto busy = ProcStat::busyPercent(reading, reading);
    QCOMPARE(busy.size(), std::size_t(8));
    for (const CoreBusy &core : busy)
        QCOMPARE(core.percent, 0.0);
}

void TestProcStat::offlineCoreIsSkipped()
{
    const auto before = ProcStat::parse(readFile(QFINDTESTDATA("../fixtures/procstat/eight_cores.txt")));
    const auto after = ProcStat::parse(readFile(QFINDTESTDATA("../fixtures/procstat/cpu3_offline.txt")));
    const auto busy = ProcStat::busyPercent(before, after);
    QCOMPARE(busy.size(), std::size_t(7));
    for (const CoreBusy &core : busy)
        QVERIFY(core.id != 3);
}

void TestProcStat::taskStat_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<qulonglong>("utime");
    QTest::addColumn<qulonglong>("stime");
    QTest::addColumn<int>("processor");
    QTest::newRow("plain") << "taskstat/plain.txt" << true << 1234ULL << 56ULL << 1;
    QTest::newRow("command with ') ('") << "taskstat/comm_with_parens.txt" << true << 77ULL << 3ULL << 0;
    QTest::newRow("truncated") << "taskstat/truncated.txt" << false << 0ULL << 0ULL << -1;
}

void TestProcStat::taskStat()
{
    QFETCH(QString, path);
    QFETCH(bool, valid);
    QFETCH(qulonglong, utime);
    QFETCH(qulonglong, stime);
    QFETCH(int, processor);
    const auto stat = parseTaskStat(readFile(QFINDTESTDATA(QStringLiteral("../fixtures/") + path)));
    QCOMPARE(stat.has_value(), valid);
    if (!valid)
        return;
    QCOMPARE(qulonglong(stat->utimeTicks), utime);
    QCOMPARE(qulonglong(stat->stimeTicks), stime);
    QCOMPARE(stat->processor, processor);
    QCOMPARE(stat->state, 'R');
}

// /proc/<pid>/task/<tid>/schedstat (Documentation/scheduler/sched-stats.rst): time on a CPU (ns),
// time runnable but waiting on a run queue (ns), number of timeslices run.
void TestProcStat::schedStat_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<qulonglong>("onCpuNs");
    QTest::addColumn<qulonglong>("waitNs");
    QTest::addColumn<qulonglong>("timeslices");
    QTest::newRow("plain") << "schedstat/plain.txt" << true << 3996810ULL << 8427059ULL << 2ULL;
    QTest::newRow("large, no newline") << "schedstat/no_newline.txt" << true << 1234567890123ULL << 987654321ULL
                                       << 4242ULL;
    QTest::newRow("two fields") << "schedstat/two_fields.txt" << false << 0ULL << 0ULL << 0ULL;
    QTest::newRow("garbled") << "schedstat/garbled.txt" << false << 0ULL << 0ULL << 0ULL;
    QTest::newRow("empty") << "schedstat/empty.txt" << false << 0ULL << 0ULL << 0ULL;
}

void TestProcStat::schedStat()
{
    QFETCH(QString, path);
    QFETCH(bool, valid);
    QFETCH(qulonglong, onCpuNs);
    QFETCH(qulonglong, waitNs);
    QFETCH(qulonglong, timeslices);
    const QString file = QFINDTESTDATA(QStringLiteral("../fixtures/") + path);
    QVERIFY2(!file.isEmpty(), qPrintable(path));
    const auto stat = parseSchedStat(readFile(file));
    QCOMPARE(stat.has_value(), valid);
    if (!valid)
        return;
    QCOMPARE(qulonglong(stat->onCpuNs), onCpuNs);
    QCOMPARE(qulonglong(stat->waitNs), waitNs);
    QCOMPARE(qulonglong(stat->timeslices), timeslices);
}

QTEST_GUILESS_MAIN(TestProcStat)
#include "tst_procstat.moc"
