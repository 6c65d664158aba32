#include "results/amdahl.h"

#include <QTest>

#include <cmath>
#include <cstdint>
#include <limits>

using namespace clab;

namespace {

std::vector<SpeedupPoint> lawPoints(double s, int maxWorkers)
{
    std::vector<SpeedupPoint> points;
    for (int n = 1; n <= maxWorkers; ++n)
        points.push_back({double(n), amdahlSpeedup(s, n)});
    return points;
}

} // namespace

class TestAmdahl : public QObject
{
    Q_OBJECT

private slots:
    void lawAtItsEnds();
    void recoversSerialFractionExactly_data();
    void recoversSerialFractionExactly();
    void clampsToZeroAndOne_data();
    void clampsToZeroAndOne();
    void onePoint();
    void noPointAboveOneWorkerHasNoFit();
    void ignoresInvalidPoints();
    void noisyPoints();
};

void TestAmdahl::lawAtItsEnds()
{
    QCOMPARE(amdahlSpeedup(0.25, 1), 1.0);
    QCOMPARE(amdahlSpeedup(0.0, 8), 8.0); // nothing serial: linear
    QCOMPARE(amdahlSpeedup(1.0, 8), 1.0); // all serial: no gain
    QCOMPARE(amdahlSpeedup(0.5, 2), 4.0 / 3.0);
    QVERIFY(amdahlSpeedup(0.04, 1e9) < 25.0); // never past 1/s
    QVERIFY(amdahlSpeedup(0.04, 1e9) > 24.99);
}

void TestAmdahl::recoversSerialFractionExactly_data()
{
    QTest::addColumn<double>("s");
    QTest::addColumn<int>("maxWorkers");
    QTest::newRow("no serial part") << 0.0 << 8;
    QTest::newRow("0.1% serial") << 0.001 << 16;
    QTest::newRow("4% serial") << 0.04 << 8;
    QTest::newRow("a quarter serial") << 0.25 << 4;
    QTest::newRow("two thirds serial") << 2.0 / 3.0 << 6;
    QTest::newRow("99% serial") << 0.99 << 8;
    QTest::newRow("all serial") << 1.0 << 8;
    QTest::newRow("two points") << 0.3 << 2;
}

void TestAmdahl::recoversSerialFractionExactly()
{
    QFETCH(double, s);
    QFETCH(int, maxWorkers);
    const auto fit = fitAmdahl(lawPoints(s, maxWorkers));
    QVERIFY(fit);
    QVERIFY2(std::abs(fit->serialFraction - s) < 1e-9, qPrintable(QString::number(fit->serialFraction, 'g', 17)));
    QVERIFY2(fit->rmsError < 1e-9, qPrintable(QString::number(fit->rmsError)));
    QCOMPARE(fit->pointsUsed, maxWorkers);
    // Points exactly on the law: determined from three worker counts on, with no scatter.
    QCOMPARE(fit->isDetermined(), maxWorkers >= 3);
    if (fit->isDetermined())
        QVERIFY2(*fit->serialFractionError < 1e-6, qPrintable(QString::number(*fit->serialFractionError)));
    if (s == 0.0) {
        QVERIFY(!fit->limit);
    } else {
        QVERIFY(fit->limit);
        QVERIFY(std::abs(*fit->limit - 1.0 / s) < 1e-6 / s);
    }
}

void TestAmdahl::clampsToZeroAndOne_data()
{
    QTest::addColumn<std::vector<double>>("speedups"); // at 1, 2, 3, ... workers
    QTest::addColumn<double>("expected");
    QTest::newRow("superlinear") << std::vector<double>{1.0, 2.4, 3.9, 5.6} << 0.0;
    QTest::newRow("exactly linear") << std::vector<double>{1.0, 2.0, 3.0, 4.0} << 0.0;
    QTest::newRow("slower with more workers") << std::vector<double>{1.0, 0.7, 0.55, 0.5} << 1.0;
    QTest::newRow("flat") << std::vector<double>{1.0, 1.0, 1.0} << 1.0;
}

void TestAmdahl::clampsToZeroAndOne()
{
    QFETCH(std::vector<double>, speedups);
    QFETCH(double, expected);
    std::vector<SpeedupPoint> points;
    for (std::size_t i = 0; i < speedups.size(); ++i)
        points.push_back({double(i + 1), speedups[i]});
    const auto fit = fitAmdahl(points);
    QVERIFY(fit);
    QCOMPARE(fit->serialFraction, expected);
    QCOMPARE(fit->limit.has_value(), expected > 0.0);
    if (expected == 1.0)
        QCOMPARE(*fit->limit, 1.0);
}

void TestAmdahl::onePoint()
{
    // 1/S = s + (1 - s)/n: at n = 4, S = 2 -> 0.5 = s + (1 - s)/4 -> s = 1/3.
    const auto fit = fitAmdahl({{4.0, 2.0}});
    QVERIFY(fit);
    QVERIFY(std::abs(fit->serialFraction - 1.0 / 3.0) < 1e-9);
    QVERIFY(std::abs(*fit->limit - 3.0) < 1e-8);
    QCOMPARE(fit->pointsUsed, 1);
    // One worker count above one fixes s, but nothing tells how well: not determined.
    QVERIFY(!fit->isDetermined());
    const auto twoCores = fitAmdahl({{1.0, 1.0}, {2.0, 1.88}});
    QVERIFY(twoCores && !twoCores->isDetermined());
}

void TestAmdahl::noPointAboveOneWorkerHasNoFit()
{
    QVERIFY(!fitAmdahl({}));
    QVERIFY(!fitAmdahl({{1.0, 1.0}}));
    QVERIFY(!fitAmdahl({{1.0, 0.98}, {1.0, 1.03}}));
}

void TestAmdahl::ignoresInvalidPoints()
{
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const double inf = std::numeric_limits<double>::infinity();
    std::vector<SpeedupPoint> points = lawPoints(0.2, 6);
    points.push_back({0.0, 3.0});
    points.push_back({3.0, nan});
    points.push_back({nan, 2.0});
    points.push_back({4.0, inf});
    points.push_back({5.0, -1.0});
    points.push_back({2.0, 0.0});
    const auto fit = fitAmdahl(points);
    QVERIFY(fit);
    QCOMPARE(fit->pointsUsed, 6);
    QVERIFY(std::abs(fit->serialFraction - 0.2) < 1e-9);
    QVERIFY(!fitAmdahl({{3.0, nan}, {0.5, 2.0}}));
}

void TestAmdahl::noisyPoints()
{
    // Measurements on a shared machine: each speedup off by up to ±4%, from a fixed generator so
    // the test is the same every time.
    std::uint32_t state = 12345;
    auto noise = [&state] {
        state = state * 1664525u + 1013904223u;
        return (double(state >> 8) / double(1u << 24) - 0.5) * 0.08;
    };
    for (const double s : {0.05, 0.1, 0.3, 0.7}) {
        std::vector<SpeedupPoint> points;
        for (int n = 1; n <= 16; ++n)
            points.push_back({double(n), amdahlSpeedup(s, n) * (1.0 + noise())});
        const auto fit = fitAmdahl(points);
        QVERIFY(fit);
        QVERIFY2(std::abs(fit->serialFraction - s) < 0.02 * std::max(1.0, s * 2),
            qPrintable(QStringLiteral("s %1 fitted %2").arg(s).arg(fit->serialFraction)));
        QVERIFY(fit->rmsError > 0.0);
        // The error is of the size of the scatter, and the true s lies within a few of it.
        QVERIFY(fit->isDetermined());
        QVERIFY2(*fit->serialFractionError > 0.0 && *fit->serialFractionError < 0.05,
            qPrintable(QString::number(*fit->serialFractionError)));
        QVERIFY2(std::abs(fit->serialFraction - s) <= 4.0 * *fit->serialFractionError + 1e-3,
            qPrintable(
                QStringLiteral("s %1 fitted %2 ± %3").arg(s).arg(fit->serialFraction).arg(*fit->serialFractionError)));
        // The fit is the least-squares one: nudging s either way fits the points worse.
        auto squares = [&points](double candidate) {
            double sum = 0.0;
            for (const SpeedupPoint &p : points)
                sum += std::pow(p.speedup - amdahlSpeedup(candidate, p.workers), 2);
            return sum;
        };
        const double best = squares(fit->serialFraction);
        QVERIFY(best <= squares(fit->serialFraction + 1e-4));
        QVERIFY(best <= squares(std::max(0.0, fit->serialFraction - 1e-4)));
    }
}

QTEST_GUILESS_MAIN(TestAmdahl)
#include "tst_amdahl.moc"
