#include "charts/lanebuckets.h"

#include <QTest>

#include <map>

using namespace clab;

// The timeline's bucketing (charts/lanebuckets.h): which colour fills which pixel column of a lane,
// given the intervals, the view's start, its ns per pixel and its width. Plain C++, no widgets.
class TestLaneBuckets : public QObject
{
    Q_OBJECT

private slots:
    void wideIntervalsBecomeSpans();
    void sharedColumnSplitsByTime();
    void columnsPartitionTheCoveredTime();
    void intervalsOutsideTheViewAreLeftOut();
    void uncolouredIntervalsAreGaps();
    void crowdedColumnCostsAtMostTheTally();
    void gilColumnsFillOnlyWhenOneHolderHadThem();
};

namespace {

constexpr double kNsPerPx = 1000.0; // one pixel column per microsecond
constexpr LaneColour kRunning = 0xff2e7d32;
constexpr LaneColour kGil = 0xffc62828;
constexpr LaneColour kIo = 0xff1565c0;

LaneColour colourOf(const Interval &interval)
{
    switch (interval.state) {
    case WorkerState::Running:
        return kRunning;
    case WorkerState::WaitingGil:
        return kGil;
    case WorkerState::Io:
        return kIo;
    default:
        return kNoColour;
    }
}

Interval interval(std::int64_t startNs, std::int64_t endNs, WorkerState state)
{
    Interval i;
    i.startNs = startNs;
    i.endNs = endNs;
    i.state = state;
    return i;
}

// What LaneBuckets reports, as it reports it.
struct Recorder
{
    struct Span
    {
        double x0;
        double x1;
        LaneColour colour;
    };
    std::vector<Span> spans;
    std::vector<std::pair<double, std::vector<ColumnShare>>> shared;

    void add(double x0, double x1, LaneColour colour) { spans.push_back({x0, x1, colour}); }
    void addShares(double column, const std::vector<ColumnShare> &shares) { shared.emplace_back(column, shares); }

    // How much of each column (0..1) the spans and shares cover, clipped to `width` columns.
    std::vector<double> coverage(int width) const
    {
        std::vector<double> covered(static_cast<std::size_t>(width), 0.0);
        for (const Span &span : spans) {
            for (int column = 0; column < width; ++column) {
                const double part = std::min(span.x1, column + 1.0) - std::max(span.x0, double(column));
                if (part > 0.0)
                    covered[static_cast<std::size_t>(column)] += part;
            }
        }
        for (const auto &[column, shares] : shared) {
            if (column >= width)
                continue; // past the right edge: the receiver clips it
            for (const auto &[colour, part] : shares)
                covered[static_cast<std::size_t>(column)] += part;
        }
        return covered;
    }
};

double shareOf(const std::vector<ColumnShare> &shares, LaneColour colour)
{
    for (const auto &[c, part] : shares) {
        if (c == colour)
            return part;
    }
    return 0.0;
}

} // namespace

void TestLaneBuckets::wideIntervalsBecomeSpans()
{
    const std::vector<Interval> lane{interval(0, 10'000, WorkerState::Running),
        interval(10'000, 30'000, WorkerState::Io), interval(30'000, 32'500, WorkerState::WaitingGil)};
    Recorder out;
    LaneBuckets(0.0, kNsPerPx, 100).tally(out, lane, colourOf);
    QVERIFY(out.shared.empty());
    QCOMPARE(out.spans.size(), std::size_t(3));
    QCOMPARE(out.spans[0].x0, 0.0);
    QCOMPARE(out.spans[0].x1, 10.0);
    QCOMPARE(out.spans[0].colour, kRunning);
    QCOMPARE(out.spans[1].x0, 10.0);
    QCOMPARE(out.spans[1].x1, 30.0);
    QCOMPARE(out.spans[1].colour, kIo);
    QCOMPARE(out.spans[2].x1, 32.5);
    QCOMPARE(out.spans[2].colour, kGil);
}

void TestLaneBuckets::sharedColumnSplitsByTime()
{
    // Column 5 is [5000, 6000) ns: mostly running, a 10 ns burst of I/O, then waiting for the GIL.
    const std::vector<Interval> lane{interval(5'000, 5'700, WorkerState::Running),
        interval(5'700, 5'710, WorkerState::Io), interval(5'710, 6'000, WorkerState::WaitingGil)};
    Recorder out;
    LaneBuckets(0.0, kNsPerPx, 100).tally(out, lane, colourOf);
    QVERIFY(out.spans.empty());
    QCOMPARE(out.shared.size(), std::size_t(1));
    QCOMPARE(out.shared[0].first, 5.0);
    const std::vector<ColumnShare> &shares = out.shared[0].second;
    QCOMPARE(shares.size(), std::size_t(3));
    // The state that covered most of the column has the most of it, in proportion to its time ...
    QVERIFY(qFuzzyCompare(shareOf(shares, kRunning), 0.7));
    QVERIFY(qFuzzyCompare(shareOf(shares, kGil), 0.29));
    // ... and a burst of 1 % of the column is not lost.
    QVERIFY(qFuzzyCompare(shareOf(shares, kIo), 0.01));
}

void TestLaneBuckets::columnsPartitionTheCoveredTime()
{
    // Back-to-back intervals of every length from a tenth of a pixel to three pixels, cycling
    // through the states, over more than the view's 64 columns.
    std::vector<Interval> lane;
    const WorkerState states[] = {WorkerState::Running, WorkerState::WaitingGil, WorkerState::Io};
    std::int64_t t = 0;
    for (int i = 0; t < 70'000; ++i) {
        const std::int64_t length = 100 + (i * 370) % 2'900;
        lane.push_back(interval(t, t + length, states[i % 3]));
        t += length;
    }
    constexpr int kWidth = 64;
    Recorder out;
    LaneBuckets(0.0, kNsPerPx, kWidth).tally(out, lane, colourOf);
    QVERIFY(!out.spans.empty());
    QVERIFY(!out.shared.empty());
    // Every column is covered once, whole: nothing twice, nothing lost.
    const std::vector<double> covered = out.coverage(kWidth);
    for (int column = 0; column < kWidth; ++column)
        QVERIFY2(std::abs(covered[static_cast<std::size_t>(column)] - 1.0) < 1e-9,
            qPrintable(QStringLiteral("column %1 covered %2").arg(column).arg(covered[std::size_t(column)])));
    // Left to right, each shared column once.
    std::map<double, int> times;
    for (const auto &[column, shares] : out.shared)
        ++times[column];
    for (const auto &[column, count] : times)
        QCOMPARE(count, 1);
    for (std::size_t i = 1; i < out.spans.size(); ++i)
        QVERIFY(out.spans[i].x0 >= out.spans[i - 1].x1);
}

void TestLaneBuckets::intervalsOutsideTheViewAreLeftOut()
{
    // The view is [10 µs, 30 µs): 20 columns.
    const std::vector<Interval> lane{interval(0, 4'000, WorkerState::Io), interval(4'000, 12'000, WorkerState::Running),
        interval(12'000, 20'000, WorkerState::WaitingGil), interval(35'000, 40'000, WorkerState::Io)};
    Recorder out;
    LaneBuckets(10'000.0, kNsPerPx, 20).tally(out, lane, colourOf);
    QVERIFY(out.shared.empty());
    QCOMPARE(out.spans.size(), std::size_t(2));
    // The interval across the view's start begins at its left edge.
    QCOMPARE(out.spans[0].x0, 0.0);
    QCOMPARE(out.spans[0].x1, 2.0);
    QCOMPARE(out.spans[0].colour, kRunning);
    QCOMPARE(out.spans[1].x0, 2.0);
    QCOMPARE(out.spans[1].x1, 10.0);
}

void TestLaneBuckets::uncolouredIntervalsAreGaps()
{
    const std::vector<Interval> lane{interval(0, 3'000, WorkerState::Running),
        interval(3'000, 6'000, WorkerState::Idle), interval(6'000, 6'400, WorkerState::Idle),
        interval(6'400, 7'000, WorkerState::Io)};
    Recorder out;
    LaneBuckets(0.0, kNsPerPx, 10).tally(out, lane, colourOf);
    QCOMPARE(out.spans.size(), std::size_t(1));
    QCOMPARE(out.spans[0].colour, kRunning);
    // Column 6 holds idle time and I/O: only the I/O is reported, for the part it covers.
    QCOMPARE(out.shared.size(), std::size_t(1));
    QCOMPARE(out.shared[0].first, 6.0);
    QCOMPARE(out.shared[0].second.size(), std::size_t(1));
    QVERIFY(qFuzzyCompare(shareOf(out.shared[0].second, kIo), 0.6));
}

void TestLaneBuckets::crowdedColumnCostsAtMostTheTally()
{
    // A thousand 1 ns intervals in column 0, then a wide one: the column's cost is bounded, and
    // what follows it is reported as usual.
    std::vector<Interval> lane;
    for (int i = 0; i < 1000; ++i)
        lane.push_back(interval(i, i + 1, i % 2 == 0 ? WorkerState::Running : WorkerState::WaitingGil));
    lane.push_back(interval(1000, 5'000, WorkerState::Io));
    int looked = 0;
    const auto counting = [&looked](const Interval &i) {
        ++looked;
        return colourOf(i);
    };
    Recorder out;
    LaneBuckets(0.0, kNsPerPx, 10).tally(out, lane, counting);
    QVERIFY2(looked <= LaneBuckets::kTally + 2, qPrintable(QString::number(looked)));
    QCOMPARE(out.shared.size(), std::size_t(1));
    QCOMPARE(out.shared[0].first, 0.0);
    QCOMPARE(out.shared[0].second.size(), std::size_t(2));
    QCOMPARE(out.spans.size(), std::size_t(1));
    QCOMPARE(out.spans[0].x0, 1.0);
    QCOMPARE(out.spans[0].x1, 5.0);
    QCOMPARE(out.spans[0].colour, kIo);
}

void TestLaneBuckets::gilColumnsFillOnlyWhenOneHolderHadThem()
{
    // Two workers' Running time summed into one GIL lane of 6 columns.
    constexpr LaneColour kFirst = 0xff00897b;
    constexpr LaneColour kSecond = 0xfff9a825;
    const auto first = [](const Interval &i) { return i.state == WorkerState::Running ? kFirst : kNoColour; };
    const auto second = [](const Interval &i) { return i.state == WorkerState::Running ? kSecond : kNoColour; };
    // The first holds columns 0-1 and half of 2; the second the other half of 2, and half of 4.
    const std::vector<Interval> a{
        interval(0, 2'500, WorkerState::Running), interval(2'500, 6'000, WorkerState::WaitingGil)};
    const std::vector<Interval> b{interval(0, 2'500, WorkerState::WaitingGil),
        interval(2'500, 3'000, WorkerState::Running), interval(3'000, 4'000, WorkerState::WaitingGil),
        interval(4'000, 4'500, WorkerState::Running), interval(4'500, 6'000, WorkerState::Idle)};
    ColumnShares holders(6);
    const LaneBuckets buckets(0.0, kNsPerPx, 6);
    buckets.tally(holders, a, first);
    buckets.tally(holders, b, second);
    QCOMPARE(holders.columnCount(), 6);
    QCOMPARE(holders.fillOf(0), kFirst);
    QCOMPARE(holders.fillOf(1), kFirst);
    QCOMPARE(holders.fillOf(2), kNoColour); // shared
    QCOMPARE(holders.column(2).size(), std::size_t(2));
    QVERIFY(qFuzzyCompare(shareOf(holders.column(2), kFirst), 0.5));
    QVERIFY(qFuzzyCompare(shareOf(holders.column(2), kSecond), 0.5));
    QVERIFY(holders.column(3).empty()); // nobody held the GIL
    QCOMPARE(holders.fillOf(4), kNoColour); // held half the time: not filled
    QVERIFY(qFuzzyCompare(shareOf(holders.column(4), kSecond), 0.5));
    QVERIFY(holders.column(5).empty());
}

QTEST_GUILESS_MAIN(TestLaneBuckets)
#include "tst_lanebuckets.moc"
